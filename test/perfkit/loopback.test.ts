import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readConsoleLog } from '../../src/perfkit/console-log';
import { parsePerfLogs, PerfResults } from '../../src/perfkit/parse';
import { renderPerfReport } from '../../src/perfkit/report';
import { planPerfRun } from '../../src/perfkit/run-plan';
import { renderPerfScript } from '../../src/perfkit/script';
import { OutputFile } from '../../src/render/types';
import { CliRun, runCli } from '../cli/run-cli';
import { spawnTracked, stopAllProcesses, TrackedProcess } from '../support/processes';

/**
 * The measuring script, run for real: the server script in the background and the
 * client script in the foreground, both against 127.0.0.1, with Debian's qperf and
 * iperf3 (scripts/install-test-deps.sh). Short tests (1 s) over two TCP sizes and
 * one UDP size keep the run near 10 s; every process is tracked and stopped by PID.
 */

const TOOLS = ['/usr/bin/qperf', '/usr/bin/iperf3'];

function missingTools(): string[] {
  return TOOLS.filter((tool) => {
    try {
      execFileSync(tool, ['--help'], { stdio: 'ignore' });
      return false;
    } catch (error) {
      return (error as NodeJS.ErrnoException).code === 'ENOENT';
    }
  });
}

/** A port nobody listens on right now, from the kernel's ephemeral range. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

/** Resolves when the process ends; rejects after `ms`, leaving the process to the caller. */
function endsWithin(proc: TrackedProcess, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${proc.name} still runs after ${ms} ms:\n`
      + proc.output.slice(-2000))), ms);
  });
  return Promise.race([proc.exited.then(() => undefined), late])
    .finally(() => clearTimeout(timer));
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

const missing = missingTools();
const describeWithTools = missing.length === 0 ? describe : describe.skip;
if (missing.length > 0 && process.env.CI) {
  test('qperf and iperf3 are installed in CI', () => {
    throw new Error(`missing ${missing.join(', ')}: run scripts/install-test-deps.sh`);
  });
} else if (missing.length > 0) {
  // Test support, not library code: a skipped real run must be noticed.
  console.warn(`SKIPPED the perf kit's loopback run: missing ${missing.join(', ')}; `
    + 'run `sudo bash scripts/install-test-deps.sh`');
}

describeWithTools('the measuring script, run for real over loopback', () => {
  let dir: string;
  let server: TrackedProcess;
  let clientLog: string;
  let results: PerfResults;
  let report: OutputFile[];
  let command: CliRun;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'perfkit-loopback-'));
    const run = planPerfRun({
      tcpMessageSizes: ['64', '1Ki'],
      udpMessageSizes: ['64'],
      duration: 1,
      waitForPeer: 30,
      serveFor: 120,
      qperfPort: await freePort(),
      iperf3Port: await freePort(),
    });
    for (const role of ['server', 'client'] as const) {
      const script = renderPerfScript({ kit: 'loop', pair: 'loopback', role, peer: '127.0.0.1', run });
      writeFileSync(join(dir, `${role}.sh`), script);
    }

    server = spawnTracked('/bin/bash', [join(dir, 'server.sh')], { captureOutput: true });
    const client = spawnTracked('/bin/bash', [join(dir, 'client.sh')], { captureOutput: true });
    try {
      await endsWithin(client, 120_000);
    } finally {
      await client.stop({ graceMs: 2_000 });
      await server.stop({ graceMs: 5_000 });
    }
    clientLog = client.output;
    results = parsePerfLogs([{ source: 'client.log', text: clientLog }]);
    report = renderPerfReport(results, { note: 'Loopback on the test machine.' });
    writeFileSync(join(dir, 'client.log'), clientLog);
    command = await runCli(['report', join(dir, 'client.log'), '-o', join(dir, 'report')]);
  }, 180_000);

  afterAll(async () => {
    await stopAllProcesses({ graceMs: 2_000 });
    rmSync(dir, { recursive: true, force: true });
  });

  test('the client finishes its run', () => {
    expect(readConsoleLog(clientLog, 'client.log')[0].done).toBe(true);
  });

  test('every planned step measured something: 2 + 1 qperf and 2 + 1 iperf3 steps', () => {
    const notMeasured = results.results
      .filter((r) => r.outcome.status !== 'measured')
      .map((r) => `${r.tool}/${r.protocol}/${r.size.bytes}: ${JSON.stringify(r.outcome)}`);
    expect([results.results.length, notMeasured]).toEqual([6, []]);
  });

  test('the report\'s qperf TCP table has numbers for both sizes run', () => {
    const table = report[0].content.split('## TCP, pair loopback')[1].split('### iperf3')[0];
    expect(table).toMatch(new RegExp(
      '\\| 64 B \\| [\\d.]+ [KMG]?b/s / [\\d.]+ [KM]? ?/ [\\d.]+ (ns|µs|ms) \\|\\n'
      + '\\| 1 KiB \\| [\\d.]+ [KMG]?b/s / [\\d.]+ [KM]? ?/ [\\d.]+ (ns|µs|ms) \\|'));
  });

  test('the report draws a latency and a bandwidth chart per protocol', () => {
    expect(report.slice(1).map((f) => f.path)).toEqual([
      'charts/tcp-loopback-latency.svg', 'charts/tcp-loopback-bandwidth.svg',
      'charts/udp-loopback-latency.svg', 'charts/udp-loopback-bandwidth.svg',
    ]);
  });

  test('the report command writes the same table and charts from the saved log', () => {
    const saved = parsePerfLogs([{ source: join(dir, 'client.log'), text: clientLog }]);
    expect([command.code, readFileSync(join(dir, 'report', 'report.md'), 'utf8')])
      .toEqual([0, renderPerfReport(saved)[0].content]);
    expect(readdirSync(join(dir, 'report', 'charts'))).toHaveLength(4);
  });

  test('stopping the server ends qperf and iperf3, by the PIDs it reported', () => {
    const ready = /READY loop\/loopback qperf-pid=(\d+) iperf3-pid=(\d+)/.exec(server.output);
    expect(ready?.slice(1).map(Number).filter(isAlive)).toEqual([]);
  });

  test('the server says it stopped on a signal', () => {
    expect(server.output).toContain('STOP loop/loopback reason=signal');
  });
});
