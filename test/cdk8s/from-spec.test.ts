import { Testing } from 'cdk8s';
import { errorOf, KUBE_OVN_VM } from './support';
import { VhostUserCluster, VhostUserVm } from '../../src/cdk8s';
import { manualGuideKubeOvn } from '../fixtures/specs/manual-guide-kube-ovn';

describe('VhostUserCluster.fromSpec', () => {
  test('members sit under a construct per section, named after their spec names', () => {
    const cluster = VhostUserCluster.fromSpec(Testing.app(), 'g', manualGuideKubeOvn);

    const paths = cluster.node.findAll().map((c) => c.node.path);
    expect(paths).toEqual(expect.arrayContaining([
      'g/KubeOvn', 'g/Nodes/dpdk', 'g/Networks/ovn-dpdk', 'g/Subnets/sn-dhcp',
      'g/Vms/ubuntu-vhostuser',
    ]));
  });

  test('a VM outside the default namespace is <namespace>.<name>', () => {
    const cluster = VhostUserCluster.fromSpec(Testing.app(), 'g', {
      ...manualGuideKubeOvn, vms: [{ ...KUBE_OVN_VM, namespace: 'tenant-a' }],
    });

    const vm = cluster.node.findChild('Vms').node.findChild('tenant-a.ubuntu-vhostuser');
    expect((vm as VhostUserVm).namespace).toBe('tenant-a');
  });

  test('a name used twice is reported by the cluster, not by the construct tree', () => {
    const cluster = VhostUserCluster.fromSpec(Testing.app(), 'g', {
      ...manualGuideKubeOvn, vms: [KUBE_OVN_VM, KUBE_OVN_VM],
    });

    expect(errorOf(() => Testing.synth(cluster))).toContain('[g/Vms/ubuntu-vhostuser-2] '
      + 'vms[1].name: error SPEC004: VM name "ubuntu-vhostuser" in namespace "default" is '
      + 'already used at vms[0].name');
  });
});
