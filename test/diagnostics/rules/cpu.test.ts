import { checkCpus, CpuRuleContext } from '../../../src/diagnostics/rules/cpu';
import { CpuSet } from '../../../src/model/cpuset';
import { HostTopology } from '../../../src/model/topology';
import { CpuPlan } from '../../../src/plan/types';
import { codesAndPaths, collect, withCode } from '../../support/findings';

// 2 NUMA nodes × 4 cores × 2 threads: node 0 is 0-3,8-11, node 1 is 4-7,12-15.
const host = HostTopology.uniform({ numaNodes: 2, coresPerNumaNode: 4 });
const ctx: CpuRuleContext = { host, nicNumaNodes: [0], vhostUserVms: true, path: 'nodes[0].cpus' };

/** A CPU plan from the sets as text, the others derived as the planner does. */
function cpuPlan(sets: { housekeeping: string; pmd: string; lcore?: string }): CpuPlan {
  const housekeeping = CpuSet.parse(sets.housekeeping);
  const pmd = CpuSet.parse(sets.pmd);
  return {
    housekeeping,
    pmd,
    ...(sets.lcore !== undefined ? { lcore: CpuSet.parse(sets.lcore) } : {}),
    isolated: pmd,
    reservedSystem: housekeeping.union(pmd),
    vm: host.cpus().difference(housekeeping).difference(pmd),
    pmdNumaNodes: [],
  };
}

function check(plan: CpuPlan, context: Partial<CpuRuleContext> = {}) {
  return collect((f) => checkCpus(plan, { ...ctx, ...context }, f)).diagnostics;
}

const good = { housekeeping: '0,4,8,12', pmd: '1,5,9,13', lcore: '0' };

test('a plan with whole cores in the right places is clean', () => {
  expect(check(cpuPlan(good))).toEqual([]);
});

test('CPU002: a set with CPUs the host lacks', () => {
  const found = withCode(check(cpuPlan({ ...good, pmd: '1,5,9,13,40' })), 'CPU002');
  expect(found[0].message).toBe(
    'pmd CPUs 1,5,9,13,40 name CPUs 40 that the host does not have (it has 0-15)');
});

test('CPU003: housekeeping and PMD CPUs overlap', () => {
  const plan = { ...cpuPlan(good), pmd: CpuSet.parse('0-1,4-5,8-9,12-13') };
  expect(withCode(check(plan), 'CPU003')[0].message)
    .toBe('CPUs 0,4,8,12 are both housekeeping and pmd CPUs');
});

test('CPU003: PMD and VM CPUs overlap', () => {
  const plan = { ...cpuPlan(good), vm: host.cpus().difference(CpuSet.parse('0,4,8,12')) };
  expect(codesAndPaths(withCode(check(plan), 'CPU003'))).toEqual(['CPU003 nodes[0].cpus.pmd']);
});

test('CPU004: the lcore on a PMD CPU (the manual guide sets both masks to 0xf00)', () => {
  const found = check(cpuPlan({ ...good, lcore: '0x2202' }));
  expect(codesAndPaths(found)).toEqual(['CPU004 nodes[0].cpus.lcore']);
  expect(found[0].message).toMatch(/^dpdk-lcore-mask 0x2202 \(CPUs 1,9,13\) shares CPUs 1,9,13/);
});

test('CPU004 sends the lcore to a housekeeping CPU that is not a PMD CPU too', () => {
  const plan = { ...cpuPlan({ ...good, lcore: '0' }), pmd: CpuSet.parse('0-1,5,9,13') };
  const [finding] = withCode(check(plan), 'CPU004');
  expect(finding.hint).toBe('Put the lcore on a housekeeping CPU that is not a PMD CPU, such '
    + 'as 4, or leave cpus.lcore out.');
});

test('CPU005: the lcore on a VM CPU', () => {
  expect(codesAndPaths(check(cpuPlan({ ...good, lcore: '2' }))))
    .toEqual(['CPU005 nodes[0].cpus.lcore']);
});

test('CPU006: a NUMA node with VM CPUs and no PMD CPU', () => {
  const found = check(cpuPlan({ ...good, pmd: '1,9' }));
  expect(codesAndPaths(found)).toEqual(['CPU006 nodes[0].cpus.pmd']);
  expect(found[0].message).toMatch(/^NUMA node 1 has CPUs for vhost-user VMs but no PMD CPU/);
});

test('CPU006: the NIC\'s NUMA node without a PMD CPU, even with no VMs', () => {
  const found = check(cpuPlan({ ...good, pmd: '5,13' }), { vhostUserVms: false });
  expect(found[0].message).toMatch(/^NUMA node 0 has a DPDK NIC but no PMD CPU/);
});

test('CPU006 is quiet for a NUMA node without NIC when no VMs come', () => {
  expect(check(cpuPlan({ ...good, pmd: '1,9' }), { vhostUserVms: false })).toEqual([]);
});

test('CPU007: a PMD set with one thread of a core', () => {
  const found = check(cpuPlan({ ...good, pmd: '1,5,9' }));
  expect(codesAndPaths(found)).toEqual(['CPU007 nodes[0].cpus.pmd']);
  expect(found[0].message).toBe(
    'pmd CPUs 1,5,9 hold only some threads of their cores: sibling threads 13 are elsewhere');
});

test('CPU008: no housekeeping CPU', () => {
  expect(codesAndPaths(check(cpuPlan({ housekeeping: '', pmd: '1,5,9,13' }))))
    .toEqual(['CPU008 nodes[0].cpus.housekeeping']);
});

test('CPU009: no CPU left for VMs warns', () => {
  const found = check(cpuPlan({ housekeeping: '0-3,8-11,4,12', pmd: '5-7,13-15' }),
    { nicNumaNodes: [1] });
  expect(found.map((d) => `${d.severity} ${d.code}`)).toEqual(['warning CPU009']);
});

test('CPU010: PMD CPUs outside isolcpus', () => {
  const plan = { ...cpuPlan(good), isolated: CpuSet.parse('1,9') };
  expect(withCode(check(plan), 'CPU010')[0].message).toBe(
    'PMD CPUs 5,13 are not in both reservedSystemCPUs (0-1,4-5,8-9,12-13) and isolcpus (1,9)');
});
