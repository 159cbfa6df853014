import { Testing } from 'cdk8s';
import { errorOf, kindsAndNames, objectOf, userspaceCluster } from './support';
import { KubeOvnDpdk, UserspaceCni, VhostUserNetwork } from '../../src/cdk8s';

describe('UserspaceCni', () => {
  test('the cluster books OVS hugepages on every host and NUMA node, and overrides nothing', () => {
    expect(kindsAndNames(Testing.synth(userspaceCluster()))).toEqual([
      'Pod/ovs-hugepages-node-1-numa0', 'Pod/ovs-hugepages-node-1-numa1',
      'Pod/ovs-hugepages-node-2-numa0', 'Pod/ovs-hugepages-node-2-numa1',
    ]);
  });

  test('its networks use the Userspace CNI plugin on its bridge', () => {
    const cluster = userspaceCluster();
    cluster.node.tryRemoveChild('UserspaceCni');
    new UserspaceCni(cluster, 'UserspaceCni', { bridge: 'br-vhost' });
    new VhostUserNetwork(cluster, 'net', { name: 'ovs-dpdk' });

    const nad = objectOf(Testing.synth(cluster), 'NetworkAttachmentDefinition', 'ovs-dpdk');
    const config = JSON.parse(nad.spec.config);
    expect([config.type, config.host.bridge.bridgeName]).toEqual(['userspace', 'br-vhost']);
  });

  test('a log level the plugin does not have is refused', () => {
    const cluster = userspaceCluster();
    cluster.node.tryRemoveChild('UserspaceCni');

    const message = errorOf(() => new UserspaceCni(cluster, 'UserspaceCni', {
      logLevel: 'trace' as any,
    }));
    expect(message).toContain('\'logLevel\': SPEC001: props.logLevel is "trace", which is not an '
      + 'allowed value');
  });

  test('a cluster with both paths is refused at synth', () => {
    const cluster = userspaceCluster();
    new KubeOvnDpdk(cluster, 'KubeOvn');

    expect(errorOf(() => Testing.synth(cluster))).toContain('[lab/UserspaceCni] userspaceCni: '
      + 'error SPEC002: both kubeOvn and userspaceCni are given');
  });
});
