import { CodeDoc } from './types';

/** Codes of the kernel command line rules. */
export const KERNEL_CODES: CodeDoc[] = [
  {
    code: 'KERNEL001',
    severity: 'error',
    title: 'The kernel version cannot be read',
    description: '`kernel.version` is what `uname -r` prints, for example `6.1.0-18-amd64`.',
  },
  {
    code: 'KERNEL002',
    severity: 'warning',
    title: 'Hugepages per NUMA node are allocated after boot',
    description: 'The pages differ between NUMA nodes, and the per-node boot syntax '
      + '`hugepages=0:N,1:M` needs kernel 5.16 or later and NUMA node ids 0 to n-1. The '
      + 'bootstrap writes `nr_hugepages` per node at runtime instead, where 1Gi pages can '
      + 'fail to allocate on fragmented memory. Give `kernel.version` when it is 5.16 or '
      + 'later.',
  },
  {
    code: 'KERNEL003',
    severity: 'warning',
    title: 'No IOMMU argument is known for this architecture',
    description: '`vfio-pci` needs the IOMMU. x86_64 Intel hosts get `intel_iommu=on '
      + 'iommu=pt`, x86_64 AMD hosts `iommu=pt` (the AMD IOMMU is on by default; '
      + '`amd_iommu=on` is not a kernel value) and aarch64 hosts `iommu.passthrough=1`. '
      + 'Enable the IOMMU of other architectures by hand.',
  },
  {
    code: 'KERNEL004',
    severity: 'warning',
    title: 'nohz_full includes CPU 0',
    description: 'The kernel keeps timekeeping on the boot CPU and removes it from '
      + '`nohz_full`. Keep CPU 0 a housekeeping CPU.',
  },
];
