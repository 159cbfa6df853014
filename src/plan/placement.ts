import { NumaCapacity, NumaPlacement, PoolPlacement, VmPlacement, VmPlan } from './types';
import { Findings } from '../diagnostics/findings';
import {
  reportSmtMisaligned, reportUnplaced, warnFullHosts, warnPreviewSizedPools, warnRiskyPools,
} from '../diagnostics/rules/placement';
import { Size } from '../model/size';

/** What one node pool offers VMs, per host. */
export interface PoolCapacity {
  readonly name: string;
  /** Its index in the spec's `nodes`. */
  readonly index: number;
  /** Host names, in spec order. */
  readonly hosts: readonly string[];
  /** The pool's default hugepage size. */
  readonly pageSize: Size;
  /**
   * Whether the planner sizes the pool's hugepages for the VMs the preview
   * puts there (no `pagesPerNumaNode`).
   */
  readonly pagesSized: boolean;
  /** What each NUMA node of one host offers VMs after every reservation. */
  readonly numaNodes: readonly NumaCapacity[];
  /**
   * The hugepages one host offers VMs over all its NUMA nodes, as the
   * scheduler counts them (`NodePlan.hostCapacity`).
   *
   * @default - the sum of `numaNodes`
   */
  readonly hostHugepages?: Size;
  /**
   * The vCPU count of a VM must be a multiple of this: the threads per core
   * when the kubelet's `full-pcpus-only` is on, else 1.
   */
  readonly cpuMultiple: number;
}

/** The result of the placement preview. */
export interface PlacementResult {
  /** The VMs with their `placement` filled in, in spec order. */
  readonly vms: VmPlan[];
  /** What the preview puts on each pool, in pool order. */
  readonly pools: PoolPlacement[];
  /** Per pool: the hugepages VMs take on each NUMA node of its busiest host. */
  readonly demand: Map<string, Map<number, Size>>;
  /** Per pool: the hugepages VMs take on its busiest host, all NUMA nodes together. */
  readonly hostDemand: Map<string, Size>;
}

/** The hugepages VMs take on each host of a pool, all NUMA nodes together. */
class HostPages {
  private readonly used: Size[];

  constructor(hosts: number, private readonly limit?: Size) {
    this.used = Array.from({ length: hosts }, () => Size.ZERO);
  }

  /** Whether `pages` more fit on the host. */
  fits(host: number, pages: Size): boolean {
    return this.limit === undefined || this.used[host].plus(pages).compare(this.limit) <= 0;
  }

  add(host: number, pages: Size): void {
    this.used[host] = this.used[host].plus(pages);
  }

  /** The most any one host takes. */
  get busiest(): Size {
    return this.used.reduce((a, b) => (a.compare(b) >= 0 ? a : b), Size.ZERO);
  }
}

/** Whether a VM of one shape fits a pool, before any other VM is placed. */
interface Fit {
  readonly fitsOn: number[];
  readonly fitsHost: boolean;
}

/**
 * One NUMA node of a pool, filled host after host (next-fit): VMs go to the
 * current host until one does not fit, then the next host is opened. Hosts
 * left behind are never revisited, which keeps the preview linear. A VM
 * pinned to a host goes to that host, current or not.
 */
class NumaBin {
  public host = 0;
  public totalVms = 0;
  public totalCpus = 0;
  public totalPages = Size.ZERO;
  public maxHostPages = Size.ZERO;
  private readonly cpusUsed: number[];
  private readonly pagesUsed: Size[];

  constructor(
    public readonly capacity: NumaCapacity,
    private readonly hosts: number,
    private readonly hostPages: HostPages,
  ) {
    this.cpusUsed = Array.from({ length: hosts }, () => 0);
    this.pagesUsed = Array.from({ length: hosts }, () => Size.ZERO);
  }

  /** Places the VM on the current host if it has room. */
  tryCurrent(vm: VmPlan): boolean {
    return this.tryOn(this.host, vm);
  }

  /** Places the VM on one host if it has room. */
  tryOn(host: number, vm: VmPlan): boolean {
    const pages = this.pagesUsed[host].plus(vm.memory);
    if (this.cpusUsed[host] + vm.cpus > this.capacity.cpus
      || (!this.capacity.hugepagesUnbounded && pages.compare(this.capacity.hugepages) > 0)
      || !this.hostPages.fits(host, vm.memory)) {
      return false;
    }
    this.hostPages.add(host, vm.memory);
    this.cpusUsed[host] += vm.cpus;
    this.pagesUsed[host] = pages;
    this.totalVms++;
    this.totalCpus += vm.cpus;
    this.totalPages = this.totalPages.plus(vm.memory);
    if (pages.compare(this.maxHostPages) > 0) {
      this.maxHostPages = pages;
    }
    return true;
  }

  /** The vCPUs of the VMs placed on one host. */
  cpusOn(host: number): number {
    return this.cpusUsed[host];
  }

  /** Opens the next host, when there is one. */
  openNext(): boolean {
    if (this.host + 1 >= this.hosts) {
      return false;
    }
    this.host++;
    return true;
  }
}

/**
 * The placement preview: what `single-numa-node` admission will do with the
 * VMs. For each VM and each candidate pool (its `nodePool`, or every pool) it
 * records the NUMA nodes that can hold all its vCPUs and hugepages after every
 * reservation, and whether a host has room for it counted over all NUMA
 * nodes, which is all the scheduler checks. It then assigns the VMs in spec
 * order: the first candidate pool with room, the first NUMA node with room on
 * its current host, opening the next host only when none has room; a VM
 * pinned to a host takes the first NUMA node with room on that host.
 *
 * VMs that fit nowhere, that no longer fit once earlier VMs are placed, or
 * that the scheduler may send to a pool where they cannot be admitted are
 * reported (VM018, VM019, VM020), and so are pools whose hugepages are
 * sized for a placement the scheduler need not follow (VM027), and hosts
 * whose VM CPUs the VMs take to the last (VM028).
 *
 * Runs in O(VMs × pools × NUMA nodes): fits are cached per VM shape, and
 * each bin only moves forward over its hosts.
 */
export function placeVms(
  vms: readonly VmPlan[], pools: readonly PoolCapacity[], findings: Findings,
): PlacementResult {
  const hostPages = new Map(pools.map((pool) => [pool.name,
    new HostPages(pool.hosts.length, pool.hostHugepages)]));
  const bins = new Map(pools.map((pool) => [pool.name, pool.numaNodes.map((capacity) =>
    new NumaBin(capacity, pool.hosts.length, hostPages.get(pool.name) as HostPages))]));
  const fits = new Map(pools.map((pool) => [pool.name, new Map<string, Fit>()]));
  const named = new Map<string, PoolCapacity[]>();
  for (const pool of pools) {
    named.set(pool.name, [...named.get(pool.name) ?? [], pool]);
  }

  const placed = vms.map((vm) => {
    const candidates = vm.nodePool === undefined ? pools : named.get(vm.nodePool) ?? [];
    const placement: VmPlacement[] = [];
    let chosen = false;
    for (const pool of candidates) {
      const fit = fitOf(vm, pool, fits.get(pool.name) as Map<string, Fit>);
      const assigned: Assignment | undefined = chosen ? undefined
        : assign(vm, fit, bins.get(pool.name) as NumaBin[], pool.hosts);
      chosen ||= assigned !== undefined;
      placement.push(assigned === undefined
        ? { nodePool: pool.name, fitsOn: fit.fitsOn, fitsHost: fit.fitsHost }
        : {
          nodePool: pool.name,
          fitsOn: fit.fitsOn,
          fitsHost: fit.fitsHost,
          assigned: assigned.numaNode,
          host: pool.hosts[assigned.host],
        });
    }
    const aligned = candidates.filter((pool) => vm.cpus % pool.cpuMultiple === 0);
    if (!chosen && candidates.length > 0 && aligned.length === 0) {
      reportSmtMisaligned(vm, candidates, findings);
    } else if (!chosen && candidates.length > 0) {
      reportUnplaced(vm, placement, candidates, findings);
    } else if (chosen && vm.nodePool === undefined) {
      warnRiskyPools(vm, placement, findings);
    }
    return { ...vm, placement };
  });
  warnPreviewSizedPools(pools, placed, findings);
  for (const pool of pools) {
    warnFullHosts(pool, fullHosts(bins.get(pool.name) as NumaBin[], pool.hosts), findings);
  }

  return {
    vms: placed,
    pools: pools.map((pool) => ({
      nodePool: pool.name,
      numaNodes: (bins.get(pool.name) as NumaBin[]).map(summary),
    })),
    demand: new Map(pools.map((pool) => [pool.name, new Map(
      (bins.get(pool.name) as NumaBin[]).map((bin) => [bin.capacity.numaNode, bin.maxHostPages]),
    )])),
    hostDemand: new Map(pools.map((pool) => [pool.name,
      (hostPages.get(pool.name) as HostPages).busiest])),
  };
}

/** The hosts whose every VM CPU the preview hands to VMs. */
function fullHosts(bins: readonly NumaBin[], hosts: readonly string[]): string[] {
  const total = bins.reduce((sum, bin) => sum + bin.capacity.cpus, 0);
  return total === 0 ? [] : hosts.filter((_, host) =>
    bins.reduce((sum, bin) => sum + bin.cpusOn(host), 0) === total);
}

function fitOf(vm: VmPlan, pool: PoolCapacity, cache: Map<string, Fit>): Fit {
  const key = `${vm.cpus}/${vm.memory.bytes}/${vm.pageSize.bytes}`;
  const cached = cache.get(key);
  if (cached !== undefined) {
    return cached;
  }
  const sizeOk = pool.hosts.length > 0 && vm.pageSize.equals(pool.pageSize)
    && vm.cpus % pool.cpuMultiple === 0;
  const room = (cpus: number, pages: Size, unbounded?: boolean) =>
    cpus >= vm.cpus && (unbounded === true || pages.compare(vm.memory) >= 0);
  const fit = {
    fitsOn: sizeOk ? pool.numaNodes.filter((n) => room(n.cpus, n.hugepages, n.hugepagesUnbounded))
      .map((n) => n.numaNode) : [],
    fitsHost: sizeOk && room(
      pool.numaNodes.reduce((sum, n) => sum + n.cpus, 0),
      atMost(Size.sum(pool.numaNodes.map((n) => n.hugepages)), pool.hostHugepages),
      pool.numaNodes.some((n) => n.hugepagesUnbounded)),
  };
  cache.set(key, fit);
  return fit;
}

function atMost(size: Size, limit: Size | undefined): Size {
  return limit !== undefined && size.compare(limit) > 0 ? limit : size;
}

/** Where the preview puts a VM: a NUMA node of one host. */
interface Assignment {
  readonly numaNode: number;
  readonly host: number;
}

function assign(
  vm: VmPlan, fit: Fit, bins: readonly NumaBin[], hosts: readonly string[],
): Assignment | undefined {
  const open = bins.filter((bin) => fit.fitsOn.includes(bin.capacity.numaNode));
  if (vm.host !== undefined) {
    const host = hosts.indexOf(vm.host);
    const bin = host < 0 ? undefined : open.find((b) => b.tryOn(host, vm));
    return bin === undefined ? undefined : { numaNode: bin.capacity.numaNode, host };
  }
  for (const bin of open) {
    if (bin.tryCurrent(vm)) {
      return { numaNode: bin.capacity.numaNode, host: bin.host };
    }
  }
  for (const bin of open) {
    if (bin.openNext() && bin.tryCurrent(vm)) {
      return { numaNode: bin.capacity.numaNode, host: bin.host };
    }
  }
  return undefined;
}

function summary(bin: NumaBin): NumaPlacement {
  return {
    numaNode: bin.capacity.numaNode,
    capacity: bin.capacity,
    vms: bin.totalVms,
    cpus: bin.totalCpus,
    hugepages: bin.totalPages,
    hostDemand: bin.maxHostPages,
  };
}
