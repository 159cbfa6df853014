/** One Kubernetes node of a pool. */
export interface HostSpec {
  /** The Kubernetes node name (`kubernetes.io/hostname`). */
  readonly name: string;

  /**
   * Kube-OVN path only: the tunnel endpoint address of this host with its
   * prefix length (`ENCAP_IP` in `/opt/ovs-config/ovs-dpdk-config`), for
   * example `192.168.0.10/20`. Must be unique in the cluster.
   *
   * @default - none; required on the Kube-OVN path
   */
  readonly encapIp?: string;
}

/**
 * The CPU and memory layout of a host. Exactly one of `uniform`, `numaNodes`
 * or `lscpu` is given.
 */
export interface TopologySpec {
  /**
   * CPU architecture as `uname -m` prints it.
   *
   * @default 'x86_64'
   */
  readonly architecture?: string;

  /**
   * CPU vendor of an x86_64 host, which decides the IOMMU kernel arguments for
   * `vfio-pci` NICs: `intel_iommu=on iommu=pt` on Intel, `iommu=pt` on AMD
   * (whose IOMMU is on by default).
   *
   * @default - the `Vendor ID:` line of the `lscpu` text when it has one, else
   *   'intel' (`intel_iommu=on` does nothing on AMD hosts)
   */
  readonly cpuVendor?: 'intel' | 'amd';

  /** A machine of identical NUMA nodes. */
  readonly uniform?: UniformTopologySpec;

  /** NUMA nodes described one by one, as `vhost-user-k8s facts` prints them. */
  readonly numaNodes?: NumaNodeSpec[];

  /**
   * The output of `lscpu -p=CPU,CORE,SOCKET,NODE` (or `lscpu -e`, or
   * `lscpu -J -e`) of a host of the pool.
   */
  readonly lscpu?: string;

  /**
   * Memory of each NUMA node, for the `lscpu` form (which does not print it).
   *
   * @default - unknown: memory checks that need it are reported as warnings
   */
  readonly memoryPerNumaNode?: string;
}

/** A machine built from identical NUMA nodes. */
export interface UniformTopologySpec {
  /** Number of NUMA nodes. */
  readonly numaNodes: number;

  /** Physical cores per NUMA node. */
  readonly coresPerNumaNode: number;

  /**
   * Hardware threads per core.
   *
   * @default 2
   */
  readonly threadsPerCore?: number;

  /** Memory of each NUMA node, for example `64Gi`. */
  readonly memoryPerNumaNode: string;

  /**
   * How CPU numbers are given to sibling threads: `split` is the usual x86
   * numbering (the sibling of CPU n is n + total cores), `adjacent` numbers
   * the threads of a core one after the other (POWER, some laptops).
   *
   * @default 'split'
   */
  readonly siblings?: 'split' | 'adjacent';
}

/** One NUMA node and its cores. */
export interface NumaNodeSpec {
  /** NUMA node id as the kernel numbers it (ids may have gaps). */
  readonly id: number;

  /** Memory of the NUMA node, for example `64Gi`. */
  readonly memory?: string;

  /** Physical cores, each listing the CPU ids of its hardware threads. */
  readonly cores: CoreSpec[];
}

/** One physical core. */
export interface CoreSpec {
  /**
   * Socket (physical package) of the core.
   *
   * @default 0
   */
  readonly socket?: number;

  /** CPU ids of the hardware threads of the core, for example `[0, 48]`. */
  readonly threads: number[];
}

/** A physical NIC given to OVS-DPDK. */
export interface NicSpec {
  /** PCI address, `0000:af:00.0` (the short `af:00.0` is accepted). */
  readonly pci: string;

  /**
   * Name of the OVS DPDK port.
   *
   * @default 'dpdk<index>'
   */
  readonly port?: string;

  /**
   * NUMA node the NIC is attached to (`/sys/bus/pci/devices/<pci>/numa_node`).
   *
   * @default - unknown, which is reported: PMD placement needs it
   */
  readonly numaNode?: number;

  /**
   * Driver family: `vfio-pci` for Intel and most NICs (needs the IOMMU), or
   * the bifurcated `mlx5` driver of Mellanox NICs (no rebinding).
   *
   * @default 'vfio-pci'
   */
  readonly driver?: 'vfio-pci' | 'mlx5';

  /**
   * Whether the NIC is an SR-IOV virtual function. VFs cannot be the DPDK
   * NIC: unicast frames not addressed to the PF or a VF are dropped.
   *
   * @default false
   */
  readonly virtualFunction?: boolean;
}
