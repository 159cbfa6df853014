import { Size } from '../../src/model/size';
import { measuringTime, planPerfRun, stepId } from '../../src/perfkit/run-plan';
import { valueErrorOf } from '../support/value-error';

describe('planPerfRun', () => {
  test('measures the guide\'s sizes by default, qperf first', () => {
    expect(planPerfRun().steps.map(stepId)).toEqual([
      'qperf/tcp/1', 'qperf/tcp/64', 'qperf/tcp/1024', 'qperf/tcp/16384',
      'qperf/tcp/131072', 'qperf/tcp/1048576', 'qperf/tcp/134217728',
      'qperf/udp/1', 'qperf/udp/64', 'qperf/udp/1024',
      'iperf3/tcp/1', 'iperf3/tcp/64', 'iperf3/tcp/1024', 'iperf3/tcp/16384',
      'iperf3/tcp/131072', 'iperf3/tcp/1048576',
      'iperf3/udp/64', 'iperf3/udp/1024',
    ]);
  });

  test('gives iperf3 only the sizes inside its limits (TCP up to 1 MiB, UDP from 16 B)', () => {
    const run = planPerfRun({ tcpMessageSizes: ['2Mi'], udpMessageSizes: ['8'] });
    expect(run.steps.map(stepId)).toEqual(['qperf/tcp/2097152', 'qperf/udp/8']);
  });

  test('takes Size values as well as quantities, and drops repeats', () => {
    const run = planPerfRun({ tcpMessageSizes: [Size.bytes(64), '64'], udpMessageSizes: ['1'] });
    expect(run.steps.filter((s) => s.protocol === 'tcp').map(stepId))
      .toEqual(['qperf/tcp/64', 'iperf3/tcp/64']);
  });

  test('refuses a UDP message larger than one datagram', () => {
    expect(valueErrorOf(() => planPerfRun({ udpMessageSizes: ['64Ki'] })).hint)
      .toBe('A UDP message must fit in one datagram; measure larger messages over TCP.');
  });

  test('refuses an empty size list', () => {
    expect(valueErrorOf(() => planPerfRun({ tcpMessageSizes: [] })).reason).toBe('it is empty');
  });

  test('refuses a duration that is not a whole number of seconds', () => {
    expect(valueErrorOf(() => planPerfRun({ duration: 0.5 })).message).toBe(
      'invalid duration "0.5": it must be a whole number from 1 to 3600. '
      + 'Set duration to a whole number in that range.');
  });

  test('runs each test for 10 s by default', () => {
    expect(planPerfRun().duration).toBe(10);
  });
});

describe('planPerfRun ports', () => {
  test('refuses one port for qperf and iperf3', () => {
    expect(valueErrorOf(() => planPerfRun({ qperfPort: 5201 })).reason)
      .toBe('qperf and iperf3 both listen on TCP, and the server cannot start both on one port');
  });
});

describe('measuringTime', () => {
  test('counts two tests per qperf step, one per iperf3 step, 5 s more for each step', () => {
    const run = planPerfRun({ tcpMessageSizes: ['64'], udpMessageSizes: ['64'], duration: 3 });
    expect(measuringTime(run)).toBe(2 * (6 + 5) + 2 * (3 + 5));
  });
});
