import { PciAddress } from '../../src/model/pci';
import { Size } from '../../src/model/size';
import { KubeOvnNodeInput, planKubeOvnNode } from '../../src/plan/kube-ovn-node';
import { NicPlan, OvsPlan } from '../../src/plan/types';
import { codesAndPaths, collect, withCode } from '../support/findings';

const gib = Size.parse('1Gi');
const ovs: OvsPlan = {
  otherConfig: [
    ['dpdk-init', 'true'],
    ['pmd-cpu-mask', '0xf00'],
    ['dpdk-socket-mem', '1024,1024'],
    ['dpdk-socket-limit', '1024'],
    ['dpdk-hugepage-dir', '/dev/hugepages'],
  ],
  socketMem: [gib, gib],
  socketLimit: [gib, gib],
  tso: false,
  podCpuLimit: 5,
  mtu: 1500,
};
const nic = (pci: string): NicPlan => ({
  pci: PciAddress.parse(pci),
  port: 'dpdk0',
  numaNode: 0,
  driver: 'vfio-pci',
  virtualFunction: false,
});
const input: KubeOvnNodeInput = {
  hosts: [{ name: 'node-1', encapIp: '192.168.0.10/20' }],
  nics: [nic('0000:af:00.0')],
  ovs,
  kubeOvn: undefined,
  where: 'nodes[0]',
};

function plan(overrides: Partial<KubeOvnNodeInput> = {}) {
  return collect((f) => planKubeOvnNode({ ...input, ...overrides }, f));
}

test('config.cfg quotes the socket lists as Kube-OVN\'s default does, and nothing else', () => {
  expect(plan().result.configCfg).toEqual([
    ['dpdk-init', 'true'],
    ['pmd-cpu-mask', '0xf00'],
    ['dpdk-socket-mem', '"1024,1024"'],
    ['dpdk-socket-limit', '"1024"'],
    ['dpdk-hugepage-dir', '/dev/hugepages'],
  ]);
});

test('ovs-dpdk-config sets every key the start script reads under set -u', () => {
  expect(plan().result.hosts).toEqual([{
    name: 'node-1',
    ovsDpdkConfig: [
      ['ENCAP_IP', '192.168.0.10/20'],
      ['DPDK_DEV', '0000:af:00.0'],
      ['BOND_TYPE', ''],
      ['VLAN_TAG', '0'],
    ],
  }]);
});

test('several NICs become a bash array for the bond', () => {
  const { result } = plan({
    nics: [nic('0000:af:00.0'), nic('0000:af:00.1')],
    kubeOvn: { bondType: 'active-backup', vlanTag: 100 },
  });
  expect(result.hosts[0].ovsDpdkConfig.slice(1)).toEqual([
    ['DPDK_DEV', '(0000:af:00.0 0000:af:00.1)'],
    ['BOND_TYPE', 'active-backup'],
    ['VLAN_TAG', '100'],
  ]);
});

test('the node label selects the ovs-ovn-dpdk DaemonSet', () => {
  expect(plan().result.nodeLabel).toEqual(['ovn.kubernetes.io/ovs_dp_type', 'userspace']);
});

test('OVS013: a host without a tunnel address', () => {
  const { result, diagnostics } = plan({ hosts: [{ name: 'node-2' }] });
  expect(codesAndPaths(diagnostics)).toEqual(['OVS013 nodes[0].hosts[0].encapIp']);
  expect(result.hosts[0].ovsDpdkConfig.map(([key]) => key))
    .toEqual(['DPDK_DEV', 'BOND_TYPE', 'VLAN_TAG']);
});

test.each([
  ['192.168.190.2', 'it has no prefix length'],
  ['192.168.190.2/32', 'is a /32'],
  ['2001:db8::2/128', 'is a /128'],
])('OVS014: the tunnel address %j', (encapIp, says) => {
  const found = withCode(plan({ hosts: [{ name: 'n', encapIp }] }).diagnostics, 'OVS014');
  expect(found[0].message).toContain(says);
});
