import { InterfaceAddress } from '../model/ip';
import { MacAddress } from '../model/mac';
import { Size } from '../model/size';
import { PodNetworkBinding, RunPolicy, VmSpec } from '../spec';
import { NumaCapacity } from './node-types';

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
