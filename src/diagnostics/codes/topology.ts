import { CodeDoc } from './types';

/** Codes of the topology rules: how a node pool's hardware is described. */
export const TOPOLOGY_CODES: CodeDoc[] = [
  {
    code: 'TOPO001',
    severity: 'error',
    title: 'The topology is not given in exactly one form',
    description: 'A topology is `uniform`, `numaNodes` or `lscpu`, exactly one of them.',
  },
  {
    code: 'TOPO002',
    severity: 'error',
    title: 'The topology cannot be read',
    description: 'The `lscpu` text, the NUMA node list or the uniform counts do not '
      + 'describe a machine: a CPU or NUMA node id repeats, a core has no thread, no NUMA '
      + 'node has a CPU, or a line cannot be read. No plan is made for the pool.',
  },
  {
    code: 'TOPO003',
    severity: 'error',
    title: 'The memory of a NUMA node cannot be read',
    description: 'Memory is a Kubernetes quantity such as `64Gi`; a host holds at most 1Pi in '
      + 'all, so that a unit typed wrong (`64Pi`) is caught. The memory is then unknown.',
  },
  {
    code: 'TOPO004',
    severity: 'warning',
    title: 'The memory of the NUMA nodes is unknown',
    description: 'Without it the hugepage budget of each NUMA node cannot be checked and '
      + 'a percentage eviction threshold cannot be resolved. `lscpu` does not print it: '
      + 'give `memoryPerNumaNode`.',
  },
  {
    code: 'TOPO005',
    severity: 'warning',
    title: 'The architecture is unknown',
    description: 'Hugepage sizes and IOMMU arguments are known for x86_64, aarch64, '
      + 'ppc64le, s390x and riscv64; on other architectures they are not checked.',
  },
];
