import { NicDriverFamily, NicInfo } from './nic';
import { Size } from './size';

/** One physical core and its hardware threads. */
export interface CoreInfo {
  /** Socket (physical package) of the core, as lscpu numbers it (logical id). */
  readonly socket: number;

  /** CPU ids of the hardware threads of the core, ascending, for example `[0, 48]`. */
  readonly threads: number[];
}

/** One NUMA node: its memory and its cores. */
export interface NumaNodeInfo {
  /** NUMA node id as the kernel numbers it; ids may have gaps (0, 2, 3). */
  readonly id: number;

  /**
   * Memory of the NUMA node (`MemTotal` of its `meminfo`).
   *
   * @default - unknown
   */
  readonly memory?: Size;

  /** Physical cores; empty for a NUMA node without CPUs (memory only). */
  readonly cores: CoreInfo[];
}

/** Props of {@link HostTopology.of}. */
export interface HostTopologyProps {
  /**
   * CPU architecture as `uname -m` prints it.
   *
   * @default 'x86_64'
   */
  readonly architecture?: string;

  /** Every NUMA node of the host, in any order. */
  readonly numaNodes: NumaNodeInfo[];

  /**
   * Network PCI functions of the host.
   *
   * @default - none
   */
  readonly nics?: NicInfo[];
}

/** Props of {@link HostTopology.uniform}. */
export interface UniformTopologyProps {
  /** Number of NUMA nodes (ids 0 to n - 1). */
  readonly numaNodes: number;

  /** Physical cores per NUMA node. */
  readonly coresPerNumaNode: number;

  /**
   * Hardware threads per core.
   *
   * @default 2
   */
  readonly threadsPerCore?: number;

  /**
   * Memory of each NUMA node.
   *
   * @default - unknown
   */
  readonly memoryPerNumaNode?: Size;

  /**
   * CPU architecture as `uname -m` prints it.
   *
   * @default 'x86_64'
   */
  readonly architecture?: string;

  /**
   * How sibling threads are numbered. `split` is the usual x86 numbering: node
   * n's cores are CPUs n × cores onwards, and the sibling of CPU c is c + the
   * number of cores of the machine. `adjacent` numbers the threads of one core
   * one after the other, as on POWER.
   *
   * @default 'split'
   */
  readonly siblings?: 'split' | 'adjacent';

  /**
   * Network PCI functions of the host.
   *
   * @default - none
   */
  readonly nics?: NicInfo[];
}

/**
 * The plain form of a {@link HostTopology}, as {@link HostTopology.toJSON}
 * returns it. `architecture` and `numaNodes` read as a `TopologySpec`.
 */
export interface HostTopologyJson {
  /** The CPU architecture, as `uname -m` prints it (`x86_64`, `aarch64`). */
  readonly architecture: string;
  /** The NUMA nodes, in id order. */
  readonly numaNodes: {
    /** The NUMA node id, as the kernel numbers it. */
    readonly id: number;
    /** Its memory as a quantity (`128Gi`); absent when unknown. */
    readonly memory?: string;
    /** Its physical cores. */
    readonly cores: {
      /** The CPU socket (package) of the core. */
      readonly socket: number;
      /** The core's hardware threads: CPU ids, first thread first. */
      readonly threads: number[];
    }[];
  }[];
  /** The NICs, as {@link NicInfo} describes each field. */
  readonly nics: {
    /** The PCI address in full form (`0000:af:00.0`). */
    readonly pci: string;
    /** The NUMA node the NIC is attached to; absent when unknown. */
    readonly numaNode?: number;
    /** How DPDK reaches it: `vfio-pci` or the bifurcated `mlx5`. */
    readonly driverFamily: NicDriverFamily;
    /** `intel`, `mellanox`, or the PCI vendor id (`0x14e4`), when known. */
    readonly vendor?: string;
    /** Whether it is an SR-IOV virtual function. */
    readonly isVirtualFunction: boolean;
    /** The kernel's interface name (`ens1f0`), when bound to a kernel driver. */
    readonly name?: string;
    /** The kernel driver it is bound to now, when known. */
    readonly driver?: string;
  }[];
}
