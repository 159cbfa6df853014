import { kubeOvnArgs } from './clusters';
import { labelOf, mockRuntime, Registry, settled } from './support';

type Lib = typeof import('../../src/pulumi');
let lib: Lib;
let registry: Registry;

beforeEach(async () => {
  registry = await mockRuntime();
  lib = await import('../../src/pulumi');
});
afterEach(settled);

describe('KubeOvnDpdk', () => {
  test('overrides Kube-OVN\'s DaemonSets with patches, under the path component', async () => {
    new lib.VhostUserCluster('lab', kubeOvnArgs());
    await settled();

    const patches = registry.ofKind('DaemonSetPatch').map((r) =>
      `${r.inputs.metadata.namespace}/${r.inputs.metadata.name} <- ${labelOf(r.parent)}`);
    expect(patches.sort()).toEqual([
      'kube-system/ovs-ovn <- KubeOvnDpdk lab-kube-ovn',
      'kube-system/ovs-ovn-dpdk <- KubeOvnDpdk lab-kube-ovn',
    ]);
  });

  test('forces each patch over the fields the Kube-OVN installer set', async () => {
    new lib.VhostUserCluster('lab', kubeOvnArgs());
    await settled();

    expect(registry.get('DaemonSetPatch lab-kube-ovn-ovs-ovn-dpdk').inputs.metadata.annotations)
      .toEqual({ 'pulumi.com/patchForce': 'true' });
  });

  test('is made by a cluster only, and registers nothing on its own', async () => {
    expect(() => new lib.KubeOvnDpdk('path', kubeOvnArgs().kubeOvn!))
      .toThrow("KubeOvnDpdk 'path' is created by a VhostUserCluster from its args, never on its own");
    await settled();
    expect(registry.all).toEqual([]);
  });
});
