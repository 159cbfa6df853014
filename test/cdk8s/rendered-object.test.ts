import { ApiObject, JsonPatch, Testing } from 'cdk8s';
import { addGuideVm, kubeOvnCluster, objectOf } from './support';
import { DiagnosticError } from '../../src/diagnostics/diagnostic';

describe('RenderedObject', () => {
  test('the core\'s labels and annotations are written into metadata', () => {
    const cluster = kubeOvnCluster();
    addGuideVm(cluster);

    const vm = objectOf(Testing.synth(cluster), 'VirtualMachine', 'ubuntu-vhostuser');
    expect(vm.metadata.annotations['vhost-user-k8s.io/generated-by']).toBe('vhost-user-k8s');
  });

  test('labels added with metadata.addLabel are kept beside the core\'s', () => {
    const cluster = kubeOvnCluster();
    ApiObject.of(addGuideVm(cluster)).metadata.addLabel('tier', 'gold');

    const vm = objectOf(Testing.synth(cluster), 'VirtualMachine', 'ubuntu-vhostuser');
    expect(vm.metadata.labels).toEqual({
      'app.kubernetes.io/managed-by': 'vhost-user-k8s', 'tier': 'gold',
    });
  });

  test('a label the core sets wins over addLabel with the same key', () => {
    const cluster = kubeOvnCluster();
    ApiObject.of(addGuideVm(cluster)).metadata.addLabel('app.kubernetes.io/managed-by', 'me');

    const vm = objectOf(Testing.synth(cluster), 'VirtualMachine', 'ubuntu-vhostuser');
    expect(vm.metadata.labels['app.kubernetes.io/managed-by']).toBe('vhost-user-k8s');
  });

  test('a JSON patch wins over everything', () => {
    const cluster = kubeOvnCluster();
    ApiObject.of(addGuideVm(cluster)).addJsonPatch(
      JsonPatch.replace('/spec/runPolicy', 'Manual'),
      JsonPatch.add('/metadata/labels/app.kubernetes.io~1managed-by', 'me'),
    );

    const vm = objectOf(Testing.synth(cluster), 'VirtualMachine', 'ubuntu-vhostuser');
    expect([vm.spec.runPolicy, vm.metadata.labels['app.kubernetes.io/managed-by']])
      .toEqual(['Manual', 'me']);
  });

  test('a serialized object is a copy: changing it changes no later synth', () => {
    const vm = addGuideVm(kubeOvnCluster());
    const first = vm.apiObject.toJson();
    first.spec.instance.memory.size = '64Gi';

    expect(vm.apiObject.toJson().spec.instance.memory.size).toBe('1Gi');
  });

  test('serializing an object of a cluster with errors throws every finding', () => {
    const cluster = kubeOvnCluster();
    const vm = addGuideVm(cluster);
    cluster.node.tryRemoveChild('sn-dhcp');

    expect(() => vm.apiObject.toJson()).toThrow(DiagnosticError);
  });
});
