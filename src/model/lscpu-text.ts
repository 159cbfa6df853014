// Finding the pieces of `lscpu` output in a text: the summary and the per-CPU
// tables of `-p`, `-e` and `-J -e`. Internal to the model: `HostTopology.fromLscpu`
// is the public face.
import { ValueError } from './errors';

const KIND = 'lscpu output';

/** The commands whose output `HostTopology.fromLscpu` reads, for hints. */
export const LSCPU_COMMANDS = '`lscpu -p=CPU,CORE,SOCKET,NODE` '
  + '(or `lscpu -e=CPU,CORE,SOCKET,NODE,ONLINE`)';

/** Which command printed a table. */
export type LscpuForm = 'parse' | 'extended' | 'json';

/** One row of a per-CPU table, as text cells. */
export interface LscpuRow {
  /** The row as printed, for error messages. */
  readonly text: string;

  /**
   * Cells in column order; `-` or empty where lscpu printed no value. A row of
   * `lscpu -p` may hold fewer cells than there are columns.
   */
  readonly cells: readonly string[];
}

/** A per-CPU table: `lscpu -p`, `lscpu -e` or `lscpu -J -e`. */
export interface LscpuTable {
  readonly form: LscpuForm;

  /** The header line, for error messages. */
  readonly header: string;

  /** Column names in lower case (`cpu`, `core`, `l1d:l1i:l2:l3`, or `` in `-p`). */
  readonly columns: readonly string[];

  readonly rows: readonly LscpuRow[];
}

/** What the `lscpu` summary (no options) says that a table does not. */
export interface LscpuSummary {
  /** The first line that belongs to a summary, for error messages. */
  readonly firstLine: string;

  /** `Architecture:` (or a `# Architecture:` comment). */
  readonly architecture?: string;

  /** `NUMA nodeN CPU(s):` lines: NUMA node id → CPU list text (maybe empty). */
  readonly numaNodes: ReadonlyMap<number, string>;
}

/** Everything found in a text. */
export interface LscpuText {
  readonly tables: readonly LscpuTable[];
  readonly summary?: LscpuSummary;
}

/** A summary line: `Key:  value`, indented in the hierarchic form of lscpu ≥ 2.37. */
const SUMMARY_LINE = /^\s*([A-Za-z][^:]*):\s*(.*)$/;

/** Summary keys that only the summary prints. */
const SUMMARY_KEYS = new RegExp(`^(${[
  'Architecture', 'CPU\\(s\\)', 'On-line CPU\\(s\\) list', 'Thread\\(s\\) per core',
  'Core\\(s\\) per socket', 'Socket\\(s\\)', 'CPU socket\\(s\\)', 'NUMA node\\(s\\)',
  'NUMA node\\d+ CPU\\(s\\)',
].join('|')})$`);

/** A column name of `lscpu -e`: `CPU`, `SCALMHZ%`, or caches `L1d:L1i:L2:L3`. */
const EXTENDED_COLUMN = /^([A-Z][A-Z0-9%-]*|L\d[a-z]?(:L\d[a-z]?)*)$/;

/**
 * Splits a text into the per-CPU tables and the summary it holds.
 *
 * @throws ValueError for a JSON text that is not `lscpu -J -e`
 */
export function readLscpuText(text: string): LscpuText {
  const trimmed = text.trim();
  if (trimmed.startsWith('{')) {
    return readJson(trimmed);
  }

  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  const tables: LscpuTable[] = [];
  const rest: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    const table = tableAt(lines, i);
    if (table === undefined) {
      rest.push(lines[i]);
      continue;
    }
    tables.push(table);
    i += table.rows.length;
  }
  return { tables, summary: readSummary(rest) };
}

/** The table whose header is `lines[i]`, with the rows up to the next blank line. */
function tableAt(lines: readonly string[], i: number): LscpuTable | undefined {
  const header = lines[i];
  const form = headerForm(header);
  if (form === undefined) {
    return undefined;
  }

  const columns = form === 'parse'
    ? header.replace(/^#\s*/, '').split(',').map((name) => name.trim().toLowerCase())
    : header.trim().split(/\s+/).map((name) => name.toLowerCase());
  const rows: LscpuRow[] = [];
  for (let j = i + 1; j < lines.length; j++) {
    const line = lines[j];
    if (line.trim() === '' || line.startsWith('#')) {
      break;
    }
    const cells = form === 'parse' ? line.split(',') : line.trim().split(/\s+/);
    rows.push({ text: line, cells: cells.map((cell) => cell.trim()) });
  }
  return { form, header, columns, rows };
}

function headerForm(line: string): LscpuForm | undefined {
  if (line.startsWith('#')) {
    const names = line.replace(/^#\s*/, '').split(',').map((name) => name.trim());
    return names.some((name) => name.toUpperCase() === 'CPU') ? 'parse' : undefined;
  }
  const names = line.trim().split(/\s+/);
  const isHeader = names.length >= 2 && names.includes('CPU')
    && names.every((name) => EXTENDED_COLUMN.test(name));
  return isHeader ? 'extended' : undefined;
}

function readSummary(lines: readonly string[]): LscpuSummary | undefined {
  let firstLine: string | undefined;
  let architecture: string | undefined;
  const numaNodes = new Map<number, string>();
  for (const line of lines) {
    const comment = /^#\s*Architecture:\s*(\S+)\s*$/i.exec(line);
    if (comment) {
      architecture = comment[1];
      continue;
    }
    const match = SUMMARY_LINE.exec(line);
    if (!match || !SUMMARY_KEYS.test(match[1].trim())) {
      continue;
    }
    const [key, value] = [match[1].trim(), match[2].trim()];
    firstLine ??= line.trim();
    if (key === 'Architecture') {
      architecture = value;
    }
    const node = /^NUMA node(\d+) CPU\(s\)$/.exec(key);
    if (node) {
      numaNodes.set(Number(node[1]), value);
    }
  }
  if (firstLine === undefined && architecture === undefined) {
    return undefined;
  }
  return { firstLine: firstLine ?? `Architecture: ${architecture}`, architecture, numaNodes };
}

/**
 * Reads `lscpu -J -e`: `{"cpus": [{"cpu": 0, "core": 0, ...}]}`. Values are numbers,
 * strings (all of them before util-linux 2.38; `"-"` for a missing value), `null`
 * or booleans (`online`).
 */
function readJson(text: string): LscpuText {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (e) {
    throw new ValueError(KIND, text, `it starts with { but is not JSON (${(e as Error).message})`,
      `Pass the whole output of \`lscpu -J -e\`, or the text of ${LSCPU_COMMANDS}.`);
  }

  const object = (parsed ?? {}) as Record<string, unknown>;
  const key = ['cpus', 'lscpu'].find((name) => Array.isArray(object[name]));
  const items = (key === undefined ? [] : object[key]) as unknown[];
  if (key === undefined || items.some((item) => typeof item !== 'object' || item === null)) {
    throw new ValueError(KIND, text, 'it is JSON without a "cpus" array of objects',
      `Pass the output of \`lscpu -J -e\`, or the text of ${LSCPU_COMMANDS}.`);
  }

  const records = items as Record<string, unknown>[];
  if (records.some((record) => 'field' in record && 'data' in record)) {
    // `lscpu -J` without -e prints the summary as {"lscpu": [{"field", "data"}]}.
    return { tables: [], summary: { firstLine: text, numaNodes: new Map() } };
  }

  const columns = [...new Set(records.flatMap((record) => Object.keys(record)))];
  const rows = records.map((record) => ({
    text: JSON.stringify(record),
    cells: columns.map((column) => jsonCell(record[column])),
  }));
  return {
    tables: [{
      form: 'json', header: `"${key}"`, columns: columns.map((c) => c.toLowerCase()), rows,
    }],
  };
}

function jsonCell(value: unknown): string {
  if (value === null || value === undefined) {
    return '-';
  }
  if (typeof value === 'boolean') {
    return value ? 'yes' : 'no';
  }
  return String(value).trim();
}
