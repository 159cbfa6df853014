import { ChartSeries, renderLineChart } from './charts';
import { PERF_INTERFACE_TYPES, PERF_PLACEMENTS, PerfPlacement } from './names';
import { PerfResult, PerfResults } from './parse';
import { PerfProtocol, PerfTool } from './run-plan';
import { formatMessageRate, formatMessageSize, significant } from './units';
import { Size } from '../model/size';
import { OutputFile } from '../render/types';

/** How the report is titled and where its files go. */
export interface PerfReportOptions {
  /**
   * The kit to report on.
   *
   * @default - the only kit found in the results
   */
  readonly kit?: string;
  /**
   * Title of the report.
   *
   * @default - 'Network performance: kit <kit>'
   */
  readonly title?: string;
  /**
   * A paragraph under the title: where and how the numbers were taken.
   *
   * @default - none
   */
  readonly note?: string;
  /**
   * Name of the Markdown file.
   *
   * @default 'report.md'
   */
  readonly fileName?: string;
  /**
   * Folder of the SVG charts, relative to the Markdown file.
   *
   * @default 'charts'
   */
  readonly chartDirectory?: string;
}

const PROTOCOLS: readonly PerfProtocol[] = ['tcp', 'udp'];
// One colour per column in every chart: the guide's interface types first, then
// other pair names in the order they come.
const COLORS: Readonly<Record<string, string>> = {
  'vhost-user': '#1f77b4', 'bridge': '#ff7f0e', 'masquerade': '#2ca02c',
};
const OTHER_COLORS = ['#9467bd', '#8c564b', '#e377c2', '#7f7f7f', '#bcbd22', '#17becf'];

/** One table: the results of one tool and protocol on one placement. */
interface Table {
  readonly tool: PerfTool;
  readonly protocol: PerfProtocol;
  readonly placement: PerfPlacement | undefined;
  readonly results: readonly PerfResult[];
}

/**
 * The report: a Markdown file with tables in the shape of the guide's report
 * (one per protocol and placement; rows are message sizes, columns interface
 * types, cells `bandwidth / messages per second / latency` for qperf and
 * `bandwidth` for iperf3) and SVG charts of latency and bandwidth by message
 * size. A failed or unfinished step shows as `failed [n]` or `not run [n]`,
 * with the reason under the table; a blank (`—`) is a step no run planned.
 *
 * @returns the Markdown file and its charts, paths relative to the report folder
 * @throws Error when the results hold several kits and `kit` does not pick one,
 *   or `kit` names a kit the results do not hold
 */
export function renderPerfReport(
  results: PerfResults, options: PerfReportOptions = {},
): OutputFile[] {
  const kit = pickKit(results, options.kit);
  const mine = results.results.filter((r) => r.kit === kit);
  const chartDir = options.chartDirectory ?? 'charts';
  const sources = [...new Set(mine.map((r) => r.source))];

  const lines: string[] = [`# ${options.title ?? `Network performance: kit ${kit}`}`, ''];
  if (options.note !== undefined) {
    lines.push(options.note.trim(), '');
  }
  lines.push(`Read from ${sources.map((s) => `\`${s}\``).join(', ') || 'no log'}. `
    + 'qperf cells: bandwidth / messages per second / one-way latency; iperf3 cells: '
    + 'bandwidth at the receiver. `failed` and `not run` are explained under each table; '
    + '`—` means no run planned that step.', '');

  lines.push(...overlapNote(results, kit));
  const files: OutputFile[] = [];
  for (const placement of [...PERF_PLACEMENTS, undefined]) {
    for (const protocol of PROTOCOLS) {
      const qperf = table(mine, 'qperf', protocol, placement);
      const iperf3 = table(mine, 'iperf3', protocol, placement);
      if (qperf.results.length + iperf3.results.length === 0) {
        continue;
      }
      const pairs = [...new Set([...qperf.results, ...iperf3.results].map((r) => r.pair))];
      const where = placement?.replace('-', ' ') ?? `pair ${pairs.join(', ')}`;
      const stem = `${protocol}-${placement ?? pairs.join('-')}`;
      lines.push(`## ${protocol.toUpperCase()}, ${where}`, '');
      for (const t of [qperf, iperf3].filter((x) => x.results.length > 0)) {
        lines.push(`### ${t.tool}`, '', ...markdownTable(t), '');
      }
      for (const chart of charts(qperf, iperf3, stem, where)) {
        const path = `${chartDir}/${chart.name}.svg`;
        files.push({ path, content: chart.svg });
        lines.push(`![${chart.title}](${path})`, '');
      }
    }
  }
  if (mine.length === 0) {
    lines.push('No measurement was found.', '');
  }
  if (results.problems.length > 0) {
    lines.push('## Logs without results', '', ...results.problems.map((p) => `- ${p}`), '');
  }
  return [{ path: options.fileName ?? 'report.md', content: lines.join('\n') }, ...files];
}

/**
 * A paragraph naming the runs of the kit that measured at the same time, by
 * the guests' clocks: they shared links, PMD cores and node CPUs.
 */
function overlapNote(results: PerfResults, kit: string): string[] {
  const runs = (results.runs ?? []).filter((r) => r.kit === kit);
  const overlaps = runs.flatMap((a, i) => runs.slice(i + 1).flatMap((b) => {
    const seconds = Math.min(a.until, b.until) - Math.max(a.from, b.from);
    return seconds > 0 ? [`\`${a.pair}\` and \`${b.pair}\` (${seconds} s)`] : [];
  }));
  if (overlaps.length === 0) {
    return [];
  }
  return ['**Runs that overlapped.** These pairs measured at the same time, sharing links, '
    + 'PMD cores and node CPUs, so their numbers may be lower than each would measure '
    + `alone: ${overlaps.join(', ')}.`, ''];
}

function pickKit(results: PerfResults, wanted: string | undefined): string {
  const kits = [...new Set(results.results.map((r) => r.kit))];
  if (wanted !== undefined) {
    if (!kits.includes(wanted) && kits.length > 0) {
      throw new Error(`kit "${wanted}" has no results in these logs; they hold `
        + `${kits.map((k) => `"${k}"`).join(', ')}. Pick one of those.`);
    }
    return wanted;
  }
  if (kits.length > 1) {
    throw new Error(`the logs hold results of ${kits.length} kits (${kits.join(', ')}); `
      + 'a report covers one. Choose it with the kit option.');
  }
  return kits[0] ?? 'unknown';
}

function table(
  results: readonly PerfResult[], tool: PerfTool, protocol: PerfProtocol,
  placement: PerfPlacement | undefined,
): Table {
  return {
    tool,
    protocol,
    placement,
    results: results.filter((r) =>
      r.tool === tool && r.protocol === protocol && r.placement === placement),
  };
}

/** The columns: the guide's interface types first, then any other pair name. */
function columns(t: Table): string[] {
  const found = new Set(t.results.map(column));
  return [...PERF_INTERFACE_TYPES.filter((c) => found.has(c)),
    ...[...found].filter((c) => !(PERF_INTERFACE_TYPES as readonly string[]).includes(c))];
}

function column(result: PerfResult): string {
  return result.interfaceType ?? result.pair;
}

/** The message sizes of the results, smallest first. */
function sizesOf(results: readonly PerfResult[]): Size[] {
  const bySize = new Map(results.map((r) => [r.size.bytes, r.size]));
  return [...bySize.values()].sort((a, b) => a.bytes - b.bytes);
}

function cell(t: Table, col: string, size: Size): PerfResult | undefined {
  return t.results.find((r) => column(r) === col && r.size.bytes === size.bytes);
}

function markdownTable(t: Table): string[] {
  const cols = columns(t);
  const notes: string[] = [];
  const body = sizesOf(t.results).map((size) => {
    const cells = cols.map((col) => {
      const found = cell(t, col, size);
      if (found === undefined) {
        return '—';
      }
      const { outcome } = found;
      if (outcome.status !== 'measured') {
        notes.push(`${found.pair}, ${formatMessageSize(found.size)}: ${outcome.reason}`);
        const word = outcome.status === 'failed' ? 'failed' : 'not run';
        return `${word} [${notes.length}]`;
      }
      if (t.tool === 'iperf3') {
        const lost = outcome.lostPercent !== undefined
          ? ` (${significant(outcome.lostPercent)}% lost)` : '';
        return `${outcome.bandwidth}${lost}`;
      }
      const rate = outcome.bandwidth.bitsPerSecond / 8 / size.bytes;
      const latency = outcome.latency !== undefined ? ` / ${outcome.latency}` : '';
      return `${outcome.bandwidth} / ${formatMessageRate(rate)}${latency}`;
    });
    return `| ${formatMessageSize(size)} | ${cells.join(' | ')} |`;
  });
  return [
    `| message | ${cols.join(' | ')} |`,
    `| --- |${cols.map(() => ' --- |').join('')}`,
    ...body,
    ...(notes.length > 0 ? ['', ...notes.map((n, i) => `${i + 1}. ${escapeCell(n)}`)] : []),
  ];
}

function escapeCell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\s+/g, ' ');
}

interface Chart {
  readonly name: string;
  readonly title: string;
  readonly svg: string;
}

/** The latency chart (qperf) and the bandwidth chart (qperf and iperf3) of a section. */
function charts(qperf: Table, iperf3: Table, stem: string, where: string): Chart[] {
  const proto = qperf.protocol.toUpperCase();
  const sizes = sizesOf([...qperf.results, ...iperf3.results]);
  const chart = (name: string, title: string, subtitle: string, yName: string,
    series: ChartSeries[]): Chart[] => series.length === 0 ? [] : [{
    name: `${stem}-${name}`,
    title,
    svg: renderLineChart({
      title,
      subtitle,
      xLabels: sizes.map(formatMessageSize),
      xName: 'message',
      yName,
      series,
    }),
  }];

  const iperf3Lines = chartLines(iperf3, sizes, gigabits, true);
  return [
    ...chart('latency', `${proto} latency, ${where} (qperf)`,
      'one-way latency by message size; lower is better', 'µs',
      chartLines(qperf, sizes, (r) => measured(r)?.latency?.microseconds)),
    ...chart('bandwidth', `${proto} bandwidth, ${where}`,
      `${iperf3Lines.length > 0 ? 'qperf solid, iperf3 dashed' : 'qperf'}; higher is better`,
      'Gb/s', [...chartLines(qperf, sizes, gigabits), ...iperf3Lines]),
  ];
}

/** One line per column of the table that measured something. */
function chartLines(
  t: Table, sizes: readonly Size[], value: (r: PerfResult | undefined) => number | undefined,
  dashed = false,
): ChartSeries[] {
  const others = columns(t).filter((col) => COLORS[col] === undefined);
  return columns(t).map((col): ChartSeries => ({
    name: dashed ? `${col} (${t.tool})` : col,
    values: sizes.map((size) => value(cell(t, col, size)) ?? null),
    dashed,
    color: COLORS[col] ?? OTHER_COLORS[others.indexOf(col) % OTHER_COLORS.length],
  })).filter((series) => series.values.some((v) => v !== null));
}

function measured(result: PerfResult | undefined) {
  return result?.outcome.status === 'measured' ? result.outcome : undefined;
}

function gigabits(result: PerfResult | undefined): number | undefined {
  const m = measured(result);
  return m === undefined ? undefined : m.bandwidth.bitsPerSecond / 1e9;
}
