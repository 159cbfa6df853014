import { NetworkContext, planNetworks } from '../../src/plan/network';
import { NetworkSpec } from '../../src/spec';
import { codesAndPaths, collect, withCode } from '../support/findings';

const kubeOvn: NetworkContext = {
  path: 'kube-ovn',
  pools: [{ name: 'dpdk' }],
  subnets: [{ name: 'sn-dhcp', network: 'ovn-dpdk', cidr: '172.18.0.0/16' }],
};

const userspace: NetworkContext = {
  path: 'userspace',
  userspaceCni: {},
  pools: [{ name: 'pool-a', bridge: 'br-int' }, { name: 'pool-b', bridge: 'br-int' }],
  subnets: [],
};

function plan(networks: NetworkSpec[], context: NetworkContext) {
  return collect((findings) => planNetworks(networks, context, findings));
}

describe('planNetworks on Kube-OVN', () => {
  test('builds the CNI configuration of the manual guide', () => {
    const { result: [network], diagnostics } = plan([{ name: 'ovn-dpdk' }], kubeOvn);
    expect(diagnostics).toEqual([]);
    expect(network.cniConfig).toEqual({
      cniVersion: '0.3.0',
      type: 'kube-ovn',
      server_socket: '/run/openvswitch/kube-ovn-daemon.sock',
      provider: 'ovn-dpdk.default.ovn',
      vhost_user_socket_volume_name: 'vhostuser-sockets',
      vhost_user_socket_name: 'sock',
    });
  });

  test('marks a network served by a subnet as DHCP', () => {
    const { result: [network] } = plan([{ name: 'ovn-dpdk' }], kubeOvn);
    expect(network.dhcp).toBe(true);
  });

  test('refuses a NAD other than ovn-dpdk in default, naming the annotation Virtink writes', () => {
    const { diagnostics } = plan([{ name: 'fast-net' }], {
      ...kubeOvn, subnets: [{ name: 'sn', network: 'fast-net', cidr: '172.18.0.0/16' }],
    });
    const [finding] = withCode(diagnostics, 'NET002');
    expect(finding.path).toBe('networks[0].name');
    expect(finding.message).toContain('ovn-dpdk.default.ovn.kubernetes.io/mac_address');
  });

  test('refuses the right NAD name in another namespace', () => {
    const { diagnostics } = plan([{ name: 'ovn-dpdk', namespace: 'vnf' }], kubeOvn);
    expect(codesAndPaths(withCode(diagnostics, 'NET002')))
      .toEqual(['NET002 networks[0].namespace']);
  });

  test('refuses a network without a subnet, quoting kube-ovn-cni', () => {
    const { diagnostics } = plan([{ name: 'ovn-dpdk' }], { ...kubeOvn, subnets: [] });
    const [finding] = withCode(diagnostics, 'NET003');
    expect(finding.path).toBe('networks[0].name');
    expect(finding.upstream).toBe('provider ovn-dpdk.default.ovn is not bound to any subnet');
  });

  test('refuses a static range, which belongs on the subnet', () => {
    const { diagnostics } = plan([{ name: 'ovn-dpdk', cidr: '10.0.0.0/24' }], kubeOvn);
    const [finding] = withCode(diagnostics, 'NET004');
    expect(finding.path).toBe('networks[0].cidr');
    expect(finding.message).toContain('hands out addresses from the subnet');
  });

  test('warns that a bridge is ignored', () => {
    const { diagnostics } = plan([{ name: 'ovn-dpdk', bridge: 'br-phy' }], kubeOvn);
    expect(codesAndPaths(diagnostics)).toEqual(['NET007 networks[0].bridge']);
  });

  test('refuses a network asking for the other path', () => {
    const { diagnostics } = plan([{ name: 'ovn-dpdk', path: 'userspace' }], kubeOvn);
    const [finding] = withCode(diagnostics, 'NET001');
    expect(finding.path).toBe('networks[0].path');
    expect(finding.message).toContain('asks for the Userspace CNI path');
  });

  test('refuses a cniVersion that is not major.minor.patch', () => {
    const { diagnostics } = plan([{ name: 'ovn-dpdk', cniVersion: '0.3' }], kubeOvn);
    expect(withCode(diagnostics, 'NET008')[0].message)
      .toMatch(/^cniVersion "0.3" is not a CNI spec version \(major.minor.patch\)/);
  });

  test('refuses a cniVersion the plugins do not know, quoting their refusal', () => {
    const { diagnostics } = plan([{ name: 'ovn-dpdk', cniVersion: '9.9.9' }], kubeOvn);
    expect(withCode(diagnostics, 'NET008')[0].upstream).toMatch(
      /^incompatible CNI versions: config is "9.9.9", plugin supports \["0.1.0" .* "1.1.0"\]$/);
  });

  test('takes every CNI spec version the plugins accept', () => {
    const versions = ['0.1.0', '0.2.0', '0.3.0', '0.3.1', '0.4.0', '1.0.0', '1.1.0'];
    const results = versions.map((cniVersion) =>
      plan([{ name: 'ovn-dpdk', cniVersion }], kubeOvn).diagnostics);
    expect(results.flat()).toEqual([]);
  });
});

describe('planNetworks on the Userspace CNI', () => {
  test('builds the CNI configuration of the manual guide, name and log file from the NAD', () => {
    const { result: [network], diagnostics } = plan([{ name: 'ovs-dpdk' }], userspace);
    expect(diagnostics).toEqual([]);
    expect(network.cniConfig).toEqual({
      cniVersion: '0.3.1',
      type: 'userspace',
      name: 'ovs-dpdk',
      kubeconfig: '/etc/cni/net.d/multus.d/multus.kubeconfig',
      logFile: '/var/log/userspace-cni-ovs-dpdk.log',
      logLevel: 'info',
      host: {
        engine: 'ovs-dpdk',
        iftype: 'vhostuser',
        netType: 'bridge',
        vhost: { mode: 'client' },
        bridge: { bridgeName: 'br-int' },
      },
      container: {
        engine: 'ovs-dpdk',
        iftype: 'vhostuser',
        netType: 'interface',
        vhost: { mode: 'server' },
      },
    });
  });

  test('takes kubeconfig, log file and level from the cluster settings', () => {
    const { result: [network] } = plan([{ name: 'ovs-dpdk' }], {
      ...userspace,
      userspaceCni: { kubeconfig: '/etc/k.conf', logFile: '/var/log/u.log', logLevel: 'debug' },
    });
    expect(network.cniConfig).toMatchObject({
      kubeconfig: '/etc/k.conf', logFile: '/var/log/u.log', logLevel: 'debug',
    });
  });

  test('keeps a valid static range with its gateway', () => {
    const { result: [network] } = plan(
      [{ name: 'ovs-dpdk', cidr: '10.10.0.0/24', gateway: '10.10.0.254' }], userspace);
    expect(`${network.staticRange?.cidr} via ${network.staticRange?.gateway}`)
      .toBe('10.10.0.0/24 via 10.10.0.254');
  });

  test.each([
    ['10.10.0.5/24', 'networks[0].cidr', 'host bits are set'],
    ['10.10.0.0/31', 'networks[0].cidr', 'holds 2 address(es)'],
  ])('refuses the range %s', (cidr, path, text) => {
    const { diagnostics } = plan([{ name: 'ovs-dpdk', cidr }], userspace);
    const [finding] = withCode(diagnostics, 'NET005');
    expect(finding.path).toBe(path);
    expect(finding.message).toContain(text);
  });

  test.each([
    ['10.11.0.1', 'is outside 10.10.0.0/24'],
    ['10.10.0.0', 'is the network address of 10.10.0.0/24'],
    ['10.10.0.255', 'is the broadcast address of 10.10.0.0/24'],
  ])('refuses the gateway %s', (gateway, text) => {
    const { result: [network], diagnostics } = plan(
      [{ name: 'ovs-dpdk', cidr: '10.10.0.0/24', gateway }], userspace);
    const [finding] = withCode(diagnostics, 'NET005');
    expect(finding.path).toBe('networks[0].gateway');
    expect(finding.message).toBe(`gateway ${gateway} ${text}; guests could not reach it`);
    expect(network.staticRange?.gateway).toBeUndefined();
  });

  test('refuses a gateway without a range', () => {
    const { diagnostics } = plan([{ name: 'ovs-dpdk', gateway: '10.0.0.1' }], userspace);
    expect(withCode(diagnostics, 'NET005')[0].message)
      .toBe('network "ovs-dpdk" has a gateway but no cidr');
  });

  test('refuses a bridge the node pools do not set up', () => {
    const { diagnostics } = plan([{ name: 'ovs-dpdk', bridge: 'br-data' }], userspace);
    const [finding] = withCode(diagnostics, 'NET006');
    expect(finding.path).toBe('networks[0].bridge');
    expect(finding.message).toContain(
      'bridge "br-data" is not set up on node pool(s) "pool-a" and "pool-b", which have "br-int"');
  });

  test('leaves DHCP off: the Userspace CNI path has no DHCP', () => {
    const { result: [network] } = plan([{ name: 'ovs-dpdk' }], userspace);
    expect(network.dhcp).toBe(false);
  });
});
