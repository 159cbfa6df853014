import { checkOvs, OvsRuleContext } from '../../../src/diagnostics/rules/ovs';
import { CpuSet } from '../../../src/model/cpuset';
import { PciAddress } from '../../../src/model/pci';
import { Size } from '../../../src/model/size';
import { CpuPlan, OvsPlan } from '../../../src/plan/types';
import { Version } from '../../../src/plan/versions';
import { codesAndPaths, collect, withCode } from '../../support/findings';

const mib = (n: number) => Size.mebibytes(n);
const cpus: CpuPlan = {
  housekeeping: CpuSet.parse('0,4'),
  pmd: CpuSet.parse('1,5'),
  isolated: CpuSet.parse('1,5'),
  reservedSystem: CpuSet.parse('0-1,4-5'),
  vm: CpuSet.parse('2-3,6-7'),
  pmdNumaNodes: [0],
};
const plan: OvsPlan = {
  otherConfig: [['dpdk-init', 'true']],
  socketMem: [mib(1024), mib(1024)],
  socketLimit: [mib(1024), mib(1024)],
  tso: false,
  podCpuLimit: 3,
  mtu: 1500,
};
const ctx: OvsRuleContext = {
  cpus,
  pageSize: Size.parse('1Gi'),
  portNumaNodes: [0, 1],
  networkPath: 'kube-ovn',
  ovsVersion: Version.parse('3.5'),
  tunnelType: 'geneve',
  path: 'nodes[0].ovs',
};

function check(overrides: Partial<OvsPlan> = {}, context: Partial<OvsRuleContext> = {}) {
  return collect((f) => checkOvs({ ...plan, ...overrides }, { ...ctx, ...context }, f))
    .diagnostics;
}

test('the manual guide\'s intended socket memory is clean', () => {
  expect(check()).toEqual([]);
});

test('OVS003: socket memory above the limit', () => {
  expect(withCode(check({ socketLimit: [mib(1024), mib(512)] }), 'OVS003')[0].message)
    .toBe('NUMA node 1: dpdk-socket-mem 1024 is above dpdk-socket-limit 512');
});

test('OVS004 and OVS005: the manual guide\'s 1024,124', () => {
  const found = check({ socketMem: [mib(1024), mib(124)] });
  expect(codesAndPaths(found)).toEqual([
    'OVS004 nodes[0].ovs.socketMem',
    'OVS005 nodes[0].ovs.socketMem',
  ]);
  expect(found[0].message).toBe(
    'NUMA node 1: dpdk-socket-mem 124 is below the 752 MiB mempool OVS creates for MTU 1500 '
    + 'ports there');
});

test('OVS004 follows the MTU: 1024 MiB is too little for jumbo frames', () => {
  expect(withCode(check({ mtu: 9000 }), 'OVS004')[0].message)
    .toMatch(/below the 2544 MiB mempool OVS creates for MTU 9000/);
});

test('OVS004 is quiet on a NUMA node without DPDK ports', () => {
  expect(check({ socketMem: [mib(1024), Size.ZERO] }, { portNumaNodes: [0] })).toEqual([]);
});

test('OVS005 with 2Mi pages needs only whole 2 MiB', () => {
  expect(check({ socketMem: [mib(1024), mib(1023)] }, { pageSize: Size.parse('2Mi') })
    .map((d) => d.code)).toEqual(['OVS005']);
});

test('OVS006: TSO over the Geneve overlay before OVS 3.3', () => {
  const found = check({ tso: true }, { ovsVersion: Version.parse('3.1') });
  expect(found.map((d) => `${d.severity} ${d.code}`)).toEqual(['error OVS006']);
  expect(found[0].message).toBe('userspace-tso-enable is on over the Kube-OVN geneve overlay, '
    + 'but OVS 3.1 cannot segment tunnelled packets and drops them');
});

test('OVS007: TSO over the overlay on OVS 3.3 and 3.4 warns', () => {
  expect(check({ tso: true }, { ovsVersion: Version.parse('3.4.1') })
    .map((d) => `${d.severity} ${d.code}`)).toEqual(['warning OVS007']);
});

test('TSO on the flat Userspace CNI path is fine on any OVS', () => {
  expect(check({ tso: true }, { networkPath: 'userspace', ovsVersion: Version.parse('3.1') }))
    .toEqual([]);
});

test('OVS008: a pod CPU limit below the PMD CPUs plus one', () => {
  expect(withCode(check({ podCpuLimit: 1 }), 'OVS008')[0].message).toBe(
    'the OVS-DPDK pod CPU limit 1 is below the 2 PMD CPUs plus one (3): the busy-polling PMD '
    + 'threads are throttled');
});

test('OVS010: a thread count that is not a positive whole number', () => {
  const found = check({ otherConfig: [['n-handler-threads', '0'], ['n-revalidator-threads', '4']] });
  expect(codesAndPaths(found)).toEqual(['OVS010 nodes[0].ovs.handlerThreads']);
});

test('OVS011: an MTU above what OVS-DPDK takes', () => {
  expect(codesAndPaths(withCode(check({ mtu: 9710 }), 'OVS011')))
    .toEqual(['OVS011 nodes[0].ovs.mtu']);
});

test('OVS012: an unlimited socket limit warns', () => {
  expect(check({ socketLimit: [Size.ZERO, mib(1024)] }).map((d) => `${d.severity} ${d.code}`))
    .toEqual(['warning OVS012']);
});

test('OVS019: two uplinks on the standalone Userspace CNI bridge warn', () => {
  const ports = ['0000:af:00.0', '0000:af:00.1'].map((pci, i) => ({
    name: `dpdk${i}`, pci: PciAddress.parse(pci),
  }));
  const found = check({ bridge: { name: 'br-int', failMode: 'standalone', ports } },
    { networkPath: 'userspace' });
  expect(codesAndPaths(found)).toEqual(['OVS019 nodes[0].nics']);
});
