import { Testing } from 'cdk8s';
import { errorOf, kindsAndNames, kubeOvnCluster, objectOf } from './support';
import { KubeOvnDpdk } from '../../src/cdk8s';

describe('KubeOvnDpdk', () => {
  test('the cluster overrides Kube-OVN\'s OVS DaemonSets, and writes no placeholder pod', () => {
    const cluster = kubeOvnCluster();

    expect(kindsAndNames(Testing.synth(cluster))).toEqual([
      'DaemonSet/ovs-ovn-dpdk', 'DaemonSet/ovs-ovn',
    ]);
  });

  test('the ovs-ovn-dpdk override asks for the hugepages OVS takes', () => {
    const daemonSet = objectOf(Testing.synth(kubeOvnCluster()), 'DaemonSet', 'ovs-ovn-dpdk');

    const resources = daemonSet.spec.template.spec.containers[0].resources;
    expect(resources.limits['hugepages-1Gi']).toBe('1Gi');
  });

  test('the overrides follow the namespace Kube-OVN is installed in', () => {
    const cluster = kubeOvnCluster();
    cluster.node.tryRemoveChild('KubeOvn');
    new KubeOvnDpdk(cluster, 'KubeOvn', { namespace: 'kube-ovn' });

    const daemonSet = objectOf(Testing.synth(cluster), 'DaemonSet', 'ovs-ovn');
    expect(daemonSet.metadata.namespace).toBe('kube-ovn');
  });

  test('the node label is the one Kube-OVN reads', () => {
    expect(`${KubeOvnDpdk.NODE_LABEL_KEY}=${KubeOvnDpdk.NODE_LABEL_VALUE}`)
      .toBe('ovn.kubernetes.io/ovs_dp_type=userspace');
  });

  test('bootstrap.sh applies the node label', () => {
    const bootstrap = kubeOvnCluster().files.find((f) => f.path === 'nodes/dpdk/bootstrap.sh');

    expect(bootstrap?.content).toContain('ovn.kubernetes.io/ovs_dp_type');
  });

  test('a tunnel type Kube-OVN does not have is refused', () => {
    const cluster = kubeOvnCluster();
    cluster.node.tryRemoveChild('KubeOvn');

    const message = errorOf(() => new KubeOvnDpdk(cluster, 'KubeOvn', {
      tunnelType: 'gre' as any,
    }));
    expect(message).toContain('\'tunnelType\': SPEC001: props.tunnelType is "gre", which is not an '
      + 'allowed value; use one of: "geneve", "vxlan", "stt"');
  });
});
