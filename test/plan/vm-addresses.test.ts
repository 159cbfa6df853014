import { planVms, VmContext } from '../../src/plan/vm';
import { VmSpec } from '../../src/spec';
import { collect, withCode } from '../support/findings';
import {
  KUBE_OVN_CONTEXT as kubeOvn, USERSPACE_CONTEXT as userspace, vmSpec as vm,
} from '../support/vm-context';

function plan(vms: VmSpec[], context: VmContext = userspace) {
  return collect((findings) => planVms(vms, context, findings));
}

describe('planVms: MACs', () => {
  test('generates a stable MAC from namespace, VM and network', () => {
    const first = plan([vm()]).result[0].interfaces[0].mac.toString();
    const withOthers = plan([vm({ name: 'vm-0' }), vm()]).result[1].interfaces[0].mac.toString();
    expect(withOthers).toBe(first);
  });

  test('keeps a given MAC, written in any case', () => {
    const interfaces = [{ network: 'ovs-dpdk', mac: '02:AA:BB:CC:DD:EE' }];
    const [planned] = plan([vm({ interfaces })]).result;
    expect(planned.interfaces[0].mac.toString()).toBe('02:aa:bb:cc:dd:ee');
  });

  test('gives two NICs on one network different MACs', () => {
    const [planned] = plan([vm({
      interfaces: [{ network: 'ovs-dpdk', name: 'a' }, { network: 'ovs-dpdk', name: 'b' }],
    })]).result;
    expect(planned.interfaces[0].mac.equals(planned.interfaces[1].mac)).toBe(false);
  });

  test.each([
    ['01:00:5e:00:00:01', 'is a multicast address; a NIC needs a unicast one'],
    ['02:00:00:00:00:01', 'is already the MAC of vms[0].interfaces[0]'],
  ])('refuses the MAC %s', (mac, text) => {
    const { diagnostics } = plan([
      vm({ interfaces: [{ network: 'ovs-dpdk', mac: '02:00:00:00:00:01' }] }),
      vm({ name: 'vm-2', interfaces: [{ network: 'ovs-dpdk', mac }] }),
    ]);
    const [finding] = withCode(diagnostics, 'VM007');
    expect(finding.path).toBe('vms[1].interfaces[0].mac');
    expect(finding.message).toBe(`mac ${mac} ${text}`);
  });
});

describe('planVms: static addresses', () => {
  const on = (network: string, ip?: string, name = 'vm-1') =>
    vm({ name, interfaces: [{ network, ...(ip && { ip }) }] });

  test('allocates a host address of the range, with its prefix', () => {
    const address = plan([on('static')]).result[0].interfaces[0].address;
    expect(address?.prefixLength).toBe(24);
    const last = Number(address?.address.toString().split('.')[3]);
    expect(address?.address.toString()).toMatch(/^10\.10\.0\./);
    expect(last >= 2 && last <= 254).toBe(true);
  });

  test('keeps a VM\'s address when other VMs are added before it', () => {
    const alone = plan([on('static', undefined, 'web')]).result[0].interfaces[0].address;
    const others = ['a', 'b', 'c', 'd'].map((n) => on('static', undefined, n));
    const crowded = plan([...others, on('static', undefined, 'web')]).result[4];
    expect(crowded.interfaces[0].address?.toString()).toBe(alone?.toString());
  });

  test('gives every NIC of a range its own address, never the gateway', () => {
    const vms = Array.from({ length: 60 }, (_, i) => on('static', undefined, `vm-${i}`));
    const addresses = plan(vms).result.map((p) => p.interfaces[0].address?.address.toString());
    expect(new Set(addresses).size).toBe(60);
    expect(addresses).not.toContain('10.10.0.1');
  });

  test('fills a /30 and then reports the range exhausted', () => {
    const { result, diagnostics } = plan(['a', 'b', 'c'].map((n) => on('tiny', undefined, n)));
    expect(result.map((p) => p.interfaces[0].address?.toString()))
      .toEqual(expect.arrayContaining(['10.20.0.1/30', '10.20.0.2/30']));
    const [finding] = withCode(diagnostics, 'VM009');
    expect(finding.path).toBe('vms[2].interfaces[0].network');
    expect(finding.message).toBe('network tiny has no free address left in 10.20.0.0/30 '
      + 'for this NIC');
  });

  test('keeps a given address and allocates around it', () => {
    const { result } = plan([on('tiny', undefined, 'a'), on('tiny', '10.20.0.1', 'b')]);
    expect(result.map((p) => p.interfaces[0].address?.toString()))
      .toEqual(['10.20.0.2/30', '10.20.0.1/30']);
  });

  test.each([
    ['10.11.0.5', 'is outside 10.10.0.0/24'],
    ['10.10.0.1', 'is the gateway'],
    ['10.10.0.255', 'is the broadcast address'],
    ['10.10.0.7', 'is already the address of vms[0].interfaces[0]'],
  ])('refuses the address %s', (ip, text) => {
    const { diagnostics } = plan([on('static', '10.10.0.7', 'a'), on('static', ip, 'b')]);
    const [finding] = withCode(diagnostics, 'VM008');
    expect(finding.path).toBe('vms[1].interfaces[0].ip');
    expect(finding.message).toBe(`ip ${ip} on network static ${text}`);
  });

  test('refuses an address on a network without a range', () => {
    const [finding] = withCode(plan([on('ovs-dpdk', '10.0.0.5')]).diagnostics, 'VM008');
    expect(finding.message).toBe('ip 10.0.0.5 is given, but network ovs-dpdk has no address range');
  });

  test('leaves DHCP networks to DHCP, but checks a pinned address against the subnet', () => {
    const dhcp = plan([vm({ interfaces: [{ network: 'ovn-dpdk' }] })], kubeOvn).result[0];
    expect(dhcp.interfaces[0].address).toBeUndefined();
    const pinned = plan([vm({ interfaces: [{ network: 'ovn-dpdk', ip: '172.18.0.5' }] })], kubeOvn);
    expect(withCode(pinned.diagnostics, 'VM008')[0].message)
      .toBe('ip 172.18.0.5 on network ovn-dpdk is excluded by subnet sn-dhcp');
  });
});

