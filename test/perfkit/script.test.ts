import { execFileSync } from 'child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { planPerfRun } from '../../src/perfkit/run-plan';
import { PerfRole, renderPerfScript } from '../../src/perfkit/script';
import { valueErrorOf } from '../support/value-error';

const RUN = planPerfRun({ tcpMessageSizes: ['64', '1Ki'], udpMessageSizes: ['1'], duration: 5 });

function script(role: PerfRole, peer = '172.18.0.10'): string {
  return renderPerfScript({ kit: 'perf', pair: 'vhost-user-same-node', role, peer, run: RUN });
}

/** shellcheck's report on the text, '' when clean. */
function shellcheck(text: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'perfkit-'));
  try {
    writeFileSync(join(dir, 'perf.sh'), text);
    execFileSync('shellcheck', ['--norc', join(dir, 'perf.sh')], { encoding: 'utf8' });
    return '';
  } catch (e) {
    return (e as { stdout?: string }).stdout ?? String(e);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('renderPerfScript', () => {
  test.each(['client', 'server'] as const)('the %s script passes shellcheck', (role) => {
    expect(shellcheck(script(role))).toBe('');
  });

  test('the client lists its sizes per tool and protocol', () => {
    expect(script('client')).toContain('readonly -a QPERF_TCP_SIZES=(64 1024)\n'
      + 'readonly -a QPERF_UDP_SIZES=(1)\n'
      + 'readonly -a IPERF3_TCP_SIZES=(64 1024)\n'
      + 'readonly -a IPERF3_UDP_SIZES=()');
  });

  test('the client announces its plan in the START marker', () => {
    expect(script('client')).toContain("readonly PLAN='duration=5 qperf-tcp=64,1024 "
      + "qperf-udp=1 iperf3-tcp=64,1024 iperf3-udp='");
  });

  test('a qperf step may take both of its tests and 30 s more', () => {
    expect(script('client')).toContain('readonly QPERF_LIMIT=40');
  });

  test('the client waits for its turn only when it has a start delay', () => {
    const late = renderPerfScript({
      kit: 'perf', pair: 'p', role: 'client', peer: '10.0.0.1', run: RUN, startDelay: 300,
    });
    expect([script('client'), late].map((s) => /readonly START_DELAY=(\d+)/.exec(s)?.[1]))
      .toEqual(['0', '300']);
  });

  test('stamps each step with the guest\'s clock', () => {
    expect(script('client')).toContain('marker "BEGIN $KIT/$PAIR/$id time=$(date +%s)"');
  });

  test('refuses a start delay that is not a whole number of seconds', () => {
    expect(valueErrorOf(() => renderPerfScript({
      kit: 'perf', pair: 'p', role: 'client', peer: '10.0.0.1', run: RUN, startDelay: 1.5,
    })).kind).toBe('start delay');
  });

  test('the server stops after its serving time', () => {
    expect(script('server')).toContain('readonly SERVE_FOR=7200');
  });

  test('writes an IPv6 peer in canonical form', () => {
    expect(script('client', '2001:DB8:0::10')).toContain('readonly PEER=2001:db8::10\n');
  });

  test('accepts a Service name as the peer', () => {
    expect(script('client', 'perf-bridge-same-node.default.svc'))
      .toContain('readonly PEER=perf-bridge-same-node.default.svc\n');
  });

  test('refuses a peer that would be more than an address', () => {
    expect(valueErrorOf(() => script('client', '10.0.0.1;reboot')).reason).toMatch(
      /^it is neither an IP address: .* nor a lowercase DNS name$/);
  });

  test('refuses a pair name that is not a DNS-1123 label', () => {
    expect(() => renderPerfScript({
      kit: 'perf', pair: 'Same Node', role: 'client', peer: '10.0.0.1', run: RUN,
    })).toThrow('invalid pair name "Same Node"');
  });
});
