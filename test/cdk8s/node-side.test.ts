import { Testing } from 'cdk8s';
import { NodeSideObjects } from '../../src/cdk8s/node-side';
import { ManifestObject } from '../../src/render/types';

function pod(name: string): ManifestObject {
  return { apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace: 'kube-system' }, spec: {} };
}

describe('NodeSideObjects', () => {
  function nodeSide(manifests: ManifestObject[]): NodeSideObjects {
    const source = (key: string) =>
      manifests.find((m) => `Pod/kube-system/${m.metadata.name}` === key)!;
    return new NodeSideObjects(Testing.chart(), 'NodeSide', source);
  }

  test('one API object per manifest, in the manifests\' order', () => {
    const manifests = [pod('b'), pod('a')];

    const objects = nodeSide(manifests).reconcile(manifests);

    expect(objects.map((o) => o.node.id)).toEqual(['Pod.kube-system.b', 'Pod.kube-system.a']);
  });

  test('an object that is still needed is kept, with its patches', () => {
    const manifests = [pod('a')];
    const side = nodeSide(manifests);
    const [first] = side.reconcile(manifests);

    expect(side.reconcile(manifests)[0]).toBe(first);
  });

  test('an object no longer needed is removed', () => {
    const manifests = [pod('a'), pod('b')];
    const side = nodeSide(manifests);
    side.reconcile(manifests);

    side.reconcile([manifests[1]]);

    expect(side.node.children.map((c) => c.node.id)).toEqual(['Pod.kube-system.b']);
  });

  test('an object whose API version changed is made again', () => {
    const side = nodeSide([pod('a')]);
    const [first] = side.reconcile([pod('a')]);

    const [second] = side.reconcile([{ ...pod('a'), apiVersion: 'v2' }]);

    expect(second).not.toBe(first);
  });
});
