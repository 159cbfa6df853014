import { CpuSet } from '../../src/model/cpuset';
import { PciAddress } from '../../src/model/pci';
import { Size } from '../../src/model/size';
import { HostTopology } from '../../src/model/topology';
import { OvsPlanInput, planOvs } from '../../src/plan/ovs';
import { CpuPlan } from '../../src/plan/types';
import { Version } from '../../src/plan/versions';
import { codesAndPaths, collect } from '../support/findings';

const host = HostTopology.uniform({ numaNodes: 2, coresPerNumaNode: 4 });
const cpus: CpuPlan = {
  housekeeping: CpuSet.parse('0,4,8,12'),
  pmd: CpuSet.parse('1,5,9,13'),
  lcore: CpuSet.of(0),
  isolated: CpuSet.parse('1,5,9,13'),
  reservedSystem: CpuSet.parse('0-1,4-5,8-9,12-13'),
  vm: CpuSet.parse('2-3,6-7,10-11,14-15'),
  pmdNumaNodes: [0, 1],
};
const gib = Size.parse('1Gi');
const input: OvsPlanInput = {
  spec: undefined,
  host,
  cpus,
  socket: { mem: [gib, gib], limit: [gib, gib] },
  nics: [{
    pci: PciAddress.parse('0000:af:00.0'),
    port: 'dpdk0',
    numaNode: 0,
    driver: 'vfio-pci',
    virtualFunction: false,
  }],
  path: 'userspace',
  ovsVersion: Version.parse('3.1'),
  where: 'nodes[0].ovs',
};

function plan(overrides: Partial<OvsPlanInput> = {}) {
  return collect((f) => planOvs({ ...input, ...overrides }, f));
}

test('writes other_config in the order it is applied, values bare', () => {
  expect(plan().result.otherConfig).toEqual([
    ['dpdk-init', 'true'],
    ['dpdk-lcore-mask', '0x1'],
    ['pmd-cpu-mask', '0x2222'],
    ['dpdk-socket-mem', '1024,1024'],
    ['dpdk-socket-limit', '1024,1024'],
    ['dpdk-hugepage-dir', '/dev/hugepages'],
    ['userspace-tso-enable', 'true'],
    ['n-handler-threads', '10'],
    ['n-revalidator-threads', '4'],
  ]);
});

test('leaves dpdk-lcore-mask out when the CPU plan has no lcore', () => {
  const keys = plan({ cpus: { ...cpus, lcore: undefined } }).result.otherConfig.map(([k]) => k);
  expect(keys).not.toContain('dpdk-lcore-mask');
});

test('leaves the thread counts to OVS on hosts with up to 12 CPUs', () => {
  const small = HostTopology.uniform({ numaNodes: 1, coresPerNumaNode: 6 });
  const keys = plan({ host: small }).result.otherConfig.map(([k]) => k);
  expect(keys).not.toContain('n-handler-threads');
});

test('builds the Userspace CNI bridge with one DPDK port per NIC', () => {
  expect(plan().result.bridge).toEqual({
    name: 'br-int',
    failMode: 'standalone',
    ports: [{ name: 'dpdk0', pci: PciAddress.parse('0000:af:00.0') }],
  });
});

test('has no bridge on the Kube-OVN path, which builds its own', () => {
  expect(plan({ path: 'kube-ovn' }).result.bridge).toBeUndefined();
});

test.each([
  ['userspace', '3.1', true],
  ['kube-ovn', '3.3', false],
  ['kube-ovn', '3.5', true],
] as const)('TSO on the %s path with OVS %s defaults to %p', (path, ovs, tso) => {
  expect(plan({ path, ovsVersion: Version.parse(ovs) }).result.tso).toBe(tso);
});

test('the pod CPU limit defaults to the PMD CPUs plus one', () => {
  expect(plan().result.podCpuLimit).toBe(5);
});

test.each([['3', 3], ['2500m', 2.5], ['1.5', 1.5]])('reads the CPU limit %j', (text, cpusOf) => {
  expect(plan({ spec: { podCpuLimit: text } }).result.podCpuLimit).toBe(cpusOf);
});

test('OVS009: an unreadable CPU limit is reported and the default used', () => {
  const { result, diagnostics } = plan({ spec: { podCpuLimit: 'two' } });
  expect(codesAndPaths(diagnostics)).toEqual(['OVS009 nodes[0].ovs.podCpuLimit']);
  expect(result.podCpuLimit).toBe(5);
});
