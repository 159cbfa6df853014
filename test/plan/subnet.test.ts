import { IpAddress } from '../../src/model/ip';
import { planNetworks } from '../../src/plan/network';
import { planSubnets, SubnetContext } from '../../src/plan/subnet';
import { SubnetSpec } from '../../src/spec';
import { codesAndPaths, collect, withCode } from '../support/findings';

const guide: SubnetSpec = {
  name: 'sn-dhcp',
  network: 'ovn-dpdk',
  cidr: '172.18.0.0/16',
  gateway: '172.18.0.1',
  excludeIps: ['172.18.0.1'],
  natOutgoing: true,
  dhcp: {
    serverId: '172.18.0.100',
    serverMac: '00:00:00:2E:2F:B8',
    leaseTime: 3600,
    router: '172.18.0.1',
    dnsServers: ['223.5.5.5'],
  },
};

const networks = collect((findings) => planNetworks(
  [{ name: 'ovn-dpdk' }, { name: 'ovs-dpdk', namespace: 'other' }],
  { path: 'kube-ovn', pools: [], subnets: [guide] }, findings)).result;

const context: SubnetContext = { networks, tunnelType: 'geneve', portMtu: 1500, encapIps: [] };

function plan(subnets: SubnetSpec[], extra: Partial<SubnetContext> = {}) {
  return collect((findings) => planSubnets(subnets, { ...context, ...extra }, findings));
}

function one(changes: Partial<SubnetSpec>) {
  const { result, diagnostics } = plan([{ ...guide, ...changes }]);
  return { subnet: result[0], diagnostics };
}

describe('planSubnets', () => {
  test('plans the manual guide\'s subnet, tied to the NAD\'s provider', () => {
    const { subnet, diagnostics } = one({});
    expect(diagnostics).toEqual([]);
    expect(subnet.provider).toBe('ovn-dpdk.default.ovn');
  });

  test('writes every DHCP option Kube-OVN would otherwise fill in', () => {
    expect(one({}).subnet.dhcpV4Options).toBe(
      'server_id=172.18.0.100,server_mac=00:00:00:2e:2f:b8,lease_time=3600,'
      + 'router=172.18.0.1,dns_server=223.5.5.5');
  });

  test('writes several DNS servers in braces with semicolons', () => {
    const { subnet } = one({ dhcp: { dnsServers: ['8.8.8.8', '8.8.4.4'] } });
    expect(subnet.dhcpV4Options).toContain('dns_server={8.8.8.8;8.8.4.4}');
  });

  test('defaults the gateway to the first host, the router to the gateway', () => {
    const { subnet } = one({ gateway: undefined, dhcp: undefined, cidr: '10.20.0.0/24' });
    expect(`${subnet.gateway} ${subnet.dhcp.router}`).toBe('10.20.0.1 10.20.0.1');
  });

  test('derives a stable server MAC from the subnet name', () => {
    const first = one({ dhcp: undefined }).subnet.dhcp.serverMac.toString();
    const again = one({ dhcp: undefined }).subnet.dhcp.serverMac.toString();
    const other = one({ name: 'sn-other', dhcp: undefined }).subnet.dhcp.serverMac.toString();
    expect(again).toBe(first);
    expect(other).not.toBe(first);
  });

  test('keeps Kube-OVN\'s default server_id and lease time', () => {
    const { subnet } = one({ dhcp: undefined });
    expect(subnet.dhcpV4Options).toMatch(/^server_id=169\.254\.0\.254,.*lease_time=3600,/);
  });

  test('excludes the gateway and an in-range DHCP server, merged and sorted like Kube-OVN', () => {
    const { subnet } = one({ excludeIps: ['172.18.0.2..172.18.0.20', '172.18.0.10'] });
    expect(subnet.excludeIps).toEqual(['172.18.0.1', '172.18.0.100', '172.18.0.2..172.18.0.20']);
  });

  test('never binds namespaces, which would capture their pod network', () => {
    expect(one({}).subnet.namespaces).toEqual([]);
  });

  test.each([
    ['1sn', 'starts with a digit'],
    ['ovn-cluster', 'is the name of the default VPC'],
    ['ovn-default', 'is the name of a subnet Kube-OVN creates at install'],
    ['SN', 'is not a DNS-1123 subdomain: it has uppercase letters'],
  ])('refuses the name %s', (name, text) => {
    const [finding] = withCode(one({ name }).diagnostics, 'SUBNET001');
    expect(finding.path).toBe('subnets[0].name');
    expect(finding.message).toContain(text);
  });

  test('refuses a network the cluster does not define', () => {
    const [finding] = withCode(one({ network: 'nope' }).diagnostics, 'SUBNET002');
    expect(finding.path).toBe('subnets[0].network');
    expect(finding.message).toContain('"nope", which the cluster does not define');
  });

  test('refuses to serve a Userspace CNI network', () => {
    const userspace = collect((findings) => planNetworks([{ name: 'ovs-dpdk' }],
      { path: 'userspace', pools: [], subnets: [] }, findings)).result;
    const { diagnostics } = plan([{ ...guide, network: 'ovs-dpdk' }], { networks: userspace });
    expect(withCode(diagnostics, 'SUBNET002')[0].message).toContain('a Userspace CNI network');
  });

  test('refuses a second subnet for one network', () => {
    const { diagnostics } = plan([guide, { ...guide, name: 'sn-2', cidr: '172.19.0.0/16' }]);
    const [finding] = withCode(diagnostics, 'SUBNET002');
    expect(finding.path).toBe('subnets[1].network');
    expect(finding.message).toContain('already served by subnet sn-dhcp');
  });

  test.each([
    ['172.18.0.1/16', 'host bits are set', undefined],
    ['fd00::/64', 'is IPv6', undefined],
    ['10.0.0.0/32', 'leaves no room', 'subnet 10.0.0.0/32 is configured with /32 or /128 netmask'],
    ['169.254.0.0/24', 'overlaps the v4 link local range',
      '169.254.0.0/24 conflict with v4 link local cidr 169.254.0.0/16'],
    ['224.1.0.0/16', 'overlaps the v4 multicast range',
      '224.1.0.0/16 conflict with v4 multicast cidr 224.0.0.0/4'],
  ])('refuses the range %s', (cidr, text, upstream) => {
    const { result, diagnostics } = plan([{ ...guide, cidr, gateway: undefined, dhcp: {} }]);
    const [finding] = withCode(diagnostics, 'SUBNET003');
    expect(finding.path).toBe('subnets[0].cidr');
    expect(finding.message).toContain(text);
    expect(finding.upstream).toBe(upstream);
    expect(result).toEqual([]);
  });

  test.each([
    ['10.0.0.1', 'is not in cidr 172.18.0.0/16'],
    ['172.18.0.0', 'is the network number ip in cidr 172.18.0.0/16'],
    ['172.18.255.255', 'is the broadcast ip in cidr 172.18.0.0/16'],
  ])('refuses the gateway %s and falls back to the first host', (gateway, text) => {
    const { subnet, diagnostics } = one({ gateway });
    const [finding] = withCode(diagnostics, 'SUBNET004');
    expect(finding.path).toBe('subnets[0].gateway');
    expect(finding.upstream).toBe(`${gateway} ${text}`);
    expect(subnet.gateway.toString()).toBe('172.18.0.1');
  });

  test.each([
    ['172.18.0.1..172.18.0.5..172.18.0.9', 'has more than one ..'],
    ['172.18.0.9..172.18.0.1', 'runs backwards'],
    ['172.18.0.x', 'is not a valid IP address'],
  ])('refuses the excludeIps entry %s', (entry, text) => {
    const [finding] = withCode(one({ excludeIps: [entry] }).diagnostics, 'SUBNET005');
    expect(finding.path).toBe('subnets[0].excludeIps[0]');
    expect(finding.message).toContain(text);
  });

  test.each([
    ['10.0.0.1', 'is outside 172.18.0.0/16; Kube-OVN ignores it'],
    ['172.18.255.250..172.19.0.4', 'reaches outside 172.18.0.0/16; Kube-OVN clips it'],
  ])('warns about the excludeIps entry %s outside the range', (entry, text) => {
    const [finding] = withCode(one({ excludeIps: [entry] }).diagnostics, 'SUBNET006');
    expect(finding).toMatchObject({ severity: 'warning', path: 'subnets[0].excludeIps[0]' });
    expect(finding.message).toContain(text);
  });

  test.each([
    [{ dnsServers: ['8.8.8.8,8.8.4.4'] }, 'dhcp.dnsServers[0]', 'holds , ; or braces'],
    [{ dnsServers: ['{8.8.8.8;8.8.4.4}'] }, 'dhcp.dnsServers[0]', 'holds , ; or braces'],
    [{ serverId: 'fd00::1' }, 'dhcp.serverId', 'is IPv6'],
    [{ serverId: '172.18.255.255' }, 'dhcp.serverId', 'is the broadcast ip'],
    [{ serverMac: '01:00:5e:00:00:01' }, 'dhcp.serverMac', 'is a multicast address'],
    [{ leaseTime: 0 }, 'dhcp.leaseTime', 'is not a whole number of seconds'],
    [{ router: '10.0.0.1' }, 'dhcp.router', 'is not in cidr'],
  ])('refuses the DHCP option %j', (dhcp, path, text) => {
    const [finding] = withCode(one({ dhcp }).diagnostics, 'SUBNET007');
    expect(finding.path).toBe(`subnets[0].${path}`);
    expect(finding.message).toContain(text);
  });

  test('warns about a DHCP server address outside the range that is not link-local', () => {
    const [finding] = withCode(one({ dhcp: { serverId: '10.0.0.1' } }).diagnostics, 'SUBNET013');
    expect(finding).toMatchObject({ severity: 'warning', path: 'subnets[0].dhcp.serverId' });
    expect(finding.message).toContain('serverId 10.0.0.1 is outside cidr 172.18.0.0/16');
  });

  test('takes a link-local DHCP server address outside the range, as Kube-OVN does', () => {
    expect(one({ dhcp: { serverId: '169.254.0.1' } }).diagnostics).toEqual([]);
  });

  test('refuses an MTU outside 68-65535', () => {
    const [finding] = withCode(one({ mtu: 65536 }).diagnostics, 'SUBNET008');
    expect(finding.message).toBe('mtu 65536 is not a whole number from 68 to 65535');
  });

  test('warns when the guest MTU does not fit a Geneve overlay on 1500-byte ports', () => {
    const [finding] = withCode(one({ mtu: 1450 }).diagnostics, 'SUBNET009');
    expect(finding.message).toContain('mtu 1450 is above 1400');
  });

  test('accepts a VXLAN guest MTU of 1450', () => {
    const { diagnostics } = plan([{ ...guide, mtu: 1450 }], { tunnelType: 'vxlan' });
    expect(withCode(diagnostics, 'SUBNET009')).toEqual([]);
  });

  test('refuses overlapping subnets, quoting Kube-OVN', () => {
    const second = { ...guide, name: 'sn-2', network: 'ovs-dpdk', cidr: '172.18.4.0/24' };
    const userspaceless = collect((findings) => planNetworks(
      [{ name: 'ovn-dpdk' }, { name: 'ovs-dpdk' }],
      { path: 'kube-ovn', pools: [], subnets: [] }, findings)).result;
    const { diagnostics } = plan([guide, {
      ...second,
      gateway: undefined,
      dhcp: {},
      excludeIps: [],
    }], { networks: userspaceless });
    const [finding] = withCode(diagnostics, 'SUBNET010');
    expect(finding.path).toBe('subnets[1].cidr');
    expect(finding.upstream).toBe(
      'subnet sn-2 cidr 172.18.4.0/24 is conflict with subnet sn-dhcp cidr 172.18.0.0/16');
  });

  test('warns about Kube-OVN\'s default join range', () => {
    const { diagnostics } = one({
      cidr: '100.64.0.0/24',
      gateway: undefined,
      dhcp: {},
      excludeIps: [],
    });
    expect(withCode(diagnostics, 'SUBNET011')[0].message)
      .toBe('cidr 100.64.0.0/24 overlaps 100.64.0.0/16, Kube-OVN\'s default '
        + 'JOIN_CIDR (the join subnet)');
  });

  test('warns when a host\'s tunnel address lies in the range', () => {
    const { diagnostics } = plan([guide],
      { encapIps: [{ host: 'node-1', address: IpAddress.parse('172.18.3.3') }] });
    expect(codesAndPaths(diagnostics)).toEqual(['SUBNET012 subnets[0].cidr']);
  });
});
