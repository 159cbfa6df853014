import { CpuSet } from '../../src/model/cpuset';
import { HostTopology } from '../../src/model/topology';
import { nodesWithCpus, planCpus, PmdDemand } from '../../src/plan/cpus';
import { Version } from '../../src/plan/versions';
import { CpuSpec } from '../../src/spec/node';
import { codesAndPaths, collect } from '../support/findings';

// 2 NUMA nodes × 8 cores × 2 threads, split siblings: node 0 is 0-7,16-23.
const host = HostTopology.uniform({ numaNodes: 2, coresPerNumaNode: 8 });
const nicOn0: PmdDemand = { nicNumaNodes: [0], nicNumaUnknown: false, vhostUserVms: true };

function plan(spec?: CpuSpec, demand = nicOn0, on = host, ovs = '3.1') {
  return collect((f) => planCpus(spec, on, demand, Version.parse(ovs), 'nodes[0].cpus', f));
}

describe('planCpus defaults', () => {
  const { result: cpus, diagnostics } = plan();

  test('housekeeping is the first core of each NUMA node, both threads', () => {
    expect(cpus.housekeeping.toList()).toBe('0,8,16,24');
  });

  test('PMD threads get the next core of every NUMA node with the NIC or VMs', () => {
    expect(cpus.pmd.toList()).toBe('1,9,17,25');
  });

  test('VMs get every other CPU', () => {
    expect(cpus.vm.toList()).toBe('2-7,10-15,18-23,26-31');
  });

  test('isolcpus are the PMD CPUs; reservedSystemCPUs are housekeeping and PMD', () => {
    expect(cpus.isolated.equals(cpus.pmd)).toBe(true);
    expect(cpus.reservedSystem.toList()).toBe('0-1,8-9,16-17,24-25');
  });

  test('the lcore is the first housekeeping CPU before OVS 3.7', () => {
    expect(cpus.lcore?.toList()).toBe('0');
  });

  test('nothing is reported', () => {
    expect(diagnostics).toEqual([]);
  });
});

describe('planCpus placement', () => {
  test('lists the NIC-local NUMA node first', () => {
    const { result } = plan(undefined, { ...nicOn0, nicNumaNodes: [1] });
    expect(result.pmdNumaNodes).toEqual([1, 0]);
  });

  test('without VMs, only NIC-local NUMA nodes get PMD cores', () => {
    const { result } = plan(undefined, { ...nicOn0, vhostUserVms: false });
    expect(result.pmd.toList()).toBe('1,17');
  });

  test('with a NIC whose NUMA node is unknown, every NUMA node gets PMD cores', () => {
    const { result } = plan(undefined, {
      nicNumaNodes: [], nicNumaUnknown: true, vhostUserVms: false,
    });
    expect(result.pmdNumaNodes).toEqual([0, 1]);
  });

  test('pmdCoresPerNumaNode gives each NUMA node that many cores', () => {
    const { result } = plan({ pmdCoresPerNumaNode: 2 });
    expect(result.pmd.toList()).toBe('1-2,9-10,17-18,25-26');
  });

  test('a NUMA node too small for a PMD and a VM core keeps its cores for housekeeping', () => {
    const small = HostTopology.of({
      numaNodes: [
        { id: 0, cores: [0, 1, 2, 3].map((c) => ({ socket: 0, threads: [c] })) },
        { id: 1, cores: [4, 5].map((c) => ({ socket: 0, threads: [c] })) },
      ],
    });
    const { result } = plan(undefined, nicOn0, small);
    expect([result.housekeeping.toList(), result.pmd.toList(), result.vm.toList()])
      .toEqual(['0,4-5', '1', '2-3']);
  });

  test('NUMA nodes without CPUs are skipped', () => {
    const memoryOnly = HostTopology.of({
      numaNodes: [
        { id: 0, cores: [0, 1, 2].map((cpu) => ({ socket: 0, threads: [cpu] })) },
        { id: 1, cores: [] },
      ],
    });
    expect(nodesWithCpus(memoryOnly)).toEqual([0]);
    expect(plan(undefined, nicOn0, memoryOnly).result.pmdNumaNodes).toEqual([0]);
  });

  test('OVS 3.7 and later get no lcore', () => {
    expect(plan(undefined, nicOn0, host, '3.7.0').result.lcore).toBeUndefined();
  });
});

describe('planCpus overrides', () => {
  test('a given PMD set replaces the default and housekeeping steps around it', () => {
    const { result } = plan({ pmd: '0,16,8,24' });
    expect([result.pmd.toList(), result.housekeeping.toList()])
      .toEqual(['0,8,16,24', '1,9,17,25']);
  });

  test('a given housekeeping set replaces the default and PMD cores step around it', () => {
    const { result } = plan({ housekeeping: '0-1,16-17' });
    expect(result.pmd.toList()).toBe('2,8,18,24');
  });

  test('masks are read as well as lists', () => {
    expect(plan({ pmd: '0x20002' }).result.pmd.equals(CpuSet.of(1, 17))).toBe(true);
  });

  test('the lcore is taken as given', () => {
    expect(plan({ lcore: '5' }).result.lcore?.toList()).toBe('5');
  });

  test('an unreadable set is reported and its default used', () => {
    const { result, diagnostics } = plan({ pmd: '3-1' });
    expect(codesAndPaths(diagnostics)).toEqual(['CPU001 nodes[0].cpus.pmd']);
    expect(result.pmd.toList()).toBe('1,9,17,25');
    // An error all the same: the default only lets the other rules run.
    expect(diagnostics[0].message).toMatch(/\(the other rules are checked with the default/);
  });

  test.each([0, 1.5, -1])('pmdCoresPerNumaNode %p is reported and 1 used', (count) => {
    const { result, diagnostics } = plan({ pmdCoresPerNumaNode: count });
    expect(codesAndPaths(diagnostics)).toEqual(['CPU011 nodes[0].cpus.pmdCoresPerNumaNode']);
    expect(result.pmd.size).toBe(4);
  });
});
