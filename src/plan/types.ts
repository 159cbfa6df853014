import { Diagnostic } from '../diagnostics/diagnostic';
import { CpuSet } from '../model/cpuset';
import { InterfaceAddress, IpAddress } from '../model/ip';
import { MacAddress } from '../model/mac';
import { PciAddress } from '../model/pci';
import { Size } from '../model/size';
import { HostTopology } from '../model/topology';
import {
  ClusterSpec, HostSpec, NetworkPath, NetworkSpec, NodeSpec, SubnetSpec, VmSpec,
} from '../spec';

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

  readonly cpus: CpuPlan;
  readonly hugepages: HugepagePlan;
  readonly ovs: OvsPlan;
  readonly kubelet: KubeletPlan;
  readonly kernel: KernelPlan;
  readonly nics: NicPlan[];

  /** Files of the Kube-OVN path, when the cluster uses it. */
  readonly kubeOvn?: KubeOvnNodePlan;

  /** What is left for VMs on each NUMA node after every reservation. */
  readonly capacity: NumaCapacity[];
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
  /** One entry per NUMA node, in node order. */
  readonly perNumaNode: HugepageLedgerEntry[];
}

/** The hugepage ledger of one NUMA node. */
export interface HugepageLedgerEntry {
  readonly numaNode: number;
  /** Pages allocated at boot. */
  readonly pages: number;
  /** Memory of those pages. */
  readonly total: Size;
  /** Taken by OVS (`dpdk-socket-mem`). */
  readonly ovs: Size;
  /** Demanded by the VMs placed on this NUMA node. */
  readonly vms: Size;
  /** What is left; negative means the node cannot hold its VMs. */
  readonly free: Size | 'negative';
  /** How far below zero the ledger goes, when `free` is `negative`. */
  readonly shortfall?: Size;
}

/** OVS-DPDK settings of a node. */
export interface OvsPlan {
  /** `Open_vSwitch . other_config`, in the order it is applied. */
  readonly otherConfig: ReadonlyArray<readonly [string, string]>;
  /** `dpdk-socket-mem`, one entry per NUMA node. */
  readonly socketMem: Size[];
  /** `dpdk-socket-limit`, one entry per NUMA node. */
  readonly socketLimit: Size[];
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
  /** `reservedMemory`, one entry per NUMA node. */
  readonly reservedMemory: Array<{ numaNode: number; memory: Size }>;
  /** kubeReserved + systemReserved + hard eviction, what reservedMemory sums to. */
  readonly reservedTotal: Size;
}

/** Kernel command line additions. */
export interface KernelPlan {
  /** Arguments in the order they go on the command line. */
  readonly args: string[];
  /** Whether per-NUMA-node hugepage boot syntax is used (kernel ≥ 5.16). */
  readonly perNodeHugepages: boolean;
  /** Whether the IOMMU is turned on (any vfio-pci NIC). */
  readonly iommu: boolean;
}

/** A NIC and what its driver needs. */
export interface NicPlan {
  readonly pci: PciAddress;
  readonly port: string;
  readonly numaNode?: number;
  readonly driver: 'vfio-pci' | 'mlx5';
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
  /** Hugepage memory left for VMs. */
  readonly hugepages: Size;
}

/** A network and its CNI configuration. */
export interface NetworkPlan {
  readonly spec: NetworkSpec;
  readonly index: number;
  readonly name: string;
  readonly namespace: string;
  readonly path: NetworkPath;
  /** The CNI configuration object; `spec.config` is its JSON. */
  readonly cniConfig: Record<string, unknown>;
  /** Address range for static guest addresses, when no DHCP serves it. */
  readonly staticRange?: { cidr: string; gateway?: IpAddress };
  /** Whether a DHCP subnet serves the network. */
  readonly dhcp: boolean;
}

/** A DHCP subnet. */
export interface SubnetPlan {
  readonly spec: SubnetSpec;
  readonly index: number;
  readonly name: string;
  readonly provider: string;
  readonly cidr: string;
  readonly gateway: IpAddress;
  readonly excludeIps: string[];
  /** `dhcpV4Options`, built from typed options. */
  readonly dhcpV4Options: string;
  readonly namespaces: string[];
}

/** A VM and everything derived for it. */
export interface VmPlan {
  readonly spec: VmSpec;
  readonly index: number;
  readonly name: string;
  readonly namespace: string;
  readonly sockets: number;
  readonly coresPerSocket: number;
  /** vCPUs = sockets × coresPerSocket. */
  readonly cpus: number;
  readonly memory: Size;
  readonly pageSize: Size;
  readonly podNetwork: boolean;
  readonly interfaces: VmInterfacePlan[];
  /** Node pool the VM is pinned to, if any. */
  readonly nodePool?: string;
  /** Where it fits: per candidate pool, the NUMA nodes that can hold it. */
  readonly placement: VmPlacement[];
}

/** A vhost-user NIC of a VM. */
export interface VmInterfacePlan {
  readonly name: string;
  readonly network: string;
  readonly mac: MacAddress;
  /** Static address with prefix, handed over through cloud-init. */
  readonly address?: InterfaceAddress;
}

/** Whether a VM fits a node pool under `single-numa-node` admission. */
export interface VmPlacement {
  readonly nodePool: string;
  /** NUMA nodes with room for all its vCPUs and hugepages after reservations. */
  readonly fitsOn: number[];
  /** The NUMA node the ledger assigns it to, when it fits. */
  readonly assigned?: number;
}
