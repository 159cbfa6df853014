import { mkdtempSync, readFileSync, statSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { parseAllDocuments } from 'yaml';
import { ROOT, runCli } from './run-cli';
import { withPerfKit } from '../../src/cli/spec-input';
import { manualGuideKubeOvn } from '../fixtures/specs/manual-guide-kube-ovn';

const work = mkdtempSync(join(tmpdir(), 'vhost-user-k8s-perf-kit-'));
const KUBE_OVN = join(ROOT, 'examples', 'kube-ovn-guide.yaml');

describe('the perf test kit on the command line', () => {
  test('synth --perf-kit adds the kit\'s VMs and Services and perf/collect.sh', async () => {
    const outdir = join(work, 'kit');
    const run = await runCli(['synth', KUBE_OVN, '--perf-kit', '-o', outdir]);
    const objects = parseAllDocuments(readFileSync(join(outdir, 'kube-ovn-guide.k8s.yaml'),
      'utf8')).map((d) => d.toJS() as { kind: string; metadata: { name: string } });
    expect(run.code).toBe(0);
    expect(objects.filter((o) => o.metadata.name.startsWith('perf-')).map((o) => o.kind).sort())
      .toEqual(['Service', 'Service', ...Array(6).fill('VirtualMachine')]);
    // eslint-disable-next-line no-bitwise
    expect(statSync(join(outdir, 'perf', 'collect.sh')).mode & 0o111).not.toBe(0);
  });

  test('check --perf-nodes reports a kit node that is no host, with its code', async () => {
    const run = await runCli(['check', KUBE_OVN, '--perf-nodes', 'node-1,node-9']);
    expect([run.code, run.stdout]).toEqual([1, expect.stringContaining('--perf-nodes: '
      + 'error PERF002: kit node "node-9" is not a host of any node pool')]);
  });

  test('check --perf-nodes names the flag and its value as typed, not a spec field', async () => {
    const run = await runCli(['check', KUBE_OVN, '--perf-nodes', 'node-1,node-1', '--format',
      'json']);
    expect(JSON.parse(run.stdout)).toEqual([expect.objectContaining({
      code: 'PERF003',
      path: '--perf-nodes',
      message: '--perf-nodes "node-1,node-1" cannot be used: the two nodes are one, so '
        + 'cross-node pairs would run on one node',
    })]);
  });

  test('check without the switch leaves the spec as it is', async () => {
    expect((await runCli(['check', KUBE_OVN])).stdout).not.toContain('perfKit');
  });
});

describe('withPerfKit', () => {
  test('keeps the spec\'s own kit and sets its nodes', () => {
    const spec = { ...manualGuideKubeOvn, perfKit: { name: 'lab' } };
    expect(withPerfKit(spec, { perfNodes: 'a, b' }).perfKit).toEqual({ name: 'lab', nodes: ['a', 'b'] });
  });

  test('adds the default kit', () => {
    expect(withPerfKit(manualGuideKubeOvn, { perfKit: true }).perfKit).toEqual({});
  });
});
