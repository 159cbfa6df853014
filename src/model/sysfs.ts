import { CpuSet } from './cpuset';
import { ValueError } from './errors';
import { Size } from './size';
import { readSysfsNics } from './sysfs-nics';
import { FsSysfsReader, SysfsReader } from './sysfs-reader';
import { CoreInfo, HostTopologyProps, NumaNodeInfo } from './topology-types';

const KIND = 'sysfs';
const CPU_DIR = 'devices/system/cpu';
const NODE_DIR = 'devices/system/node';

/**
 * Options of `HostTopology.fromSysfs`.
 *
 * How sysfs is read:
 * - CPUs are those of `devices/system/cpu/online`; offline CPUs are left out.
 * - **Siblings** come from each CPU's `topology/thread_siblings_list` (or the
 *   `thread_siblings` mask), not from `core_id`, which repeats on every package
 *   and has gaps.
 * - **Sockets** are numbered in order of first appearance by CPU number, as
 *   `lscpu -p` numbers them (logical ids), from `physical_package_id`, or from
 *   `core_siblings_list` where the package id is `-1` (PowerVM).
 * - **NUMA nodes** are the `devices/system/node/nodeN` directories, with their
 *   CPUs from `cpulist` (or the `cpumap` mask) and memory from the `MemTotal`
 *   line of `meminfo`. Nodes without CPUs are kept. A kernel without NUMA has no
 *   such directory: the machine is then one NUMA node 0 of unknown memory.
 * - **NICs** are the PCI functions of class `0x02xxxx` under `bus/pci/devices`:
 *   `vendor`, `numa_node` (`-1` is unknown), a `physfn` link for virtual
 *   functions, the `driver` link, and the interface name under `net/` (for
 *   virtio-net, under the virtio device's `virtio<N>/net/`).
 */
export interface SysfsOptions {
  /**
   * CPU architecture as `uname -m` prints it. sysfs does not record it; pass
   * `os.machine()` when reading the sysfs of the machine the code runs on.
   *
   * @default 'x86_64'
   */
  readonly architecture?: string;
}

/** The physical core a CPU reported, before NUMA nodes are known. */
interface SysfsCore {
  readonly threads: CpuSet;
  readonly socketKey: string;
}

/**
 * Reads a sysfs tree into the props of a `HostTopology`. See
 * {@link SysfsOptions} for the rules.
 *
 * @internal
 * @throws ValueError naming the file that is missing or cannot be read
 */
export function sysfsTopologyProps(
  source: string | SysfsReader,
  options: SysfsOptions = {},
): HostTopologyProps {
  const reader = typeof source === 'string' ? new FsSysfsReader(source) : source;
  const online = readCpus(reader, `${CPU_DIR}/online`, 'list');
  if (online === undefined) {
    throw new ValueError(KIND, `${CPU_DIR}/online`, 'the file is missing',
      'Pass the directory sysfs is mounted on (/sys), or a dump that includes this file.');
  }

  const cores = readCores(reader, online);
  const sockets = new Map<string, number>();
  for (const core of cores) {
    if (!sockets.has(core.socketKey)) {
      sockets.set(core.socketKey, sockets.size);
    }
  }
  const coreInfo = (core: SysfsCore): CoreInfo => ({
    socket: sockets.get(core.socketKey) as number,
    threads: core.threads.toArray(),
  });

  const numaNodes = readNumaNodes(reader, online);
  if (numaNodes.length === 0) {
    return {
      architecture: options.architecture,
      numaNodes: [{ id: 0, cores: cores.map(coreInfo) }],
      nics: readSysfsNics(reader),
    };
  }

  for (const core of cores) {
    const first = core.threads.first() as number;
    const homes = numaNodes.filter((node) => node.cpus.has(first));
    if (homes.length !== 1) {
      throw new ValueError(KIND, `${NODE_DIR}/node*/cpulist`,
        `CPU ${first} is in ${homes.length === 0 ? 'no' : 'more than one'} NUMA node`,
        'Read a complete sysfs tree: every online CPU belongs to exactly one NUMA node.');
    }
    if (!core.threads.isSubsetOf(homes[0].cpus)) {
      throw new ValueError(KIND, `${NODE_DIR}/node${homes[0].id}/cpulist`,
        `the threads ${core.threads} of one core are not all on NUMA node ${homes[0].id}`,
        'Read a complete sysfs tree of one machine.');
    }
    homes[0].cores.push(coreInfo(core));
  }

  return {
    architecture: options.architecture,
    numaNodes: numaNodes.map(({ id, memory, cores: nodeCores }): NumaNodeInfo =>
      (memory === undefined ? { id, cores: nodeCores } : { id, memory, cores: nodeCores })),
    nics: readSysfsNics(reader),
  };
}

/** The cores of the online CPUs, in CPU order, with the sibling lists checked. */
function readCores(reader: SysfsReader, online: CpuSet): SysfsCore[] {
  const byKey = new Map<string, SysfsCore>();
  const keyOf = new Map<number, string>();
  for (const cpu of online) {
    const dir = `${CPU_DIR}/cpu${cpu}/topology`;
    const siblings = (readCpus(reader, `${dir}/thread_siblings_list`, 'list')
      ?? readCpus(reader, `${dir}/thread_siblings`, 'mask'))?.intersect(online);
    if (siblings === undefined || !siblings.has(cpu)) {
      throw new ValueError(KIND, `${dir}/thread_siblings_list`,
        siblings === undefined ? 'the file is missing' : `it does not list CPU ${cpu} itself`,
        'Read a complete sysfs tree: every online CPU has a topology directory.');
    }
    const key = siblings.toList();
    keyOf.set(cpu, key);
    if (!byKey.has(key)) {
      byKey.set(key, { threads: siblings, socketKey: socketKey(reader, dir) });
    }
  }

  for (const [key, core] of byKey) {
    const other = core.threads.toArray().find((cpu) => keyOf.get(cpu) !== key);
    if (other !== undefined) {
      throw new ValueError(KIND, `${CPU_DIR}/cpu${other}/topology/thread_siblings_list`,
        `CPU ${other} lists the siblings ${keyOf.get(other)}, but CPU `
        + `${core.threads.first()} lists ${key}`,
        'Read a sysfs tree taken at one moment: sibling lists must agree.');
    }
  }
  return [...byKey.values()];
}

function socketKey(reader: SysfsReader, topologyDir: string): string {
  const packageId = reader.readFile(`${topologyDir}/physical_package_id`)?.trim();
  if (packageId !== undefined && /^\d+$/.test(packageId)) {
    return `package ${packageId}`;
  }
  const coreSiblings = readCpus(reader, `${topologyDir}/core_siblings_list`, 'list');
  return coreSiblings === undefined ? 'unknown' : `core siblings ${coreSiblings}`;
}

interface SysfsNode {
  readonly id: number;
  readonly cpus: CpuSet;
  readonly memory?: Size;
  readonly cores: CoreInfo[];
}

function readNumaNodes(reader: SysfsReader, online: CpuSet): SysfsNode[] {
  const names = (reader.listDirectory(NODE_DIR) ?? []).filter((name) => /^node\d+$/.test(name));
  return names.map((name) => {
    const dir = `${NODE_DIR}/${name}`;
    const cpus = readCpus(reader, `${dir}/cpulist`, 'list')
      ?? readCpus(reader, `${dir}/cpumap`, 'mask');
    if (cpus === undefined) {
      throw new ValueError(KIND, `${dir}/cpulist`, 'the file is missing, and so is cpumap',
        'Read a complete sysfs tree: every NUMA node directory lists its CPUs.');
    }
    const memory = readMemTotal(reader, `${dir}/meminfo`);
    const node = { id: Number(name.slice('node'.length)), cpus: cpus.intersect(online), cores: [] };
    return memory === undefined ? node : { ...node, memory };
  }).sort((a, b) => a.id - b.id);
}

/** `Node 0 MemTotal:       65842580 kB` → 65842580 KiB. */
function readMemTotal(reader: SysfsReader, file: string): Size | undefined {
  const text = reader.readFile(file);
  if (text === undefined) {
    return undefined;
  }
  const match = /MemTotal:\s*(\d+)\s*kB/.exec(text);
  if (!match) {
    throw new ValueError(KIND, file, 'it has no "MemTotal: <n> kB" line',
      'Read the meminfo file of the NUMA node unchanged.');
  }
  return Size.kibibytes(Number(match[1]));
}

/** A CPU list or mask file, or `undefined` when there is no such file. */
function readCpus(reader: SysfsReader, file: string, form: 'list' | 'mask'): CpuSet | undefined {
  const text = reader.readFile(file)?.trim();
  if (text === undefined) {
    return undefined;
  }
  try {
    return form === 'mask' ? CpuSet.fromMask(text) : CpuSet.fromList(text);
  } catch (e) {
    const reason = e instanceof ValueError ? e.reason : String(e);
    throw new ValueError(KIND, file, `its CPU ${form} "${text}" cannot be read: ${reason}`,
      'Read the file unchanged, as the kernel wrote it.');
  }
}
