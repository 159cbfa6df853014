import { readdirSync, readFileSync } from 'fs';
import { join } from 'path';
import { ROOT, runCli } from './run-cli';
import { BUILTIN_EXAMPLE_YAML } from '../../src/cli/builtin-example';
import { loadSpec } from '../../src/spec/load';
import { manualGuideKubeOvn } from '../fixtures/specs/manual-guide-kube-ovn';
import { manualGuideUserspace } from '../fixtures/specs/manual-guide-userspace';

const examples = readdirSync(join(ROOT, 'examples')).filter((f) => /\.ya?ml$/.test(f)).sort();

function example(name: string): string {
  return readFileSync(join(ROOT, 'examples', name), 'utf8');
}

describe('examples/*.yaml', () => {
  test('cover both paths of the manual guide', () => {
    expect(examples).toEqual(['kube-ovn-guide.yaml', 'userspace-guide.yaml']);
  });

  test.each(examples)('%s checks with no error', async (name) => {
    const run = await runCli(['check', join('examples', name), '--format', 'json']);
    const errors = JSON.parse(run.stdout).filter((d: { severity: string }) =>
      d.severity === 'error');
    expect([run.code, errors]).toEqual([0, []]);
  });

  test('kube-ovn-guide.yaml is the Kube-OVN guide cluster of the planner fixtures', () => {
    expect(loadSpec(example('kube-ovn-guide.yaml')).spec).toEqual(manualGuideKubeOvn);
  });

  test('userspace-guide.yaml is the Userspace CNI guide cluster of the planner fixtures', () => {
    expect(loadSpec(example('userspace-guide.yaml')).spec).toEqual(manualGuideUserspace);
  });

  test('the built-in example is kube-ovn-guide.yaml, character for character', () => {
    expect(BUILTIN_EXAMPLE_YAML).toBe(example('kube-ovn-guide.yaml'));
  });

  test('vhost-user-k8s example prints the built-in example', async () => {
    expect((await runCli(['example'])).stdout).toBe(BUILTIN_EXAMPLE_YAML);
  });
});
