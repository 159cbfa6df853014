import { Cidr, IpAddress } from '../model/ip';
import { MacAddress } from '../model/mac';
import { NetworkPath, NetworkSpec, SubnetSpec } from '../spec';

/** A network and its CNI configuration. */
export interface NetworkPlan {
  /** The network as written. */
  readonly spec: NetworkSpec;
  /** Index of the network in `spec.networks`, for diagnostic paths. */
  readonly index: number;
  /** NAD name. */
  readonly name: string;
  /** NAD namespace. */
  readonly namespace: string;
  /** The CNI plugin that wires the vhost-user port. */
  readonly path: NetworkPath;
  /** The CNI configuration; the NAD's `spec.config` is its JSON. */
  readonly cniConfig: CniConfig;
  /** Kube-OVN: the provider `<nad>.<namespace>.ovn` tying NAD, subnet and annotations. */
  readonly provider?: string;
  /** Userspace CNI: the OVS bridge of the host side. */
  readonly bridge?: string;
  /** Address range for static guest addresses, when the network has one and no DHCP. */
  readonly staticRange?: StaticRange;
  /** Whether a DHCP subnet serves the network. */
  readonly dhcp: boolean;
}

/** The range static guest addresses are allocated from. */
export interface StaticRange {
  /** The network's `cidr`. */
  readonly cidr: Cidr;
  /** Gateway handed to guests, when the network has one. */
  readonly gateway?: IpAddress;
}

/** The CNI configuration of a NAD, by plugin. */
export type CniConfig = KubeOvnCniConfig | UserspaceCniConfig;

/**
 * CNI configuration of a Kube-OVN vhost-user network.
 *
 * @see https://kubeovn.github.io/docs/stable/en/advance/dpdk/
 */
export interface KubeOvnCniConfig {
  readonly cniVersion: string;
  readonly type: 'kube-ovn';
  /** kube-ovn-cni's REST socket; required by the plugin. */
  readonly server_socket: string;
  /** `<nad>.<namespace>.ovn`; a Subnet with the same provider must exist. */
  readonly provider: string;
  /** The pod's emptyDir the vhost-user socket is created in. */
  readonly vhost_user_socket_volume_name: string;
  /** File name of the socket inside that volume. */
  readonly vhost_user_socket_name: string;
  readonly [key: string]: unknown;
}

/**
 * CNI configuration of a Userspace CNI vhost-user network: OVS is the
 * vhost-user client, the VM (Cloud Hypervisor) the server.
 *
 * @see https://github.com/intel/userspace-cni-network-plugin
 */
export interface UserspaceCniConfig {
  readonly cniVersion: string;
  readonly type: 'userspace';
  readonly name: string;
  /** Needed for the `userspace/configuration-data` annotation Virtink reads. */
  readonly kubeconfig: string;
  readonly logFile: string;
  readonly logLevel: string;
  readonly host: UserspaceSideConfig & { readonly bridge: { readonly bridgeName: string } };
  readonly container: UserspaceSideConfig;
  readonly [key: string]: unknown;
}

/** One side (`host` or `container`) of a Userspace CNI configuration. */
export interface UserspaceSideConfig {
  readonly engine: 'ovs-dpdk';
  readonly iftype: 'vhostuser';
  readonly netType: 'bridge' | 'interface';
  readonly vhost: { readonly mode: 'client' | 'server' };
}

/** A Kube-OVN Subnet serving DHCP to the vhost-user NICs of one network. */
export interface SubnetPlan {
  /** The subnet as written. */
  readonly spec: SubnetSpec;
  /** Index of the subnet in `spec.subnets`, for diagnostic paths. */
  readonly index: number;
  /** Subnet name (cluster-scoped). */
  readonly name: string;
  /** The network (NAD) it serves, in its namespace. */
  readonly network: { readonly name: string; readonly namespace: string };
  /** The NAD's provider, `<nad>.<namespace>.ovn`. */
  readonly provider: string;
  /** `cidrBlock`, in canonical form. */
  readonly cidr: string;
  /** Gateway, the first host of the range unless given. */
  readonly gateway: IpAddress;
  /** `excludeIps` as Kube-OVN would store them: given entries, gateway and DHCP server. */
  readonly excludeIps: string[];
  /** The DHCPv4 options, typed. */
  readonly dhcp: DhcpV4Options;
  /** `dhcpV4Options`, built from `dhcp`. */
  readonly dhcpV4Options: string;
  /**
   * Always empty: Kube-OVN binds the pod network of every listed namespace to
   * the subnet, whatever its provider (`pkg/controller/namespace.go`), which
   * would move that namespace's pods onto the vhost-user switch.
   */
  readonly namespaces: string[];
  /** MTU handed to guests; undefined leaves Kube-OVN's overlay default. */
  readonly mtu?: number;
  /** SNAT traffic leaving the cluster. */
  readonly natOutgoing: boolean;
}

/** DHCPv4 options of a subnet, every one resolved. */
export interface DhcpV4Options {
  readonly serverId: IpAddress;
  readonly serverMac: MacAddress;
  /** Seconds. */
  readonly leaseTime: number;
  readonly router: IpAddress;
  readonly dnsServers: IpAddress[];
}
