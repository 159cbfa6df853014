import { formatMarker, readMarker } from '../../src/perfkit/markers';

describe('perf markers', () => {
  test('a formatted marker reads back with its path and fields', () => {
    const line = formatMarker('END', 'perf/bridge-same-node/qperf/tcp/64', { exit: 0 });
    expect(readMarker(line)).toEqual({
      event: 'END', path: 'perf/bridge-same-node/qperf/tcp/64', fields: { exit: '0' },
    });
  });

  test('keeps an empty field value (a protocol with no sizes)', () => {
    const line = formatMarker('START', 'perf/loopback', { 'qperf-udp': '' });
    expect(readMarker(line)?.fields).toEqual({ 'qperf-udp': '' });
  });

  test('finds a marker after other text on a serial console line', () => {
    const line = 'ubuntu login: ==== vhost-user-k8s perf DONE perf/loopback ====\r';
    expect(readMarker(line)?.event).toBe('DONE');
  });

  test('ignores a line that only looks like a marker', () => {
    expect(readMarker('==== vhost-user-k8s perf FINISHED perf/loopback ====')).toBeUndefined();
  });

  test('refuses a field value with a space', () => {
    expect(() => formatMarker('START', 'perf/x', { peer: 'a b' }))
      .toThrow('perf marker word "a b" must be one word without whitespace');
  });
});
