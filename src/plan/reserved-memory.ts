import { MAX_MEMORY } from './ovs-memory';
import { Findings } from '../diagnostics/findings';
import { ValueError } from '../model/errors';
import { Size, Threshold } from '../model/size';
import { HostTopology } from '../model/topology';
import { KubeletSpec } from '../spec/node';

/** `kubeReserved.memory` and `systemReserved.memory` when not given. */
export const DEFAULT_RESERVED_MEMORY = Size.parse('1Gi');

/** The kubelet's own default hard eviction threshold `memory.available`. */
export const DEFAULT_EVICTION_HARD = '100Mi';

const MIB = Size.mebibytes(1);

/** What the kubelet reserves in memory: Node Allocatable's reservation. */
export interface MemoryReservation {
  /** `kubeReserved.memory`. */
  readonly kube: Size;
  /** `systemReserved.memory`. */
  readonly system: Size;
  /** The hard eviction threshold `memory.available` as given, when given. */
  readonly evictionHard?: string;
  /** The threshold resolved against the node's memory. */
  readonly eviction: Size;
  /** kube + system + eviction: what `reservedMemory` must sum to. */
  readonly total: Size;
}

/** One `reservedMemory` entry of the kubelet configuration. */
export interface ReservedMemoryEntry {
  readonly numaNode: number;
  readonly memory: Size;
}

/**
 * Reads kubeReserved, systemReserved and the hard eviction threshold, and
 * resolves a percentage threshold against the memory of the host as the kubelet
 * does (KUBELET003, KUBELET005). An unreadable value counts as its default.
 *
 * @param path path of the `kubelet` field, such as `nodes[0].kubelet`
 */
export function readMemoryReservation(
  spec: KubeletSpec | undefined, host: HostTopology, path: string, findings: Findings,
): MemoryReservation {
  const kube = readSize(spec?.kubeReservedMemory, 'kubeReservedMemory', path, findings)
    ?? DEFAULT_RESERVED_MEMORY;
  const system = readSize(spec?.systemReservedMemory, 'systemReservedMemory', path, findings)
    ?? DEFAULT_RESERVED_MEMORY;

  let threshold = Threshold.parse(DEFAULT_EVICTION_HARD);
  if (spec?.evictionHard !== undefined) {
    try {
      threshold = Threshold.parse(spec.evictionHard);
    } catch (e) {
      if (!(e instanceof ValueError)) {
        throw e;
      }
      findings.error('KUBELET003', {
        path: `${path}.evictionHard`,
        message: `evictionHard "${spec.evictionHard}" cannot be read: ${e.reason}`,
        hint: 'Write a quantity such as 100Mi or a percentage such as 5%.',
      });
    }
  }

  let eviction = Size.ZERO;
  const memory = host.totalMemory;
  if (threshold.size !== undefined && threshold.size.compare(MAX_MEMORY) > 0) {
    findings.error('KUBELET003', {
      path: `${path}.evictionHard`,
      message: `evictionHard ${threshold} is more memory than any machine has (over `
        + `${MAX_MEMORY})`,
      hint: 'Write the threshold in the unit you mean, such as 500Mi.',
    });
  } else if (threshold.kind === 'absolute' || memory !== undefined) {
    eviction = threshold.resolve(memory ?? Size.ZERO);
  } else {
    findings.error('KUBELET005', {
      path: `${path}.evictionHard`,
      message: `evictionHard ${threshold} is a share of the node's memory, which the topology `
        + 'does not give, so reservedMemory cannot be made to balance',
      hint: 'Give the memory of each NUMA node, or write evictionHard as a quantity such as '
        + '500Mi.',
    });
  }

  return {
    kube,
    system,
    ...(spec?.evictionHard !== undefined ? { evictionHard: threshold.toString() } : {}),
    eviction,
    total: kube.plus(system).plus(eviction),
  };
}

/**
 * Spreads the reservation over NUMA nodes so that it sums exactly: kubeReserved
 * and systemReserved are split evenly in whole MiB, and the first node also
 * takes what does not divide and the eviction threshold. With kube 2Gi, system
 * 2Gi and the default 100Mi over two nodes that gives the manual guide's 2148Mi
 * and 2Gi.
 *
 * @param nodes the NUMA nodes with memory, ascending
 */
export function spreadReservedMemory(
  reservation: MemoryReservation, nodes: readonly number[],
): ReservedMemoryEntry[] {
  if (nodes.length === 0) {
    return [];
  }
  const shared = reservation.kube.plus(reservation.system);
  const share = MIB.times(Math.floor(shared.bytes / MIB.bytes / nodes.length));
  const rest = shared.minus(share.times(nodes.length - 1));
  return nodes.map((numaNode, i) => ({
    numaNode,
    memory: i === 0 ? rest.plus(reservation.eviction) : share,
  }));
}

/**
 * Reads `reservedMemory` as written: one quantity per NUMA node, in node order
 * (KUBELET003 for an unreadable entry, which is left out). Entries beyond the
 * last NUMA node are kept with the ids that follow it, so that the rules can
 * report them.
 *
 * @param nodes the NUMA node ids of the host, ascending
 */
export function readReservedMemory(
  list: readonly string[], nodes: readonly number[], path: string, findings: Findings,
): ReservedMemoryEntry[] {
  const last = nodes[nodes.length - 1] ?? -1;
  const entries: ReservedMemoryEntry[] = [];
  list.forEach((text, i) => {
    const numaNode = i < nodes.length ? nodes[i] : last + 1 + i - nodes.length;
    const memory = readSize(text, `reservedMemory[${i}]`, path, findings);
    if (memory !== undefined) {
      entries.push({ numaNode, memory });
    }
  });
  return entries;
}

function readSize(
  text: string | undefined, field: string, path: string, findings: Findings,
): Size | undefined {
  if (text === undefined) {
    return undefined;
  }
  let size: Size;
  try {
    size = Size.parse(text);
  } catch (e) {
    if (!(e instanceof ValueError)) {
      throw e;
    }
    findings.error('KUBELET003', {
      path: `${path}.${field}`,
      message: `${field} "${text}" cannot be read: ${e.reason}`,
      hint: 'Write a Kubernetes quantity such as 2Gi or 2148Mi.',
    });
    return undefined;
  }
  if (size.compare(MAX_MEMORY) > 0) {
    findings.error('KUBELET003', {
      path: `${path}.${field}`,
      message: `${field} ${size} is more memory than any machine has (over ${MAX_MEMORY})`,
      hint: 'Write the size in the unit you mean, such as 2Gi.',
    });
    return undefined;
  }
  return size;
}
