import { checkKubeOvnNode, checkKubeOvnSettings } from '../../../src/diagnostics/rules/kube-ovn-node';
import { PciAddress } from '../../../src/model/pci';
import { NicPlan } from '../../../src/plan/types';
import { KubeOvnSpec } from '../../../src/spec/network';
import { codesAndPaths, collect } from '../../support/findings';

const nics = ['0000:af:00.0', '0000:af:00.1'].map((pci, i): NicPlan => ({
  pci: PciAddress.parse(pci),
  port: `dpdk${i}`,
  numaNode: 0,
  driver: 'vfio-pci',
  virtualFunction: false,
}));

function check(count: number, kubeOvn?: KubeOvnSpec) {
  return collect((f) => checkKubeOvnNode({ nics: nics.slice(0, count), kubeOvn, path: 'nodes[0]' },
    f)).diagnostics;
}

test('one NIC without a bond is clean', () => {
  expect(check(1)).toEqual([]);
});

test('OVS017: no NIC for br-phy', () => {
  expect(codesAndPaths(check(0))).toEqual(['OVS017 nodes[0].nics']);
});

test('OVS015: a bond of one NIC', () => {
  expect(check(1, { bondType: 'lacp' })[0].message)
    .toBe('kubeOvn.bondType is lacp, but the pool has only 1 NIC');
});

test('OVS016: a second NIC without a bond stays unused', () => {
  expect(check(2).map((d) => `${d.severity} ${d.code}`)).toEqual(['warning OVS016']);
});

test('a bond of two NICs is clean', () => {
  expect(check(2, { bondType: 'balance-slb' })).toEqual([]);
});

test.each([-1, 4095, 1.5])('OVS018: VLAN tag %p', (vlanTag) => {
  expect(codesAndPaths(collect((f) => checkKubeOvnSettings({ vlanTag }, f)).diagnostics))
    .toEqual(['OVS018 kubeOvn.vlanTag']);
});

test('VLAN tags 0 and 4094 are fine', () => {
  expect(collect((f) => {
    checkKubeOvnSettings({ vlanTag: 0 }, f);
    checkKubeOvnSettings({ vlanTag: 4094 }, f);
  }).diagnostics).toEqual([]);
});
