// A fake node for running the generated node scripts for real without touching
// the machine: a root folder with the sysfs, procfs, GRUB and kubelet files the
// scripts read (VHOST_USER_ROOT), and small stand-ins for the commands they run
// (UNAME, SYSTEMCTL, UPDATE_GRUB, DRIVERCTL, MODPROBE, KUBECTL) that record calls.
import { execFileSync, spawnSync } from 'node:child_process';
import {
  chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { OutputFile } from '../../src/render/types';

/** The GRUB defaults the fake node starts with: a user's arguments and a 2M pair. */
export const FAKE_GRUB = [
  '# If you change this file, run \'update-grub\' afterwards.',
  'GRUB_DEFAULT=0',
  'GRUB_TIMEOUT=5',
  'GRUB_CMDLINE_LINUX_DEFAULT="quiet"',
  'GRUB_CMDLINE_LINUX="console=ttyS0,115200 hugepagesz=2M hugepages=512 mitigations=auto"',
  '',
].join('\n');

/** The kubelet configuration the fake node starts with: keys its user set. */
export const FAKE_KUBELET_CONFIG = [
  'apiVersion: kubelet.config.k8s.io/v1beta1',
  'kind: KubeletConfiguration',
  'clusterDNS:',
  '- 10.96.0.10',
  'maxPods: 150',
  'evictionHard:',
  '  nodefs.available: 5%',
  'authentication:',
  '  webhook:',
  '    enabled: true',
  '',
].join('\n');

/** Options of {@link FakeNode.create}. */
export interface FakeNodeOptions {
  /** CPU list of each NUMA node, in node order. */
  readonly numaCpus: string[];
  /** The NIC's PCI address. @default '0000:af:00.0' */
  readonly nic?: string;
  /** NUMA node of the NIC. @default 1 */
  readonly nicNumaNode?: number;
  /** Kernel driver the NIC is bound to. @default 'ixgbe' */
  readonly nicDriver?: string;
  /** `uname -m`. @default 'x86_64' */
  readonly arch?: string;
  /** `uname -r`. @default '6.1.0-18-amd64' */
  readonly kernel?: string;
  /** `uname -n`. @default 'worker-1' */
  readonly nodeName?: string;
  /** Whether the IOMMU is on (sysfs has IOMMU groups). @default true */
  readonly iommu?: boolean;
  /** Install the kubectl stand-in. @default false - no kubectl on the node */
  readonly kubectl?: boolean;
}

/** The result of running a script. */
export interface ScriptRun {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** A fake root and fake commands in a temporary folder. */
export class FakeNode {
  /** Builds the fake node. Call {@link remove} when done. */
  public static create(options: FakeNodeOptions): FakeNode {
    const node = new FakeNode(mkdtempSync(join(tmpdir(), 'fake-node-')), options);
    node.build();
    return node;
  }

  /** The fake root (VHOST_USER_ROOT). */
  public readonly root: string;
  /** The folder of the command stand-ins. */
  public readonly bin: string;
  /** Where the stand-ins record calls and state. */
  public readonly state: string;
  /** The output folder the node files are written to. */
  public readonly out: string;

  private constructor(public readonly dir: string, private readonly options: FakeNodeOptions) {
    this.root = join(dir, 'root');
    this.bin = join(dir, 'bin');
    this.state = join(dir, 'state');
    this.out = join(dir, 'out');
  }

  /** PCI address of the NIC. */
  public get nic(): string {
    return this.options.nic ?? '0000:af:00.0';
  }

  /** The environment that points a node script at this fake node. */
  public env(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
    const cmd = (name: string): string => join(this.bin, name);
    return {
      ...process.env,
      VHOST_USER_ROOT: this.root,
      UNAME: cmd('uname'),
      SYSTEMCTL: cmd('systemctl'),
      UPDATE_GRUB: cmd('update-grub'),
      DRIVERCTL: cmd('driverctl'),
      MODPROBE: cmd('modprobe'),
      KUBECTL: this.options.kubectl ? cmd('kubectl') : join(this.dir, 'no-kubectl'),
      FAKE_STATE: this.state,
      ...extra,
    };
  }

  /** Writes rendered files into {@link out}, keeping their executable bit. */
  public writeFiles(files: readonly OutputFile[]): void {
    for (const file of files) {
      const path = join(this.out, file.path);
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, file.content);
      chmodSync(path, file.executable ? 0o755 : 0o644);
    }
  }

  /** Runs a script of the output folder with bash. */
  public run(script: string, args: string[] = [], env: NodeJS.ProcessEnv = {}): ScriptRun {
    const result = spawnSync('bash', [join(this.out, script), ...args],
      { env: this.env(env), encoding: 'utf8', timeout: 120_000 });
    return { status: result.status, stdout: result.stdout, stderr: result.stderr };
  }

  /**
   * Sources a script of the output folder and runs `commands` after it, in one
   * bash: for calling its functions one by one.
   */
  public source(script: string, commands: string, env: NodeJS.ProcessEnv = {}): ScriptRun {
    const result = spawnSync('bash', ['-c', `source "$1"\n${commands}`, 'bash',
      join(this.out, script)], { env: this.env(env), encoding: 'utf8', timeout: 60_000 });
    return { status: result.status, stdout: result.stdout, stderr: result.stderr };
  }

  /** A file under the fake root. */
  public path(absolute: string): string {
    return join(this.root, absolute);
  }

  /** Reads a file under the fake root. */
  public read(absolute: string): string {
    return readFileSync(this.path(absolute), 'utf8');
  }

  /** Writes a file under the fake root. */
  public write(absolute: string, content: string): void {
    mkdirSync(dirname(this.path(absolute)), { recursive: true });
    writeFileSync(this.path(absolute), content);
  }

  /** Whether a path exists under the fake root. */
  public exists(absolute: string): boolean {
    return existsSync(this.path(absolute));
  }

  /** The commands the stand-ins were called with, one line each. */
  public calls(): string[] {
    const log = join(this.state, 'calls.log');
    return existsSync(log)
      ? readFileSync(log, 'utf8').trimEnd().split('\n').map((line) => line.trimEnd())
      : [];
  }

  /** What a reboot shows: the kernel runs with the command line GRUB now holds. */
  public reboot(): void {
    const cmdline = /^GRUB_CMDLINE_LINUX="(.*)"$/m.exec(this.read('/etc/default/grub'))?.[1] ?? '';
    this.write('/proc/cmdline', `BOOT_IMAGE=/vmlinuz root=/dev/sda1 ro ${cmdline} quiet\n`);
  }

  /** Sets the hugepage capacity the kubectl stand-in reports for the node. */
  public setCapacity(resource: string, quantity: string): void {
    writeFileSync(join(this.state, `capacity-${resource}`), quantity);
  }

  /** Removes the whole folder. */
  public remove(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }

  private build(): void {
    for (const dir of [this.root, this.bin, this.state, this.out]) mkdirSync(dir, { recursive: true });
    const cpus = this.options.numaCpus;
    this.write('/sys/devices/system/cpu/online', `${onlineList(cpus)}\n`);
    cpus.forEach((list, node) => {
      const base = `/sys/devices/system/node/node${node}`;
      this.write(`${base}/cpulist`, `${list}\n`);
      this.write(`${base}/meminfo`, `Node ${node} MemTotal:       16777216 kB\n` +
        `Node ${node} MemFree:        15000000 kB\n`);
      for (const kib of [2048, 1048576]) {
        this.write(`${base}/hugepages/hugepages-${kib}kB/nr_hugepages`, '0\n');
      }
    });
    for (const kib of [2048, 1048576]) {
      mkdirSync(this.path(`/sys/kernel/mm/hugepages/hugepages-${kib}kB`), { recursive: true });
    }
    mkdirSync(this.path('/sys/kernel/iommu_groups'), { recursive: true });
    if (this.options.iommu ?? true) {
      mkdirSync(this.path('/sys/kernel/iommu_groups/7/devices'), { recursive: true });
    }
    this.buildNic();
    this.write('/proc/cpuinfo', 'processor\t: 0\nvendor_id\t: GenuineIntel\n' +
      'flags\t\t: fpu vme sse sse2 ssse3 sse4_1 sse4_2 popcnt pdpe1gb avx avx2\n\n');
    this.write('/proc/cmdline', 'BOOT_IMAGE=/vmlinuz root=/dev/sda1 ro quiet\n');
    this.write('/etc/default/grub', FAKE_GRUB);
    this.write('/var/lib/kubelet/config.yaml', FAKE_KUBELET_CONFIG);
    this.writeCommands();
  }

  private buildNic(): void {
    const dev = `/sys/bus/pci/devices/${this.nic}`;
    const driver = this.options.nicDriver ?? 'ixgbe';
    for (const d of [driver, 'vfio-pci']) {
      mkdirSync(this.path(`/sys/bus/pci/drivers/${d}`), { recursive: true });
    }
    this.write('/sys/bus/pci/drivers_probe', '');
    this.write(`${dev}/numa_node`, `${this.options.nicNumaNode ?? 1}\n`);
    this.write(`${dev}/driver_override`, '(null)\n');
    this.write(`${dev}/net/ens1f0/operstate`, 'down\n');
    symlinkSync(`../../drivers/${driver}`, this.path(`${dev}/driver`));
    if (this.options.iommu ?? true) {
      symlinkSync('../../../../kernel/iommu_groups/7', this.path(`${dev}/iommu_group`));
    }
  }

  private writeCommands(): void {
    const log = 'printf \'%s\\n\' "${0##*/} $*" >>"$FAKE_STATE/calls.log"';
    const uname = this.options;
    const commands: Record<string, string> = {
      'uname': `case $1 in -m) echo ${uname.arch ?? 'x86_64'} ;; -r) echo ${uname.kernel ?? '6.1.0-18-amd64'} ;;
  -n) echo ${uname.nodeName ?? 'worker-1'} ;; *) echo Linux ;; esac`,
      'update-grub': `${log}`,
      'modprobe': `${log}`,
      'systemctl': `${log}
case $1 in
  is-enabled) [[ -e $FAKE_STATE/enabled-$2 ]] && echo enabled || { echo disabled; exit 1; } ;;
  enable) touch "$FAKE_STATE/enabled-$2" ;;
  start | restart)
    # A started kubelet reports the hugepages sysfs holds at that moment.
    if [[ $2 == kubelet ]]; then
      for kib in 2048 1048576; do
        total=0
        for f in "$VHOST_USER_ROOT"/sys/devices/system/node/node*/hugepages/hugepages-\${kib}kB/nr_hugepages; do
          total=$((total + $(<"$f")))
        done
        if ((kib == 2048)); then r=2Mi q=$((total * 2))Mi; else r=1Gi q=\${total}Gi; fi
        echo "$q" >"$FAKE_STATE/capacity-hugepages-$r"
      done
    fi ;;
esac`,
      'driverctl': `${log}
case $1 in
  set-override)
    ln -sfn ../../drivers/$3 "$VHOST_USER_ROOT/sys/bus/pci/devices/$2/driver"
    echo "$2 $3" >>"$FAKE_STATE/overrides" ;;
  list-overrides) cat "$FAKE_STATE/overrides" 2>/dev/null || true ;;
esac`,
      'kubectl': `${log}
node=$3
case "$1 $2" in
  "get node")
    case $5 in
      name) echo "node/$node" ;;
      *capacity.hugepages-*) r=\${5#*capacity.}; r=\${r%\\}}; cat "$FAKE_STATE/capacity-$r" 2>/dev/null || echo 0 ;;
      *labels*) cat "$FAKE_STATE/label" 2>/dev/null || true ;;
    esac ;;
  "label node") echo "\${4#*=}" >"$FAKE_STATE/label" ;;
esac`,
    };
    for (const [name, body] of Object.entries(commands)) {
      const file = join(this.bin, name);
      writeFileSync(file, `#!/usr/bin/env bash\nset -eu\n${body}\n`);
      chmodSync(file, 0o755);
    }
  }
}

/** The online CPU list of the machine, as the kernel prints it. */
function onlineList(numaCpus: string[]): string {
  const cpus = numaCpus.flatMap(expand).sort((a, b) => a - b);
  const out: string[] = [];
  let start = 0;
  for (let i = 1; i <= cpus.length; i++) {
    if (i === cpus.length || cpus[i] !== cpus[i - 1] + 1) {
      out.push(start === i - 1 ? `${cpus[start]}` : `${cpus[start]}-${cpus[i - 1]}`);
      start = i;
    }
  }
  return out.join(',');
}

function expand(list: string): number[] {
  return list.split(',').flatMap((part) => {
    const [a, b] = part.split('-').map(Number);
    return Array.from({ length: (b ?? a) - a + 1 }, (_, i) => a + i);
  });
}

/** Runs shellcheck on a file and returns its report ('' when clean). */
export function shellcheck(file: string): string {
  try {
    execFileSync('shellcheck', ['--norc', file], { encoding: 'utf8' });
    return '';
  } catch (e) {
    return (e as { stdout?: string }).stdout ?? String(e);
  }
}
