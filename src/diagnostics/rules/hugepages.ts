import { Size } from '../../model/size';
import { HostTopology } from '../../model/topology';
import { HugepagePlan } from '../../plan/types';
import { Findings } from '../findings';

/** What the hugepage rules need to know besides the plan. */
export interface HugepageRuleContext {
  readonly host: HostTopology;
  /** Memory the kubelet reserves on each NUMA node (`reservedMemory`). */
  readonly reserved: ReadonlyMap<number, Size>;
  /** Path of the `hugepages` field, such as `nodes[0].hugepages`. */
  readonly path: string;
}

/**
 * Checks the hugepage ledger of each NUMA node: the boot pages hold what OVS
 * may take plus the VMs placed there (HUGE005), and the pages plus the
 * kubelet's reserved memory fit in the node's memory (HUGE006).
 */
export function checkHugepages(
  plan: HugepagePlan, ctx: HugepageRuleContext, findings: Findings,
): void {
  const unit = `hugepages-${plan.size}`;
  for (const entry of plan.perNumaNode) {
    if (entry.free === 'negative') {
      const vms = entry.vms.isZero ? '' : ` and VMs ${entry.vms}`;
      findings.error('HUGE005', {
        path: plan.fixed ? `${ctx.path}.pagesPerNumaNode` : ctx.path,
        message: `${pagesOf(entry.numaNode, entry.pages, plan.size, entry.total)} cannot hold OVS ${entry.ovsHeld} (dpdk-socket-mem ${entry.ovs}${entry.headroom.isZero
          ? '' : ` plus ${entry.headroom} up to dpdk-socket-limit and whole pages`})${vms}; `
          + `${entry.shortfall} short`,
        hint: 'Raise pagesPerNumaNode, leave it out to have the pages sized, or place fewer VMs '
          + 'on this NUMA node.',
        upstream: `insufficient ${unit}`,
      });
    }

    const memory = ctx.host.memoryOf(entry.numaNode);
    const reserved = ctx.reserved.get(entry.numaNode) ?? Size.ZERO;
    const needed = entry.total.plus(reserved);
    if (memory !== undefined && needed.compare(memory) > 0) {
      findings.error('HUGE006', {
        path: plan.fixed ? `${ctx.path}.pagesPerNumaNode` : ctx.path,
        message: `${pagesOf(entry.numaNode, entry.pages, plan.size, entry.total)} and the kubelet's reserved memory ${reserved} need ${needed}, more than the node's `
          + `${memory}`,
        hint: 'Allocate fewer hugepages, reserve less memory, or place fewer VMs on this NUMA '
          + 'node.',
      });
    }
  }
}

/** `NUMA node 0: 30 pages of 1Gi (30Gi)`, how both rules start. */
function pagesOf(numaNode: number, pages: number, size: Size, total: Size): string {
  return `NUMA node ${numaNode}: ${pages} pages of ${size} (${total})`;
}
