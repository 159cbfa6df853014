import { execFile } from 'child_process';
import { mkdtempSync, readdirSync, readFileSync, statSync } from 'fs';
import { tmpdir } from 'os';
import { join, relative, resolve } from 'path';
import { promisify } from 'util';
import { parseAllDocuments } from 'yaml';
import { synthesizeApp } from '../../src/cdk8s';
import { ClusterSpec } from '../../src/spec';
import { manualGuideKubeOvn } from '../fixtures/specs/manual-guide-kube-ovn';
import { manualGuideUserspace } from '../fixtures/specs/manual-guide-userspace';
import { expectValidManifests } from '../support/schema-validate';

// The examples are cdk8s apps run by the real `cdk8s synth`, which starts
// `npx ts-node main.ts` (type checked) in the example's folder with
// $CDK8S_OUTDIR set. Each must write what the CLI path writes for the same
// cluster written as a spec: the constructs and the spec file are one model.

const ROOT = resolve(__dirname, '..', '..');
const CDK8S = join(ROOT, 'node_modules', '.bin', 'cdk8s');

const EXAMPLES: Array<[string, ClusterSpec]> = [
  ['kube-ovn-single-numa', manualGuideKubeOvn],
  ['userspace-two-numa', manualGuideUserspace],
];

/** Every file under a folder, relative to it, sorted. */
function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((path) => statSync(join(dir, path)).isFile())
    .map((path) => relative(dir, join(dir, path)))
    .sort();
}

const outdirs = new Map<string, string>();

beforeAll(async () => {
  const run = promisify(execFile);
  await Promise.all(EXAMPLES.map(async ([example]) => {
    const outdir = join(mkdtempSync(join(tmpdir(), `vhost-user-${example}-`)), 'dist');
    await run(CDK8S, ['synth', '--no-check-upgrade', '--output', outdir], {
      cwd: join(ROOT, 'examples', example),
      env: { ...process.env, npm_config_update_notifier: 'false' },
    });
    outdirs.set(example, outdir);
  }));
}, 300_000);

describe.each(EXAMPLES)('examples/%s run by cdk8s synth', (example, spec) => {
  test('writes the manifests, the node files and PLAN.md', () => {
    expect(filesUnder(outdirs.get(example)!)).toEqual(expect.arrayContaining([
      `${spec.name}.k8s.yaml`, 'PLAN.md', 'nodes/dpdk/bootstrap.sh', 'nodes/dpdk/verify.sh',
    ]));
  });

  test('writes valid manifests', () => {
    const text = readFileSync(join(outdirs.get(example)!, `${spec.name}.k8s.yaml`), 'utf8');

    expectValidManifests(parseAllDocuments(text).map((doc) => doc.toJS()));
  });

  test('writes byte for byte what the spec fixture of the same cluster gives', () => {
    const fromSpec = join(mkdtempSync(join(tmpdir(), 'vhost-user-spec-')), 'dist');
    synthesizeApp(spec, { outdir: fromSpec });
    const fromExample = outdirs.get(example)!;

    expect(filesUnder(fromExample)).toEqual(filesUnder(fromSpec));
    for (const file of filesUnder(fromSpec)) {
      expect(`${file}:\n${readFileSync(join(fromExample, file), 'utf8')}`)
        .toBe(`${file}:\n${readFileSync(join(fromSpec, file), 'utf8')}`);
    }
  });
});
