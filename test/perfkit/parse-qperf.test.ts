import { readFileSync } from 'fs';
import { join } from 'path';
import { readConsoleLog } from '../../src/perfkit/console-log';
import { parseQperf } from '../../src/perfkit/parse-qperf';

const FIXTURES = join(__dirname, '../fixtures/perfkit');
const lines = (name: string) => readFileSync(join(FIXTURES, name), 'utf8').split('\n');

/** The lines of one step of the recorded loopback run. */
function recordedStep(step: string): readonly string[] {
  const [run] = readConsoleLog(readFileSync(join(FIXTURES, 'loopback-client.log'), 'utf8'), 'x');
  return run.blocks.find((b) => b.step === step)!.lines;
}

describe('parseQperf', () => {
  test('reads the TCP latency of a recorded run, in microseconds', () => {
    expect(parseQperf(recordedStep('qperf/tcp/64'), 'tcp').latency?.microseconds).toBe(14.1);
  });

  test('reads the TCP bandwidth of a recorded run (16.9 MB/sec), in bits per second', () => {
    expect(parseQperf(recordedStep('qperf/tcp/64'), 'tcp').bandwidth?.bitsPerSecond)
      .toBeCloseTo(135.2e6, 0);
  });

  test('takes what the receiver got (recv_bw) as the UDP bandwidth', () => {
    const reading = parseQperf(['udp_bw:', '    send_bw  =  113 KB/sec',
      '    recv_bw  =  52.7 KB/sec'], 'udp');
    expect(reading.bandwidth?.toString()).toBe('422 Kb/s');
  });

  test('a recorded run has no problems', () => {
    expect(parseQperf(recordedStep('qperf/udp/1024'), 'udp').problems).toEqual([]);
  });

  test('reports the zeros of an oversized UDP message as a problem, not as readings', () => {
    const reading = parseQperf(lines('qperf-udp-70000-zeros.txt'), 'udp');
    expect(reading.problems[0]).toBe('qperf measured nothing for udp_lat (latency = 0 ns): '
      + 'no message completed in the test time');
  });

  test('keeps no value from a run that printed zeros', () => {
    const reading = parseQperf(lines('qperf-udp-70000-zeros.txt'), 'udp');
    expect([reading.latency, reading.bandwidth]).toEqual([undefined, undefined]);
  });

  test('quotes qperf\'s own error line when it could not connect', () => {
    expect(parseQperf(lines('qperf-tcp-refused.txt'), 'tcp').problems)
      .toEqual(['qperf said: 127.0.0.1: failed to connect']);
  });

  test('names the missing test when the output is empty', () => {
    expect(parseQperf([], 'tcp').problems).toEqual(['qperf printed no latency for tcp_lat']);
  });
});
