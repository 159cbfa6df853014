import { PerfProtocol } from './run-plan';
import { Bandwidth } from './units';

/** What one iperf3 step measured, or why it did not. */
export interface Iperf3Reading {
  /**
   * The receiver's rate: `end.sum_received`, or for UDP from an iperf3 older
   * than 3.10 (no `sum_received`), the rate of `end.sum` less its lost share.
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
  // iperf3 closes its document with a `}` alone at the start of a line.
  const last = lines.map((line, i) => /^\}\s*$/.test(line)
    || (i === first && line.trimEnd().endsWith('}'))).lastIndexOf(true);
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
  const sum = object(end?.sum);
  const lost = protocol === 'udp' ? sum?.lost_percent : undefined;
  const rate = receivedRate(object(end?.sum_received), protocol === 'udp' ? sum : undefined);
  if (rate === undefined || !(rate > 0)) {
    const found = rate !== undefined ? `${rate} bits/s` : 'no rate';
    return {
      problems: [`iperf3 reported ${found} at the receiver: nothing was measured`],
      notes,
    };
  }
  return {
    bandwidth: Bandwidth.ofBitsPerSecond(rate),
    ...(typeof lost === 'number' ? { lostPercent: lost } : {}),
    problems: [],
    notes,
  };
}

function receivedRate(received: Json | undefined, udpSum: Json | undefined): number | undefined {
  if (typeof received?.bits_per_second === 'number') {
    return received.bits_per_second;
  }
  const sent = udpSum?.bits_per_second;
  const lost = udpSum?.lost_percent;
  if (typeof sent === 'number' && typeof lost === 'number') {
    return sent * (1 - lost / 100);
  }
  return undefined;
}

function object(value: unknown): Json | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? value as Json
    : undefined;
}
