import { PerfProtocol } from './run-plan';
import { Bandwidth, Latency } from './units';
import { ValueError } from '../model/errors';

/** What one qperf step (`<proto>_lat <proto>_bw`) measured, or why it did not. */
export interface QperfReading {
  /** One-way latency from `<proto>_lat`. */
  readonly latency?: Latency;
  /** `bw` of `tcp_bw`; for UDP the receiver's `recv_bw` (what arrived). */
  readonly bandwidth?: Bandwidth;
  /** Why a value is missing, one sentence each; empty when both were read. */
  readonly problems: readonly string[];
}

// `tcp_lat:` opens a test; `    latency  =  11.7 us` is one of its values.
const TEST_LINE = /^([a-z_]+):\s*$/;
const VALUE_LINE = /^\s+([a-z_]+)\s+=\s+(\S+)\s+(\S+)\s*$/;
const ERROR_LINE = /fail|error|refused|unreachable|timed out|cannot|no route|not found/i;

/**
 * Reads the text qperf printed for `<proto>_lat <proto>_bw` (without `-v`):
 *
 * ```
 * tcp_lat:
 *     latency  =  11.7 us
 * tcp_bw:
 *     bw  =  2.14 GB/sec
 * ```
 *
 * Units are normalised by {@link Latency} and {@link Bandwidth}. A value of 0
 * (qperf's way of saying that no message completed: a UDP message larger than a
 * datagram, a round trip longer than the test) is a problem, never a reading;
 * so is an error line (`127.0.0.1: failed to connect`) or a missing test.
 */
export function parseQperf(lines: readonly string[], protocol: PerfProtocol): QperfReading {
  const values = new Map<string, [string, string]>();
  const errors: string[] = [];
  let test = '';
  for (const line of lines) {
    const opened = TEST_LINE.exec(line);
    const value = VALUE_LINE.exec(line);
    if (opened !== null) {
      test = opened[1];
    } else if (value !== null) {
      values.set(`${test}.${value[1]}`, [value[2], value[3]]);
    } else if (ERROR_LINE.test(line)) {
      errors.push(line.trim());
    }
  }

  const problems = errors.map((line) => `qperf said: ${line}`);
  const bwKey = protocol === 'tcp' ? 'tcp_bw.bw' : 'udp_bw.recv_bw';
  const latency = read(values, `${protocol}_lat.latency`, Latency.parseQperf, problems);
  const bandwidth = read(values, bwKey, Bandwidth.parseQperf, problems);
  return {
    ...(latency !== undefined ? { latency } : {}),
    ...(bandwidth !== undefined ? { bandwidth } : {}),
    problems,
  };
}

function read<T>(
  values: Map<string, [string, string]>,
  key: string,
  parse: (value: string, unit: string) => T,
  problems: string[],
): T | undefined {
  const found = values.get(key);
  const [test, name] = key.split('.');
  if (found === undefined) {
    if (problems.length === 0) {
      problems.push(`qperf printed no ${name} for ${test}`);
    }
    return undefined;
  }
  try {
    return parse(found[0], found[1]);
  } catch (error) {
    if (!(error instanceof ValueError)) {
      throw error;
    }
    const shown = `${found[0]} ${found[1]}`;
    problems.push(/^0(\.0*)?$/.test(found[0])
      ? `qperf measured nothing for ${test} (${name} = ${shown}): no message completed `
        + 'in the test time'
      : `qperf printed ${name} = ${shown} for ${test}, which is not a measurement: `
        + error.reason);
    return undefined;
  }
}
