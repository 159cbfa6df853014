import { Findings } from '../diagnostics/findings';
import {
  checkCniVersion, checkKubeOvnNetwork, checkNetworkPath, checkUserspaceBridge,
  readStaticRange,
} from '../diagnostics/rules/network';
import { NetworkPath, NetworkSpec, SubnetSpec, UserspaceCniSpec } from '../spec';
import {
  DEFAULT_NAMESPACE, DEFAULT_USERSPACE_KUBECONFIG, DEFAULT_USERSPACE_LOG_LEVEL,
} from './defaults';
import { DEFAULT_USERSPACE_BRIDGE } from './ovs';
import { KubeOvnCniConfig, NetworkPlan, UserspaceCniConfig } from './types';

/** kube-ovn-cni's REST socket on every node. */
export const KUBE_OVN_SERVER_SOCKET = '/run/openvswitch/kube-ovn-daemon.sock';

/**
 * The emptyDir Virtink mounts for the Kube-OVN socket, and the socket's file
 * name in it. kube-ovn-cni bind-mounts the volume under
 * `/run/openvswitch/vhost_sockets/<pod UID>/`, which leaves 34 characters of
 * the 107-byte socket path limit to the two names together: these take 21.
 */
export const KUBE_OVN_SOCKET_VOLUME = 'vhostuser-sockets';
/** See {@link KUBE_OVN_SOCKET_VOLUME}. */
export const KUBE_OVN_SOCKET_NAME = 'sock';

/** What network planning needs from the rest of the cluster. */
export interface NetworkContext {
  /** The path the cluster enables. */
  readonly path: NetworkPath;
  /** Cluster-wide Userspace CNI settings, on that path. */
  readonly userspaceCni?: UserspaceCniSpec;
  /** The planned node pools and the OVS bridge each sets up. */
  readonly pools: ReadonlyArray<{ readonly name: string; readonly bridge?: string }>;
  /** The subnets of the cluster, to tell which networks DHCP serves. */
  readonly subnets: readonly SubnetSpec[];
}

/**
 * Plans every network: its namespace, CNI configuration and static range,
 * with the rules of its path. A network is planned even with errors, so that
 * VMs referring to it are checked too.
 */
export function planNetworks(
  networks: readonly NetworkSpec[], context: NetworkContext, findings: Findings,
): NetworkPlan[] {
  return networks.map((network, index) => planNetwork(network, index, context, findings));
}

function planNetwork(
  spec: NetworkSpec, index: number, context: NetworkContext, findings: Findings,
): NetworkPlan {
  const namespace = spec.namespace ?? DEFAULT_NAMESPACE;
  const base = { spec, index, name: spec.name, namespace, path: context.path };
  checkNetworkPath(spec, index, context.path, findings);
  if (spec.cniVersion !== undefined) {
    checkCniVersion(spec.cniVersion, `networks[${index}].cniVersion`, findings);
  }

  if (context.path === 'kube-ovn') {
    const dhcp = context.subnets.some((subnet) => subnet.network === spec.name);
    checkKubeOvnNetwork(spec, index, namespace, dhcp, findings);
    const provider = kubeOvnProvider(spec.name, namespace);
    return { ...base, provider, dhcp, cniConfig: kubeOvnCniConfig(spec, provider) };
  }

  const bridge = spec.bridge ?? context.userspaceCni?.bridge ?? DEFAULT_USERSPACE_BRIDGE;
  checkUserspaceBridge(bridge, index, context.pools, findings);
  const staticRange = readStaticRange(spec, index, findings);
  return {
    ...base,
    bridge,
    dhcp: false,
    ...(staticRange && { staticRange }),
    cniConfig: userspaceCniConfig(spec, bridge, context.userspaceCni ?? {}),
  };
}

/**
 * The Kube-OVN provider of a NAD, `<nad>.<namespace>.ovn`: the controller
 * computes it for every attachment of CNI type `kube-ovn`, and reads and
 * writes the pod annotations `<provider>.kubernetes.io/*` with it.
 */
export function kubeOvnProvider(name: string, namespace: string): string {
  return `${name}.${namespace}.ovn`;
}

/**
 * The CNI configuration of a Kube-OVN vhost-user NAD, as the manual guide
 * writes it: a non-empty `vhost_user_socket_volume_name` is what selects
 * kube-ovn-cni's DPDK path.
 */
export function kubeOvnCniConfig(spec: NetworkSpec, provider: string): KubeOvnCniConfig {
  return {
    cniVersion: spec.cniVersion ?? '0.3.0',
    type: 'kube-ovn',
    server_socket: KUBE_OVN_SERVER_SOCKET,
    provider,
    vhost_user_socket_volume_name: KUBE_OVN_SOCKET_VOLUME,
    vhost_user_socket_name: KUBE_OVN_SOCKET_NAME,
  };
}

/**
 * The CNI configuration of a Userspace CNI vhost-user NAD: OVS-DPDK on both
 * sides, OVS as the vhost-user client on the host (`dpdkvhostuserclient`, the
 * port type OVS has not deprecated) and the VM as the server, which is the
 * only mode Cloud Hypervisor runs under Virtink.
 */
export function userspaceCniConfig(
  spec: NetworkSpec, bridge: string, userspace: UserspaceCniSpec,
): UserspaceCniConfig {
  return {
    cniVersion: spec.cniVersion ?? '0.3.1',
    type: 'userspace',
    name: spec.name,
    kubeconfig: userspace.kubeconfig ?? DEFAULT_USERSPACE_KUBECONFIG,
    logFile: userspace.logFile ?? `/var/log/userspace-cni-${spec.name}.log`,
    logLevel: userspace.logLevel ?? DEFAULT_USERSPACE_LOG_LEVEL,
    host: {
      engine: 'ovs-dpdk',
      iftype: 'vhostuser',
      netType: 'bridge',
      vhost: { mode: 'client' },
      bridge: { bridgeName: bridge },
    },
    container: {
      engine: 'ovs-dpdk',
      iftype: 'vhostuser',
      netType: 'interface',
      vhost: { mode: 'server' },
    },
  };
}
