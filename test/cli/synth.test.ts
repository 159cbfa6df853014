import {
  mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync,
} from 'fs';
import { tmpdir } from 'os';
import { join, relative } from 'path';
import { ROOT, runCli } from './run-cli';
import { VhostUserApp, VhostUserCluster } from '../../src/cdk8s';
import { loadSpec } from '../../src/spec/load';

const work = mkdtempSync(join(tmpdir(), 'vhost-user-k8s-synth-'));

/** Every file under a folder: its path, mode bits and text. */
function folderContents(dir: string): Record<string, string> {
  const walk = (d: string): string[] => readdirSync(d, { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? walk(join(d, e.name)) : [join(d, e.name)]));
  return Object.fromEntries(walk(dir).sort().map((file) => [relative(dir, file),
    `${statSync(file).mode.toString(8).slice(-3)}\n${readFileSync(file, 'utf8')}`]));
}

describe.each(['kube-ovn-guide', 'userspace-guide'])('vhost-user-k8s synth of %s', (name) => {
  const file = join(ROOT, 'examples', `${name}.yaml`);

  test('writes byte for byte what a cdk8s app of the same spec writes', async () => {
    const spec = loadSpec(readFileSync(file, 'utf8'), file).spec!;
    const appOut = join(work, `${name}-app`);
    const app = new VhostUserApp({ outdir: appOut });
    VhostUserCluster.fromSpec(app, spec.name, spec);
    app.synth();

    const cliOut = join(work, `${name}-cli`);
    expect((await runCli(['synth', file, '-o', cliOut])).code).toBe(0);
    const expected = folderContents(appOut);
    expect(Object.keys(expected)).toContain('PLAN.md');
    expect(folderContents(cliOut)).toEqual(expected);
  });
});

describe('vhost-user-k8s synth', () => {
  const guide = readFileSync(join(ROOT, 'examples', 'kube-ovn-guide.yaml'), 'utf8');

  test('lists the files it wrote on standard output, manifests first', async () => {
    const outdir = join(work, 'listed');
    const run = await runCli(['synth', '-', '-o', outdir], { stdin: guide });
    expect(run.stdout.split('\n').slice(0, 3)).toEqual([
      `Wrote 10 files to ${outdir}:`, '  kube-ovn-guide.k8s.yaml', '  nodes/dpdk/bootstrap.sh',
    ]);
  });

  test('leaves an existing output folder untouched when the spec has errors', async () => {
    const outdir = join(work, 'kept');
    mkdirSync(outdir);
    writeFileSync(join(outdir, 'PLAN.md'), 'the previous plan\n');
    const run = await runCli(['synth', '-', '-o', outdir],
      { stdin: guide.replace('socketMem: "1024"', 'socketMem: "1000"') });
    expect([run.code, folderContents(outdir)])
      .toEqual([1, { 'PLAN.md': '644\nthe previous plan\n' }]);
  });

  test('prints the findings on standard error, each with its line', async () => {
    const run = await runCli(['synth', '-', '-o', join(work, 'unused')],
      { stdin: guide.replace('socketMem: "1024"', 'socketMem: "1000"') });
    expect(run.stderr.split('\n')[0])
      .toMatch(/^<stdin>:42:7: nodes\[0\]\.ovs\.socketMem: error OVS005: /);
  });

  test('writes nothing for a spec the schema refuses', async () => {
    const outdir = join(work, 'refused');
    const run = await runCli(['synth', '-', '-o', outdir],
      { stdin: guide.replace('    hugepages:\n', '    hugepage:\n') });
    expect([run.code, run.stderr.split('\n').at(-2), readdirSync(work).includes('refused')])
      .toEqual([1, '<stdin>: 1 error: nothing was written', false]);
  });

  test('an output path that is a file is refused with exit code 2, in one line', async () => {
    const outdir = join(work, 'a-file');
    writeFileSync(outdir, 'not a folder\n');
    const run = await runCli(['synth', '-', '-o', outdir], { stdin: guide });
    expect([run.code, run.stderr]).toEqual([2, 'vhost-user-k8s: cannot write the output '
      + `folder ${outdir}: it is a file, not a folder; give another -o\n`]);
  });

  test('leaves the output folder as it was when a file of it cannot be replaced', async () => {
    const outdir = join(work, 'blocked');
    await runCli(['synth', '-', '-o', outdir], { stdin: guide });
    const verify = join(outdir, 'nodes/dpdk/verify.sh');
    rmSync(verify);
    mkdirSync(join(verify, 'inside'), { recursive: true });
    writeFileSync(join(outdir, 'PLAN.md'), 'the previous plan\n');
    const before = folderContents(outdir);

    const run = await runCli(['synth', '-', '-o', outdir], { stdin: guide });
    expect([run.code, run.stderr, folderContents(outdir)]).toEqual([2,
      `vhost-user-k8s: cannot write the output folder ${outdir}: ${verify}: it is a folder, `
      + 'where the output has a file (move it away); nothing in the folder was changed\n',
      before]);
  });
});
