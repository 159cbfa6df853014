// The host side of the Userspace CNI's ADD for an OVS-DPDK vhost-user interface,
// replayed against a sandboxed Open vSwitch: the same ovs-vsctl calls, in the same
// order, with the same arguments, as intel/userspace-cni-network-plugin at
// ab5409c0 (cniovs/cniovs.go `AddOnHost`, cniovs/ovsctrl.go). Only the file system
// is re-rooted into the sandbox, and ovs-vsctl finds the sandbox database through
// OVS_RUNDIR, where the plugin uses the host's default one.
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { OvsSandbox } from './ovs-sandbox';
import { runCommand } from './processes';
import { UserspaceCniConfig } from '../../src/plan/types';

/** What {@link addUserspaceCniPort} is given: one interface of one pod. */
export interface UserspaceCniAddOptions {
  /** The NAD's CNI configuration, as the plugin reads it (the NAD's `spec.config`). */
  readonly config: UserspaceCniConfig;
  /** The pod's container ID (CNI_CONTAINERID); the plugin uses its first 12 characters. */
  readonly containerId: string;
  /** The interface name Multus passes (CNI_IFNAME), `net<i>` for a Virtink VM. */
  readonly ifName: string;
  /**
   * The socket path on the host, `<id>` standing for the first 12 characters of the
   * container ID (the library's `VmInterfacePlan.socketPath`).
   */
  readonly socketPathTemplate: string;
}

/** The port the plugin added, and where its socket lives. */
export interface UserspaceCniPort {
  /** The OVS port and interface name: the socket's file name, `<id>-<ifName>`. */
  readonly port: string;
  /** The socket path on the node, as the plugin and Virtink see it. */
  readonly hostPath: string;
  /** The same path re-rooted into the sandbox: `options:vhost-server-path`. */
  readonly socketPath: string;
  /** The OVS port's MAC, which the plugin reads back (`find port name=<port>`). */
  readonly mac: string;
}

// Upstream cniovs/ovsctrl.go runs a bare "ovs-vsctl": no --timeout, no --db.
const VSCTL = 'ovs-vsctl';

/**
 * Adds a vhost-user port to a sandboxed OVS the way the Userspace CNI does for a pod
 * (host `vhost.mode` `client`: a `dpdkvhostuserclient` port, the VM being the server).
 *
 * The plugin creates the bridge itself (`add-br`, then `ovs-ofctl add-flow <br>
 * actions=NORMAL`) when it finds none. That would hide whether the bridge the
 * node bootstrap made forwards, so this helper fails instead.
 */
export async function addUserspaceCniPort(
  ovs: OvsSandbox, options: UserspaceCniAddOptions,
): Promise<UserspaceCniPort> {
  const { config, containerId, ifName } = options;
  const bridge = config.host.bridge?.bridgeName || 'br0'; // cniovs.go: defaultBridge
  if (config.host.iftype !== 'vhostuser' || config.host.vhost?.mode !== 'client') {
    throw new Error('addUserspaceCniPort replays host iftype vhostuser with vhost.mode ' +
      `client only; the NAD has ${JSON.stringify(config.host)}`);
  }

  const found = await runCommand(VSCTL,
    ['--bare', '--columns=name', 'find', 'bridge', `name=${bridge}`], { env: ovs.env });
  if (found.trim() === '') {
    throw new Error(`bridge ${bridge} does not exist when the Userspace CNI adds port ` +
      `${ifName}: the plugin would create it with actions=NORMAL itself, so the node ` +
      'bootstrap must have created it');
  }

  // userspace/cni/cni.go GetPodAndSharedDir: no `shared-dir` volume (Virtink's pod has
  // none) and no sharedDir, so /usr/local/var/run/openvswitch/<id>/; the socket file is
  // <id>-<ifName> (cniovs.go addLocalDeviceVhost), and names the OVS port too.
  const id = containerId.slice(0, 12);
  const hostPath = options.socketPathTemplate.replace(/<id>/g, id);
  const port = `${id}-${ifName}`;
  if (!hostPath.endsWith(`/${port}`)) {
    throw new Error(`socket path ${hostPath} does not end in the plugin's socket file ` +
      `name ${port}`);
  }
  const socketPath = ovs.socketPath(hostPath);
  mkdirSync(dirname(socketPath), { recursive: true, mode: 0o750 });

  await runCommand(VSCTL, ['add-port', bridge, port, '--', 'set', 'Interface', port,
    'type=dpdkvhostuserclient', `options:vhost-server-path=${socketPath}`],
  { env: ovs.env });
  const mac = await runCommand(VSCTL, ['--bare', '--columns=mac', 'find', 'port',
    `name=${port}`], { env: ovs.env });
  return { port, hostPath, socketPath, mac: mac.replace(/\n/g, '') };
}
