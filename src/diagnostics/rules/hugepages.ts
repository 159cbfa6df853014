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
 * kubelet's reserved memory fit in the node's memory (HUGE006); on the
 * Kube-OVN path, a host's pages hold the `ovs-ovn-dpdk` pod's request plus
 * its VMs (HUGE007).
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
  checkHostLedger(plan, ctx, findings);
}

function checkHostLedger(
  plan: HugepagePlan, ctx: HugepageRuleContext, findings: Findings,
): void {
  const host = plan.host;
  if (host?.free !== 'negative') {
    return;
  }
  const unit = `hugepages-${plan.size}`;
  const unused = host.unusedByOvs.isZero ? ''
    : ` (${host.unusedByOvs} more than OVS holds on this pool: the one DaemonSet asks every `
      + 'host for what the largest pool needs)';
  const vms = host.vms.isZero ? '' : ` and VMs ${host.vms}`;
  const who = host.vms.isZero ? 'the ovs-ovn-dpdk pod stays Pending'
    : 'the ovs-ovn-dpdk pod or a VM stays Pending';
  findings.error('HUGE007', {
    path: plan.fixed ? `${ctx.path}.pagesPerNumaNode` : ctx.path,
    message: `a host's ${host.pages} page${host.pages === 1 ? '' : 's'} of ${plan.size} (${host.total}) cannot hold the `
      + `ovs-ovn-dpdk pod's request ${host.ovsPod}${unused}${vms}; ${host.shortfall} short, `
      + `so ${who}`,
    hint: 'Raise pagesPerNumaNode, leave it out to have the pages sized, or give every pool '
      + 'the same dpdk-socket-limit so that the DaemonSet asks for no more than this pool '
      + 'holds.',
    upstream: `Insufficient ${unit}`,
  });
}

/** `NUMA node 0: 30 pages of 1Gi (30Gi)`, how both rules start. */
function pagesOf(numaNode: number, pages: number, size: Size, total: Size): string {
  return `NUMA node ${numaNode}: ${pages} pages of ${size} (${total})`;
}
