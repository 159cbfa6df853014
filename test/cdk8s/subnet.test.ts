import { Testing } from 'cdk8s';
import { addGuideVm, errorOf, KUBE_OVN_SUBNET, kubeOvnCluster, objectOf } from './support';
import { DhcpSubnet } from '../../src/cdk8s';
import { expectValidManifests } from '../support/schema-validate';

describe('DhcpSubnet', () => {
  test('emits a cluster-scoped Subnet with DHCP on the network\'s provider', () => {
    const cluster = kubeOvnCluster();
    addGuideVm(cluster);

    const subnet = objectOf(Testing.synth(cluster), 'Subnet', 'sn-dhcp');
    expect([subnet.metadata.namespace, subnet.spec.provider, subnet.spec.enableDHCP])
      .toEqual([undefined, 'ovn-dpdk.default.ovn', true]);
  });

  test('the Subnet is a valid manifest', () => {
    const cluster = kubeOvnCluster();
    addGuideVm(cluster);

    expectValidManifests([objectOf(Testing.synth(cluster), 'Subnet', 'sn-dhcp')]);
  });

  test('a DHCP server MAC that cannot be read is refused with the prop and the value', () => {
    const message = errorOf(() => new DhcpSubnet(kubeOvnCluster(), 'dhcp', {
      ...KUBE_OVN_SUBNET, dhcp: { serverMac: '00:00:00:2E:2F' },
    }));

    expect(message).toMatch(/\n {2}- 'dhcp\.serverMac': invalid MAC address "00:00:00:2E:2F"/);
  });

  test('an IPv6 range is refused at synth: the options are DHCPv4', () => {
    const cluster = kubeOvnCluster();
    addGuideVm(cluster);
    cluster.node.tryRemoveChild('sn-dhcp');
    new DhcpSubnet(cluster, 'v6', { name: 'sn-v6', network: 'ovn-dpdk', cidr: 'fd00::/64' });

    expect(errorOf(() => Testing.synth(cluster))).toContain('[lab/v6] subnets[0].cidr: error '
      + 'SUBNET003: cidr fd00::/64 is IPv6, but subnets here serve DHCPv4 only');
  });
});
