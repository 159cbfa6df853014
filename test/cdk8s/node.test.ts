import { Testing } from 'cdk8s';
import { errorOf, KUBE_OVN_NODE, kubeOvnCluster } from './support';
import { OvsDpdkNode } from '../../src/cdk8s';

describe('OvsDpdkNode', () => {
  test('a pool without hosts is one host named like the pool', () => {
    const node = new OvsDpdkNode(kubeOvnCluster(), 'edge', {
      ...KUBE_OVN_NODE, name: 'edge', hosts: undefined,
    });

    expect(node.hosts).toEqual(['edge']);
  });

  test('its node files are written under nodes/<name>/', () => {
    const cluster = kubeOvnCluster();

    const paths = cluster.files.map((file) => file.path);
    expect(paths).toEqual(expect.arrayContaining([
      'nodes/dpdk/bootstrap.sh', 'nodes/dpdk/verify.sh', 'PLAN.md',
    ]));
  });

  test('it emits no Kubernetes object of its own', () => {
    const cluster = kubeOvnCluster();

    const node = cluster.node.findChild('dpdk');
    expect(node.node.children).toEqual([]);
    expect(Testing.synth(cluster).map((o: any) => o.kind)).not.toContain('Node');
  });

  test('a PCI address that cannot be read is refused with the prop and the value', () => {
    const message = errorOf(() => new OvsDpdkNode(kubeOvnCluster(), 'bad', {
      ...KUBE_OVN_NODE, name: 'bad', nics: [{ pci: 'af:00' }],
    }));

    expect(message).toContain('Invalid props for OvsDpdkNode at \'lab/bad\':\n'
      + '  - \'nics[0].pci\': invalid PCI address "af:00": ');
  });

  test('every unreadable value is listed', () => {
    const message = errorOf(() => new OvsDpdkNode(kubeOvnCluster(), 'bad', {
      ...KUBE_OVN_NODE,
      name: 'bad',
      cpus: { pmd: '11-8' },
      kubelet: { reservedMemory: ['1 Gi'] },
    }));

    expect(message.split('\n').slice(1).map((line) => line.split(':')[0])).toEqual([
      '  - \'cpus.pmd\'', '  - \'kubelet.reservedMemory[0]\'',
    ]);
  });

  test('a topology without its required fields is refused before values are read', () => {
    const message = errorOf(() => new OvsDpdkNode(kubeOvnCluster(), 'bad', {
      name: 'bad', topology: { uniform: { numaNodes: 1 } },
    } as any));

    expect(message).toContain('\'topology.uniform.coresPerNumaNode\': SPEC001: props.topology.uniform '
      + 'has no "coresPerNumaNode", which is required');
  });
});
