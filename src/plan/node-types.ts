import { CpuSet } from '../model/cpuset';
import { PciAddress } from '../model/pci';
import { Size } from '../model/size';
import { HostTopology } from '../model/topology';
import { HostSpec, NodeSpec } from '../spec';
import { MemoryReservation } from './reserved-memory';
import { Version } from './versions';

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

  /**
   * Kube-OVN path: the hugepages one host offers VMs over all its NUMA nodes,
   * as the scheduler and the kubelet's admission count them: its allocatable
   * hugepages less what the `ovs-ovn-dpdk` pod requests (`hugepages.host`).
   * Below the sum of `capacity` when that pod asks for more than OVS holds on
   * this pool, because another pool sets the one DaemonSet's amount.
   *
   * @default - no bound beyond `capacity` (Userspace CNI path, or sized pages
   *   on memory of unknown size)
   */
  readonly hostCapacity?: Size;

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
  /**
   * Kube-OVN path: the ledger of a whole host as the kubelet keeps it, where
   * the `ovs-ovn-dpdk` pod's request is counted.
   *
   * @default - none: on the Userspace CNI path OVS runs outside Kubernetes
   *   and the placeholder pods hold its pages NUMA node by NUMA node
   */
  readonly host?: HostHugepageLedger;
}

/**
 * The hugepages of one host as the scheduler and the kubelet's admission
 * count them: all NUMA nodes together, `total = ovsPod + vms + free` (or
 * `+ shortfall` below zero).
 *
 * The `ovs-ovn-dpdk` pod is Burstable, and the kubelet's memory manager books
 * only Guaranteed pods on a NUMA node (its Static policy skips the others), so
 * this request is counted against the host's allocatable hugepages and
 * against no NUMA node. One DaemonSet serves every pool, so the request is the
 * largest any pool needs; where OVS holds less, the rest is booked but unused.
 *
 * Limit: for the same reason the memory manager does not know on which NUMA
 * node OVS took its pages, and may give a VM pages of a NUMA node that OVS
 * holds. The per-NUMA-node ledger keeps room for OVS in the placement
 * preview, but the kubelet's own choice of NUMA node can differ; it matters
 * only on hosts with several NUMA nodes whose VMs fill one of them (the
 * placeholder pods of the Userspace CNI path cannot name their NUMA node
 * either).
 */
export interface HostHugepageLedger {
  /** Boot pages of all NUMA nodes. */
  readonly pages: number;
  /** Memory of those pages. */
  readonly total: Size;
  /** What the `ovs-ovn-dpdk` pod requests (`ClusterPlan.ovsDpdkPod.hugepages`). */
  readonly ovsPod: Size;
  /** `ovsPod` less what OVS holds on this pool (`perNumaNode[].ovsHeld`). */
  readonly unusedByOvs: Size;
  /** Demanded by the VMs placed on the busiest host. */
  readonly vms: Size;
  /** What is left; negative means the host cannot hold the pod and its VMs. */
  readonly free: Size | 'negative';
  /** How far below zero the ledger goes, when `free` is `negative`. */
  readonly shortfall?: Size;
}

/**
 * What the one `ovs-ovn-dpdk` DaemonSet of the Kube-OVN path requests on every
 * host, whatever its pool: the manifests' override and every pool's ledger
 * read these numbers.
 */
export interface OvsDpdkPodPlan {
  /** Size of the hugepages it requests: the one size of every pool. */
  readonly pageSize: Size;
  /**
   * Hugepages it requests and limits: the most OVS may hold on any host (the
   * sum of `ovsHeld` over a pool's NUMA nodes, in whole pages).
   */
  readonly hugepages: Size;
  /** CPU limit, in CPUs: the largest `ovs.podCpuLimit` of any pool. */
  readonly cpuLimit: number;
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
   * memory when the limit is lower or 0), rounded up to whole pages. On the
   * Userspace CNI path these pages are invisible to the kubelet and the
   * placeholder pods hold them; on Kube-OVN the `ovs-ovn-dpdk` pod's own
   * request does, counted in `HugepagePlan.host`.
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
   * overhead for as many VMs as there are VM CPUs, less what OVS holds (none on
   * a NUMA node without VM CPUs, where no VM can run to need them). Never
   * more than the host offers (`NodePlan.hostCapacity`).
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
