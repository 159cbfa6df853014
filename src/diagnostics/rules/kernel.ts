import { CpuSet } from '../../model/cpuset';
import { HostTopology } from '../../model/topology';
import { PER_NODE_HUGEPAGES_KERNEL } from '../../plan/kernel';
import { HugepagePlan, KernelPlan } from '../../plan/types';
import { Findings } from '../findings';

/** What the kernel rules need to know besides the plan. */
export interface KernelRuleContext {
  readonly host: HostTopology;
  readonly hugepages: HugepagePlan;
  /** Path of the `kernel` field, such as `nodes[0].kernel`. */
  readonly path: string;
}

/**
 * Checks the kernel command line of a node pool: the IOMMU argument for
 * `vfio-pci` NICs is known for the architecture (KERNEL003), and `nohz_full`
 * leaves CPU 0 alone (KERNEL004). The hugepage part is checked by
 * {@link checkKernelHugepages}.
 */
export function checkKernel(plan: KernelPlan, ctx: KernelRuleContext, findings: Findings): void {
  const architecture = ctx.host.architecture;
  if (plan.iommu && architecture !== 'x86_64' && architecture !== 'aarch64') {
    findings.warn('KERNEL003', {
      path: ctx.path,
      message: `no IOMMU argument is known for ${architecture}, which vfio-pci NICs need`,
      hint: 'Enable the IOMMU of the architecture by hand, or use NICs with a bifurcated '
        + 'driver (mlx5).',
    });
  }

  const nohzFull = plan.args.find((arg) => arg.startsWith('nohz_full='));
  if (nohzFull !== undefined && CpuSet.parse(nohzFull.slice('nohz_full='.length)).has(0)) {
    findings.warn('KERNEL004', {
      path: `${ctx.path}.nohzFull`,
      message: 'nohz_full would include CPU 0, which the kernel keeps for timekeeping and '
        + 'takes out again',
      hint: 'Keep CPU 0 a housekeeping CPU.',
    });
  }
}

/**
 * Reports hugepages that the kernel command line cannot allocate per NUMA node
 * and that are left to a runtime unit (KERNEL002).
 */
export function checkKernelHugepages(
  plan: KernelPlan, ctx: KernelRuleContext, findings: Findings,
): void {
  if (!plan.hugepagesAtRuntime) {
    return;
  }
  const counts = ctx.hugepages.perNumaNode
    .map((entry) => `node ${entry.numaNode}: ${entry.pages}`).join(', ');
  findings.warn('KERNEL002', {
    path: `${ctx.path}.version`,
    message: `the NUMA nodes need different numbers of ${ctx.hugepages.size} hugepages `
      + `(${counts}), which the kernel command line only takes from kernel `
      + `${PER_NODE_HUGEPAGES_KERNEL} on hosts with NUMA node ids 0 to n-1; they are allocated `
      + 'after boot instead, where large pages may no longer be found',
    hint: `Give kernel.version when the nodes run kernel ${PER_NODE_HUGEPAGES_KERNEL} or later, `
      + 'or give every NUMA node the same pagesPerNumaNode.',
  });
}
