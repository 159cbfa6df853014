import { renderNodeFiles } from '../../../src/render/node';
import { FakeNode } from '../../support/fake-node-root';
import { plannedNode } from '../../support/node-plan-fixture';

// Whole runs on the Kube-OVN path, whose steps need no Open vSwitch on the host;
// test/integration/bootstrap-ovs.test.ts runs the Userspace CNI path against a real one.
const BOOTSTRAP = 'nodes/worker/bootstrap.sh';

let node: FakeNode;
beforeEach(() => {
  node = FakeNode.create({ numaCpus: ['0-3,8-11', '4-7,12-15'], kubectl: true });
  node.writeFiles(renderNodeFiles(plannedNode('kube-ovn'), { path: 'kube-ovn' }));
});
afterEach(() => node.remove());

describe('bootstrap.sh', () => {
  test('on a node in use, applies what it can and waits for a drained node (exit 2)', () => {
    const run = node.run(BOOTSTRAP);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('waiting for a drained node: the kubelet configuration; ' +
      'the kubelet restart');
  });

  test('on a drained node, applies everything and says a reboot is needed, and why', () => {
    const run = node.run(BOOTSTRAP, ['--drained']);
    expect(run.status).toBe(0);
    expect(run.stderr).toContain('reboot this node to finish: the running kernel lacks ' +
      'default_hugepagesz=1G isolcpus=1,5,9,13 intel_iommu=on iommu=pt hugepagesz=1G hugepages=8');
  });

  test('a second run changes nothing, and --check then reports no drift', () => {
    node.run(BOOTSTRAP, ['--drained']);
    const second = node.run(BOOTSTRAP, ['--drained']);
    const check = node.run(BOOTSTRAP, ['--check']);
    expect([second.status, second.stdout, check.status, check.stdout]).toEqual([0, '', 0, '']);
  });

  test('--check on a fresh node lists the drift, changes nothing and exits 1', () => {
    const check = node.run(BOOTSTRAP, ['--check']);
    expect(check.status).toBe(1);
    expect(check.stdout.split('\n').every((l) => l === '' || l.startsWith('drift: '))).toBe(true);
    expect(node.calls().filter((c) => !c.startsWith('kubectl get') && !c.includes('is-enabled')))
      .toEqual([]);
  });

  test('refuses an unknown option with the usage', () => {
    const run = node.run(BOOTSTRAP, ['--force']);
    expect([run.status, run.stderr]).toEqual([1, 'bootstrap.sh: error: unknown option --force; ' +
      'Usage: bootstrap.sh [--check] [--drained]\n']);
  });
});
