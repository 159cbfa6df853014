import { renderManifests } from '../../../src/render/manifests';
import { kubeOvnClusterFixture, userspaceClusterFixture } from '../../support/render-plans';
import { expectValidManifests } from '../../support/schema-validate';

function kindsOf(plan = kubeOvnClusterFixture()): string[] {
  return renderManifests(plan).map((o) => `${o.kind}/${o.metadata.name}`);
}

describe('renderManifests', () => {
  test('every object of the Kube-OVN cluster is valid', () => {
    expectValidManifests(renderManifests(kubeOvnClusterFixture()), { kubeOvnVersion: 'v1.16' });
  });

  test('every object of the Userspace CNI cluster is valid', () => {
    expectValidManifests(renderManifests(userspaceClusterFixture()));
  });

  test('applies in dependency order: NADs, Subnets, overrides, placeholders, VMs', () => {
    expect(kindsOf()).toEqual([
      'NetworkAttachmentDefinition/ovn-dpdk',
      'Subnet/sn-dhcp',
      'DaemonSet/ovs-ovn-dpdk',
      'DaemonSet/ovs-ovn',
      'Pod/ovs-hugepages-dpdk-1-numa0',
      'VirtualMachine/ubuntu-vhostuser',
    ]);
  });

  test('the same plan always gives the same objects', () => {
    expect(JSON.stringify(renderManifests(userspaceClusterFixture())))
      .toBe(JSON.stringify(renderManifests(userspaceClusterFixture())));
  });
});
