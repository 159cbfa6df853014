import { Testing } from 'cdk8s';
import { Construct } from 'constructs';
import { errorOf, kubeOvnCluster } from './support';
import { clusterOf, manifestKey, objectKey } from '../../src/cdk8s/members';

describe('members', () => {
  test('an object key is kind, namespace and name; cluster-scoped has no namespace', () => {
    expect([objectKey('Pod', 'p', 'kube-system'), objectKey('Subnet', 's')])
      .toEqual(['Pod/kube-system/p', 'Subnet//s']);
  });

  test('a manifest has the key of its kind and metadata', () => {
    expect(manifestKey({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', namespace: 'n' } }))
      .toBe('Pod/n/p');
  });

  test('the nearest cluster is found through any depth of constructs', () => {
    const cluster = kubeOvnCluster();
    const deep = new Construct(new Construct(cluster, 'a'), 'b');

    expect(clusterOf(deep, 'probe')).toBe(cluster);
  });

  test('a scope outside every cluster is refused, naming the construct and the scope', () => {
    expect(errorOf(() => clusterOf(Testing.chart(), 'VhostUserVm \'vm\'')))
      .toMatch(/^VhostUserVm 'vm' is created under test, which is not inside a VhostUserCluster/);
  });
});
