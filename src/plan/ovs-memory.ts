import { Findings } from '../diagnostics/findings';
import { Size } from '../model/size';
import { HostTopology } from '../model/topology';
import { OvsSpec } from '../spec/node';

/**
 * More memory than any machine has: amounts above it are refused as typos, so
 * that sums of them stay exact.
 */
export const MAX_MEMORY = Size.parse('1Pi');

/** What the manual guide and Kube-OVN give OVS on each NUMA node: 1024 MiB. */
export const DEFAULT_SOCKET_MEM = Size.mebibytes(1024);

/** Mbufs of a shared mempool for MTU 1500 and above (OVS `MAX_NB_MBUF`). */
const MAX_NB_MBUF = 4096 * 64;
/** Mbufs of a shared mempool for small MTUs (OVS `MIN_NB_MBUF`). */
const MIN_NB_MBUF = 4096 * 4;
/** Ethernet header, CRC and two VLAN tags: OVS `ETHER_HDR_MAX_LEN`. */
const ETHER_HDR_MAX_LEN = 14 + 4 + 2 * 4;
/** Ethernet header and CRC: what OVS adds to an MTU for a frame length. */
const ETHER_FRAME_OVERHEAD = 14 + 4;
/** OVS rounds buffers up to 1024 bytes (`NETDEV_DPDK_MBUF_ALIGN`). */
const MBUF_ALIGN = 1024;
/** DPDK's `RTE_PKTMBUF_HEADROOM`. */
const PKTMBUF_HEADROOM = 128;
/**
 * The `dp_packet` (an `rte_mbuf` plus OVS metadata) in front of each buffer, as
 * OVS "DPDK Device Memory Models" counts it (3008 bytes per mbuf at MTU 1500).
 */
const DP_PACKET_SIZE = 832;
/** `RTE_ETHER_MTU`: from this MTU on OVS uses the large mempool. */
const ETHER_MTU = 1500;

/**
 * The hugepage memory OVS's shared mempool takes on a NUMA node that has DPDK
 * ports of this MTU: the estimate of OVS's "DPDK Device Memory Models" (mbufs
 * × mbuf size), rounded up to whole MiB. About 752 MiB (788 MB) at MTU 1500
 * and 2544 MiB at MTU 9000. DPDK's own bookkeeping comes on top, so treat it as
 * a lower bound.
 */
export function mempoolSize(mtu: number): Size {
  const bufSize = roundUp(mtu + ETHER_HDR_MAX_LEN, MBUF_ALIGN) + PKTMBUF_HEADROOM;
  // OVS sizes the pool for the MTU its rounded buffer can carry.
  const poolMtu = bufSize - ETHER_FRAME_OVERHEAD;
  const mbufs = poolMtu >= ETHER_MTU ? MAX_NB_MBUF : MIN_NB_MBUF;
  const mib = 1024 * 1024;
  return Size.bytes(roundUp(mbufs * (bufSize + DP_PACKET_SIZE), mib));
}

/** `dpdk-socket-mem` and `dpdk-socket-limit`, entry i for NUMA node id i. */
export interface SocketMemory {
  /** `dpdk-socket-mem`: hugepage memory OVS takes at start. */
  readonly mem: Size[];
  /** `dpdk-socket-limit`: most it may take; zero means no limit. */
  readonly limit: Size[];
}

/**
 * The socket memory of a node pool: the user's lists, or by default the larger
 * of 1024 MiB and the mempool for the MTU, in whole hugepages, on every NUMA
 * node with CPUs (0 on memory-only nodes); the limit defaults to the memory.
 *
 * Entry i is NUMA node i, as DPDK numbers sockets, so a host with NUMA nodes
 * 0, 2 and 3 has four entries and entry 1 is 0. A list with the wrong number
 * of entries is reported (OVS002) and read as OVS would: missing entries are 0.
 *
 * @param path path of the `ovs` field, such as `nodes[0].ovs`
 */
export function planSocketMemory(
  spec: OvsSpec | undefined,
  host: HostTopology,
  pageSize: Size,
  mtu: number,
  path: string,
  findings: Findings,
): SocketMemory {
  const entries = Math.max(...host.numaNodeIds()) + 1;
  const perNode = roundUpToPages(maxSize(DEFAULT_SOCKET_MEM, mempoolSize(mtu)), pageSize);
  const defaults = Array.from({ length: entries }, (_, id) =>
    host.numaNodeIds().includes(id) && host.coresOf(id).length > 0 ? perNode : Size.ZERO);

  const mem = readSocketList(spec?.socketMem, 'socketMem', 'dpdk-socket-mem', entries,
    `${path}.socketMem`, findings) ?? defaults;
  const limit = readSocketList(spec?.socketLimit, 'socketLimit', 'dpdk-socket-limit',
    entries, `${path}.socketLimit`, findings) ?? mem;
  return { mem, limit };
}

/** The list as OVS writes it: `1024,1024`. */
export function socketListText(sizes: readonly Size[]): string {
  return sizes.map((size) => size.toOvsMegabytes()).join(',');
}

/** `size` rounded up to whole pages of `pageSize`. */
export function roundUpToPages(size: Size, pageSize: Size): Size {
  const pages = Math.ceil(size.bytes / pageSize.bytes);
  return pageSize.times(pages);
}

function readSocketList(
  text: string | undefined,
  field: string,
  key: string,
  entries: number,
  path: string,
  findings: Findings,
): Size[] | undefined {
  if (text === undefined) {
    return undefined;
  }
  // People paste the value with the quotes of config.cfg or a shell line.
  const bare = /^"[^"]*"$/.test(text) ? text.slice(1, -1) : text;
  const tooLarge = (entry: string) => Number(entry) > MAX_MEMORY.toMebibytes();
  if (!/^\d+(,\d+)*$/.test(bare) || bare.split(',').some(tooLarge)) {
    findings.error('OVS001', {
      path,
      message: `${key} "${text}" is not a comma list of whole MiB up to ${MAX_MEMORY}; the `
        + 'default is used in its place',
      hint: 'Write one number of MiB per NUMA node, in node order, such as '
        + `${Array(entries).fill('1024').join(',')}.`,
    });
    return undefined;
  }

  const values = bare.split(',').map((entry) => Size.mebibytes(Number(entry)));
  if (values.length !== entries) {
    findings.error('OVS002', {
      path,
      message: `${key} "${bare}" has ${values.length} entr${values.length === 1 ? 'y' : 'ies'}, `
        + `but the host has NUMA node ids 0 to ${entries - 1}; entry i is NUMA node i and a `
        + 'missing entry means 0 MiB',
      hint: `Give ${entries} entries in ${field}, one per NUMA node id (0 for ids without a `
        + 'NUMA node or without DPDK ports).',
    });
  }
  return Array.from({ length: entries }, (_, i) => values[i] ?? Size.ZERO);
}

function roundUp(value: number, step: number): number {
  return Math.ceil(value / step) * step;
}

function maxSize(a: Size, b: Size): Size {
  return a.compare(b) >= 0 ? a : b;
}
