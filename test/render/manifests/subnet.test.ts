import { protocolOf, renderSubnet } from '../../../src/render/manifests/subnet';
import { subnetFixture } from '../../support/render-plans';
import { expectValidManifests } from '../../support/schema-validate';

function specOf(subnet = subnetFixture()): Record<string, unknown> {
  return renderSubnet(subnet).spec as Record<string, unknown>;
}

describe('renderSubnet', () => {
  test('is a valid cluster-scoped Kube-OVN Subnet for v1.16 and v1.15', () => {
    const subnet = renderSubnet(subnetFixture());

    expectValidManifests([subnet]);
    expectValidManifests([subnet], { kubeOvnVersion: 'v1.15.24' });
    expect(subnet.metadata.namespace).toBeUndefined();
  });

  test('carries the planned range, gateway, exclusions, provider and DHCP options', () => {
    const plan = subnetFixture();

    expect(specOf(plan)).toMatchObject({
      cidrBlock: '172.18.0.0/16',
      gateway: '172.18.0.1',
      excludeIps: ['172.18.0.1', '172.18.0.100'],
      provider: 'ovn-dpdk.default.ovn',
      enableDHCP: true,
      dhcpV4Options: plan.dhcpV4Options,
    });
  });

  test('writes the values the Kube-OVN controller would otherwise fill in', () => {
    expect(specOf()).toMatchObject({
      protocol: 'IPv4', vpc: 'ovn-cluster', gatewayType: 'distributed', default: false,
    });
  });

  test('natOutgoing is the planned value', () => {
    expect(specOf({ ...subnetFixture(), natOutgoing: false }).natOutgoing).toBe(false);
  });

  test('mtu is written only when planned', () => {
    expect(specOf()).not.toHaveProperty('mtu');
    expect(specOf({ ...subnetFixture(), mtu: 1400 }).mtu).toBe(1400);
  });

  test('an empty namespace list is left out, as Kube-OVN stores it', () => {
    expect(specOf()).not.toHaveProperty('namespaces');
  });
});

describe('protocolOf', () => {
  test.each([
    ['172.18.0.0/16', 'IPv4'],
    ['fd00:10::/64', 'IPv6'],
    ['10.16.0.0/16,fd00:10:16::/64', 'Dual'],
  ])('%s is %s', (cidr, protocol) => {
    expect(protocolOf(cidr)).toBe(protocol);
  });
});
