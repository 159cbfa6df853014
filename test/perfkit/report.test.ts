import { readFileSync } from 'fs';
import { join } from 'path';
import { Size } from '../../src/model/size';
import { PerfInterfaceType } from '../../src/perfkit/names';
import { parsePerfLogs, PerfOutcome, PerfResult, PerfResults } from '../../src/perfkit/parse';
import { renderPerfReport } from '../../src/perfkit/report';
import { Bandwidth, Latency } from '../../src/perfkit/units';

const FIXTURES = join(__dirname, '../fixtures/perfkit');
const log = (name: string) => ({ source: name, text: readFileSync(join(FIXTURES, name), 'utf8') });

/** A qperf TCP result of a same-node pair, in the guide's units. */
function guideCell(
  interfaceType: PerfInterfaceType, bytes: number, outcome: PerfOutcome,
): PerfResult {
  return {
    kit: 'perf',
    pair: `${interfaceType}-same-node`,
    interfaceType,
    placement: 'same-node',
    tool: 'qperf',
    protocol: 'tcp',
    size: Size.bytes(bytes),
    source: `${interfaceType}.log`,
    outcome,
  };
}

function measured(mbPerSecond: number, micro: number): PerfOutcome {
  return {
    status: 'measured',
    bandwidth: Bandwidth.parseQperf(String(mbPerSecond), 'Mb/sec'),
    latency: Latency.ofMicroseconds(micro),
  };
}

/** The first two rows of the guide's same-host TCP table. */
const GUIDE: PerfResults = {
  results: [
    guideCell('vhost-user', 1, measured(19.52, 11.7)),
    guideCell('bridge', 1, measured(16.96, 42.6)),
    guideCell('masquerade', 1, { status: 'failed', reason: 'qperf said: failed to connect' }),
    guideCell('vhost-user', 64, measured(984, 11.6)),
    guideCell('bridge', 64, measured(357.6, 42.9)),
  ],
  problems: [],
};

const markdown = (results: PerfResults) => renderPerfReport(results)[0].content;

describe('renderPerfReport in the guide\'s shape', () => {
  test('has a column per interface type, in the guide\'s order', () => {
    expect(markdown(GUIDE)).toContain('| message | vhost-user | bridge | masquerade |');
  });

  test('writes bandwidth / messages per second / latency like the guide\'s first row', () => {
    expect(markdown(GUIDE)).toContain('| 1 B | 19.5 Mb/s / 2.44 M / 11.7 µs | '
      + '17 Mb/s / 2.12 M / 42.6 µs | failed [1] |');
  });

  test('explains a failed cell under its table', () => {
    expect(markdown(GUIDE)).toContain('1. masquerade-same-node, 1 B: qperf said: failed to connect');
  });

  test('marks a step no run planned with a dash, not a zero', () => {
    expect(markdown(GUIDE)).toContain('| 64 B | 984 Mb/s / 1.92 M / 11.6 µs | '
      + '358 Mb/s / 698 K / 42.9 µs | — |');
  });

  test('heads the section with protocol and placement', () => {
    expect(markdown(GUIDE)).toContain('## TCP, same node');
  });

  test('links a latency and a bandwidth chart for the section', () => {
    expect(renderPerfReport(GUIDE).map((f) => f.path)).toEqual([
      'report.md', 'charts/tcp-same-node-latency.svg', 'charts/tcp-same-node-bandwidth.svg',
    ]);
  });
});

describe('renderPerfReport on recorded logs', () => {
  test('reports a truncated step as failed and a later one as not run', () => {
    const text = markdown(parsePerfLogs([log('truncated-client.log')]));
    expect(text).toContain('| 1 KiB | failed [1] |\n| 16 KiB | not run [2] |');
  });

  test('names the pair in the heading when the pair name is not the kit\'s', () => {
    expect(markdown(parsePerfLogs([log('loopback-client.log')])))
      .toContain('## UDP, pair loopback');
  });

  test('writes the recorded iperf3 UDP rate with its loss', () => {
    expect(markdown(parsePerfLogs([log('loopback-client.log')])))
      .toContain('| 64 B | 21.3 Mb/s (47.4% lost) |');
  });

  test('lists a log without results at the end', () => {
    const results = parsePerfLogs([log('loopback-client.log'), { source: 'x.log', text: '' }]);
    expect(markdown(results)).toContain('## Logs without results');
  });
});

describe('renderPerfReport options', () => {
  test('puts the note under the title', () => {
    const [file] = renderPerfReport(GUIDE, { title: 'Lab A', note: 'Two Xeon hosts.' });
    expect(file.content.startsWith('# Lab A\n\nTwo Xeon hosts.\n')).toBe(true);
  });

  test('names the pairs that measured at the same time', () => {
    const runs = [
      { kit: 'perf', pair: 'bridge-same-node', source: 'a', from: 1000, until: 1400 },
      { kit: 'perf', pair: 'vhost-user-same-node', source: 'b', from: 1300, until: 1700 },
    ];
    expect(markdown({ ...GUIDE, runs })).toContain('alone: `bridge-same-node` and '
      + '`vhost-user-same-node` (100 s).');
  });

  test('says nothing of pairs that took turns', () => {
    const runs = [
      { kit: 'perf', pair: 'bridge-same-node', source: 'a', from: 1000, until: 1400 },
      { kit: 'perf', pair: 'vhost-user-same-node', source: 'b', from: 1400, until: 1700 },
    ];
    expect(markdown({ ...GUIDE, runs })).not.toContain('overlapped');
  });

  test('refuses to mix two kits', () => {
    const other = { ...GUIDE.results[0], kit: 'other' };
    expect(() => renderPerfReport({ results: [...GUIDE.results, other], problems: [] }))
      .toThrow('the logs hold results of 2 kits (perf, other); a report covers one. '
        + 'Choose it with the kit option.');
  });

  test('reports on the kit chosen', () => {
    const other = { ...GUIDE.results[0], kit: 'other' };
    const [file] = renderPerfReport({ results: [...GUIDE.results, other], problems: [] },
      { kit: 'other' });
    expect(file.content).toContain('| 1 B | 19.5 Mb/s / 2.44 M / 11.7 µs |\n');
  });
});
