import { CodeDoc } from './types';

/** Codes of the hugepage rules: page size, boot pages and the per-NUMA-node ledger. */
export const HUGEPAGE_CODES: CodeDoc[] = [
  {
    code: 'HUGE001',
    severity: 'error',
    title: 'The hugepage size cannot be read',
    description: '`hugepages.size` is a Kubernetes quantity such as `1Gi` or `2Mi`: a power '
      + 'of two of at least 64Ki. The other rules are checked with 1Gi in its place.',
  },
  {
    code: 'HUGE002',
    severity: 'error',
    title: 'The architecture has no hugepages of this size',
    description: 'The kernel offers hugepage sizes by architecture: x86_64 2Mi and 1Gi; '
      + 'aarch64 64Ki, 2Mi, 32Mi and 1Gi with 4 KiB base pages or 2Mi, 512Mi and 16Gi '
      + 'with 64 KiB base pages; ppc64le 2Mi and 1Gi (radix MMU) or 16Mi and 16Gi (hash '
      + 'MMU); s390x 1Mi and 2Gi; riscv64 64Ki, 2Mi and 1Gi. A size the kernel does not '
      + 'know is ignored at boot and no page is allocated.',
  },
  {
    code: 'HUGE003',
    severity: 'error',
    title: 'VMs cannot use this hugepage size',
    description: 'Virtink backs guest memory with `2Mi` or `1Gi` pages only (the '
      + '`hugepages.pageSize` enum of its VirtualMachine CRD), and a VM must use the '
      + 'default hugepage size of the node. Pick 1Gi or 2Mi on pools that run VMs.',
  },
  {
    code: 'HUGE004',
    severity: 'error',
    title: 'pagesPerNumaNode is not a whole number',
    description: '`hugepages.pagesPerNumaNode` counts pages, a whole number from 0.',
  },
  {
    code: 'HUGE005',
    severity: 'error',
    title: 'The hugepage ledger of a NUMA node is negative',
    description: 'On each NUMA node the pages allocated at boot must hold what OVS-DPDK '
      + 'can take (`dpdk-socket-mem`, up to `dpdk-socket-limit`, in whole pages) plus the '
      + 'hugepages of the VMs placed there. OVS hugepages are invisible to the kubelet, so '
      + 'a VM scheduled onto them fails to start.',
    upstream: 'insufficient hugepages-<size>',
  },
  {
    code: 'HUGE006',
    severity: 'error',
    title: 'Hugepages and reserved memory exceed the memory of a NUMA node',
    description: 'Hugepages are taken from the NUMA node\'s memory at boot; what remains '
      + 'must still hold the kubelet `reservedMemory` of that node (the operating system, '
      + 'the kubelet and the eviction threshold). The manual guide allocates 60 pages of '
      + '1Gi without checking this.',
  },
  {
    code: 'HUGE007',
    severity: 'error',
    title: 'A Kube-OVN host cannot hold the ovs-ovn-dpdk pod\'s hugepages and its VMs',
    description: 'On the Kube-OVN path OVS-DPDK runs in the `ovs-ovn-dpdk` pod, whose '
      + 'hugepages request the scheduler and the kubelet count against the host\'s '
      + 'allocatable hugepages (the memory manager books only Guaranteed pods on a NUMA '
      + 'node, and this pod is Burstable). One DaemonSet serves every pool, so every host '
      + 'is asked for what the largest pool needs, even where OVS holds less. The boot '
      + 'pages of a host must hold that request plus the VMs placed there.',
    upstream: 'Insufficient hugepages-<size>',
  },
  {
    code: 'HUGE008',
    severity: 'error',
    title: 'Kube-OVN node pools use different hugepage sizes',
    description: 'One `ovs-ovn-dpdk` DaemonSet runs OVS on every pool and mounts its '
      + 'hugepages as one `emptyDir` of medium `HugePages`, so it requests pages of one '
      + 'size; a pod that asks for a size its node does not have stays Pending. Give every '
      + 'pool on the Kube-OVN path the same `hugepages.size`.',
    upstream: 'Insufficient hugepages-<size>',
  },
  {
    code: 'HUGE009',
    severity: 'warning',
    title: 'Hugepage placeholder pods are not used on the Kube-OVN path',
    description: 'Placeholder pods hold, in the kubelet\'s books, the hugepages OVS takes '
      + 'outside Kubernetes (the Userspace CNI path). On Kube-OVN, OVS runs in the '
      + '`ovs-ovn-dpdk` pod, whose own request already books them: a placeholder would '
      + 'book the same pages twice and leave the last VM Pending. '
      + '`kubeOvn.hugepagePlaceholders: true` is ignored.',
  },
];
