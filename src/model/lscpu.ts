import { CpuSet } from './cpuset';
import { ValueError } from './errors';
import { LSCPU_COMMANDS, LscpuRow, LscpuSummary, LscpuTable, readLscpuText } from './lscpu-text';
import { Size } from './size';
import { CoreInfo, HostTopologyProps, NumaNodeInfo } from './topology-types';

const KIND = 'lscpu output';

/**
 * Options of `HostTopology.fromLscpu`.
 *
 * How the text is read:
 * - **Siblings** are the CPUs that share a value of the `CORE` column. That is
 *   the *logical* core id lscpu prints by default, which is unique on the whole
 *   machine. The physical ids of `lscpu -p --physical` repeat on every socket
 *   (AMD EPYC) or even inside one (SOPHGO SG2042), and the socket may be `-`
 *   (PowerVM), so (socket, core) is not a key either. A core whose threads sit
 *   on two sockets or two NUMA nodes, or do not share an L1 cache when the table
 *   shows caches, is refused: its ids are not logical core ids.
 * - **Offline CPUs** (`ONLINE` is `N`, `no` or `false`) are left out.
 * - **Missing values**: a CPU without a core id is refused. A missing socket
 *   (empty, `-`, or no `SOCKET` column) reads as socket 0. When no CPU has a
 *   NUMA node (no `NODE` column, as `lscpu -e` prints on machines without NUMA,
 *   or every field empty), the machine is one NUMA node 0.
 * - **Short rows**: a row of `lscpu -p` with fewer fields than its header is read
 *   when every column used here comes before all the other columns, so that
 *   only cache fields can be the missing ones (real lscpu output of an
 *   Intel Meteor Lake laptop has such rows). Otherwise it is refused.
 * - **The summary** (`lscpu` with no options) may come before the table: its
 *   `Architecture:` line is used, and `NUMA nodeN CPU(s):` lines with no CPUs add
 *   NUMA nodes without CPUs. The summary alone is refused, because it does not
 *   say which CPUs are hardware threads of the same core.
 * - Only one table is read; a text with two (`-p` and `-p --physical`) is refused.
 */
export interface LscpuOptions {
  /**
   * CPU architecture as `uname -m` prints it. lscpu tables do not print it; a
   * summary line `Architecture: x86_64` (or a comment `# Architecture: x86_64`)
   * in the text must agree with this option when both are given.
   *
   * @default - the `Architecture:` line of the text, else 'x86_64'
   */
  readonly architecture?: string;

  /**
   * Memory of the NUMA nodes, which lscpu does not print: one size for every
   * node, or one per node in ascending id order (nodes without CPUs included).
   *
   * @default - unknown
   */
  readonly memoryPerNumaNode?: Size | Size[];
}

/** One online CPU of the table. */
interface CpuRow {
  readonly cpu: number;
  readonly core: number;
  readonly socket: number;
  readonly node?: number;
  /** The L1 cache id (data, or unified) when the row shows it in full. */
  readonly l1?: string;
  readonly text: string;
}

/**
 * Reads `lscpu -p`, `lscpu -e` or `lscpu -J -e` output into the props of a
 * `HostTopology`. See {@link LscpuOptions} for the rules.
 *
 * @internal
 * @throws ValueError naming the line that cannot be read, and the command to run
 */
export function lscpuTopologyProps(text: string, options: LscpuOptions = {}): HostTopologyProps {
  const found = readLscpuText(text);
  if (found.tables.length === 0) {
    throw found.summary === undefined
      ? new ValueError(KIND, text, 'it holds no per-CPU table of lscpu',
        `Run ${LSCPU_COMMANDS} on the host and pass its whole output, header included.`)
      : new ValueError(KIND, found.summary.firstLine,
        'this is the lscpu summary, which does not say which CPUs are hardware threads '
        + 'of the same core', `Run ${LSCPU_COMMANDS} on the host and pass its output instead.`);
  }
  if (found.tables.length > 1) {
    throw new ValueError(KIND, found.tables[1].header,
      `it holds ${found.tables.length} per-CPU tables (the second is often lscpu -p --physical)`,
      `Pass one table: the output of ${LSCPU_COMMANDS}, without --physical.`);
  }

  const rows = readRows(found.tables[0]);
  if (rows.length === 0) {
    throw new ValueError(KIND, found.tables[0].header, 'the table lists no online CPU',
      `Run ${LSCPU_COMMANDS} on the host and pass its whole output.`);
  }
  const numaNodes = groupCores(rows);
  addEmptyNodes(numaNodes, found.summary);
  const architecture = chooseArchitecture(found.summary, options.architecture);
  return { architecture, numaNodes: withMemory(numaNodes, options.memoryPerNumaNode) };
}

function readRows(table: LscpuTable): CpuRow[] {
  const column = (...names: string[]) => {
    const index = table.columns.findIndex((name) => names.includes(name));
    return index < 0 ? undefined : index;
  };
  const [cpu, core, node] = [column('cpu'), column('core'), column('node')];
  const [socket, online] = [column('socket') ?? column('cluster'), column('online')];
  if (cpu === undefined || core === undefined) {
    const missing = cpu === undefined ? 'CPU' : 'CORE';
    throw new ValueError(KIND, table.header, `the table has no ${missing} column, so it `
      + 'does not say which CPUs are hardware threads of the same core',
    `Run ${LSCPU_COMMANDS}.`);
  }
  const used = [cpu, core, socket, node, online].filter((i): i is number => i !== undefined);
  const l1 = table.columns.findIndex((name) => /^l1d?$/.test(name.split(':')[0]));

  const rows: CpuRow[] = [];
  for (const row of table.rows) {
    checkWidth(table, row, used);
    const cell = (index: number | undefined) => (index === undefined ? '' : row.cells[index] ?? '');
    if (/^(n|no|false)$/i.test(cell(online))) {
      continue;
    }
    const id = readId(row, cell(cpu), 'CPU');
    const cache = row.cells.length === table.columns.length ? cell(l1).split(':')[0] : '';
    rows.push({
      cpu: id,
      core: readId(row, cell(core), `core of CPU ${id}`),
      socket: isMissing(cell(socket)) ? 0 : readId(row, cell(socket), `socket of CPU ${id}`),
      node: isMissing(cell(node)) ? undefined : readId(row, cell(node), `NUMA node of CPU ${id}`),
      l1: l1 < 0 || isMissing(cache) ? undefined : cache,
      text: row.text,
    });
  }
  return rows;
}

/** Refuses a row whose missing or extra fields could shift the columns read here. */
function checkWidth(table: LscpuTable, row: LscpuRow, used: readonly number[]): void {
  const width = table.columns.length;
  if (row.cells.length === width) {
    return;
  }
  const unused = table.columns.map((_, i) => i).filter((i) => !used.includes(i));
  const lastUsed = Math.max(...used);
  const onlyUnusedMissing = table.form === 'parse' && row.cells.length < width
    && row.cells.length > lastUsed && unused.length > 0 && lastUsed < Math.min(...unused);
  if (!onlyUnusedMissing) {
    throw new ValueError(KIND, row.text,
      `the row has ${row.cells.length} fields but the header names ${width} columns, `
      + 'so it cannot be told which value belongs to which column',
      table.form === 'parse'
        ? `Pass the output of ${LSCPU_COMMANDS} unchanged. A short row is read only when `
          + 'the missing fields can be caches that come after every column read here.'
        : `Leave out the columns whose values hold spaces (MODELNAME): run ${LSCPU_COMMANDS}.`);
  }
}

function isMissing(cell: string): boolean {
  return cell === '' || cell === '-';
}

function readId(row: LscpuRow, cell: string, what: string): number {
  if (!/^\d+$/.test(cell)) {
    throw new ValueError(KIND, row.text,
      isMissing(cell) ? `lscpu does not know the ${what}` : `the ${what} "${cell}" is not a number`,
      `The ${what} is needed to tell which CPUs are siblings. Run ${LSCPU_COMMANDS} `
      + 'without --physical, or read the host with HostTopology.fromSysfs.');
  }
  return Number(cell);
}

/** Groups the CPUs by logical core id, checking that the ids are logical ones. */
function groupCores(rows: readonly CpuRow[]): Map<number, CoreInfo[]> {
  const byCpu = new Map<number, CpuRow>();
  const byCore = new Map<number, CpuRow[]>();
  for (const row of rows) {
    if (byCpu.has(row.cpu)) {
      throw new ValueError(KIND, row.text, `CPU ${row.cpu} appears twice`,
        'Pass the output of one lscpu run, unchanged.');
    }
    byCpu.set(row.cpu, row);
    byCore.set(row.core, [...(byCore.get(row.core) ?? []), row]);
  }

  const withNode = rows.filter((row) => row.node !== undefined);
  if (withNode.length > 0 && withNode.length < rows.length) {
    const orphan = rows.find((row) => row.node === undefined) as CpuRow;
    throw new ValueError(KIND, orphan.text,
      `CPU ${orphan.cpu} has no NUMA node while other CPUs have one`,
      `Run ${LSCPU_COMMANDS} again once every online CPU is in a NUMA node.`);
  }

  const nodes = new Map<number, CoreInfo[]>();
  const ordered = [...byCore.values()].sort((a, b) => a[0].cpu - b[0].cpu);
  for (const threads of ordered) {
    checkSiblings(threads);
    const node = threads[0].node ?? 0;
    const core = { socket: threads[0].socket, threads: threads.map((row) => row.cpu) };
    nodes.set(node, [...(nodes.get(node) ?? []), core]);
  }
  return nodes;
}

function checkSiblings(threads: readonly CpuRow[]): void {
  const first = threads[0];
  const cpus = CpuSet.of(...threads.map((row) => row.cpu)).toList();
  for (const row of threads) {
    const place = row.socket !== first.socket ? `sockets ${first.socket} and ${row.socket}`
      : row.node !== first.node ? `NUMA nodes ${first.node} and ${row.node}` : undefined;
    if (place !== undefined) {
      throw new ValueError(KIND, row.text,
        `core ${first.core} has CPUs on ${place} (CPUs ${cpus}), so its core ids are not `
        + 'the logical ones: lscpu -p --physical prints ids that repeat on every socket',
        `Run ${LSCPU_COMMANDS} without --physical (-y).`);
    }
    if (row.l1 !== undefined && first.l1 !== undefined && row.l1 !== first.l1) {
      throw new ValueError(KIND, row.text,
        `CPUs ${first.cpu} and ${row.cpu} share core id ${first.core} but not an L1 cache, `
        + 'so they are not threads of one core; this lscpu numbers cores per CPU type '
        + '(seen on Arm machines with two kinds of cores)',
        'Read the host from sysfs instead (HostTopology.fromSysfs), which lists the '
        + 'siblings of every CPU.');
    }
  }
}

/** Adds the NUMA nodes that the summary lists with no CPUs (memory-only nodes). */
function addEmptyNodes(nodes: Map<number, CoreInfo[]>, summary: LscpuSummary | undefined): void {
  for (const [id, list] of summary?.numaNodes ?? []) {
    if (nodes.has(id)) {
      continue;
    }
    if (list !== '') {
      throw new ValueError(KIND, `NUMA node${id} CPU(s): ${list}`,
        `the summary gives NUMA node ${id} the CPUs ${list}, but the table has no CPU on it`,
        'Pass the summary and the table of the same lscpu run, or the table alone.');
    }
    nodes.set(id, []);
  }
}

function chooseArchitecture(summary: LscpuSummary | undefined, option?: string): string {
  const found = summary?.architecture;
  if (found !== undefined && option !== undefined && found !== option) {
    throw new ValueError(KIND, `Architecture: ${found}`,
      `the text says the architecture is ${found} but the options say ${option}`,
      'Drop the architecture option, or pass the lscpu output of a host of that architecture.');
  }
  return found ?? option ?? 'x86_64';
}

function withMemory(nodes: Map<number, CoreInfo[]>, memory?: Size | Size[]): NumaNodeInfo[] {
  const ids = [...nodes.keys()].sort((a, b) => a - b);
  if (Array.isArray(memory) && memory.length !== ids.length) {
    throw new ValueError('memoryPerNumaNode', memory.map(String).join(', '),
      `it gives ${memory.length} size(s) but the host has ${ids.length} NUMA node(s) `
      + `(${ids.join(', ')})`,
      'Give one size for every NUMA node, in ascending id order, or a single size for all.');
  }
  return ids.map((id, index) => {
    const size = Array.isArray(memory) ? memory[index] : memory;
    const cores = nodes.get(id) as CoreInfo[];
    return size === undefined ? { id, cores } : { id, memory: size, cores };
  });
}
