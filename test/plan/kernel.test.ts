import { CpuSet } from '../../src/model/cpuset';
import { PciAddress } from '../../src/model/pci';
import { Size } from '../../src/model/size';
import { HostTopology } from '../../src/model/topology';
import { planHugepages } from '../../src/plan/hugepages';
import { KernelPlanInput, planKernel } from '../../src/plan/kernel';
import { CpuPlan, HugepagePlan, NicPlan } from '../../src/plan/types';
import { codesAndPaths, collect } from '../support/findings';

const host = HostTopology.uniform({
  numaNodes: 2, coresPerNumaNode: 4, memoryPerNumaNode: Size.parse('64Gi'),
});
const cpus: CpuPlan = {
  housekeeping: CpuSet.parse('0,4,8,12'),
  pmd: CpuSet.parse('1,5,9,13'),
  isolated: CpuSet.parse('1,5,9,13'),
  reservedSystem: CpuSet.parse('0-1,4-5,8-9,12-13'),
  vm: CpuSet.parse('2-3,6-7,10-11,14-15'),
  pmdNumaNodes: [0, 1],
};
const gib = Size.parse('1Gi');
const socket = { mem: [gib, gib], limit: [gib, gib] };
const intelNic: NicPlan = {
  pci: PciAddress.parse('0000:af:00.0'),
  port: 'dpdk0',
  numaNode: 0,
  driver: 'vfio-pci',
  virtualFunction: false,
};

function hugepages(demand: number[] = [0, 0], fixedPages?: number): HugepagePlan {
  return planHugepages({
    host,
    size: gib,
    socket,
    fixedPages,
    vmDemand: new Map(demand.map((g, node) => [node, Size.parse(`${g}Gi`)])),
  });
}

function plan(overrides: Partial<KernelPlanInput> = {}) {
  return collect((f) => planKernel({
    spec: undefined,
    host,
    cpus,
    hugepages: hugepages(),
    nics: [intelNic],
    cpuVendor: 'intel',
    where: 'nodes[0].kernel',
    ...overrides,
  }, f));
}

test('writes the hugepages, isolcpus and the Intel IOMMU', () => {
  expect(plan().result.args).toEqual([
    'default_hugepagesz=1G', 'hugepagesz=1G', 'hugepages=2',
    'isolcpus=1,5,9,13', 'intel_iommu=on', 'iommu=pt',
  ]);
});

test('the same count on every NUMA node is one total the kernel spreads evenly', () => {
  expect(plan({ hugepages: hugepages([0, 0], 30) }).result.args[2]).toBe('hugepages=60');
});

test('different counts use the per-node syntax from kernel 5.16', () => {
  const { result } = plan({ spec: { version: '5.16.0' }, hugepages: hugepages([4, 0]) });
  expect([result.args[2], result.perNodeHugepages]).toEqual(['hugepages=0:5,1:1', true]);
});

test('different counts on an older or unknown kernel are left to a runtime unit', () => {
  const { result } = plan({ spec: { version: '5.15.0-91-generic' }, hugepages: hugepages([4, 0]) });
  expect([result.args.some((a) => a.startsWith('hugepages=')), result.hugepagesAtRuntime])
    .toEqual([false, true]);
});

test('AMD hosts get iommu=pt only: their IOMMU is on by default', () => {
  expect(plan({ cpuVendor: 'amd' }).result.args.slice(-1)).toEqual(['iommu=pt']);
});

test('aarch64 hosts get iommu.passthrough=1', () => {
  const arm = HostTopology.uniform({ numaNodes: 1, coresPerNumaNode: 4, architecture: 'aarch64' });
  expect(plan({ host: arm }).result.args.slice(-1)).toEqual(['iommu.passthrough=1']);
});

test('mlx5 NICs need no IOMMU', () => {
  const { result } = plan({ nics: [{ ...intelNic, driver: 'mlx5' }] });
  expect([result.iommu, result.args.some((a) => a.includes('iommu'))]).toEqual([false, false]);
});

test('nohz_full and rcu_nocbs cover PMD and VM CPUs when asked for', () => {
  const { result } = plan({ spec: { nohzFull: true, rcuNocbs: true } });
  expect(result.args.filter((a) => /^(nohz_full|rcu_nocbs)=/.test(a)))
    .toEqual(['nohz_full=1-3,5-7,9-11,13-15', 'rcu_nocbs=1-3,5-7,9-11,13-15']);
});

test('KERNEL001: an unreadable version is reported', () => {
  expect(codesAndPaths(plan({ spec: { version: 'six' } }).diagnostics))
    .toEqual(['KERNEL001 nodes[0].kernel.version']);
});
