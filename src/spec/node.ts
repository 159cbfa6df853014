import { HostSpec, NicSpec, TopologySpec } from './host';

/**
 * The description of one node, or of a pool of identical nodes, as a user
 * writes it: in a cluster spec file, or as the props of `OvsDpdkNode`.
 *
 * Every value is plain data (strings and numbers), so that the same words
 * mean the same things in code and in files. Quantities are Kubernetes
 * quantities (`1Gi`, `2048Mi`), CPU sets use the list form (`0-1,8-11`).
 */
export interface NodeSpec {
  /**
   * Name of the node pool. Used for `dist/nodes/<name>/` and in diagnostics.
   * A DNS-1123 label.
   */
  readonly name: string;

  /**
   * The Kubernetes nodes of this pool. They share the hardware described
   * here; per-host values (such as the Kube-OVN tunnel address) go here.
   *
   * @default - one host named like the pool
   */
  readonly hosts?: HostSpec[];

  /** CPUs, NUMA nodes and memory of each host of the pool. */
  readonly topology: TopologySpec;

  /**
   * The physical NICs given to OVS-DPDK, one DPDK port each.
   *
   * @default - no physical port: VMs on this node reach only each other
   */
  readonly nics?: NicSpec[];

  /**
   * How CPUs are split between housekeeping, OVS-DPDK PMD threads and VMs.
   *
   * @default - derived from the topology (see `CpuSpec`)
   */
  readonly cpus?: CpuSpec;

  /**
   * Hugepages allocated at boot.
   *
   * @default - 1Gi pages, enough for OVS on every NUMA node plus the VMs
   *   placed on the node, rounded up
   */
  readonly hugepages?: HugepageSpec;

  /**
   * OVS-DPDK settings of this node.
   *
   * @default - derived from the topology and the NICs (see `OvsSpec`)
   */
  readonly ovs?: OvsSpec;

  /**
   * Kubelet reservations and policies.
   *
   * @default - see `KubeletSpec`
   */
  readonly kubelet?: KubeletSpec;

  /**
   * Kernel of the node and optional isolation arguments.
   *
   * @default - see `KernelSpec`
   */
  readonly kernel?: KernelSpec;
}

/** How the CPUs of a node are used. Explicit sets are checked, never trusted. */
export interface CpuSpec {
  /**
   * CPUs for the operating system and the kubelet.
   *
   * @default - the first physical core of each NUMA node, both threads
   */
  readonly housekeeping?: string;

  /**
   * CPUs for OVS-DPDK PMD threads (`pmd-cpu-mask`).
   *
   * @default - `pmdCoresPerNumaNode` cores on every NUMA node that has a DPDK
   *   NIC or may host vhost-user VMs
   */
  readonly pmd?: string;

  /**
   * Physical cores given to PMD threads on each NUMA node that needs them.
   *
   * @default 1
   */
  readonly pmdCoresPerNumaNode?: number;

  /**
   * CPUs for the non-PMD DPDK threads (`dpdk-lcore-mask`). Must be
   * housekeeping CPUs, never PMD CPUs.
   *
   * @default - the first housekeeping CPU on OVS before 3.7; unset from 3.7 on,
   *   where OVS documentation advises leaving it out
   */
  readonly lcore?: string;
}

/** Hugepages allocated at boot. */
export interface HugepageSpec {
  /**
   * Page size, also the kernel's `default_hugepagesz`. VMs must use it.
   *
   * @default '1Gi'
   */
  readonly size?: string;

  /**
   * Pages allocated on each NUMA node.
   *
   * @default - OVS socket memory plus the hugepages of the VMs that fit on
   *   the node, rounded up to whole pages
   */
  readonly pagesPerNumaNode?: number;
}

/** OVS-DPDK settings of a node. */
export interface OvsSpec {
  /**
   * Hugepage memory OVS takes on each NUMA node (`dpdk-socket-mem`), one
   * entry per NUMA node in node order, as OVS writes them (MiB: `1024`).
   *
   * @default - 1024 (more for MTUs above 1500, as the OVS mempool needs) in whole
   *   hugepages on every NUMA node with CPUs, 0 on NUMA nodes without CPUs
   */
  readonly socketMem?: string;

  /**
   * Upper bound of OVS hugepage memory per NUMA node (`dpdk-socket-limit`).
   *
   * @default - equal to `socketMem`
   */
  readonly socketLimit?: string;

  /**
   * Userspace TCP segmentation offload (`userspace-tso-enable`).
   *
   * @default - true on the Userspace CNI path (flat network); false on the
   *   Kube-OVN overlay when the OVS version cannot segment tunnelled traffic
   */
  readonly tso?: boolean;

  /**
   * `n-handler-threads`.
   *
   * @default - unset (OVS derives it) on hosts with up to 12 CPUs, 10 above
   */
  readonly handlerThreads?: number;

  /**
   * `n-revalidator-threads`.
   *
   * @default - unset on hosts with up to 12 CPUs, 4 above
   */
  readonly revalidatorThreads?: number;

  /**
   * MTU of the DPDK ports, which sizes the OVS mempools per NUMA node.
   *
   * @default 1500
   */
  readonly mtu?: number;

  /**
   * CPU limit of the OVS-DPDK pod (Kube-OVN path), as a Kubernetes quantity.
   * PMD threads busy-poll: the limit must cover every PMD CPU plus one.
   *
   * @default - PMD CPUs + 1
   */
  readonly podCpuLimit?: string;
}

/** Kubelet reservations and policies of a node. */
export interface KubeletSpec {
  /**
   * `kubeReserved.memory`.
   *
   * @default '1Gi'
   */
  readonly kubeReservedMemory?: string;

  /**
   * `systemReserved.memory`.
   *
   * @default '1Gi'
   */
  readonly systemReservedMemory?: string;

  /**
   * Turn on the CPU manager option `strict-cpu-reservation`, which keeps
   * Burstable and BestEffort pods off `reservedSystemCPUs` and so off the PMD
   * CPUs. Needs kubelet 1.32 (alpha, the feature gate is turned on) or later.
   * Refused on the Kube-OVN path (KUBELET013): OVS runs there in the Burstable
   * `ovs-ovn-dpdk` pod, which the option would keep off its own PMD CPUs.
   *
   * @default - on the Userspace CNI path, true where the kubelet version has
   *   the option; false on Kube-OVN
   * @see https://kubernetes.io/docs/tasks/administer-cluster/cpu-management-policies/
   */
  readonly strictCpuReservation?: boolean;

  /**
   * Turn on the CPU manager option `full-pcpus-only`: VMs get whole physical
   * cores, never one thread of a core shared with another VM. VMs must then ask
   * for a multiple of the threads per core. Needs kubelet 1.23 or later.
   *
   * @default - true where the kubelet version has the option
   */
  readonly fullPcpusOnly?: boolean;

  /**
   * The hard eviction threshold `memory.available`, a quantity or a
   * percentage of node memory.
   *
   * @default '100Mi'
   */
  readonly evictionHard?: string;

  /**
   * Memory reserved per NUMA node for the static memory manager
   * (`reservedMemory`), one entry per NUMA node in node order. Must sum to
   * kubeReserved + systemReserved + the eviction threshold.
   *
   * @default - on hosts with several NUMA nodes, kubeReserved and
   *   systemReserved split evenly in whole Mi over the NUMA nodes with memory,
   *   the first of them also taking the eviction threshold and the rest of the
   *   split (2148Mi and 2Gi for 2Gi + 2Gi + 100Mi on two nodes)
   */
  readonly reservedMemory?: string[];

  /**
   * Path of the kubelet configuration file on the node.
   *
   * @default '/var/lib/kubelet/config.yaml'
   */
  readonly configPath?: string;
}

/** Kernel of the node. */
export interface KernelSpec {
  /**
   * Kernel version (`uname -r`), to choose the per-NUMA-node hugepage boot
   * syntax (`hugepages=0:N,1:N`, kernel 5.16 and later).
   *
   * @default - unknown: per-node pages are set at runtime by a systemd unit
   */
  readonly version?: string;

  /**
   * Add `nohz_full=` for the PMD and VM CPUs.
   *
   * @default false
   */
  readonly nohzFull?: boolean;

  /**
   * Add `rcu_nocbs=` for the PMD and VM CPUs.
   *
   * @default false
   */
  readonly rcuNocbs?: boolean;
}
