import { Diagnostic } from '../diagnostics/diagnostic';
import { CpuSet } from '../model/cpuset';
import { Cidr, InterfaceAddress, IpAddress } from '../model/ip';
import { MacAddress } from '../model/mac';
import { PciAddress } from '../model/pci';
import { Size } from '../model/size';
import { HostTopology } from '../model/topology';
import type { PerfKitPlan } from '../perfkit/pairs';
import {
  ClusterSpec, HostSpec, NetworkPath, NetworkSpec, NodeSpec, PodNetworkBinding, RunPolicy,
  SubnetSpec, VmSpec,
} from '../spec';
import { MemoryReservation } from './reserved-memory';
import { Version } from './versions';

/**
 * Every number of every layer, derived once from a `ClusterSpec`. Renderers
 * read only this: a value that appears in two layers comes from one field.
 */
export interface ClusterPlan {
  /** The spec the plan was derived from. */
  readonly spec: ClusterSpec;

  /** The networking path the cluster uses. */
  readonly path: NetworkPath;

  /** Kubelet version the plan targets (`major.minor`). */
  readonly kubeletVersion: string;

  /** OVS version the plan targets (`major.minor`). */
  readonly ovsVersion: string;

  /** Kube-OVN version on the Kube-OVN path. */
  readonly kubeOvnVersion?: string;

  /** One plan per node pool, in spec order. */
  readonly nodes: NodePlan[];

  /** One plan per network, in spec order. */
  readonly networks: NetworkPlan[];

  /** One plan per subnet, in spec order. */
  readonly subnets: SubnetPlan[];

  /** One plan per VM, in spec order. */
  readonly vms: VmPlan[];

  /** What the placement preview puts on each node pool, in pool order. */
  readonly placement: PoolPlacement[];

  /** The perf test kit, when the spec has one; its VMs are in `vms`, after the others. */
  readonly perfKit?: PerfKitPlan;
}

/** The result of planning: a plan when the model could be read, and every finding. */
export interface PlanResult {
  /** Undefined only when the model is too broken to derive anything. */
  readonly plan?: ClusterPlan;

  /** Every finding of every rule, errors and warnings. */
  readonly diagnostics: Diagnostic[];
}

/** Everything derived for one node pool. */
export interface NodePlan {
  /** The pool as written. */
  readonly spec: NodeSpec;

  /** Index of the pool in `spec.nodes`, for diagnostic paths. */
  readonly index: number;

  /** Pool name. */
  readonly name: string;

  /** The Kubernetes nodes of the pool. */
  readonly hosts: HostSpec[];

  /** Hardware of each host. */
  readonly topology: HostTopology;

  /** Housekeeping, PMD, lcore, isolated, reserved and VM CPUs. */
  readonly cpus: CpuPlan;
  /** The hugepage ledger of each NUMA node. */
  readonly hugepages: HugepagePlan;
  /** OVS-DPDK `other_config`, socket memory and bridge. */
  readonly ovs: OvsPlan;
  /** Kubelet configuration to merge. */
  readonly kubelet: KubeletPlan;
  /** Kernel command line additions. */
  readonly kernel: KernelPlan;
  /** The DPDK ports, one per NIC that could be read. */
  readonly nics: NicPlan[];

  /** Files of the Kube-OVN path, when the cluster uses it. */
  readonly kubeOvn?: KubeOvnNodePlan;

  /**
   * What each NUMA node offers VMs after housekeeping, PMD threads and OVS
   * hugepages: the input of the placement preview. The hugepages left by VMs
   * already placed are in the ledger (`hugepages.perNumaNode[].free`).
   */
  readonly capacity: NumaCapacity[];

  /** Whether vhost-user VMs may run on the pool (`NodeContext.vhostUserVmsPossible`). */
  readonly vhostUserVms: boolean;
}

/** How the CPUs of a node are used. */
export interface CpuPlan {
  /** CPUs of the OS and the kubelet. */
  readonly housekeeping: CpuSet;
  /** OVS-DPDK PMD threads (`pmd-cpu-mask`). */
  readonly pmd: CpuSet;
  /** Non-PMD DPDK threads (`dpdk-lcore-mask`); undefined when left unset. */
  readonly lcore?: CpuSet;
  /** Kernel `isolcpus=`. */
  readonly isolated: CpuSet;
  /** Kubelet `reservedSystemCPUs` (housekeeping ∪ PMD). */
  readonly reservedSystem: CpuSet;
  /** CPUs the kubelet may give to VMs. */
  readonly vm: CpuSet;
  /** NUMA nodes that get PMD cores, NIC-local first. */
  readonly pmdNumaNodes: number[];
}

/** Hugepages per NUMA node. */
export interface HugepagePlan {
  /** Page size, also `default_hugepagesz`. */
  readonly size: Size;
  /** Whether the user fixed the pages (`pagesPerNumaNode`); else they are sized. */
  readonly fixed: boolean;
  /**
   * One entry per NUMA node, in node order; NUMA nodes known to have no memory
   * are left out.
   */
  readonly perNumaNode: HugepageLedgerEntry[];
}

/**
 * The hugepage ledger of one NUMA node:
 * `total = ovsHeld + vms + free` (or `+ shortfall` below zero), where
 * `ovsHeld = ovs + headroom`.
 */
export interface HugepageLedgerEntry {
  readonly numaNode: number;
  /** Pages allocated at boot. */
  readonly pages: number;
  /** Memory of those pages. */
  readonly total: Size;
  /** Taken by OVS at start (`dpdk-socket-mem`). */
  readonly ovs: Size;
  /**
   * What the OVS process or pod may hold: `dpdk-socket-limit` (or the socket
   * memory when the limit is lower or 0), rounded up to whole pages. These
   * pages are invisible to the kubelet; the placeholder pods hold them.
   */
  readonly ovsHeld: Size;
  /** `ovsHeld - ovs`: room for OVS to grow up to its limit and to whole pages. */
  readonly headroom: Size;
  /** Demanded by the VMs placed on this NUMA node. */
  readonly vms: Size;
  /** What is left; negative means the node cannot hold its VMs. */
  readonly free: Size | 'negative';
  /** How far below zero the ledger goes, when `free` is `negative`. */
  readonly shortfall?: Size;
}

/** OVS-DPDK settings of a node. */
export interface OvsPlan {
  /**
   * `Open_vSwitch . other_config`, in the order it is applied. Values are bare
   * (`1024,1024`, `0xf00`); quoting is the renderer's business (Kube-OVN's
   * `config.cfg` form is in `KubeOvnNodePlan.configCfg`).
   */
  readonly otherConfig: ReadonlyArray<readonly [string, string]>;
  /**
   * `dpdk-socket-mem`: entry i is NUMA node id i, as DPDK numbers sockets
   * (0 for ids without a NUMA node).
   */
  readonly socketMem: Size[];
  /** `dpdk-socket-limit`, indexed like `socketMem`; zero means no limit. */
  readonly socketLimit: Size[];
  /** `userspace-tso-enable`. */
  readonly tso: boolean;
  /** The `netdev` bridge and its DPDK ports (Userspace CNI path). */
  readonly bridge?: BridgePlan;
  /** CPU limit the OVS-DPDK pod needs (PMD CPUs + 1), in CPUs. */
  readonly podCpuLimit: number;
  /** MTU of the DPDK ports. */
  readonly mtu: number;
}

/** An OVS bridge with `datapath_type=netdev`. */
export interface BridgePlan {
  readonly name: string;
  readonly failMode: 'standalone' | 'secure';
  readonly ports: DpdkPortPlan[];
}

/** A physical DPDK port of a bridge. */
export interface DpdkPortPlan {
  readonly name: string;
  readonly pci: PciAddress;
}

/** Kubelet settings merged into the node's kubelet configuration. */
export interface KubeletPlan {
  /** Path of the kubelet configuration file. */
  readonly configPath: string;
  /** The keys to merge, as they appear in KubeletConfiguration. */
  readonly config: Record<string, unknown>;
  /**
   * `reservedMemory`, one entry per NUMA node with memory; empty when the
   * memory manager is not used (one NUMA node and no `reservedMemory` given).
   */
  readonly reservedMemory: Array<{ numaNode: number; memory: Size }>;
  /** kubeReserved + systemReserved + hard eviction, what reservedMemory sums to. */
  readonly reservedTotal: Size;
  /** The parts of `reservedTotal`. */
  readonly reservation: MemoryReservation;
  /** `topologyManagerPolicy`: `single-numa-node` on hosts with several NUMA nodes. */
  readonly topologyManagerPolicy: 'single-numa-node' | 'none';
  /**
   * Whether the Static memory manager is used: on hosts with several NUMA
   * nodes, or when `reservedMemory` is given.
   */
  readonly memoryManager: boolean;
  /** Whether the CPU manager option `full-pcpus-only` is on. */
  readonly fullPcpusOnly: boolean;
  /** Whether the CPU manager option `strict-cpu-reservation` is on. */
  readonly strictCpuReservation: boolean;
}

/** Kernel command line additions. */
export interface KernelPlan {
  /** Arguments in the order they go on the command line. */
  readonly args: string[];
  /** Whether the per-NUMA-node hugepage boot syntax is used (kernel ≥ 5.16). */
  readonly perNodeHugepages: boolean;
  /**
   * Whether the hugepages differ between NUMA nodes and are left to a unit
   * that writes `nr_hugepages` per node after boot (no count on the command
   * line).
   */
  readonly hugepagesAtRuntime: boolean;
  /** Whether the IOMMU is turned on (any vfio-pci NIC). */
  readonly iommu: boolean;
  /**
   * The kernel version the plan targets.
   *
   * @default - unknown
   */
  readonly version?: Version;
}

/** A NIC and what its driver needs. */
export interface NicPlan {
  readonly pci: PciAddress;
  /** OVS port name (Userspace CNI path; Kube-OVN names its ports itself). */
  readonly port: string;
  /**
   * NUMA node of the NIC.
   *
   * @default - unknown
   */
  readonly numaNode?: number;
  readonly driver: 'vfio-pci' | 'mlx5';
  /** Whether the NIC is an SR-IOV virtual function (an error as DPDK NIC). */
  readonly virtualFunction: boolean;
}

/** The Kube-OVN node files. */
export interface KubeOvnNodePlan {
  /** `/opt/ovs-config/config.cfg` lines, `key=value`, no spaces. */
  readonly configCfg: ReadonlyArray<readonly [string, string]>;
  /** `/opt/ovs-config/ovs-dpdk-config` per host (its ENCAP_IP differs). */
  readonly hosts: Array<{
    readonly name: string;
    readonly ovsDpdkConfig: ReadonlyArray<readonly [string, string]>;
  }>;
  /** The node label the path needs. */
  readonly nodeLabel: readonly [string, string];
}

/** What a NUMA node offers VMs after every reservation. */
export interface NumaCapacity {
  readonly numaNode: number;
  /** CPUs left for VMs. */
  readonly cpus: number;
  /**
   * Hugepage memory left for VMs: the fixed pages less what OVS holds, or,
   * when the pages are sized by the planner, the whole pages that fit in the
   * node's memory beside the kubelet's reserved memory and Virtink's 256Mi pod
   * overhead for as many VMs as there are VM CPUs, less what OVS holds.
   */
  readonly hugepages: Size;
  /**
   * Whether the hugepages are not bounded at all: the planner sizes the pages
   * and the node's memory is unknown, so `hugepages` is zero and means nothing.
   *
   * @default false
   */
  readonly hugepagesUnbounded?: boolean;
}

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

/** A VM and everything derived for it. */
export interface VmPlan {
  /** The VM as written. */
  readonly spec: VmSpec;
  /** Index of the VM in `spec.vms`, for diagnostic paths. */
  readonly index: number;
  readonly name: string;
  readonly namespace: string;
  readonly sockets: number;
  readonly coresPerSocket: number;
  /** vCPUs = sockets × coresPerSocket. */
  readonly cpus: number;
  /** Guest memory, all of it hugepages. */
  readonly memory: Size;
  /** Hugepage size backing the guest memory; the nodes' default size. */
  readonly pageSize: Size;
  /** Whether the pod network is attached too (first in `spec.networks`). */
  readonly podNetwork: boolean;
  /** Virtink's binding of the pod network, when it is attached. */
  readonly podNetworkBinding: PodNetworkBinding;
  /** The vhost-user NICs, in spec order. */
  readonly interfaces: VmInterfacePlan[];
  /** Node pool the VM is pinned to, if any (the pool of `host`, when that is set). */
  readonly nodePool?: string;
  /** The host the VM is pinned to, if any. */
  readonly host?: string;
  /** Virtink `runPolicy`. */
  readonly runPolicy: RunPolicy;
  /** Container disk image of the root disk. */
  readonly image: string;
  /** Where it fits: per candidate pool, the NUMA nodes that can hold it. */
  readonly placement: VmPlacement[];
}

/** A vhost-user NIC of a VM. */
export interface VmInterfacePlan {
  /** Name in `instance.interfaces` and `networks`; also the guest NIC name in network data. */
  readonly name: string;
  /** The network (NAD) it attaches to, in the VM's namespace. */
  readonly network: string;
  /**
   * The interface name Multus hands the CNI: Virtink asks for `net<i>`, `i`
   * being the index in `spec.networks` (the pod network counts).
   */
  readonly cniInterface: string;
  /** MAC address, given or generated from `<namespace>/<vm>/<network>`. */
  readonly mac: MacAddress;
  /** Static address with prefix, given or allocated, handed over through cloud-init. */
  readonly address?: InterfaceAddress;
  /**
   * Path of the vhost-user socket on the host, with `<id>` standing for the
   * 12 leading characters of the container ID (Userspace CNI) or the 36 of
   * the pod UID (Kube-OVN).
   */
  readonly socketPath: string;
}

/** Whether a VM fits a node pool under `single-numa-node` admission. */
export interface VmPlacement {
  readonly nodePool: string;
  /** NUMA nodes with room for all its vCPUs and hugepages after reservations. */
  readonly fitsOn: number[];
  /**
   * Whether a host of the pool has room for it counted over all NUMA nodes:
   * what the scheduler, which is not NUMA-aware, checks.
   */
  readonly fitsHost: boolean;
  /** The NUMA node the preview assigns it to, in its chosen pool only. */
  readonly assigned?: number;
  /** The host of the pool the preview assigns it to, in its chosen pool only. */
  readonly host?: string;
}

/** What the placement preview puts on one node pool. */
export interface PoolPlacement {
  readonly nodePool: string;
  /** One entry per NUMA node, in node order. */
  readonly numaNodes: NumaPlacement[];
}

/** What the placement preview puts on one NUMA node of every host of a pool. */
export interface NumaPlacement {
  readonly numaNode: number;
  /** What one host's NUMA node offers VMs. */
  readonly capacity: NumaCapacity;
  /** VMs assigned to this NUMA node, over all hosts of the pool. */
  readonly vms: number;
  /** vCPUs of those VMs, over all hosts. */
  readonly cpus: number;
  /** Hugepages of those VMs, over all hosts. */
  readonly hugepages: Size;
  /** The most hugepages the VMs take on this NUMA node of any one host. */
  readonly hostDemand: Size;
}
