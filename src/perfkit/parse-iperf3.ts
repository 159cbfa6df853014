import { PerfProtocol } from './run-plan';
import { Bandwidth } from './units';

/** What one iperf3 step measured, or why it did not. */
export interface Iperf3Reading {
  /**
   * The receiver's rate (`end.sum_received` for TCP, `end.sum` for UDP, both
   * counted at the receiving side).
   */
  readonly bandwidth?: Bandwidth;
  /** UDP only: the share of datagrams lost, in percent (`end.sum.lost_percent`). */
  readonly lostPercent?: number;
  /** Why the bandwidth is missing; empty when it was read. */
  readonly problems: readonly string[];
  /** Lines printed outside the JSON document, such as iperf3's warnings. */
  readonly notes: readonly string[];
}

type Json = Record<string, unknown>;

/**
 * Reads the output of `iperf3 -c ... --json`. The step runs with `2>&1`, so
 * warnings (`warning: UDP block size ... exceeds TCP MSS`) and parameter
 * errors (`iperf3: parameter error - block size too large`) may surround or
 * replace the JSON document; they are kept as notes, or as the problem when
 * no document was printed. A document with `error` (`unable to connect to
 * server: Connection refused`), one cut short, or a zero rate is a problem,
 * never a reading.
 */
export function parseIperf3(lines: readonly string[], protocol: PerfProtocol): Iperf3Reading {
  const first = lines.findIndex((line) => line.startsWith('{'));
  const last = lines.map((line) => line.startsWith('}')).lastIndexOf(true);
  const notes = lines.filter((line, i) => (i < first || i > last || first < 0)
    && line.trim() !== '').map((line) => line.trim());

  if (first < 0) {
    return {
      problems: [notes.length > 0
        ? `iperf3 said: ${notes.join(' ')}`
        : 'iperf3 printed nothing'],
      notes: [],
    };
  }
  if (last < first) {
    return { problems: ['the iperf3 JSON output is cut short (no closing brace)'], notes };
  }

  let doc: Json;
  try {
    doc = JSON.parse(lines.slice(first, last + 1).join('\n')) as Json;
  } catch (error) {
    return {
      problems: [`the iperf3 JSON output cannot be read: ${(error as Error).message}`],
      notes,
    };
  }
  if (typeof doc.error === 'string') {
    return { problems: [`iperf3 said: ${doc.error}`], notes };
  }

  const end = object(doc.end);
  const sum = object(protocol === 'tcp' ? end?.sum_received : end?.sum);
  const rate = sum?.bits_per_second;
  if (typeof rate !== 'number' || !(rate > 0)) {
    const found = typeof rate === 'number' ? `${rate} bits/s` : 'no rate';
    return {
      problems: [`iperf3 reported ${found} at the receiver: nothing was measured`],
      notes,
    };
  }
  const lost = sum?.lost_percent;
  return {
    bandwidth: Bandwidth.ofBitsPerSecond(rate),
    ...(protocol === 'udp' && typeof lost === 'number' ? { lostPercent: lost } : {}),
    problems: [],
    notes,
  };
}

function object(value: unknown): Json | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? value as Json
    : undefined;
}
