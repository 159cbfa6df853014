import { stringify } from 'yaml';
import { ValueError } from '../model/errors';
import { shellQuote } from '../render/node/shell';

/** Where the measuring script is installed in the guest. */
export const PERF_SCRIPT_PATH = '/usr/local/sbin/vhost-user-k8s-perf';

/** The systemd unit the script runs in, for `systemctl status` inside the guest. */
export const PERF_UNIT = 'vhost-user-k8s-perf';

/** The Debian/Ubuntu packages the script needs. */
export const PERF_PACKAGES: readonly string[] = ['qperf', 'iperf3'];

/** What the guest's cloud-config installs and runs. */
export interface PerfCloudConfigOptions {
  /** The measuring script, from `renderPerfScript`. */
  readonly script: string;

  /**
   * The device the results are written to. Virtink starts Cloud Hypervisor
   * with the serial port in `Tty` mode, so the guest's `ttyS0` is the
   * `cloud-hypervisor` container's output: what `kubectl logs` shows.
   *
   * @default '/dev/ttyS0'
   */
  readonly consoleDevice?: string;

  /**
   * A copy of the output inside the guest, for whoever logs in.
   *
   * @default '/var/log/vhost-user-k8s-perf.log'
   */
  readonly logFile?: string;
}

/**
 * The cloud-config of one kit VM, as a document: install qperf and iperf3,
 * write the script, keep kernel messages off the console (`dmesg -n 1`, so
 * that they cannot land inside a result), and start the script as a transient
 * systemd unit whose output goes to the serial console and to a log file.
 *
 * Why the console and not an HTTP endpoint: the console reaches the user
 * through `kubectl logs` with no port, Service or route into the guest, the
 * same way for all three interface types (a masquerade VM sits behind NAT, and
 * `kubectl port-forward` ends in the pod's network namespace, not in a
 * bridge-bound guest), and nothing has to keep running after the run.
 *
 * Why a systemd unit and not a `runcmd` in the foreground: the server serves
 * for hours and the client waits for its server, and cloud-init's final stage
 * should not hang on either; `systemctl stop vhost-user-k8s-perf` ends every
 * process of the unit.
 *
 * @throws ValueError for a device or log file that is not a plain absolute path
 */
export function perfCloudConfig(options: PerfCloudConfigOptions): Record<string, unknown> {
  const device = absolutePath('consoleDevice', options.consoleDevice ?? '/dev/ttyS0');
  const logFile = absolutePath('logFile', options.logFile ?? '/var/log/vhost-user-k8s-perf.log');
  const launch = `set -o pipefail; ${PERF_SCRIPT_PATH} 2>&1 | tee -a ${shellQuote(logFile)}`
    + ` > ${shellQuote(device)}`;
  return {
    package_update: true,
    packages: [...PERF_PACKAGES],
    write_files: [{
      path: PERF_SCRIPT_PATH,
      owner: 'root:root',
      permissions: '0755',
      content: options.script,
    }],
    runcmd: [
      'dmesg -n 1',
      `systemd-run --unit=${PERF_UNIT} --collect -- /bin/bash -c ${shellQuote(launch)}`,
    ],
  };
}

/**
 * The same cloud-config as YAML without the `#cloud-config` line: what
 * `VmSpec.cloudInit.extraUserData` takes, merged after the VM's SSH keys.
 */
export function renderPerfExtraUserData(options: PerfCloudConfigOptions): string {
  return stringify(perfCloudConfig(options), { lineWidth: 0 });
}

/** The same cloud-config as a whole user-data document. */
export function renderPerfUserData(options: PerfCloudConfigOptions): string {
  return `#cloud-config\n${renderPerfExtraUserData(options)}`;
}

function absolutePath(option: string, value: string): string {
  if (!/^(\/[A-Za-z0-9._+-]+)+$/.test(value) || /\/\.\.?(\/|$)/.test(value)) {
    throw new ValueError(option, value,
      'it must be an absolute path of letters, digits, ".", "_", "+", "-" and "/"',
      'Give a plain path such as /dev/ttyS0.');
  }
  return value;
}
