import { readFileSync } from 'fs';
import { join } from 'path';
import { readConsoleLog } from '../../src/perfkit/console-log';
import { parseIperf3 } from '../../src/perfkit/parse-iperf3';

const FIXTURES = join(__dirname, '../fixtures/perfkit');
const lines = (name: string) => readFileSync(join(FIXTURES, name), 'utf8').split('\n');

function recordedStep(log: string, step: string): readonly string[] {
  const [run] = readConsoleLog(readFileSync(join(FIXTURES, log), 'utf8'), log);
  return run.blocks.find((b) => b.step === step)!.lines;
}

describe('parseIperf3', () => {
  test('reads the receiver\'s TCP rate of a recorded run', () => {
    const reading = parseIperf3(recordedStep('loopback-client.log', 'iperf3/tcp/1024'), 'tcp');
    expect(reading.bandwidth?.bitsPerSecond).toBeCloseTo(1051452398.8, 0);
  });

  test('reads the UDP loss of a recorded run', () => {
    const reading = parseIperf3(recordedStep('loopback-client.log', 'iperf3/udp/64'), 'udp');
    expect(reading.lostPercent).toBeCloseTo(47.45, 1);
  });

  test('reports the error of a JSON document, even when iperf3 exited with 0', () => {
    expect(parseIperf3(lines('iperf3-tcp-refused.json'), 'tcp').problems)
      .toEqual(['iperf3 said: unable to connect to server: Connection refused']);
  });

  test('quotes a parameter error printed instead of the JSON document', () => {
    const [problem] = parseIperf3(lines('iperf3-udp-8-parameter-error.txt'), 'udp').problems;
    expect(problem).toMatch(/^iperf3 said: iperf3: parameter error - block size invalid/);
  });

  test('keeps a warning before the JSON document as a note and still reads the rate', () => {
    const reading = parseIperf3(lines('iperf3-udp-65507-warning.txt'), 'udp');
    expect([reading.notes[0], reading.problems]).toEqual([
      'warning: UDP block size 65507 exceeds TCP MSS 32768, may result in fragmentation / drops',
      [],
    ]);
  });

  test('reports a document cut short', () => {
    const cut = lines('iperf3-udp-65507-warning.txt').slice(0, 20);
    expect(parseIperf3(cut, 'udp').problems)
      .toEqual(['the iperf3 JSON output is cut short (no closing brace)']);
  });

  test('reports empty output', () => {
    expect(parseIperf3([''], 'tcp').problems).toEqual(['iperf3 printed nothing']);
  });

  test('reports a zero rate as nothing measured', () => {
    const doc = JSON.stringify({ end: { sum_received: { bits_per_second: 0 } } });
    expect(parseIperf3([doc], 'tcp').problems)
      .toEqual(['iperf3 reported 0 bits/s at the receiver: nothing was measured']);
  });
});

describe('parseIperf3 on an iperf3 older than 3.10 (no sum_received for UDP)', () => {
  test('takes the sent rate less the lost share as the UDP rate at the receiver', () => {
    const doc = JSON.stringify({ end: { sum: { bits_per_second: 1e9, lost_percent: 25 } } });
    expect(parseIperf3([doc], 'udp').bandwidth?.bitsPerSecond).toBe(0.75e9);
  });
});
