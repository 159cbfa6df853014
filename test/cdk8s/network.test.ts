import { ApiObject, JsonPatch, Testing } from 'cdk8s';
import { addGuideVm, errorOf, kubeOvnCluster, objectOf, userspaceCluster } from './support';
import { VhostUserNetwork } from '../../src/cdk8s';
import { expectValidManifests } from '../support/schema-validate';

describe('VhostUserNetwork', () => {
  test('emits the Kube-OVN NAD Virtink wires vhost-user NICs to', () => {
    const cluster = kubeOvnCluster();
    addGuideVm(cluster);

    const nad = objectOf(Testing.synth(cluster), 'NetworkAttachmentDefinition', 'ovn-dpdk');
    expect(JSON.parse(nad.spec.config).provider).toBe('ovn-dpdk.default.ovn');
  });

  test('the NAD is in the default namespace unless told otherwise', () => {
    const network = new VhostUserNetwork(userspaceCluster(), 'net', { name: 'ovs-dpdk' });

    expect([network.apiObject.metadata.namespace, network.namespace]).toEqual([
      'default', 'default',
    ]);
  });

  test('the NAD is a valid manifest', () => {
    const cluster = userspaceCluster();
    new VhostUserNetwork(cluster, 'net', { name: 'ovs-dpdk', namespace: 'tenant-a' });

    expectValidManifests([objectOf(Testing.synth(cluster), 'NetworkAttachmentDefinition',
      'ovs-dpdk')]);
  });

  test('ApiObject.of finds the NAD, which takes JSON patches', () => {
    const cluster = userspaceCluster();
    const network = new VhostUserNetwork(cluster, 'net', { name: 'ovs-dpdk' });
    ApiObject.of(network).addJsonPatch(JsonPatch.add('/metadata/annotations', { a: 'b' }));

    const nad = objectOf(Testing.synth(cluster), 'NetworkAttachmentDefinition', 'ovs-dpdk');
    expect(nad.metadata.annotations).toEqual({ a: 'b' });
  });

  test('a range that cannot be read is refused with the prop and the value', () => {
    const message = errorOf(() => new VhostUserNetwork(userspaceCluster(), 'net', {
      name: 'ovs-dpdk', cidr: '10.0.0.0/33',
    }));

    expect(message).toContain('Invalid props for VhostUserNetwork at \'lab/net\':\n'
      + '  - \'cidr\': invalid CIDR "10.0.0.0/33"');
  });

  test('a Kube-OVN network with another name is refused at synth, with Virtink\'s reason', () => {
    const cluster = kubeOvnCluster();
    new VhostUserNetwork(cluster, 'net', { name: 'dpdk-net' });

    expect(errorOf(() => Testing.synth(cluster))).toContain('[lab/net] networks[0].name: error '
      + 'NET002: Kube-OVN network default/dpdk-net cannot carry Virtink VMs');
  });
});
