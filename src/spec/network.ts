/** The two ways a vhost-user NIC reaches OVS-DPDK. */
export type NetworkPath = 'kube-ovn' | 'userspace';

/**
 * A Multus network that carries vhost-user NICs: one
 * NetworkAttachmentDefinition (`VhostUserNetwork`).
 */
export interface NetworkSpec {
  /** NAD name, a DNS-1123 label. Kube-OVN: Virtink requires `ovn-dpdk`. */
  readonly name: string;

  /**
   * Namespace of the NAD; VMs attach only to NADs of their own namespace.
   *
   * @default 'default'
   */
  readonly namespace?: string;

  /**
   * Which CNI plugin wires the vhost-user port.
   *
   * @default - the only path the cluster enables
   */
  readonly path?: NetworkPath;

  /**
   * Address range of the network. With no DHCP on the network, VMs get
   * unique, stable addresses from it through cloud-init `networkData`.
   *
   * @default - none: addresses are configured inside the guests
   */
  readonly cidr?: string;

  /**
   * Gateway of guests with static addresses: their default route goes
   * through it, on the first such NIC of a VM, but only on VMs without the
   * pod network, which then owns the default route.
   *
   * @default - none: no route is configured
   */
  readonly gateway?: string;

  /**
   * `cniVersion` of the CNI configuration.
   *
   * @default - '0.3.0' for Kube-OVN, '0.3.1' for Userspace CNI
   */
  readonly cniVersion?: string;

  /**
   * Userspace CNI only: OVS bridge of the host side.
   *
   * @default - the Userspace CNI bridge (`br-int`)
   */
  readonly bridge?: string;
}

/** The Kube-OVN OVS-DPDK path (`KubeOvnDpdk`). */
export interface KubeOvnSpec {
  /**
   * Kube-OVN release. v1.10.x is what the manual guide uses; v1.15 and v1.16
   * are the current line. Output and rules follow the version.
   *
   * @default 'v1.16.2'
   */
  readonly version?: string;

  /**
   * Tunnel type of the overlay (`TUNNEL_TYPE`).
   *
   * @default 'geneve'
   */
  readonly tunnelType?: 'geneve' | 'vxlan' | 'stt';

  /**
   * Namespace of the Kube-OVN DaemonSets.
   *
   * @default 'kube-system'
   */
  readonly namespace?: string;

  /**
   * `BOND_TYPE` of `ovs-dpdk-config` when a node has several NICs.
   *
   * @default '' (no bond: only the first NIC is used)
   */
  readonly bondType?: '' | 'active-backup' | 'balance-slb' | 'lacp';

  /**
   * `VLAN_TAG` of the `br-phy` internal port; 0 means untagged.
   *
   * @default 0
   */
  readonly vlanTag?: number;

  /**
   * Ignored, and `true` is warned about (HUGE009): on Kube-OVN, OVS runs in the
   * `ovs-ovn-dpdk` pod, whose own hugepages request the kubelet counts, so no
   * placeholder pod is written; one would book the same pages twice. Kept so
   * that older specs still load; placeholder pods are for the Userspace CNI
   * path only.
   *
   * @default - no placeholder pods
   */
  readonly hugepagePlaceholders?: boolean;
}

/** The Userspace CNI path on an OVS-DPDK `netdev` bridge (`UserspaceCni`). */
export interface UserspaceCniSpec {
  /**
   * OVS bridge the vhost-user ports are added to.
   *
   * @default 'br-int'
   */
  readonly bridge?: string;

  /**
   * Kubeconfig the plugin uses to write the `userspace/configuration-data`
   * annotation that Virtink reads. Required in practice.
   *
   * @default '/etc/cni/net.d/multus.d/multus.kubeconfig'
   */
  readonly kubeconfig?: string;

  /**
   * Log file of the plugin on the node.
   *
   * @default - '/var/log/userspace-cni-<network>.log'
   */
  readonly logFile?: string;

  /**
   * Log level of the plugin.
   *
   * @default 'info'
   */
  readonly logLevel?: 'panic' | 'error' | 'warning' | 'info' | 'debug' | 'verbose';

  /**
   * Emit Guaranteed placeholder pods that hold, in the kubelet's books, the
   * hugepages OVS-DPDK takes on the host outside Kubernetes, so that the
   * kubelet does not hand them to VMs.
   *
   * @default true
   */
  readonly hugepagePlaceholders?: boolean;
}

/** A Kube-OVN Subnet that serves DHCP to vhost-user VMs (`DhcpSubnet`). */
export interface SubnetSpec {
  /** Subnet name (cluster-scoped); must not start with a digit. */
  readonly name: string;

  /** Name of the Kube-OVN network (NAD) the subnet serves. */
  readonly network: string;

  /** Address range, for example `172.18.0.0/16`. */
  readonly cidr: string;

  /**
   * Gateway address, inside the range.
   *
   * @default - the first address of the range
   */
  readonly gateway?: string;

  /**
   * Addresses never handed out: single addresses or `a..b` ranges, inside
   * the range. The gateway and the DHCP server are always added.
   *
   * @default - the gateway and the DHCP server address
   */
  readonly excludeIps?: string[];

  /**
   * SNAT traffic leaving the cluster to the node address.
   *
   * @default false
   */
  readonly natOutgoing?: boolean;

  /**
   * MTU handed to guests (DHCP option `mtu`).
   *
   * @default - Kube-OVN's overlay default (1400 for Geneve)
   */
  readonly mtu?: number;

  /** DHCPv4 options. */
  readonly dhcp?: DhcpOptionsSpec;
}

/** DHCPv4 options of a subnet, typed rather than written as one string. */
export interface DhcpOptionsSpec {
  /**
   * Address of the DHCP server (`server_id`).
   *
   * @default - Kube-OVN's default, 169.254.0.254
   */
  readonly serverId?: string;

  /**
   * MAC address of the DHCP server (`server_mac`).
   *
   * @default - a stable address derived from the subnet name
   */
  readonly serverMac?: string;

  /**
   * Lease time in seconds (`lease_time`).
   *
   * @default 3600
   */
  readonly leaseTime?: number;

  /**
   * Default route handed to guests (`router`).
   *
   * @default - the gateway
   */
  readonly router?: string;

  /**
   * DNS servers (`dns_server`, written `{a;b}`).
   *
   * @default - none
   */
  readonly dnsServers?: string[];
}
