import { planHugepages, readFixedPages } from './hugepages';
import { planKernel } from './kernel';
import { cpuVendorOf } from './topology-from-spec';
import { NodePlan, NumaCapacity } from './types';
import { Diagnostic } from '../diagnostics/diagnostic';
import { Findings } from '../diagnostics/findings';
import { checkHugepages } from '../diagnostics/rules/hugepages';
import { checkKernelHugepages } from '../diagnostics/rules/kernel';
import { Size } from '../model/size';

/** Memory Virtink's VM pod asks for beside the guest's hugepages. */
export const VM_POD_OVERHEAD = Size.parse('256Mi');

/**
 * The plan of a pool on the Kube-OVN path once the `ovs-ovn-dpdk` pod's
 * request is known (`ClusterPlan.ovsDpdkPod`): the host ledger counts it, sized
 * pages grow to balance the kubelet's books, and the capacity left for VMs
 * shrinks by what the pod books beyond what OVS holds here
 * (`NodePlan.hostCapacity`).
 *
 * Reports a host that cannot even hold the pod's request (HUGE007).
 *
 * @param request hugepages the `ovs-ovn-dpdk` pod requests on every host
 */
export function withOvsPod(plan: NodePlan, request: Size, findings: Findings): NodePlan {
  const next = relaid(plan, { ovsPod: request, demand: new Map() }, findings);
  const hostCapacity = hostCapacityOf(next, numaCapacity(next, undefined));
  return {
    ...next,
    capacity: numaCapacity(next, hostCapacity),
    ...(hostCapacity !== undefined && { hostCapacity }),
  };
}

/**
 * The plan with the hugepages of the VMs placed on each NUMA node: fills the
 * ledger's `vms`, `free` and `shortfall`, sizes the boot pages when the user
 * did not fix them (what OVS may hold plus the VM demand, in whole pages), and
 * writes the kernel arguments for those pages.
 *
 * Reports what the VM demand changes: a negative ledger (HUGE005), pages that
 * no longer fit beside the reserved memory (HUGE006), a host that cannot hold
 * the `ovs-ovn-dpdk` pod and its VMs (HUGE007), pages that now differ between
 * NUMA nodes on a kernel without the per-node syntax (KERNEL002). What was
 * reported before is not reported again.
 *
 * @param demand hugepages of the VMs placed on each NUMA node
 * @param hostDemand hugepages of the VMs placed on the busiest host, all NUMA
 *   nodes together (default: the sum of `demand`)
 */
export function withVmDemand(
  plan: NodePlan, demand: ReadonlyMap<number, Size>, findings: Findings, hostDemand?: Size,
): NodePlan {
  return relaid(plan, { ovsPod: plan.hugepages.host?.ovsPod, demand, hostDemand }, findings);
}

/** What the ledger of a pool is laid out again with. */
interface Relayout {
  readonly ovsPod?: Size;
  readonly demand: ReadonlyMap<number, Size>;
  readonly hostDemand?: Size;
}

/**
 * The ledger and the kernel arguments laid out again; reports the ledger
 * findings that `plan` did not have.
 */
function relaid(plan: NodePlan, input: Relayout, findings: Findings): NodePlan {
  // Everything but the ledger was reported by planNode; read it again quietly.
  const quiet = new Findings();
  const path = `nodes[${plan.index}]`;
  const hugepages = planHugepages({
    host: plan.topology,
    size: plan.hugepages.size,
    fixedPages: readFixedPages(plan.spec.hugepages, plan.hugepages.size, `${path}.hugepages`,
      quiet),
    socket: { mem: plan.ovs.socketMem, limit: plan.ovs.socketLimit },
    vmDemand: input.demand,
    ...(input.ovsPod !== undefined && { ovsPod: input.ovsPod }),
    ...(input.hostDemand !== undefined && { hostVmDemand: input.hostDemand }),
  });
  const kernel = planKernel({
    spec: plan.spec.kernel,
    host: plan.topology,
    cpus: plan.cpus,
    hugepages,
    nics: plan.nics,
    cpuVendor: cpuVendorOf(plan.spec.topology),
    where: `${path}.kernel`,
  }, quiet);
  const next: NodePlan = { ...plan, hugepages, kernel };

  const before = new Set(ledgerFindings(plan).map(keyOf));
  findings.addAll(ledgerFindings(next).filter((d) => !before.has(keyOf(d))));
  return next;
}

/**
 * What each NUMA node offers VMs before any VM is placed: its VM CPUs, and the
 * hugepages left after what OVS holds. See {@link NumaCapacity}.
 */
export function capacityOf(plan: NodePlan): NumaCapacity[] {
  return plan.capacity;
}

/**
 * Runs the rules that depend on the hugepage ledger: HUGE005, HUGE006, HUGE007
 * and KERNEL002.
 */
export function checkLedger(plan: NodePlan, findings: Findings): void {
  const path = `nodes[${plan.index}]`;
  checkHugepages(plan.hugepages, {
    host: plan.topology,
    reserved: reservedByNode(plan),
    path: `${path}.hugepages`,
  }, findings);
  // Pages sized in place of an unreadable pagesPerNumaNode (HUGE004) may differ
  // between NUMA nodes where the user asked for the same count on each: that
  // is no fault of the kernel version.
  if (!plan.hugepages.fixed && plan.spec.hugepages?.pagesPerNumaNode !== undefined) {
    return;
  }
  checkKernelHugepages(plan.kernel, {
    host: plan.topology,
    hugepages: plan.hugepages,
    path: `${path}.kernel`,
  }, findings);
}

/**
 * The capacity of each NUMA node of a plan, computed from its ledger.
 *
 * @param hostCapacity what a whole host offers VMs, which no NUMA node can
 *   exceed (`NodePlan.hostCapacity`)
 */
export function numaCapacity(plan: NodePlan, hostCapacity?: Size): NumaCapacity[] {
  const host = plan.topology;
  const { size, fixed } = plan.hugepages;
  const reserved = reservedByNode(plan);
  const bounded = (hugepages: Size) => (hostCapacity !== undefined
    && hugepages.compare(hostCapacity) > 0 ? hostCapacity : hugepages);
  return host.numaNodeIds().map((numaNode): NumaCapacity => {
    const cpus = plan.cpus.vm.intersect(host.cpusOf(numaNode)).size;
    const entry = plan.hugepages.perNumaNode.find((e) => e.numaNode === numaNode);
    if (entry === undefined) {
      return { numaNode, cpus, hugepages: Size.ZERO };
    }
    if (fixed) {
      return { numaNode, cpus, hugepages: bounded(atLeastZero(entry.total, entry.ovsHeld)) };
    }
    // Pages are sized only for VMs placed, and none can run without VM CPUs.
    if (cpus === 0) {
      return { numaNode, cpus, hugepages: Size.ZERO };
    }
    const memory = host.memoryOf(numaNode);
    if (memory === undefined) {
      return { numaNode, cpus, hugepages: Size.ZERO, hugepagesUnbounded: true };
    }
    // Sized pages come out of the memory the VM pods need too: keep Virtink's
    // per-VM overhead for as many VMs as the node has VM CPUs.
    const overhead = VM_POD_OVERHEAD.times(cpus);
    const usable = atLeastZero(memory, (reserved.get(numaNode) ?? Size.ZERO).plus(overhead));
    const pages = size.times(usable.dividedBy(size));
    return { numaNode, cpus, hugepages: bounded(atLeastZero(pages, entry.ovsHeld)) };
  });
}

/**
 * What one host offers VMs over all its NUMA nodes on the Kube-OVN path: the
 * NUMA nodes' capacity less what the `ovs-ovn-dpdk` pod books beyond what OVS
 * holds on them. Undefined without a host ledger, or when the pages are sized
 * on memory of unknown size.
 */
function hostCapacityOf(plan: NodePlan, capacity: readonly NumaCapacity[]): Size | undefined {
  const host = plan.hugepages.host;
  if (host === undefined || capacity.some((c) => c.hugepagesUnbounded)) {
    return undefined;
  }
  return atLeastZero(Size.sum(capacity.map((c) => c.hugepages)), host.unusedByOvs);
}

/** Memory the kubelet reserves on each NUMA node. */
function reservedByNode(plan: NodePlan): Map<number, Size> {
  const kubelet = plan.kubelet;
  if (kubelet.memoryManager) {
    return new Map(kubelet.reservedMemory.map((entry) => [entry.numaNode, entry.memory]));
  }
  // One NUMA node: the whole Node Allocatable reservation lives there.
  return new Map(plan.topology.numaNodeIds().map((id) => [id, kubelet.reservedTotal]));
}

function ledgerFindings(plan: NodePlan): Diagnostic[] {
  const findings = new Findings();
  checkLedger(plan, findings);
  return findings.all;
}

/** The rule, the field and the NUMA node a ledger finding is about. */
function keyOf(d: Diagnostic): string {
  return `${d.code} ${d.path} ${/^NUMA node \d+/.exec(d.message)?.[0] ?? ''}`;
}

function atLeastZero(a: Size, b: Size): Size {
  return a.compare(b) > 0 ? a.minus(b) : Size.ZERO;
}
