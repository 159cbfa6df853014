import { Size } from '../../model/size';
import { NumaCapacity, VmPlacement, VmPlan } from '../../plan/types';
import { Findings } from '../findings';
import { quoteList } from './names';

/** The kubelet's message when `single-numa-node` admission refuses a pod. */
export const TOPOLOGY_AFFINITY_ERROR = 'Resources cannot be allocated with Topology locality';

/** The kubelet's message when `full-pcpus-only` refuses a container. */
export const SMT_ALIGNMENT_ERROR =
  'SMT Alignment Error: requested %d cpus not multiple cpus per core = %d';

/** What the placement rules need to know of a pool. */
interface PoolView {
  readonly name: string;
  readonly pageSize: Size;
  readonly numaNodes: readonly NumaCapacity[];
  readonly cpuMultiple: number;
}

/**
 * A VM whose vCPU count no candidate pool can admit (VM024): with the
 * kubelet's `full-pcpus-only`, a Guaranteed container gets whole physical
 * cores only, so its CPU count must be a multiple of the threads per core.
 */
export function reportSmtMisaligned(
  vm: VmPlan, pools: readonly PoolView[], findings: Findings,
): void {
  const multiple = Math.min(...pools.map((pool) => pool.cpuMultiple));
  const up = Math.ceil(vm.cpus / multiple) * multiple;
  findings.error('VM024', {
    path: `vms[${vm.index}].cpus`,
    message: `VM ${vm.name} asks for ${vm.cpus} vCPU(s), but node pool(s) `
      + `${quoteList(pools.map((pool) => pool.name))} run the kubelet with `
      + `full-pcpus-only on ${multiple} threads per core: only whole cores are handed out`,
    hint: `give the VM ${up} vCPUs, or set kubelet.fullPcpusOnly: false on the pool`,
    upstream: SMT_ALIGNMENT_ERROR.replace('%d', String(vm.cpus)).replace('%d', String(multiple)),
  });
}

/**
 * A VM the preview could not place (VM018, VM020): it fits no NUMA node of
 * any candidate pool even alone, or the VMs before it took the room.
 */
export function reportUnplaced(
  vm: VmPlan, placement: readonly VmPlacement[], pools: readonly PoolView[], findings: Findings,
): void {
  const path = `vms[${vm.index}]`;
  const needs = `${vm.cpus} vCPU(s) and ${vm.memory} of ${vm.pageSize} hugepages`;
  if (placement.every((p) => p.fitsOn.length === 0)) {
    const scheduled = placement.some((p) => p.fitsHost);
    findings.error('VM018', {
      path: vm.spec.nodePool !== undefined ? `${path}.nodePool` : `${path}.cpus`,
      message: `VM ${vm.name} needs ${needs} on one NUMA node, which no `
        + `${vm.spec.nodePool !== undefined ? 'NUMA node of its pool' : 'node pool'} has left `
        + `for VMs: ${pools.map(offer).join('; ')}`,
      hint: 'make the VM smaller, or give the pool more room for VMs (fewer PMD or '
        + 'housekeeping cores, more hugepages per NUMA node)',
      upstream: scheduled ? TOPOLOGY_AFFINITY_ERROR : insufficient(vm, pools),
    });
    return;
  }
  const fitting = placement.filter((p) => p.fitsOn.length > 0).map((p) => p.nodePool);
  const where = vm.host !== undefined ? `its host ${vm.host}`
    : `node pool(s) ${quoteList(fitting)}`;
  findings.error('VM020', {
    path: vm.host !== undefined ? `${path}.host` : path,
    message: `VM ${vm.name} (${needs}) fits ${where} alone, but the `
      + 'VMs before it in the spec take all the room there',
    hint: vm.host !== undefined ? 'pin the VM to another host, make VMs smaller, or remove VMs'
      : 'add hosts to the pool, make VMs smaller, or remove VMs',
    upstream: insufficient(vm, pools),
  });
}

/**
 * A VM not pinned to a pool that some pool can only refuse (VM019): its host
 * has room overall, so the scheduler, which is not NUMA-aware, may send the
 * VM there, and the kubelet's `single-numa-node` admission then fails it.
 */
export function warnRiskyPools(
  vm: VmPlan, placement: readonly VmPlacement[], findings: Findings,
): void {
  const risky = placement.filter((p) => p.fitsHost && p.fitsOn.length === 0)
    .map((p) => p.nodePool);
  if (risky.length === 0) {
    return;
  }
  const chosen = placement.find((p) => p.assigned !== undefined)?.nodePool ?? '';
  findings.warn('VM019', {
    path: `vms[${vm.index}].nodePool`,
    message: `VM ${vm.name} fits no single NUMA node of node pool(s) ${quoteList(risky)}, yet `
      + 'their hosts have room for it in total: the scheduler is not NUMA-aware and may '
      + 'place it there, where the kubelet refuses it',
    hint: `pin the VM with nodePool: ${chosen}`,
    upstream: TOPOLOGY_AFFINITY_ERROR,
  });
}

/** What the sizing rule needs to know of a pool. */
interface SizedPoolView {
  readonly name: string;
  /** Its index in the spec's `nodes`. */
  readonly index: number;
  readonly hosts: readonly string[];
  readonly pageSize: Size;
  /** Whether the planner sizes its hugepages for the preview's placement. */
  readonly pagesSized: boolean;
}

/**
 * Pools whose hugepages the planner sizes for the preview's placement while
 * the scheduler may place their VMs otherwise (VM027). The sizes leave no
 * room to spare, so a VM placed elsewhere can take the room of one pinned
 * to its host, and a different packing of VMs of different sizes can leave
 * one Pending; VMs of one size and no pins fit however they are packed.
 *
 * @param vms the VMs with their placement
 */
export function warnPreviewSizedPools(
  pools: readonly SizedPoolView[], vms: readonly VmPlan[], findings: Findings,
): void {
  for (const pool of pools) {
    if (!pool.pagesSized) {
      continue;
    }
    const fits = (p: VmPlacement) => p.fitsOn.length > 0;
    const here = vms.filter((vm) => vm.placement.some((p) => p.nodePool === pool.name
      && (p.assigned !== undefined || (vm.host === undefined && fits(p)))));
    const free = here.filter((vm) => vm.host === undefined
      && (pool.hosts.length > 1 || vm.placement.filter(fits).length > 1));
    const pinned = here.some((vm) => vm.host !== undefined);
    const sizes = new Set(here.map((vm) => vm.memory.bytes)).size;
    if (free.length === 0 || (!pinned && sizes < 2)) {
      continue;
    }
    findings.warn('VM027', {
      path: `nodes[${pool.index}].hugepages`,
      message: `node pool ${pool.name} gets the hugepages that the preview's placement of `
        + 'its VMs takes, with none to spare, but the scheduler places '
        + `${free.length} of them as it likes (${quoteList(free.map((vm) => vm.name), 3)}): `
        + (pinned ? 'one may take the room of a VM pinned to its host'
          : 'VMs of different sizes packed otherwise can leave one without room'),
      hint: "pin those VMs with `host` to the preview's hosts (see PLAN.md), or give "
        + 'hugepages.pagesPerNumaNode with room to spare',
      upstream: `Insufficient hugepages-${pool.pageSize}`,
    });
  }
}

/**
 * Hosts whose VM CPUs the preview hands to VMs to the last one (VM028).
 * Pods that are not VMs (Multus, the CNI and Virtink daemons, the hugepage
 * placeholders) run in the kubelet's shared pool and request CPU too, and
 * the scheduler counts them against the same allocatable CPUs: it then
 * refuses the last VM. With `strict-cpu-reservation` the shared pool would
 * even be left empty, a state the kubelet does not recover from after a
 * restart (kubernetes/kubernetes#141196).
 */
export function warnFullHosts(
  pool: SizedPoolView, full: readonly string[], findings: Findings,
): void {
  if (full.length === 0) {
    return;
  }
  findings.warn('VM028', {
    path: `nodes[${pool.index}].cpus`,
    message: `the preview gives every VM CPU of host(s) ${quoteList(full, 3)} of node pool `
      + `${pool.name} to VMs, and leaves none for the pods of the kubelet's shared pool, `
      + 'which request CPU too: the scheduler refuses the last VM placed there',
    hint: 'leave a core of each host to the shared pool: fewer or smaller VMs on the pool, '
      + 'or more hosts',
    upstream: 'Insufficient cpu',
  });
}

/**
 * What a pool offers one VM: the most CPUs and hugepages of a NUMA node, the
 * hugepages counted only where VMs can run (a NUMA node with VM CPUs).
 */
function offer(pool: PoolView): string {
  const usable = pool.numaNodes.filter((n) => n.cpus > 0);
  if (usable.length === 0) {
    return `${pool.name}: no CPU left for VMs`;
  }
  const cpus = Math.max(...usable.map((n) => n.cpus));
  const pages = usable.some((n) => n.hugepagesUnbounded) ? 'any amount'
    : usable.map((n) => n.hugepages).reduce((a, b) => (a.compare(b) >= 0 ? a : b));
  return `${pool.name}: at most ${cpus} CPU(s) and ${pages} of ${pool.pageSize} hugepages `
    + 'per NUMA node';
}

/** The scheduler's word for the resource the VM is short of. */
function insufficient(vm: VmPlan, pools: readonly PoolView[]): string {
  const cpus = pools.some((pool) => pool.numaNodes.some((n) => n.cpus >= vm.cpus));
  return cpus ? `Insufficient hugepages-${vm.pageSize}` : 'Insufficient cpu';
}
