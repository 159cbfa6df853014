import { CpuSet } from './cpuset';
import { ValueError } from './errors';
import { LscpuOptions, lscpuTopologyProps } from './lscpu';
import { NicInfo } from './nic';
import { PciAddress } from './pci';
import { Size } from './size';
import { SysfsOptions, sysfsTopologyProps } from './sysfs';
import { SysfsReader } from './sysfs-reader';
import { CheckedTopology, checkTopology } from './topology-check';
import {
  CoreInfo, HostTopologyJson, HostTopologyProps, NumaNodeInfo, UniformTopologyProps,
} from './topology-types';
import { uniformNumaNodes } from './topology-uniform';

export * from './topology-types';

/**
 * The hardware of one host: NUMA nodes → physical cores → hardware threads,
 * memory per NUMA node, and network PCI functions. Immutable.
 *
 * Built by hand ({@link HostTopology.of}, {@link HostTopology.uniform}), from
 * `lscpu` output ({@link HostTopology.fromLscpu}) or from sysfs
 * ({@link HostTopology.fromSysfs}). NUMA node ids are kept as the kernel numbers
 * them, gaps included, and NUMA nodes without CPUs are kept.
 *
 * @example
 * const host = HostTopology.uniform({ numaNodes: 2, coresPerNumaNode: 24 });
 * host.cpusOf(1).toList();       // '24-47,72-95'
 * host.siblingsOf(0).toList();   // '0,48'
 */
export class HostTopology {
  /**
   * A topology described node by node.
   *
   * @throws ValueError when a CPU id or a NUMA node id appears twice, a core has
   *   no thread, no node has a core, or a NIC names a NUMA node the host lacks
   */
  public static of(props: HostTopologyProps): HostTopology {
    return new HostTopology(checkTopology(props));
  }

  /**
   * A machine of identical NUMA nodes. Each core is placed on the socket
   * numbered like its NUMA node.
   *
   * @throws ValueError when a count is not a positive whole number
   */
  public static uniform(props: UniformTopologyProps): HostTopology {
    return HostTopology.of({
      architecture: props.architecture,
      numaNodes: uniformNumaNodes(props),
      nics: props.nics,
    });
  }

  /**
   * Reads the output of `lscpu -p=CPU,CORE,SOCKET,NODE` (or plain `lscpu -p`),
   * `lscpu -e` or `lscpu -J -e`, optionally after the `lscpu` summary. The summary
   * alone is refused: it does not say which CPUs are siblings. See
   * {@link LscpuOptions} for the rules.
   *
   * @throws ValueError naming the line that cannot be read, and the command to run
   */
  public static fromLscpu(text: string, options: LscpuOptions = {}): HostTopology {
    return HostTopology.of(lscpuTopologyProps(text, options));
  }

  /**
   * Reads CPUs, NUMA nodes, memory and network PCI functions from sysfs.
   *
   * @param source the sysfs mount point, or a reader such as one from
   *   `parseSysfsDump`
   * @throws ValueError naming the file that is missing or cannot be read
   */
  public static fromSysfs(
    source: string | SysfsReader = '/sys',
    options: SysfsOptions = {},
  ): HostTopology {
    return HostTopology.of(sysfsTopologyProps(source, options));
  }

  /** CPU architecture as `uname -m` prints it. */
  public readonly architecture: string;

  /** The NUMA nodes, by id. */
  public readonly numaNodes: readonly NumaNodeInfo[];

  /** The network PCI functions, in the order given. */
  public readonly nics: readonly NicInfo[];

  private readonly nodeById: ReadonlyMap<number, NumaNodeInfo>;
  private readonly coreByCpu: ReadonlyMap<number, CoreInfo>;
  private readonly nodeByCpu: ReadonlyMap<number, number>;

  private constructor(checked: CheckedTopology) {
    this.architecture = checked.architecture;
    this.numaNodes = checked.numaNodes;
    this.nics = checked.nics;

    this.nodeById = new Map(this.numaNodes.map((node) => [node.id, node]));
    const coreByCpu = new Map<number, CoreInfo>();
    const nodeByCpu = new Map<number, number>();
    for (const node of this.numaNodes) {
      for (const core of node.cores) {
        for (const cpu of core.threads) {
          coreByCpu.set(cpu, core);
          nodeByCpu.set(cpu, node.id);
        }
      }
    }
    this.coreByCpu = coreByCpu;
    this.nodeByCpu = nodeByCpu;
  }

  /** Every CPU (hardware thread) of the host. */
  public cpus(): CpuSet {
    return CpuSet.of(...this.coreByCpu.keys());
  }

  /** The NUMA node ids, ascending. */
  public numaNodeIds(): number[] {
    return this.numaNodes.map((node) => node.id);
  }

  /**
   * The NUMA node of a CPU.
   *
   * @throws ValueError when the host has no such CPU
   */
  public numaNodeOf(cpu: number): number {
    const node = this.nodeByCpu.get(cpu);
    if (node === undefined) {
      throw this.unknownCpu(cpu);
    }
    return node;
  }

  /**
   * The CPUs of a NUMA node; empty for a node without CPUs.
   *
   * @throws ValueError when the host has no such NUMA node
   */
  public cpusOf(numaNode: number): CpuSet {
    return CpuSet.of(...this.node(numaNode).cores.flatMap((core) => core.threads));
  }

  /**
   * The physical cores of a NUMA node, in CPU order (by their lowest thread).
   *
   * @throws ValueError when the host has no such NUMA node
   */
  public coresOf(numaNode: number): CoreInfo[] {
    return [...this.node(numaNode).cores];
  }

  /**
   * The hardware threads of the core that `cpu` belongs to, `cpu` included
   * (like sysfs `thread_siblings_list`).
   *
   * @throws ValueError when the host has no such CPU
   */
  public siblingsOf(cpu: number): CpuSet {
    const core = this.coreByCpu.get(cpu);
    if (core === undefined) {
      throw this.unknownCpu(cpu);
    }
    return CpuSet.of(...core.threads);
  }

  /** The most hardware threads any core has (cores of hybrid CPUs differ). */
  public get threadsPerCore(): number {
    return Math.max(...[...this.coreByCpu.values()].map((core) => core.threads.length));
  }

  /**
   * The memory of a NUMA node, or `undefined` when it is unknown.
   *
   * @throws ValueError when the host has no such NUMA node
   */
  public memoryOf(numaNode: number): Size | undefined {
    return this.node(numaNode).memory;
  }

  /** The memory of all NUMA nodes, or `undefined` unless every node's is known. */
  public get totalMemory(): Size | undefined {
    const sizes = this.numaNodes.map((node) => node.memory);
    return sizes.every((size) => size !== undefined) ? Size.sum(sizes as Size[]) : undefined;
  }

  /**
   * The NIC at a PCI address (`0000:3b:00.0` or the short `3b:00.0`), or `undefined`.
   *
   * @throws ValueError when a string is not a PCI address
   */
  public nic(pci: PciAddress | string): NicInfo | undefined {
    const wanted = typeof pci === 'string' ? PciAddress.parse(pci).toString() : pci.toString();
    return this.nics.find((nic) => nic.pci.toString() === wanted);
  }

  /**
   * The same host with `nics` instead of its NICs.
   *
   * @throws ValueError when a PCI address repeats or a NIC names an unknown node
   */
  public withNics(nics: NicInfo[]): HostTopology {
    return HostTopology.of({
      architecture: this.architecture,
      numaNodes: [...this.numaNodes],
      nics,
    });
  }

  /** Whether both describe the same hardware (same JSON form). */
  public equals(other: HostTopology): boolean {
    return JSON.stringify(this.toJSON()) === JSON.stringify(other.toJSON());
  }

  /** The plain form: sizes as quantities (`64Gi`), PCI addresses as text. */
  public toJSON(): HostTopologyJson {
    return {
      architecture: this.architecture,
      numaNodes: this.numaNodes.map((node) => ({
        id: node.id,
        ...(node.memory !== undefined ? { memory: node.memory.toQuantity() } : {}),
        cores: node.cores.map((core) => ({ socket: core.socket, threads: [...core.threads] })),
      })),
      nics: this.nics.map((nic) => ({
        pci: nic.pci.toString(),
        ...(nic.numaNode !== undefined ? { numaNode: nic.numaNode } : {}),
        driverFamily: nic.driverFamily,
        ...(nic.vendor !== undefined ? { vendor: nic.vendor } : {}),
        isVirtualFunction: nic.isVirtualFunction,
        ...(nic.name !== undefined ? { name: nic.name } : {}),
        ...(nic.driver !== undefined ? { driver: nic.driver } : {}),
      })),
    };
  }

  /**
   * A few lines for people: one per NUMA node (CPUs, cores, memory) and one per
   * NIC.
   */
  public describe(): string {
    const cores = this.numaNodes.reduce((sum, node) => sum + node.cores.length, 0);
    const lines = [
      `${this.architecture}: ${this.numaNodes.length} NUMA node(s), ${cores} core(s), `
      + `${this.cpus().size} CPU(s), up to ${this.threadsPerCore} thread(s) per core`,
    ];
    for (const node of this.numaNodes) {
      const memory = node.memory?.toQuantity() ?? 'memory unknown';
      const cpus = node.cores.length === 0 ? 'no CPUs' : `CPUs ${this.cpusOf(node.id)}`;
      lines.push(`NUMA node ${node.id}: ${cpus}, ${node.cores.length} core(s), ${memory}`);
    }
    for (const nic of this.nics) {
      const where = nic.numaNode === undefined ? 'NUMA node unknown' : `NUMA node ${nic.numaNode}`;
      const name = nic.name === undefined ? '' : ` ${nic.name}`;
      const vf = nic.isVirtualFunction ? ', virtual function' : '';
      lines.push(`NIC ${nic.pci}${name}: ${where}, ${nic.driverFamily}${vf}`);
    }
    return lines.join('\n');
  }

  private node(id: number): NumaNodeInfo {
    const node = this.nodeById.get(id);
    if (node === undefined) {
      throw new ValueError('NUMA node', String(id), `the host has no NUMA node ${id}`,
        `Use one of its NUMA nodes: ${this.numaNodeIds().join(', ')}.`);
    }
    return node;
  }

  private unknownCpu(cpu: number): ValueError {
    return new ValueError('CPU', String(cpu), `the host has no CPU ${cpu}`,
      `Use one of its CPUs: ${this.cpus().toList()}.`);
  }
}
