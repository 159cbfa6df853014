import { CpuPlan, HugepagePlan, KernelPlan, NicPlan } from './types';
import { Version } from './versions';
import { Findings } from '../diagnostics/findings';
import { ValueError } from '../model/errors';
import { HostTopology } from '../model/topology';
import { KernelSpec } from '../spec/node';

/** The kernel that reads `hugepages=<node>:<count>,...` (hugetlbfs, November 2021). */
export const PER_NODE_HUGEPAGES_KERNEL = '5.16';

/** What the kernel arguments depend on. */
export interface KernelPlanInput {
  readonly spec: KernelSpec | undefined;
  readonly host: HostTopology;
  readonly cpus: CpuPlan;
  readonly hugepages: HugepagePlan;
  readonly nics: readonly NicPlan[];
  /** CPU vendor of an x86_64 host. */
  readonly cpuVendor: 'intel' | 'amd';
  /** Path of the `kernel` field, such as `nodes[0].kernel`. */
  readonly where: string;
}

/**
 * The kernel command line additions of a node pool, in order: the hugepages,
 * `isolcpus` for the PMD CPUs, the optional `nohz_full` and `rcu_nocbs` for PMD
 * and VM CPUs, and the IOMMU for `vfio-pci` NICs.
 *
 * Hugepages: the same count on every NUMA node is one `hugepages=<total>`,
 * which the kernel spreads evenly; different counts use the per-node syntax
 * `hugepages=0:N,1:M` (kernel 5.16 and later, NUMA node ids 0 to n-1, see
 * Documentation/admin-guide/kernel-parameters.txt), else the pages are left to
 * a runtime unit that writes `nr_hugepages` per node.
 *
 * Only an unreadable `kernel.version` is reported here (KERNEL001); the rules
 * of `checkKernel` look at the result.
 */
export function planKernel(input: KernelPlanInput, findings: Findings): KernelPlan {
  const { spec, host, cpus, hugepages } = input;
  const version = readVersion(spec?.version, `${input.where}.version`, findings);
  const args: string[] = [];

  const kernelSize = hugepages.size.toKernel();
  args.push(`default_hugepagesz=${kernelSize}`, `hugepagesz=${kernelSize}`);
  const counts = hugepages.perNumaNode.map((entry) => entry.pages);
  const total = counts.reduce((sum, n) => sum + n, 0);
  const even = counts.every((n) => n === counts[0]);
  const denseIds = hugepages.perNumaNode.every((entry, i) => entry.numaNode === i)
    && hugepages.perNumaNode.length === host.numaNodeIds().length;
  const perNodeSyntax = !even && denseIds
    && version !== undefined && version.atLeast(PER_NODE_HUGEPAGES_KERNEL);
  const atRuntime = !even && !perNodeSyntax;

  if (perNodeSyntax) {
    args.push(`hugepages=${hugepages.perNumaNode
      .map((entry) => `${entry.numaNode}:${entry.pages}`).join(',')}`);
  } else if (!atRuntime && total > 0) {
    args.push(`hugepages=${total}`);
  }

  if (!cpus.isolated.isEmpty) {
    args.push(`isolcpus=${cpus.isolated.toList()}`);
  }
  const quiet = cpus.pmd.union(cpus.vm);
  if (spec?.nohzFull && !quiet.isEmpty) {
    args.push(`nohz_full=${quiet.toList()}`);
  }
  if (spec?.rcuNocbs && !quiet.isEmpty) {
    args.push(`rcu_nocbs=${quiet.toList()}`);
  }

  const iommu = input.nics.some((nic) => nic.driver === 'vfio-pci');
  if (iommu) {
    args.push(...iommuArgs(host.architecture, input.cpuVendor));
  }

  return {
    args,
    perNodeHugepages: perNodeSyntax,
    hugepagesAtRuntime: atRuntime,
    iommu,
    ...(version !== undefined ? { version } : {}),
  };
}

/**
 * The IOMMU arguments for `vfio-pci`; none on architectures without a known
 * argument (KERNEL003 reports them).
 */
function iommuArgs(architecture: string, vendor: 'intel' | 'amd'): string[] {
  if (architecture === 'x86_64') {
    // The AMD IOMMU driver is on whenever the firmware describes one (there is
    // no `amd_iommu=on`); `iommu=pt` keeps host devices in passthrough mode.
    return vendor === 'amd' ? ['iommu=pt'] : ['intel_iommu=on', 'iommu=pt'];
  }
  return architecture === 'aarch64' ? ['iommu.passthrough=1'] : [];
}

function readVersion(
  text: string | undefined, path: string, findings: Findings,
): Version | undefined {
  if (text === undefined) {
    return undefined;
  }
  try {
    return Version.parse(text, 'kernel');
  } catch (e) {
    if (!(e instanceof ValueError)) {
      throw e;
    }
    findings.error('KERNEL001', {
      path,
      message: `the kernel version "${text}" cannot be read: ${e.reason}`,
      hint: 'Give what `uname -r` prints, such as 6.1.0-18-amd64.',
    });
    return undefined;
  }
}
