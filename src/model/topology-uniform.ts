// Building the NUMA nodes of a machine of identical nodes. Internal to the model:
// `HostTopology.uniform` is the public face.
import { CpuSet } from './cpuset';
import { ValueError } from './errors';
import { CoreInfo, NumaNodeInfo, UniformTopologyProps } from './topology-types';

/**
 * The NUMA nodes of `props`: node n holds cores n × coresPerNumaNode onwards,
 * and each core sits on the socket numbered like its NUMA node.
 *
 * @throws ValueError for a count that is not a positive whole number, or a
 *   machine with more CPUs than Linux supports
 */
export function uniformNumaNodes(props: UniformTopologyProps): NumaNodeInfo[] {
  const nodes = checkCount('numaNodes', props.numaNodes);
  const coresPerNode = checkCount('coresPerNumaNode', props.coresPerNumaNode);
  const threadsPerCore = checkCount('threadsPerCore', props.threadsPerCore ?? 2);
  const totalCores = nodes * coresPerNode;
  if (totalCores * threadsPerCore > CpuSet.MAX_CPU + 1) {
    throw new ValueError('uniform topology', `${totalCores * threadsPerCore} CPUs`,
      `Linux numbers at most ${CpuSet.MAX_CPU + 1} CPUs`,
      'Lower numaNodes, coresPerNumaNode or threadsPerCore.');
  }

  const threadsOf = props.siblings === 'adjacent'
    // POWER and some laptops: the threads of core k are k × T .. k × T + T - 1.
    ? (core: number, thread: number) => core * threadsPerCore + thread
    // The usual x86 numbering: thread t of core k is CPU k + t × (all cores).
    : (core: number, thread: number) => core + thread * totalCores;

  return Array.from({ length: nodes }, (_, id): NumaNodeInfo => {
    const cores = Array.from({ length: coresPerNode }, (__, index): CoreInfo => {
      const core = id * coresPerNode + index;
      const threads = Array.from({ length: threadsPerCore }, (___, t) => threadsOf(core, t));
      return { socket: id, threads };
    });
    return props.memoryPerNumaNode === undefined
      ? { id, cores }
      : { id, memory: props.memoryPerNumaNode, cores };
  });
}

function checkCount(name: string, value: number): number {
  if (!Number.isInteger(value) || value < 1) {
    throw new ValueError('uniform topology', `${name}: ${value}`,
      `${name} must be a whole number of at least 1`,
      `Set ${name} to how many the machine has, for example 2.`);
  }
  return value;
}
