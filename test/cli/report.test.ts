import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { ROOT, runCli } from './run-cli';

const FIXTURES = join(ROOT, 'test', 'fixtures', 'perfkit');
const work = mkdtempSync(join(tmpdir(), 'vhost-user-k8s-report-'));
const fixture = (name: string) => join(FIXTURES, name);

/** The recorded loopback run, as the log of another kit. */
function otherKitLog(): string {
  const file = join(work, 'other-kit.log');
  writeFileSync(file, readFileSync(fixture('loopback-client.log'), 'utf8')
    .replace(/fixture\/loopback/g, 'other/loopback'));
  return file;
}

describe('vhost-user-k8s report', () => {
  test('writes report.md and its charts from recorded logs, listing them', async () => {
    const outdir = join(work, 'loopback');
    const run = await runCli(['report', fixture('loopback-client.log'), '-o', outdir]);
    expect([run.code, run.stdout]).toEqual([0, `Wrote 5 files to ${outdir}:\n  report.md\n`
      + '  charts/tcp-loopback-latency.svg\n  charts/tcp-loopback-bandwidth.svg\n'
      + '  charts/udp-loopback-latency.svg\n  charts/udp-loopback-bandwidth.svg\n'
      + '13 steps: 13 measured, 0 failed, 0 not run.\n']);
  });

  test('the table holds what qperf measured in the recorded run', async () => {
    const outdir = join(work, 'table');
    await runCli(['report', fixture('loopback-client.log'), '-o', outdir]);
    expect(readFileSync(join(outdir, 'report.md'), 'utf8'))
      .toContain('| 64 B | 135 Mb/s / 264 K / 14.1 µs |');
  });

  test('the charts are SVG documents', async () => {
    const outdir = join(work, 'charts');
    await runCli(['report', fixture('loopback-client.log'), '-o', outdir]);
    expect(readFileSync(join(outdir, 'charts', 'tcp-loopback-latency.svg'), 'utf8'))
      .toMatch(/^<svg [^>]*xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
  });

  test('reports a truncated run as failed and not run, and counts them', async () => {
    const outdir = join(work, 'truncated');
    const run = await runCli(['report', fixture('truncated-client.log'), '-o', outdir]);
    expect(run.stdout).toContain('13 steps: 9 measured, 1 failed, 3 not run.');
    expect(readFileSync(join(outdir, 'report.md'), 'utf8'))
      .toContain('| 1 KiB | failed [1] |\n| 16 KiB | not run [2] |');
  });

  test('reports a step that measured zeros as failed, not as a zero', async () => {
    const outdir = join(work, 'zero');
    await runCli(['report', fixture('zero-client.log'), '-o', outdir]);
    expect(readFileSync(join(outdir, 'report.md'), 'utf8')).toContain('| 1 KiB | failed [1] |');
  });

  test('reports every step of a client whose server never answered as not run', async () => {
    const outdir = join(work, 'no-server');
    const run = await runCli(['report', fixture('no-server-client.log'), '-o', outdir]);
    expect(run.stdout).toContain('13 steps: 0 measured, 0 failed, 13 not run.');
  });

  test('reads the *.log files of a folder', async () => {
    const logs = join(work, 'logs');
    mkdirSync(logs);
    writeFileSync(join(logs, 'loopback.log'), readFileSync(fixture('loopback-client.log')));
    writeFileSync(join(logs, 'notes.txt'), 'not a log');
    const run = await runCli(['report', logs, '-o', join(work, 'from-folder')]);
    expect(readFileSync(join(work, 'from-folder', 'report.md'), 'utf8'))
      .toContain('Read from `loopback.log`.');
    expect(run.code).toBe(0);
  });

  test('reads standard input for -', async () => {
    const run = await runCli(['report', '-', '-o', join(work, 'stdin')],
      { stdin: readFileSync(fixture('loopback-client.log'), 'utf8') });
    expect(run.code).toBe(0);
  });

  test('takes a title and a note', async () => {
    const outdir = join(work, 'titled');
    await runCli(['report', fixture('loopback-client.log'), '-o', outdir, '--title', 'Lab A',
      '--note', 'Two hosts, 25G.']);
    expect(readFileSync(join(outdir, 'report.md'), 'utf8').startsWith('# Lab A\n\nTwo hosts, '
      + '25G.\n')).toBe(true);
  });

  test('names a log without results on standard error', async () => {
    const run = await runCli(['report', fixture('loopback-client.log'),
      fixture('qperf-tcp-refused.txt'), '-o', join(work, 'noted')]);
    expect(run.stderr).toBe(`note: ${fixture('qperf-tcp-refused.txt')}: no perf kit markers `
      + 'found; is this the console log of a client VM (kubectl logs <vm pod> -c '
      + 'cloud-hypervisor)?\n');
  });

  test('writes nothing and exits 1 when the logs hold no result', async () => {
    const outdir = join(work, 'empty');
    const run = await runCli(['report', fixture('loopback-server.log'), '-o', outdir]);
    expect([run.code, existsSync(outdir)]).toEqual([1, false]);
  });

  test('exits 2 naming a log it cannot read', async () => {
    const run = await runCli(['report', join(work, 'missing.log')]);
    expect([run.code, run.stderr]).toEqual([2, 'vhost-user-k8s: cannot read the log '
      + `${join(work, 'missing.log')}: no such file or folder\n`]);
  });

  test('exits 2 when the logs hold two kits and --kit chooses none', async () => {
    const run = await runCli(['report', fixture('loopback-client.log'), otherKitLog(),
      '-o', join(work, 'two')]);
    expect([run.code, run.stderr]).toEqual([2, 'vhost-user-k8s: the logs hold results of 2 '
      + 'kits (fixture, other); a report covers one. Choose it with the kit option. '
      + '(--kit <name>)\n']);
  });

  test('reports on the kit --kit chooses', async () => {
    const outdir = join(work, 'chosen');
    const run = await runCli(['report', fixture('loopback-client.log'), otherKitLog(),
      '-o', outdir,
      '--kit', 'other']);
    expect([run.code, readdirSync(outdir).sort()]).toEqual([0, ['charts', 'report.md']]);
  });
});
