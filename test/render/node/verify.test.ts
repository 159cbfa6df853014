import { renderNodeFiles } from '../../../src/render/node';
import { FakeNode } from '../../support/fake-node-root';
import { plannedNode } from '../../support/node-plan-fixture';

// verify.sh on the Kube-OVN path, after bootstrap.sh has run on a fake root.
const BOOTSTRAP = 'nodes/worker/bootstrap.sh';
const VERIFY = 'nodes/worker/verify.sh';

let node: FakeNode;
beforeEach(() => {
  node = FakeNode.create({ numaCpus: ['0-3,8-11', '4-7,12-15'], kubectl: true });
  node.writeFiles(renderNodeFiles(plannedNode('kube-ovn'), { path: 'kube-ovn' }));
});
afterEach(() => node.remove());

describe('verify.sh', () => {
  test('passes once the node is bootstrapped and rebooted', () => {
    node.run(BOOTSTRAP, ['--drained']);
    node.reboot();
    const run = node.run(VERIFY);
    expect([run.status, run.stdout]).toEqual([0, '']);
  });

  test('reports the kernel arguments a node not yet rebooted lacks', () => {
    node.run(BOOTSTRAP, ['--drained']);
    const run = node.run(VERIFY);
    expect(run.stdout).toContain('drift: kernel: argument isolcpus=1,5,9,13 of the running ' +
      'kernel is absent, plan present (reboot to apply)\n');
  });

  test('and --check report exactly the one file changed by hand', () => {
    node.run(BOOTSTRAP, ['--drained']);
    node.reboot();
    node.write('/opt/ovs-config/config.cfg', 'dpdk-init=true\n');
    const drift = 'drift: kube-ovn: /opt/ovs-config/config.cfg is different, plan nodes/worker/config.cfg\n';
    const verify = node.run(VERIFY);
    const check = node.run(BOOTSTRAP, ['--check']);
    expect([verify.status, verify.stdout, check.status, check.stdout]).toEqual([1, drift, 1, drift]);
  });

  test('compares the hugepage capacity the kubelet reports with sysfs, naming sysfs', () => {
    node.run(BOOTSTRAP, ['--drained']);
    node.reboot();
    node.setCapacity('hugepages-1Gi', '4Gi');
    const run = node.run(VERIFY);
    expect(run.stdout).toBe('drift: kubelet: capacity hugepages-1Gi of node worker-1 is '
      + '"4Gi", but sysfs holds "8Gi" now, and the kubelet reads it only when it starts: '
      + 'restart the kubelet on the drained node (bootstrap.sh --drained)\n');
  });

  test('names what sysfs holds, not the plan, when the two differ too', () => {
    node.run(BOOTSTRAP, ['--drained']);
    node.reboot();
    node.write('/sys/devices/system/node/node0/hugepages/hugepages-1048576kB/nr_hugepages',
      '0\n');
    node.setCapacity('hugepages-1Gi', '8Gi');
    const run = node.run(BOOTSTRAP, ['--check']);
    expect(run.stdout).toContain('drift: kubelet: capacity hugepages-1Gi of node worker-1 is '
      + '"8Gi", but sysfs holds "4Gi" now');
  });
});
