import { CodeDoc } from './types';

/** Codes of the NIC rules: the physical ports given to OVS-DPDK. */
export const NIC_CODES: CodeDoc[] = [
  {
    code: 'NIC001',
    severity: 'error',
    title: 'A PCI address cannot be read',
    description: 'Write the PCI address as `lspci -D` prints it (`0000:af:00.0`) or in the '
      + 'short form (`af:00.0`).',
  },
  {
    code: 'NIC002',
    severity: 'error',
    title: 'An SR-IOV virtual function is the DPDK NIC',
    description: 'A virtual function drops unicast frames that are not addressed to the PF '
      + 'or one of its VFs, so VM traffic through OVS never arrives. Use a physical '
      + 'function.',
  },
  {
    code: 'NIC003',
    severity: 'warning',
    title: 'The NUMA node of a NIC is unknown',
    description: 'PMD placement and the mempools need the NIC\'s NUMA node '
      + '(`/sys/bus/pci/devices/<pci>/numa_node`). The planner gives every NUMA node a PMD '
      + 'core instead.',
  },
  {
    code: 'NIC004',
    severity: 'error',
    title: 'A NIC is on a NUMA node the host does not have',
    description: 'The NIC\'s `numaNode` must be one of the topology\'s NUMA nodes.',
  },
  {
    code: 'NIC005',
    severity: 'error',
    title: 'A PCI address or port name repeats',
    description: 'Each NIC is one DPDK port with its own PCI address and port name.',
  },
  {
    code: 'NIC006',
    severity: 'error',
    title: 'A DPDK port name is invalid',
    description: 'Port names are 1 to 15 letters, digits, `.`, `_` or `-`, so that they are '
      + 'valid OVS interface names and safe in scripts.',
  },
  {
    code: 'NIC007',
    severity: 'warning',
    title: 'A NIC is on a NUMA node without CPUs',
    description: 'No PMD thread can run next to the NIC; its queues are polled from another '
      + 'NUMA node.',
  },
];
