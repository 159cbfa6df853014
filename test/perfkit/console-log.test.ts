import { readFileSync } from 'fs';
import { join } from 'path';
import { readConsoleLog } from '../../src/perfkit/console-log';

const FIXTURES = join(__dirname, '../fixtures/perfkit');
const fixture = (name: string) => readFileSync(join(FIXTURES, name), 'utf8');
const M = '==== vhost-user-k8s perf';

describe('readConsoleLog', () => {
  test('finds one block per step of a real loopback run, each with its exit status', () => {
    const [run] = readConsoleLog(fixture('loopback-client.log'), 'loopback-client.log');
    expect(run.blocks.map((b) => `${b.step}:${b.exit}`)).toEqual([
      'wait:0', 'qperf/tcp/1:0', 'qperf/tcp/64:0', 'qperf/tcp/1024:0', 'qperf/tcp/16384:0',
      'qperf/udp/1:0', 'qperf/udp/64:0', 'qperf/udp/1024:0', 'iperf3/tcp/1:0',
      'iperf3/tcp/64:0', 'iperf3/tcp/1024:0', 'iperf3/tcp/16384:0', 'iperf3/udp/64:0',
      'iperf3/udp/1024:0',
    ]);
  });

  test('reads the START fields of the run', () => {
    const [run] = readConsoleLog(fixture('loopback-client.log'), 'x');
    expect(run.start?.['qperf-udp']).toBe('1,64,1024');
  });

  test('keeps the guest\'s clock of each step and of the end of the run', () => {
    const [run] = readConsoleLog(fixture('loopback-client.log'), 'x');
    expect([run.blocks[1].startedAt, run.doneAt]).toEqual([1796335836, 1796335876]);
  });

  test('a BEGIN that no END closes has no exit status', () => {
    const [run] = readConsoleLog(fixture('truncated-client.log'), 'x');
    expect(run.blocks[run.blocks.length - 1].exit).toBeUndefined();
  });

  test('a truncated run is not done', () => {
    const [run] = readConsoleLog(fixture('truncated-client.log'), 'x');
    expect(run.done).toBe(false);
  });

  test('skips boot messages outside the markers and strips serial line ends', () => {
    const text = [
      '[    0.000000] Linux version 5.15.0',
      `${M} BEGIN k/p/qperf/tcp/64 ====\r`,
      'tcp_lat:\r',
      `${M} END k/p/qperf/tcp/64 exit=0 ====\r`,
      'Ubuntu 22.04 LTS ubuntu ttyS0',
    ].join('\n');
    expect(readConsoleLog(text, 'x')[0].blocks[0].lines).toEqual(['tcp_lat:']);
  });

  test('reads the pods of `kubectl logs --prefix --timestamps` apart, even interleaved', () => {
    const a = '[pod/vm-a-x/cloud-hypervisor] 2024-05-01T10:00:00.123456789Z';
    const b = '[pod/vm-b-y/cloud-hypervisor] 2024-05-01T10:00:00.223456789Z';
    const text = [
      `${a} ${M} BEGIN k/p1/qperf/tcp/64 ====`,
      `${b} ${M} BEGIN k/p2/qperf/tcp/64 ====`,
      `${a} tcp_lat:`,
      `${b} udp_lat:`,
      `${a} ${M} END k/p1/qperf/tcp/64 exit=0 ====`,
      `${b} ${M} END k/p2/qperf/tcp/64 exit=0 ====`,
    ].join('\n');
    const runs = readConsoleLog(text, 'all.log');
    expect(runs.map((r) => [r.pair, r.blocks[0].lines])).toEqual([
      ['p1', ['tcp_lat:']], ['p2', ['udp_lat:']],
    ]);
  });

  test('a second START of the same pair opens a new run', () => {
    const text = [`${M} START k/p role=client ====`, `${M} START k/p role=client ====`]
      .join('\n');
    expect(readConsoleLog(text, 'x')).toHaveLength(2);
  });
});
