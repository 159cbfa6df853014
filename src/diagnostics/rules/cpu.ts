import { CpuSet } from '../../model/cpuset';
import { HostTopology } from '../../model/topology';
import { CpuPlan } from '../../plan/types';
import { Findings } from '../findings';

/** What the CPU rules need to know besides the plan. */
export interface CpuRuleContext {
  /** The host the plan is for. */
  readonly host: HostTopology;
  /** NUMA nodes of the DPDK NICs whose node is known. */
  readonly nicNumaNodes: readonly number[];
  /** Whether vhost-user VMs may run on the pool. */
  readonly vhostUserVms: boolean;
  /** Path of the `cpus` field, such as `nodes[0].cpus`. */
  readonly path: string;
}

/**
 * Checks the CPU split of a node pool: every set within the host, housekeeping,
 * PMD and VM CPUs disjoint, the lcore on housekeeping CPUs and off PMD CPUs, a
 * PMD CPU on every NUMA node that needs one, sibling threads together, PMD CPUs
 * reserved and isolated (CPU002 to CPU010).
 */
export function checkCpus(plan: CpuPlan, ctx: CpuRuleContext, findings: Findings): void {
  const all = ctx.host.cpus();
  const sets = { housekeeping: plan.housekeeping, pmd: plan.pmd, lcore: plan.lcore };
  for (const [field, set] of Object.entries(sets)) {
    const missing = set?.difference(all);
    if (missing !== undefined && !missing.isEmpty) {
      findings.error('CPU002', {
        path: `${ctx.path}.${field}`,
        message: `${field} CPUs ${set} name CPUs ${missing} that the host does not have `
          + `(it has ${all})`,
        hint: `Use CPUs of the host, ${all}.`,
        upstream: 'reserved-cpus: %s is not a subset of online-cpus: %s',
      });
    }
  }

  const housekeeping = plan.housekeeping.intersect(all);
  const pmd = plan.pmd.intersect(all);
  const vm = plan.vm.intersect(all);
  checkDisjoint(ctx, { housekeeping, pmd, vm }, findings);
  checkLcore(ctx, plan.lcore?.intersect(all), housekeeping, pmd, findings);
  checkPmdPerNode(ctx, pmd, vm, findings);
  checkSiblings(ctx, { housekeeping, pmd }, findings);

  if (housekeeping.isEmpty) {
    findings.error('CPU008', {
      path: `${ctx.path}.housekeeping`,
      message: 'no CPU is left for the operating system and the kubelet',
      hint: 'Keep at least the first core of NUMA node 0 as housekeeping.',
    });
  }
  if (vm.isEmpty && ctx.vhostUserVms) {
    findings.warn('CPU009', {
      path: ctx.path,
      message: `housekeeping (${housekeeping}) and PMD (${pmd}) CPUs take every CPU, so `
        + 'no VM can run on this pool',
      hint: 'Give fewer cores to housekeeping or PMD threads, or keep VMs off this pool.',
    });
  }

  const guarded = plan.reservedSystem.intersect(plan.isolated);
  if (!pmd.isSubsetOf(guarded)) {
    findings.error('CPU010', {
      path: `${ctx.path}.pmd`,
      message: `PMD CPUs ${pmd.difference(guarded)} are not in both reservedSystemCPUs `
        + `(${plan.reservedSystem}) and isolcpus (${plan.isolated})`,
      hint: 'Reserve and isolate every PMD CPU, so that neither pods nor other tasks run '
        + 'on them.',
    });
  }
}

function checkDisjoint(
  ctx: CpuRuleContext, sets: Record<'housekeeping' | 'pmd' | 'vm', CpuSet>, findings: Findings,
): void {
  const pairs = [['housekeeping', 'pmd'], ['housekeeping', 'vm'], ['pmd', 'vm']] as const;
  for (const [a, b] of pairs) {
    const shared = sets[a].intersect(sets[b]);
    if (!shared.isEmpty) {
      findings.error('CPU003', {
        path: `${ctx.path}.${a === 'housekeeping' ? 'housekeeping' : 'pmd'}`,
        message: `CPUs ${shared} are both ${a} and ${b} CPUs`,
        hint: 'Give each CPU one job: housekeeping, PMD or VMs.',
      });
    }
  }
}

function checkLcore(
  ctx: CpuRuleContext, lcore: CpuSet | undefined, housekeeping: CpuSet, pmd: CpuSet,
  findings: Findings,
): void {
  if (lcore === undefined) {
    return;
  }
  const onPmd = lcore.intersect(pmd);
  if (!onPmd.isEmpty) {
    findings.error('CPU004', {
      path: `${ctx.path}.lcore`,
      message: `dpdk-lcore-mask ${lcore.toMask()} (CPUs ${lcore}) shares CPUs ${onPmd} with `
        + `pmd-cpu-mask ${pmd.toMask()}; OVS accepts this silently and its control threads `
        + 'starve next to the PMD threads',
      hint: lcoreHint(housekeeping, pmd),
    });
  }
  const elsewhere = lcore.difference(pmd).difference(housekeeping);
  if (!elsewhere.isEmpty) {
    findings.error('CPU005', {
      path: `${ctx.path}.lcore`,
      message: `lcore CPUs ${elsewhere} are not housekeeping CPUs (${housekeeping})`,
      hint: 'Put the non-PMD DPDK threads on housekeeping CPUs, or leave cpus.lcore out.',
    });
  }
}

/** Where CPU004 sends the lcore: a housekeeping CPU that no PMD thread claims too. */
function lcoreHint(housekeeping: CpuSet, pmd: CpuSet): string {
  const free = housekeeping.difference(pmd).first();
  return free === undefined
    ? 'Every housekeeping CPU is a PMD CPU as well: keep some housekeeping CPUs out of '
      + 'cpus.pmd, or leave cpus.lcore out.'
    : `Put the lcore on a housekeeping CPU that is not a PMD CPU, such as ${free}, or leave `
      + 'cpus.lcore out.';
}

function checkPmdPerNode(
  ctx: CpuRuleContext, pmd: CpuSet, vm: CpuSet, findings: Findings,
): void {
  for (const node of ctx.host.numaNodeIds()) {
    const cpus = ctx.host.cpusOf(node);
    if (cpus.isEmpty || !cpus.isDisjointFrom(pmd)) {
      continue;
    }
    const hasNic = ctx.nicNumaNodes.includes(node);
    const hasVms = ctx.vhostUserVms && !cpus.isDisjointFrom(vm);
    if (!hasNic && !hasVms) {
      continue;
    }
    const why = hasNic ? 'a DPDK NIC' : 'CPUs for vhost-user VMs';
    findings.error('CPU006', {
      path: `${ctx.path}.pmd`,
      message: `NUMA node ${node} has ${why} but no PMD CPU (pmd-cpu-mask ${pmd.toMask()}, `
        + `CPUs ${pmd}); its queues are polled from another NUMA node or not at all`,
      hint: `Add a physical core of NUMA node ${node} (CPUs ${cpus}) to cpus.pmd, or leave `
        + 'cpus.pmd out to get one on every NUMA node that needs it.',
      upstream: 'There\'s no available (non-isolated) pmd thread on numa node N. Port \'P\' '
        + 'rx queue Q will be assigned to a pmd on numa node M. This may lead to reduced '
        + 'performance.',
    });
  }
}

function checkSiblings(
  ctx: CpuRuleContext, sets: Record<'housekeeping' | 'pmd', CpuSet>, findings: Findings,
): void {
  for (const [field, set] of Object.entries(sets)) {
    let missing = CpuSet.EMPTY;
    for (const cpu of set) {
      missing = missing.union(ctx.host.siblingsOf(cpu).difference(set));
    }
    if (!missing.isEmpty) {
      findings.error('CPU007', {
        path: `${ctx.path}.${field}`,
        message: `${field} CPUs ${set} hold only some threads of their cores: sibling `
          + `threads ${missing} are elsewhere`,
        hint: `Add the siblings ${missing} to ${field}, or remove their partners, so that `
          + 'every core is in one set.',
      });
    }
  }
}
