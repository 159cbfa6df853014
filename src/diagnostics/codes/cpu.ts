import { CodeDoc } from './types';

/** Codes of the CPU rules: housekeeping, PMD, lcore, isolated and VM CPUs. */
export const CPU_CODES: CodeDoc[] = [
  {
    code: 'CPU001',
    severity: 'error',
    title: 'A CPU set cannot be read',
    description: '`cpus.housekeeping`, `cpus.pmd` and `cpus.lcore` take the list form '
      + '(`0-1,8-11`) or a hex mask (`0xf00`). The planner uses its default for the set '
      + 'so that the other rules still run.',
  },
  {
    code: 'CPU002',
    severity: 'error',
    title: 'A CPU set names CPUs the host does not have',
    description: 'OVS drops mask bits of missing CPUs without a word, and the kubelet '
      + 'refuses a `reservedSystemCPUs` that is not a subset of the online CPUs. Use CPU '
      + 'numbers of the topology.',
    upstream: 'reserved-cpus: %s is not a subset of online-cpus: %s',
  },
  {
    code: 'CPU003',
    severity: 'error',
    title: 'Housekeeping, PMD and VM CPUs overlap',
    description: 'Every CPU has one job: the operating system and the kubelet '
      + '(housekeeping), an OVS-DPDK PMD thread that polls at 100%, or a VM. A CPU in two '
      + 'sets is shared by a busy-polling thread and something else.',
  },
  {
    code: 'CPU004',
    severity: 'error',
    title: 'DPDK lcore CPUs overlap PMD CPUs',
    description: '`dpdk-lcore-mask` pins the OVS main, handler and revalidator threads. On '
      + 'a PMD CPU they starve next to the busy-polling PMD thread. OVS accepts the overlap '
      + 'without a warning (the manual guide sets both masks to 0xf00).',
  },
  {
    code: 'CPU005',
    severity: 'error',
    title: 'DPDK lcore CPUs are not housekeeping CPUs',
    description: 'The non-PMD DPDK threads belong on housekeeping CPUs; anywhere else they '
      + 'take time from VMs.',
  },
  {
    code: 'CPU006',
    severity: 'error',
    title: 'A NUMA node with a DPDK NIC or vhost-user VMs has no PMD CPU',
    description: 'OVS polls a port from a PMD thread on the port\'s NUMA node; a physical '
      + 'port lives on its NIC\'s node and a vhost-user port follows the guest memory. '
      + 'Without a local PMD the queue is polled across the NUMA interconnect, or not at '
      + 'all. Give every such node a PMD core (Red Hat\'s OVS-DPDK guidance).',
    upstream: 'There\'s no available (non-isolated) pmd thread on numa node N. Port \'P\' '
      + 'rx queue Q will be assigned to a pmd on numa node M. This may lead to reduced '
      + 'performance.',
  },
  {
    code: 'CPU007',
    severity: 'error',
    title: 'Sibling threads of a core are split between CPU sets',
    description: 'Hyper-threads share one core. A PMD thread next to a VM vCPU on the same '
      + 'core slows both, and the kubelet\'s `full-pcpus-only` cannot hand out a core whose '
      + 'sibling is reserved. Keep both threads of a core in the same set.',
  },
  {
    code: 'CPU008',
    severity: 'error',
    title: 'No housekeeping CPU',
    description: 'The operating system, the kubelet and the non-PMD OVS threads need at '
      + 'least one CPU that is neither a PMD CPU nor given to VMs.',
  },
  {
    code: 'CPU009',
    severity: 'warning',
    title: 'No CPU is left for VMs',
    description: 'Housekeeping and PMD CPUs take every CPU of the pool, so no VM with '
      + 'dedicated CPUs can run on it.',
  },
  {
    code: 'CPU010',
    severity: 'error',
    title: 'PMD CPUs are not both reserved and isolated',
    description: 'PMD CPUs must be in the kubelet `reservedSystemCPUs` (so that no pod gets '
      + 'them) and in `isolcpus` (so that the scheduler puts no task on them).',
  },
  {
    code: 'CPU011',
    severity: 'error',
    title: 'pmdCoresPerNumaNode is not a positive whole number',
    description: 'The number of physical cores given to PMD threads on each NUMA node that '
      + 'needs them is a whole number, 1 or more.',
  },
];
