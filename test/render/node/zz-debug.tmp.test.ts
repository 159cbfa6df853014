import { renderNodeFiles } from '../../../src/render/node';
import { FakeNode } from '../../support/fake-node-root';
import { plannedNode } from '../../support/node-plan-fixture';

test('debug', () => {
  const node = FakeNode.create({ numaCpus: ['0-3,8-11', '4-7,12-15'], kubectl: true });
  node.writeFiles(renderNodeFiles(plannedNode('kube-ovn'), { path: 'kube-ovn' }));
  for (const args of [[], ['--drained'], ['--drained'], ['--check']]) {
    const r = node.run('nodes/worker/bootstrap.sh', args);
    console.log(args, r.status, '\nSTDOUT\n' + r.stdout, '\nSTDERR\n' + r.stderr);
  }
  console.log(node.calls().join('\n'));
  console.log(node.read('/etc/default/grub'), node.read('/var/lib/kubelet/config.yaml'));
  console.log(node.dir);
});
