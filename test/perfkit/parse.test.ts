import { readFileSync } from 'fs';
import { join } from 'path';
import { parsePerfLogs, PerfResult } from '../../src/perfkit/parse';

const FIXTURES = join(__dirname, '../fixtures/perfkit');
const log = (name: string) => ({ source: name, text: readFileSync(join(FIXTURES, name), 'utf8') });

function step(results: readonly PerfResult[], id: string): PerfResult {
  const found = results.find((r) => `${r.tool}/${r.protocol}/${r.size.bytes}` === id);
  if (found === undefined) {
    throw new Error(`no result for ${id}`);
  }
  return found;
}

function outcome(name: string, id: string): string {
  const { outcome: o } = step(parsePerfLogs([log(name)]).results, id);
  return o.status === 'measured' ? 'measured' : `${o.status}: ${o.reason}`;
}

describe('parsePerfLogs on a recorded loopback run', () => {
  const { results, problems } = parsePerfLogs([log('loopback-client.log')]);

  test('gives one result per planned step: 4 + 3 qperf sizes, 4 + 2 iperf3 sizes', () => {
    expect(results).toHaveLength(13);
  });

  test('measures every step', () => {
    expect(results.filter((r) => r.outcome.status !== 'measured')).toEqual([]);
  });

  test('reports no problem', () => {
    expect(problems).toEqual([]);
  });

  test('keeps qperf\'s latency with the step', () => {
    const { outcome: o } = step(results, 'qperf/tcp/64');
    expect(o.status === 'measured' && o.latency?.toString()).toBe('14.1 µs');
  });

  test('says when the run measured, from its first step to its end', () => {
    expect(parsePerfLogs([log('loopback-client.log')]).runs).toEqual([{
      kit: 'fixture',
      pair: 'loopback',
      source: 'loopback-client.log',
      from: 1796335836,
      until: 1796335876,
    }]);
  });

  test('leaves the interface type unknown for a pair name the kit does not make', () => {
    expect(results[0].interfaceType).toBeUndefined();
  });
});

describe('parsePerfLogs on failed and truncated runs', () => {
  test('a step cut off by the end of the log is failed, not zero', () => {
    expect(outcome('truncated-client.log', 'iperf3/tcp/1024')).toBe('failed: the output '
      + 'stops inside this step, with no END marker (the log is cut short, or the VM '
      + 'stopped mid-step)');
  });

  test('a planned step after the end of a truncated log is not run', () => {
    expect(outcome('truncated-client.log', 'iperf3/udp/64')).toBe('not-run: the log ends '
      + 'before this step (cut short, or the run is still going)');
  });

  test('a qperf step whose server went away is failed with qperf\'s own words', () => {
    expect(outcome('server-died-client.log', 'qperf/tcp/1024')).toBe('failed: qperf exited '
      + 'with status 1: qperf said: 127.0.0.1: failed to connect');
  });

  test('an iperf3 step with an error document is failed although iperf3 exited with 0', () => {
    expect(outcome('server-died-client.log', 'iperf3/udp/64')).toBe('failed: iperf3 said: '
      + 'unable to connect to server: Connection refused');
  });

  test('a qperf step that printed zeros is failed', () => {
    expect(outcome('zero-client.log', 'qperf/udp/1024')).toBe('failed: qperf measured '
      + 'nothing for udp_lat (latency = 0 ns): no message completed in the test time; '
      + 'qperf measured nothing for udp_bw (recv_bw = 0 bytes/sec): no message completed '
      + 'in the test time');
  });

  test('every step of a client whose server never answered is not run, saying why', () => {
    expect(outcome('no-server-client.log', 'qperf/tcp/1')).toBe('not-run: the server never '
      + 'answered: no qperf server answered at 127.0.0.1 port 19792 in 6 s: conf: '
      + '127.0.0.1: failed to connect');
  });

  test('a step that ran past its time limit is failed as such', () => {
    const M = '==== vhost-user-k8s perf';
    const text = `${M} BEGIN k/p/qperf/tcp/64 ====\ntcp_lat:\n${M} END k/p/qperf/tcp/64 exit=124 ====`;
    const [result] = parsePerfLogs([{ source: 'x', text }]).results;
    expect(result.outcome).toEqual({
      status: 'failed', reason: 'qperf ran past its time limit and was stopped',
    });
  });
});

describe('parsePerfLogs on several logs', () => {
  test('names a log without markers as a problem', () => {
    expect(parsePerfLogs([{ source: 'boot.log', text: 'login:' }]).problems).toEqual([
      'boot.log: no perf kit markers found; is this the console log of a client VM '
        + '(kubectl logs <vm pod> -c cloud-hypervisor)?',
    ]);
  });

  test('gives no results for a server log', () => {
    expect(parsePerfLogs([log('loopback-server.log')]).results).toEqual([]);
  });

  test('a later run of the same pair replaces an earlier one', () => {
    const { results } = parsePerfLogs([log('loopback-client.log'), log('truncated-client.log')]);
    expect(step(results, 'iperf3/udp/64').outcome.status).toBe('not-run');
  });
});
