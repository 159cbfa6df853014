import { mkdtempSync, readFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { parseAllDocuments } from 'yaml';
import { synthesizeApp } from '../../src/cdk8s';
import { ClusterSpec } from '../../src/spec';
import { manualGuideKubeOvn } from '../fixtures/specs/manual-guide-kube-ovn';
import { manualGuideUserspace } from '../fixtures/specs/manual-guide-userspace';
import { filesUnder, synthExample } from '../support/cdk8s-synth';
import { expectValidManifests } from '../support/schema-validate';

// The examples are cdk8s apps run by the real `cdk8s synth`. Each must write
// what the CLI path writes for the same cluster written as a spec: the
// constructs and the spec file are one model.

const EXAMPLES: Array<[string, ClusterSpec]> = [
  ['kube-ovn-single-numa', manualGuideKubeOvn],
  ['userspace-two-numa', manualGuideUserspace],
];

const outdirs = new Map<string, string>();

beforeAll(async () => {
  await Promise.all(EXAMPLES.map(async ([example]) => {
    outdirs.set(example, await synthExample(example));
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
