import { MAX_MEMORY, roundUpToPages, SocketMemory } from './ovs-memory';
import { HostHugepageLedger, HugepageLedgerEntry, HugepagePlan } from './types';
import { Findings } from '../diagnostics/findings';
import { ValueError } from '../model/errors';
import { Size } from '../model/size';
import { HostTopology } from '../model/topology';
import { HugepageSpec } from '../spec/node';

/** The page size when `hugepages.size` is not given. */
export const DEFAULT_HUGEPAGE_SIZE = Size.parse('1Gi');

/** No architecture has hugepages smaller than 64Ki. */
const SMALLEST_HUGEPAGE = Size.parse('64Ki');

/** Page sizes Virtink accepts for guest memory (its CRD enum). */
export const VM_PAGE_SIZES: readonly Size[] = [Size.parse('2Mi'), Size.parse('1Gi')];

/**
 * Hugepage sizes the kernel offers, by architecture (all base page sizes
 * together where the architecture has several).
 */
export const HUGEPAGE_SIZES: Readonly<Record<string, readonly string[]>> = {
  x86_64: ['2Mi', '1Gi'],
  aarch64: ['64Ki', '2Mi', '32Mi', '512Mi', '1Gi', '16Gi'],
  ppc64le: ['2Mi', '16Mi', '1Gi', '16Gi'],
  s390x: ['1Mi', '2Gi'],
  riscv64: ['64Ki', '2Mi', '1Gi'],
};

/**
 * Reads the page size and checks it against the architecture (HUGE001,
 * HUGE002) and, when VMs may run on the pool, against what Virtink accepts
 * (HUGE003). An unreadable size falls back to 1Gi so that the other rules run.
 *
 * @param path path of the `hugepages` field, such as `nodes[0].hugepages`
 */
export function readPageSize(
  spec: HugepageSpec | undefined,
  architecture: string,
  vhostUserVms: boolean,
  path: string,
  findings: Findings,
): Size {
  if (spec?.size === undefined) {
    return DEFAULT_HUGEPAGE_SIZE;
  }
  let size: Size;
  try {
    size = Size.parse(spec.size);
  } catch (e) {
    if (!(e instanceof ValueError)) {
      throw e;
    }
    findings.error('HUGE001', {
      path: `${path}.size`,
      message: `the hugepage size "${spec.size}" cannot be read: ${e.reason} (the other `
        + 'rules are checked with 1Gi in its place)',
      hint: 'Write the size as a Kubernetes quantity, 1Gi or 2Mi.',
    });
    return DEFAULT_HUGEPAGE_SIZE;
  }

  if (size.compare(SMALLEST_HUGEPAGE) < 0 || !isPowerOfTwo(size.bytes)) {
    findings.error('HUGE001', {
      path: `${path}.size`,
      message: `the hugepage size ${size} is not a power of two of at least `
        + `${SMALLEST_HUGEPAGE} (the other rules are checked with 1Gi in its place)`,
      hint: 'Write the size of a hugepage, 1Gi or 2Mi.',
    });
    return DEFAULT_HUGEPAGE_SIZE;
  }

  const allowed = HUGEPAGE_SIZES[architecture];
  if (allowed !== undefined && !allowed.some((text) => Size.parse(text).equals(size))) {
    findings.error('HUGE002', {
      path: `${path}.size`,
      message: `${architecture} has no ${size} hugepages (it offers ${allowed.join(', ')})`,
      hint: `Use one of ${allowed.join(', ')}; 1Gi suits OVS-DPDK and VMs best.`,
    });
  }
  if (vhostUserVms && !VM_PAGE_SIZES.some((vm) => vm.equals(size))) {
    findings.error('HUGE003', {
      path: `${path}.size`,
      message: `VMs cannot use ${size} hugepages: Virtink backs guest memory with 2Mi or 1Gi `
        + 'pages of the default hugepage size only',
      hint: 'Use 1Gi (or 2Mi) hugepages on pools that run VMs.',
    });
  }
  return size;
}

/**
 * Reads `hugepages.pagesPerNumaNode` (HUGE004 when it is not a whole number, or
 * more pages than any machine has memory for).
 *
 * @returns the count, or `undefined` when the planner sizes the pages
 */
export function readFixedPages(
  spec: HugepageSpec | undefined, size: Size, path: string, findings: Findings,
): number | undefined {
  const pages = spec?.pagesPerNumaNode;
  const limit = MAX_MEMORY.dividedBy(size);
  if (pages === undefined || (Number.isSafeInteger(pages) && pages >= 0 && pages <= limit)) {
    return pages;
  }
  findings.error('HUGE004', {
    path: `${path}.pagesPerNumaNode`,
    message: `pagesPerNumaNode is ${pages}, not a whole number of pages from 0 to ${limit} `
      + '(the other rules are checked with pages sized by the planner instead)',
    hint: 'Give a whole number such as 30, or leave it out.',
  });
  return undefined;
}

/** What the ledger is built from. */
export interface LedgerInput {
  readonly host: HostTopology;
  readonly size: Size;
  /** Pages on each NUMA node fixed by the user, or undefined to size them. */
  readonly fixedPages?: number;
  readonly socket: SocketMemory;
  /** Hugepages of the VMs placed on each NUMA node. */
  readonly vmDemand?: ReadonlyMap<number, Size>;
  /**
   * Kube-OVN path: what the `ovs-ovn-dpdk` pod requests on each host.
   *
   * @default - none: OVS runs outside Kubernetes (Userspace CNI path)
   */
  readonly ovsPod?: Size;
  /**
   * Hugepages of the VMs placed on the busiest host, all NUMA nodes together.
   *
   * @default - the sum of `vmDemand`
   */
  readonly hostVmDemand?: Size;
}

/**
 * The hugepage ledger of each NUMA node (memory-only nodes included, nodes known
 * to have no memory left out unless VMs are placed there): boot pages, what
 * OVS takes (`dpdk-socket-mem`)
 * and may hold (up to `dpdk-socket-limit`, in whole pages), what VMs demand,
 * and what is left. Unless fixed, boot pages are what OVS may hold plus the VM
 * demand, rounded up to whole pages.
 *
 * On the Kube-OVN path the ledger of the whole host is kept too, as the
 * kubelet counts it: the `ovs-ovn-dpdk` pod's request plus the VMs. When that
 * request is more than OVS holds on this pool, sized pages get the rest on
 * the first NUMA node where OVS holds pages, so that the kubelet's books
 * balance; those pages stay unused.
 */
export function planHugepages(input: LedgerInput): HugepagePlan {
  const { host, size, socket } = input;
  const nodes = host.numaNodeIds().filter((id) => !host.memoryOf(id)?.isZero
    || !(input.vmDemand?.get(id)?.isZero ?? true));
  const sized = nodes.map((numaNode) => {
    const ovs = socket.mem[numaNode] ?? Size.ZERO;
    const limit = socket.limit[numaNode] ?? Size.ZERO;
    const ovsHeld = roundUpToPages(limit.isZero || limit.compare(ovs) < 0 ? ovs : limit, size);
    const vms = input.vmDemand?.get(numaNode) ?? Size.ZERO;
    const pages = input.fixedPages ?? Math.ceil(ovsHeld.plus(vms).bytes / size.bytes);
    return { numaNode, ovs, ovsHeld, vms, pages };
  });

  const fixed = input.fixedPages !== undefined;
  const ovsPod = input.ovsPod;
  const hostVms = input.hostVmDemand ?? Size.sum(sized.map((entry) => entry.vms));
  if (ovsPod !== undefined && !fixed && sized.length > 0) {
    const booked = size.times(sized.reduce((sum, entry) => sum + entry.pages, 0));
    const wanted = ovsPod.plus(hostVms);
    if (wanted.compare(booked) > 0) {
      const target = sized.find((entry) => !entry.ovsHeld.isZero) ?? sized[0];
      target.pages += Math.ceil(wanted.minus(booked).bytes / size.bytes);
    }
  }

  const perNumaNode = sized.map((entry): HugepageLedgerEntry => {
    const total = size.times(entry.pages);
    const needed = entry.ovsHeld.plus(entry.vms);
    const negative = needed.compare(total) > 0;
    return {
      ...entry,
      total,
      headroom: entry.ovsHeld.minus(entry.ovs),
      free: negative ? 'negative' : total.minus(needed),
      ...(negative ? { shortfall: needed.minus(total) } : {}),
    };
  });
  return {
    size,
    fixed,
    perNumaNode,
    ...(ovsPod !== undefined && { host: hostLedger(perNumaNode, size, ovsPod, hostVms) }),
  };
}

/** The ledger of a whole host as the kubelet keeps it; see {@link HostHugepageLedger}. */
function hostLedger(
  entries: readonly HugepageLedgerEntry[], size: Size, ovsPod: Size, vms: Size,
): HostHugepageLedger {
  const pages = entries.reduce((sum, entry) => sum + entry.pages, 0);
  const total = size.times(pages);
  const held = Size.sum(entries.map((entry) => entry.ovsHeld));
  const needed = ovsPod.plus(vms);
  const negative = needed.compare(total) > 0;
  return {
    pages,
    total,
    ovsPod,
    unusedByOvs: ovsPod.compare(held) > 0 ? ovsPod.minus(held) : Size.ZERO,
    vms,
    free: negative ? 'negative' : total.minus(needed),
    ...(negative ? { shortfall: needed.minus(total) } : {}),
  };
}

function isPowerOfTwo(n: number): boolean {
  return n > 0 && Number.isInteger(Math.log2(n));
}
