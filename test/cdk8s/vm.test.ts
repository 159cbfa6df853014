import { ApiObject, Testing } from 'cdk8s';
import { addGuideVm, errorOf, KUBE_OVN_VM, kubeOvnCluster, objectOf } from './support';
import { VhostUserVm } from '../../src/cdk8s';
import { expectValidManifests } from '../support/schema-validate';

describe('VhostUserVm', () => {
  test('emits a VirtualMachine with a vhost-user interface on its network', () => {
    const cluster = kubeOvnCluster();
    addGuideVm(cluster);

    const vm = objectOf(Testing.synth(cluster), 'VirtualMachine', 'ubuntu-vhostuser');
    expect(vm.spec.instance.interfaces).toContainEqual(expect.objectContaining({
      name: 'vhostuser', vhostUser: {},
    }));
  });

  test('the VirtualMachine is a valid manifest', () => {
    const cluster = kubeOvnCluster();
    addGuideVm(cluster);

    expectValidManifests([objectOf(Testing.synth(cluster), 'VirtualMachine', 'ubuntu-vhostuser')]);
  });

  test('ApiObject.of finds the VirtualMachine', () => {
    const vm = addGuideVm(kubeOvnCluster());

    expect(ApiObject.of(vm)).toBe(vm.apiObject);
  });

  test('a memory size that cannot be read is refused with the prop and the value', () => {
    const message = errorOf(() => new VhostUserVm(kubeOvnCluster(), 'vm', {
      ...KUBE_OVN_VM, memory: '1 Gi',
    }));

    expect(message).toContain('Invalid props for VhostUserVm at \'lab/vm\':\n'
      + '  - \'memory\': invalid size "1 Gi"');
  });

  test('a MAC address that cannot be read is refused with the prop and the value', () => {
    const message = errorOf(() => new VhostUserVm(kubeOvnCluster(), 'vm', {
      ...KUBE_OVN_VM, interfaces: [{ network: 'ovn-dpdk', mac: '02:00:00:00:00' }],
    }));

    expect(message).toMatch(/\n {2}- 'interfaces\[0\]\.mac': invalid MAC address/);
  });

  test('memory that is not whole hugepages is refused at synth', () => {
    const cluster = kubeOvnCluster();
    addGuideVm(cluster);
    cluster.node.tryRemoveChild('vm');
    new VhostUserVm(cluster, 'big', { ...KUBE_OVN_VM, memory: '1536Mi' });

    expect(errorOf(() => Testing.synth(cluster))).toContain('[lab/big] vms[0].memory: error '
      + 'VM004: memory 1536Mi is not a whole number of 1Gi hugepages '
      + '(1610612736 is not positive integer multiple of 1Gi)\n'
      + '  fix: use a multiple of 1Gi, such as 2Gi');
  });
});
