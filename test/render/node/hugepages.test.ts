import { symlinkSync, unlinkSync } from 'node:fs';
import { renderNodeFiles } from '../../../src/render/node';
import { FakeNode } from '../../support/fake-node-root';
import { plannedNode } from '../../support/node-plan-fixture';

const PAGES_1 = '/sys/devices/system/node/node1/hugepages/hugepages-1048576kB/nr_hugepages';
const PAGES_0 = '/sys/devices/system/node/node0/hugepages/hugepages-1048576kB/nr_hugepages';

let node: FakeNode;
beforeEach(() => {
  node = FakeNode.create({ numaCpus: ['0-3,8-11', '4-7,12-15'] });
  node.writeFiles(renderNodeFiles(plannedNode('userspace'), { path: 'userspace' }));
});
afterEach(() => node.remove());

const SCRIPT = 'nodes/worker/bootstrap.sh';

describe('hugepages step', () => {
  test('allocates the planned pages on each NUMA node through sysfs', () => {
    node.source(SCRIPT, 'hugepages');
    expect([node.read(PAGES_0), node.read(PAGES_1)]).toEqual(['4\n', '4\n']);
  });

  test('installs the boot script and its unit, and enables the unit', () => {
    node.source(SCRIPT, 'hugepages');
    expect(node.exists('/etc/systemd/system/vhost-user-k8s-hugepages.service')).toBe(true);
    expect(node.calls()).toContain('systemctl enable vhost-user-k8s-hugepages.service');
  });

  test('asks for a kubelet restart, which reads hugepage capacity only at start', () => {
    const run = node.source(SCRIPT, 'hugepages; printf "%s\\n" "${KUBELET_RESTART_REASONS[@]}"');
    expect(run.stdout).toContain('the hugepages of NUMA node 1 changed');
  });

  test('a second run changes nothing', () => {
    node.source(SCRIPT, 'hugepages');
    const second = node.source(SCRIPT, 'hugepages');
    expect(second.stdout).toBe('');
  });

  test('--check reports a NUMA node whose count was changed by hand', () => {
    node.source(SCRIPT, 'hugepages');
    node.write(PAGES_1, '2\n');
    const run = node.source(SCRIPT, 'MODE=check; hugepages');
    expect(run.stdout).toBe('drift: hugepages: 1Gi pages of NUMA node 1 is 2, plan 4\n');
  });
});

describe('hugepages.sh, run by the boot unit', () => {
  test('writes the count of every NUMA node', () => {
    const run = node.run('nodes/worker/hugepages.sh');
    expect([run.status, node.read(PAGES_0), node.read(PAGES_1)]).toEqual([0, '4\n', '4\n']);
  });

  test('fails the unit when the kernel allocates fewer pages than planned', () => {
    unlinkSync(node.path(PAGES_1));
    symlinkSync('/dev/null', node.path(PAGES_1)); // reads back empty: nothing allocated
    const run = node.run('nodes/worker/hugepages.sh');
    expect([run.status, run.stderr]).toEqual(
      [1, 'hugepages: NUMA node 1 has 0 of its 4 pages of 1048576 KiB\n']);
  });
});
