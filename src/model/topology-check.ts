// Checking and normalising the props of a HostTopology. Internal to the model:
// `HostTopology.of` is the public face.
import { CpuSet } from './cpuset';
import { ValueError } from './errors';
import { NicInfo } from './nic';
import { Size } from './size';
import { CoreInfo, HostTopologyProps, NumaNodeInfo } from './topology-types';

const KIND = 'host topology';

/** What `HostTopology.of` keeps: frozen, sorted, checked. */
export interface CheckedTopology {
  readonly architecture: string;
  readonly numaNodes: readonly NumaNodeInfo[];
  readonly nics: readonly NicInfo[];
}

/**
 * Checks the props and returns frozen copies: threads ascending, cores in CPU
 * order, NUMA nodes by id.
 *
 * @throws ValueError naming the first broken rule
 */
export function checkTopology(props: HostTopologyProps): CheckedTopology {
  const architecture = checkArchitecture(props.architecture ?? 'x86_64');

  if (props.numaNodes.length === 0) {
    throw new ValueError(KIND, '[]', 'it has no NUMA node',
      'Describe at least one NUMA node with its cores; a machine without NUMA has node 0.');
  }

  const nodeIds = new Set<number>();
  const cpuOwner = new Map<number, string>();
  const numaNodes = props.numaNodes.map((node) => {
    checkId('NUMA node id', node.id);
    if (nodeIds.has(node.id)) {
      throw new ValueError(KIND, `NUMA node ${node.id}`, `NUMA node ${node.id} is listed twice`,
        'Give each NUMA node once, with all of its cores.');
    }
    nodeIds.add(node.id);
    if (node.memory !== undefined && !(node.memory instanceof Size)) {
      throw new ValueError(KIND, `NUMA node ${node.id}`, 'its memory is not a Size',
        "Pass a Size, for example Size.parse('64Gi').");
    }
    const cores = node.cores.map((core) => checkCore(node.id, core, cpuOwner));
    cores.sort((a, b) => a.threads[0] - b.threads[0]);
    return Object.freeze({
      id: node.id,
      ...(node.memory !== undefined ? { memory: node.memory } : {}),
      cores: Object.freeze(cores) as CoreInfo[],
    });
  });
  numaNodes.sort((a, b) => a.id - b.id);

  if (cpuOwner.size === 0) {
    throw new ValueError(KIND, nodeIds.size === 1 ? 'NUMA node' : 'NUMA nodes',
      'no NUMA node has a core',
      'Describe the cores of the NUMA nodes that have CPUs, each with its hardware threads.');
  }

  const nics = checkNics(props.nics ?? [], nodeIds);
  return Object.freeze({ architecture, numaNodes: Object.freeze(numaNodes), nics });
}

function checkArchitecture(architecture: string): string {
  if (!/^[A-Za-z0-9_.-]+$/.test(architecture)) {
    throw new ValueError('architecture', architecture,
      'an architecture is one word, as `uname -m` prints it',
      'Use for example x86_64, aarch64, ppc64le or riscv64.');
  }
  return architecture;
}

function checkCore(nodeId: number, core: CoreInfo, cpuOwner: Map<number, string>): CoreInfo {
  const where = `NUMA node ${nodeId}, core [${core.threads.join(', ')}]`;
  checkId(`socket of ${where}`, core.socket);
  if (core.threads.length === 0) {
    throw new ValueError(KIND, `NUMA node ${nodeId}`, 'one of its cores has no thread',
      'List the CPU ids of the hardware threads of each core, for example [0, 48]; '
      + 'leave out cores that do not exist.');
  }

  for (const cpu of core.threads) {
    if (!Number.isInteger(cpu) || cpu < 0 || cpu > CpuSet.MAX_CPU) {
      throw new ValueError(KIND, where,
        `${cpu} is not a CPU id (a whole number from 0 to ${CpuSet.MAX_CPU})`,
        'Use the numbers lscpu shows in its CPU column.');
    }
    const owner = cpuOwner.get(cpu);
    if (owner !== undefined) {
      throw new ValueError(KIND, `CPU ${cpu}`,
        `CPU ${cpu} is listed twice: in ${owner} and in ${where}`,
        'Each hardware thread belongs to exactly one core of one NUMA node; remove the '
        + 'duplicate.');
    }
    cpuOwner.set(cpu, where);
  }

  const threads = [...core.threads].sort((a, b) => a - b);
  return Object.freeze({ socket: core.socket, threads: Object.freeze(threads) as number[] });
}

function checkNics(nics: readonly NicInfo[], nodeIds: ReadonlySet<number>): readonly NicInfo[] {
  const seen = new Set<string>();
  const checked = nics.map((nic) => {
    const pci = nic.pci.toString();
    if (seen.has(pci)) {
      throw new ValueError(KIND, `NIC ${pci}`, `the NIC ${pci} is listed twice`,
        'Give each PCI function once.');
    }
    seen.add(pci);
    if (nic.numaNode !== undefined && !nodeIds.has(nic.numaNode)) {
      throw new ValueError(KIND, `NIC ${pci}`,
        `it is attached to NUMA node ${nic.numaNode}, which the host does not have`,
        `Use one of the NUMA nodes ${[...nodeIds].sort((a, b) => a - b).join(', ')}, `
        + 'or leave numaNode out when it is unknown.');
    }
    return Object.freeze({ ...nic });
  });
  return Object.freeze(checked);
}

function checkId(what: string, id: number): void {
  if (!Number.isInteger(id) || id < 0) {
    throw new ValueError(KIND, String(id), `the ${what} is not a whole number from 0`,
      'Use the ids the kernel prints (lscpu, /sys/devices/system/node).');
  }
}
