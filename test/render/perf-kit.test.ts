import { execFileSync } from 'child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { ClusterSpec } from '../../src/spec';
import { synthesize } from '../../src/synth/synthesize';
import { manualGuideKubeOvn } from '../fixtures/specs/manual-guide-kube-ovn';
import { manualGuideUserspace } from '../fixtures/specs/manual-guide-userspace';
import { expectValidManifests } from '../support/schema-validate';

/** The Userspace CNI guide cluster, its network given a range, with the default kit. */
const USERSPACE: ClusterSpec = {
  ...manualGuideUserspace,
  networks: [{ name: 'ovs-dpdk', cidr: '10.10.0.0/24' }],
  perfKit: {},
};

const synthesis = synthesize(USERSPACE);
const file = (path: string) => synthesis.files.find((f) => f.path === path);

describe('a cluster with a perf test kit', () => {
  test('passes the Kubernetes, Virtink and Multus schemas, kit and all', () => {
    expect(synthesis.manifests.filter((m) => m.kind === 'Service')).toHaveLength(4);
    expectValidManifests(synthesis.manifests);
  });

  test('passes the schemas on the Kube-OVN path too', () => {
    const kubeOvn = synthesize({ ...manualGuideKubeOvn, perfKit: {} });
    expect(kubeOvn.diagnostics).toEqual([]);
    expectValidManifests(kubeOvn.manifests, { kubeOvnVersion: 'v1.15' });
  });

  test('applies the Services before the VMs', () => {
    const kinds = synthesis.manifests.map((m) => m.kind);
    expect(kinds.lastIndexOf('Service')).toBeLessThan(kinds.indexOf('VirtualMachine'));
  });

  test('binds a masquerade pair\'s pod network with masquerade', () => {
    const vm = synthesis.manifests.find((m) => m.metadata.name === 'perf-masquerade-same-node-client');
    expect((vm?.spec as any).instance.interfaces[0]).toEqual(expect.objectContaining({
      name: 'pod', masquerade: {},
    }));
  });

  test('writes perf/collect.sh, executable, and it passes shellcheck', () => {
    const collect = file('perf/collect.sh');
    expect(collect?.executable).toBe(true);
    const dir = mkdtempSync(join(tmpdir(), 'perf-collect-'));
    try {
      writeFileSync(join(dir, 'collect.sh'), collect!.content);
      expect(() => execFileSync('shellcheck', ['--norc', join(dir, 'collect.sh')],
        { encoding: 'utf8' })).not.toThrow();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('lists the pairs and their turns in PLAN.md', () => {
    expect(file('PLAN.md')?.content).toContain('| `bridge-cross-node` | `node-1` | `node-2` | '
      + '`perf-bridge-cross-node.default.svc` | +25 min |');
  });

  test('writes no perf files without a kit', () => {
    const plain = synthesize(manualGuideUserspace);
    expect(plain.files.filter((f) => f.path.startsWith('perf/'))).toEqual([]);
  });
});
