// Renders the example report of this folder from a real run of the perf kit's
// measuring script over loopback (127.0.0.1): the server script in the background,
// the client script in the foreground, then the server stopped by its PID.
//
//   sudo bash scripts/install-test-deps.sh            # qperf and iperf3
//   npx ts-node --transpile-only examples/perf-report/generate.ts
//   npx ts-node --transpile-only examples/perf-report/generate.ts --report-only
//
// --report-only renders the report again from the saved loopback-client.log.
//
// Loopback numbers measure this machine's kernel, not a VM network: they show what
// the report looks like, nothing about vhost-user, bridge or masquerade.
import { ChildProcess, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import {
  parsePerfLogs, planPerfRun, renderPerfReport, renderPerfScript,
} from '../../src/perfkit';
import { OutputFile } from '../../src/render/types';

const HERE = __dirname;

function start(script: string, output: string[]): ChildProcess {
  const child = spawn('/bin/bash', [script], { stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout?.on('data', (chunk: Buffer) => output.push(chunk.toString('utf8')));
  child.stderr?.on('data', (chunk: Buffer) => output.push(chunk.toString('utf8')));
  return child;
}

function ended(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => child.once('exit', (code) => resolve(code)));
}

/** Runs the server and client scripts and returns the client's output. */
async function measure(): Promise<string> {
  const run = planPerfRun({
    tcpMessageSizes: ['1', '64', '1Ki', '16Ki', '128Ki', '1Mi'],
    udpMessageSizes: ['1', '64', '1Ki'],
    duration: 3,
    waitForPeer: 30,
    serveFor: 600,
    qperfPort: 19865,
    iperf3Port: 15301,
  });
  const work = mkdtempSync(join(tmpdir(), 'perf-report-'));
  for (const role of ['server', 'client'] as const) {
    writeFileSync(join(work, `${role}.sh`), renderPerfScript({
      kit: 'example', pair: 'loopback', role, peer: '127.0.0.1', run,
    }));
  }

  const serverOutput: string[] = [];
  const clientOutput: string[] = [];
  const server = start(join(work, 'server.sh'), serverOutput);
  const client = start(join(work, 'client.sh'), clientOutput);
  const limit = setTimeout(() => client.pid !== undefined && process.kill(client.pid, 'SIGKILL'),
    600_000);
  await ended(client);
  clearTimeout(limit);
  if (server.pid !== undefined && server.exitCode === null) {
    process.kill(server.pid, 'SIGTERM');
  }
  await ended(server);
  rmSync(work, { recursive: true, force: true });
  return clientOutput.join('');
}

/** The report of this folder (README.md and its charts), from the client's log. */
export function exampleReport(clientLog: string, cores: number): OutputFile[] {
  const results = parsePerfLogs([{ source: 'loopback-client.log', text: clientLog }]);
  return renderPerfReport(results, {
    title: `Example report: loopback on a ${cores}-core test machine`,
    fileName: 'README.md',
    note: [
      '> **Not a VM measurement.** These numbers come from running the perf kit\'s',
      '> measuring script on one machine against 127.0.0.1 (qperf and iperf3 from',
      `> Debian, ${cores} CPU cores, 3 s per test), to show the report's shape.`,
      '> Loopback measures the kernel\'s local path, not vhost-user, bridge or masquerade.',
      '> The raw log it was read from is `loopback-client.log`; rerun with',
      '> `npx ts-node --transpile-only examples/perf-report/generate.ts`.',
    ].join('\n'),
  });
}

async function main(): Promise<void> {
  const logFile = join(HERE, 'loopback-client.log');
  const clientLog = process.argv.includes('--report-only')
    ? readFileSync(logFile, 'utf8')
    : await measure();
  writeFileSync(logFile, clientLog);
  for (const file of exampleReport(clientLog, cpus().length)) {
    const path = join(HERE, file.path);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, file.content);
  }
}

if (require.main === module) {
  main().catch((error: unknown) => {
    process.exitCode = 1;
    process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
  });
}
