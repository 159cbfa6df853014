import { Testing } from 'cdk8s';
import { Construct } from 'constructs';
import { errorOf, kubeOvnCluster } from './support';
import { clusterOf, manifestKey, objectKey, snapshot } from '../../src/cdk8s/members';

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

  test('a snapshot of plain props is a deep copy, keys in the same order', () => {
    const props = { name: 'vm', interfaces: [{ network: 'n', ip: undefined }], cpus: -0 };
    const copy = snapshot(props);

    expect(copy).toStrictEqual(structuredClone(props));
    expect(copy.interfaces[0]).not.toBe(props.interfaces[0]);
    expect(Object.keys(copy.interfaces[0])).toEqual(['network', 'ip']);
  });

  test('a snapshot keeps an object used twice shared, as structuredClone does', () => {
    const shared = { network: 'n' };
    const copy = snapshot({ interfaces: [shared, shared] });

    expect(copy.interfaces[0]).toBe(copy.interfaces[1]);
  });

  test('a snapshot keeps an own __proto__ key a key', () => {
    expect(Object.keys(snapshot(JSON.parse('{"__proto__": {"x": 1}}')))).toEqual(['__proto__']);
  });

  test('a snapshot refuses a function, as structuredClone does', () => {
    expect(() => snapshot({ read: () => 1 })).toThrow('could not be cloned');
  });

  test('a scope outside every cluster is refused, naming the construct and the scope', () => {
    expect(errorOf(() => clusterOf(Testing.chart(), 'VhostUserVm \'vm\'')))
      .toMatch(/^VhostUserVm 'vm' is created under test, which is not inside a VhostUserCluster/);
  });
});
