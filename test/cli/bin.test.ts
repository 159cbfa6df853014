import { spawnSync } from 'child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { ROOT, spawnCli } from './run-cli';

// The binary as a process: exit codes, standard output and standard error.
// Each run starts Node with ts-node, so the details are tested in-process
// (check.test.ts, synth.test.ts, facts.test.ts) and only the contract here.

const work = mkdtempSync(join(tmpdir(), 'vhost-user-k8s-bin-'));

function specFile(name: string, text: string): string {
  const file = join(work, name);
  writeFileSync(file, text);
  return file;
}

const guide = readFileSync(join(ROOT, 'examples', 'kube-ovn-guide.yaml'), 'utf8');

describe('vhost-user-k8s as a process', () => {
  test('--version prints the version of the package and exits 0', () => {
    const { version } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
    expect(spawnCli(['--version'])).toMatchObject({ code: 0, stdout: `${version}\n` });
  });

  test('bin/vhost-user-k8s runs in a checkout, compiled or not', () => {
    const run = spawnSync(join(ROOT, 'bin', 'vhost-user-k8s'),
      ['check', 'examples/kube-ovn-guide.yaml'], { cwd: ROOT, encoding: 'utf8' });

    expect([run.status, run.stdout]).toEqual([0, 'examples/kube-ovn-guide.yaml: no problems\n']);
  });

  test('a reader that stops early gets no stack trace on standard error', () => {
    const run = spawnSync('bash', ['-c', `${join(ROOT, 'bin', 'vhost-user-k8s')} example `
      + '| head -c 1 >/dev/null'], { cwd: ROOT, encoding: 'utf8' });
    expect([run.status, run.stderr]).toEqual([0, '']);
  });

  test('check exits 0 on a clean spec', () => {
    expect(spawnCli(['check', 'examples/userspace-guide.yaml']))
      .toMatchObject({ code: 0, stdout: 'examples/userspace-guide.yaml: no problems\n' });
  });

  test('check --format json exits 1 and prints the findings as a JSON array', () => {
    const file = specFile('wrong-name.yaml', guide.replace('name: kube-ovn-guide', 'name: Guide'));
    const run = spawnCli(['check', file, '--format', 'json']);
    expect([run.code, JSON.parse(run.stdout)]).toEqual([1, [{
      code: 'SPEC003',
      severity: 'error',
      path: 'name',
      message: expect.stringContaining('"Guide" is not a DNS-1123 label'),
      hint: expect.any(String),
      upstream: expect.any(String),
      location: { file, line: 11, column: 1 },
    }]]);
  });

  test('check exits 2 with one line when the file cannot be read', () => {
    expect(spawnCli(['check', 'no-such-spec.yaml'])).toMatchObject({
      code: 2,
      stderr: 'vhost-user-k8s: cannot read the spec file no-such-spec.yaml: '
        + 'no such file or folder\n',
    });
  });

  test('check exits 2 when the file is not YAML, and says where', () => {
    const run = spawnCli(['check', '-'], { stdin: 'name: [a\n' });
    expect([run.code, run.stdout.split('\n')[0]])
      .toEqual([2, expect.stringMatching(/^<stdin>:\d+:\d+: error FILE001: /)]);
  });

  test('a wrong option exits 2', () => {
    const run = spawnCli(['check', '--format', 'xml']);
    expect([run.code, run.stderr]).toEqual([2, expect.stringContaining("'xml' is invalid")]);
  });

  test('synth of a spec with errors exits 1 and writes nothing', () => {
    const file = specFile('no-nic.yaml', guide.replace(/ {4}nics:\n(.*\n){3}/, ''));
    const outdir = join(work, 'out-errors');
    const run = spawnCli(['synth', file, '-o', outdir]);
    expect([run.code, run.stderr.split('\n').at(-2), existsSync(outdir)])
      .toEqual([1, `${file}: 1 error: nothing was written`, false]);
  });

  test('synth without a spec says it used the built-in example, and writes it', () => {
    const outdir = join(work, 'out-builtin');
    const run = spawnCli(['synth', '-o', outdir]);
    expect([run.code, run.stderr.split('\n')[0], existsSync(join(outdir, 'PLAN.md'))]).toEqual([
      0, expect.stringContaining('uses the built-in example'), true,
    ]);
  });

  test('an output folder it cannot write is one line and exit code 2', () => {
    const outdir = specFile('a-file.txt', '');
    const run = spawnCli(['synth', 'examples/kube-ovn-guide.yaml', '-o', join(outdir, 'dist')]);
    expect([run.code, run.stderr]).toEqual([2,
      expect.stringMatching(/^vhost-user-k8s: cannot write the output folder .*\n$/)]);
  });
});
