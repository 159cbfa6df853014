import { CodeDoc } from './types';

/** Codes of the kubelet rules: CPU, topology and memory managers. */
export const KUBELET_CODES: CodeDoc[] = [
  {
    code: 'KUBELET001',
    severity: 'error',
    title: 'reservedMemory does not sum to the Node Allocatable reservation',
    description: 'With the Static memory manager the kubelet refuses to start unless the '
      + '`reservedMemory` of all NUMA nodes sums exactly to kubeReserved + systemReserved + '
      + 'the hard eviction threshold `memory.available` (100Mi unless set; a percentage is '
      + 'taken of the node\'s memory). The manual guide\'s 2148Mi + 2Gi only balances with '
      + 'the default eviction threshold.',
    upstream: 'the total amount %q of type %q is not equal to the value %q determined by '
      + 'Node Allocatable feature',
  },
  {
    code: 'KUBELET002',
    severity: 'error',
    title: 'reservedMemory names a NUMA node the host does not have',
    description: '`reservedMemory` has one entry per NUMA node, in node order; an entry '
      + 'beyond the last NUMA node stops the kubelet.',
    upstream: 'the reserved memory configuration references a NUMA node %d that does not '
      + 'exist on this machine',
  },
  {
    code: 'KUBELET003',
    severity: 'error',
    title: 'A kubelet memory value cannot be read',
    description: '`kubeReservedMemory`, `systemReservedMemory` and the `reservedMemory` '
      + 'entries are Kubernetes quantities; `evictionHard` is a quantity or a percentage.',
  },
  {
    code: 'KUBELET004',
    severity: 'error',
    title: 'A reservedMemory entry is zero',
    description: 'The kubelet refuses zero entries; leave the NUMA node out instead.',
    upstream: 'invalid configuration: reserved memory may not be zero for NUMA node %d and '
      + 'resource %q',
  },
  {
    code: 'KUBELET005',
    severity: 'error',
    title: 'The eviction threshold is a percentage of unknown memory',
    description: 'A percentage `evictionHard` is resolved against the node\'s memory, which '
      + 'the topology does not give, so no `reservedMemory` can be computed that the '
      + 'kubelet accepts. Give the memory of each NUMA node or write the threshold as a '
      + 'quantity.',
  },
  {
    code: 'KUBELET006',
    severity: 'error',
    title: 'More than 8 NUMA nodes with a topology manager policy',
    description: 'The topology manager refuses machines with more than 8 NUMA nodes unless '
      + 'its `max-allowable-numa-nodes` policy option is set, which kubelets from 1.31 '
      + 'accept.',
    upstream: 'unsupported on machines with more than %v NUMA Nodes',
  },
  {
    code: 'KUBELET007',
    severity: 'warning',
    title: 'Burstable and BestEffort pods may run on PMD cores',
    description: 'PMD CPUs are in `reservedSystemCPUs`, which keeps Guaranteed pods off '
      + 'them, but without the CPU manager option `strict-cpu-reservation` (kubelet 1.32 '
      + 'alpha, 1.33 beta, 1.35 GA) the shared pool of Burstable and BestEffort pods still '
      + 'contains them. Only `isolcpus` stands in the way. OpenShift makes the option a '
      + 'prerequisite for OVS-DPDK CPUs. Userspace CNI path only: on Kube-OVN the option '
      + 'must stay off (KUBELET013).',
  },
  {
    code: 'KUBELET008',
    severity: 'warning',
    title: 'full-pcpus-only with reserved CPUs that are not whole cores',
    description: 'With `full-pcpus-only` the kubelet only hands out whole physical cores. '
      + 'A sibling thread left over by `reservedSystemCPUs` can never be given to a VM, and '
      + 'VMs whose vCPU count is not a multiple of the threads per core are rejected with '
      + 'an SMT alignment error.',
  },
  {
    code: 'KUBELET009',
    severity: 'error',
    title: 'The static CPU manager has no reserved CPU',
    description: 'The static policy needs a non-empty CPU reservation; `reservedSystemCPUs` '
      + 'is the housekeeping CPUs plus the PMD CPUs.',
    upstream: '[cpumanager] the static policy requires systemreserved.cpu + '
      + 'kubereserved.cpu to be greater than zero',
  },
  {
    code: 'KUBELET010',
    severity: 'error',
    title: 'The Static memory manager has no reserved memory',
    description: 'kubeReserved + systemReserved + the eviction threshold must be more than '
      + 'zero for the Static memory manager.',
    upstream: '[memorymanager] you should specify the system reserved memory',
  },
  {
    code: 'KUBELET011',
    severity: 'warning',
    title: 'VMs may share physical cores',
    description: 'Without the CPU manager option `full-pcpus-only` (kubelet 1.23 and later) '
      + 'the kubelet may give the two threads of one core to two different VMs, which then '
      + 'slow each other down.',
  },
  {
    code: 'KUBELET012',
    severity: 'error',
    title: 'The kubelet configuration path is not absolute',
    description: '`kubelet.configPath` names the KubeletConfiguration file on the node, an '
      + 'absolute path such as `/var/lib/kubelet/config.yaml`.',
  },
  {
    code: 'KUBELET013',
    severity: 'error',
    title: 'strict-cpu-reservation keeps Kube-OVN\'s OVS off its own CPUs',
    description: 'The PMD and housekeeping CPUs are in `reservedSystemCPUs`. With the CPU '
      + 'manager option `strict-cpu-reservation` the static policy takes them out of the '
      + 'shared pool, the cpuset of every Burstable and BestEffort container. On Kube-OVN, '
      + 'OVS-DPDK runs inside the Burstable `ovs-ovn-dpdk` pod, so it could then run only '
      + 'on the VM CPUs no VM holds: `pmd-cpu-mask` and `dpdk-lcore-mask` name CPUs outside '
      + 'its cpuset, pinning fails, and the PMD threads busy-poll beside the VMs. The '
      + 'option is off by default on this path; the Userspace CNI path, where OVS runs on '
      + 'the host, keeps it on.',
    upstream: 'Thread affinity error %d',
  },
  {
    code: 'KUBELET014',
    severity: 'error',
    title: 'The kubelet is older than the settings the plan writes',
    description: 'The plan writes `reservedSystemCPUs` (read from kubelet 1.17), on hosts '
      + 'with several NUMA nodes `topologyManagerPolicy: single-numa-node` (beta from 1.18) '
      + 'and `memoryManagerPolicy: Static` with `reservedMemory` (alpha in 1.21 behind the '
      + 'feature gate `MemoryManager`, off by default; beta and on from 1.22). An older '
      + 'kubelet does not refuse them: it goes without, and nothing says so. '
      + '`versions.kubelet` below the newest of them is an error.',
  },
];
