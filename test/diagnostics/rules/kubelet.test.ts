import { checkKubelet } from '../../../src/diagnostics/rules/kubelet';
import { CpuSet } from '../../../src/model/cpuset';
import { Size } from '../../../src/model/size';
import { HostTopology } from '../../../src/model/topology';
import { planKubelet } from '../../../src/plan/kubelet';
import { CpuPlan, KubeletPlan } from '../../../src/plan/types';
import { Version } from '../../../src/plan/versions';
import { NetworkPath } from '../../../src/spec/network';
import { KubeletSpec } from '../../../src/spec/node';
import { codesAndPaths, collect, withCode } from '../../support/findings';

// 2 NUMA nodes × 2 cores × 2 threads: node 0 is 0-1,4-5.
const host = HostTopology.uniform({
  numaNodes: 2, coresPerNumaNode: 2, memoryPerNumaNode: Size.parse('16Gi'),
});

function cpuPlan(housekeeping: string, pmd: string): CpuPlan {
  const hk = CpuSet.parse(housekeeping);
  const p = CpuSet.parse(pmd);
  return {
    housekeeping: hk,
    pmd: p,
    isolated: p,
    reservedSystem: hk.union(p),
    vm: host.cpus().difference(hk).difference(p),
    pmdNumaNodes: [],
  };
}

const cpus = cpuPlan('0,4', '1,5');

function check(
  spec: KubeletSpec = {}, version = '1.32', on = host, planCpus = cpus,
  networkPath: NetworkPath = 'userspace',
) {
  const v = Version.parse(version);
  const kubelet = collect((f) => planKubelet(spec, on, planCpus, v, networkPath,
    'nodes[0].kubelet', f)).result;
  return checkWith(kubelet, version, on, planCpus, networkPath);
}

function checkWith(
  kubelet: KubeletPlan, version = '1.32', on = host, planCpus = cpus,
  networkPath: NetworkPath = 'userspace',
) {
  return collect((f) => checkKubelet(kubelet, {
    host: on,
    cpus: planCpus,
    version: Version.parse(version),
    networkPath,
    path: 'nodes[0].kubelet',
  }, f)).diagnostics;
}

test('the default settings are clean', () => {
  expect(check()).toEqual([]);
});

test('KUBELET001: reservedMemory that only balances with the default eviction threshold', () => {
  const found = check({
    kubeReservedMemory: '2Gi',
    systemReservedMemory: '2Gi',
    evictionHard: '200Mi',
    reservedMemory: ['2148Mi', '2Gi'],
  });
  expect(codesAndPaths(found)).toEqual(['KUBELET001 nodes[0].kubelet.reservedMemory']);
  expect(found[0].upstream).toBe('the total amount "4196Mi" of type "memory" is not equal to '
    + 'the value "4296Mi" determined by Node Allocatable feature');
});

test('KUBELET001 names the default threshold when evictionHard is not given', () => {
  const found = check({ reservedMemory: ['1Gi', '1Gi'] });
  expect(found[0].message).toBe('reservedMemory sums to 2Gi, but the kubelet expects '
    + 'kubeReserved 1Gi + systemReserved 1Gi + 100Mi (the kubelet\'s default eviction threshold) '
    + '= 2148Mi; it will not start');
});

test('KUBELET002: an entry beyond the last NUMA node', () => {
  const found = withCode(check({ reservedMemory: ['1Gi', '1Gi', '100Mi'] }), 'KUBELET002');
  expect(found[0].upstream).toBe(
    'the reserved memory configuration references a NUMA node 2 that does not exist on this '
    + 'machine');
});

test('KUBELET004: a zero entry', () => {
  expect(codesAndPaths(withCode(check({ reservedMemory: ['2148Mi', '0'] }), 'KUBELET004')))
    .toEqual(['KUBELET004 nodes[0].kubelet.reservedMemory[1]']);
});

test('KUBELET006: more than 8 NUMA nodes on a kubelet without max-allowable-numa-nodes', () => {
  const nine = HostTopology.uniform({
    numaNodes: 9, coresPerNumaNode: 2, memoryPerNumaNode: Size.parse('16Gi'),
  });
  const found = withCode(check({}, '1.30', nine), 'KUBELET006');
  expect(found[0].upstream).toBe('unsupported on machines with more than 8 NUMA Nodes');
  expect(withCode(check({}, '1.31', nine), 'KUBELET006')).toEqual([]);
});

test('KUBELET007: PMD CPUs without strict-cpu-reservation on an older kubelet', () => {
  const found = check({}, '1.31');
  expect(found.map((d) => `${d.severity} ${d.code}`)).toEqual(['warning KUBELET007']);
  expect(found[0].message).toMatch(/^kubelet 1\.31 does not have the CPU manager option strict/);
});

test('KUBELET013: strict-cpu-reservation asked for on Kube-OVN, whose OVS is a pod', () => {
  const found = withCode(check({ strictCpuReservation: true }, '1.32', host, cpus, 'kube-ovn'),
    'KUBELET013');
  expect(codesAndPaths(found)).toEqual(['KUBELET013 nodes[0].kubelet.strictCpuReservation']);
  expect(found[0].message).toContain('pmd-cpu-mask 0x22 (1,5)');
});

test('the Kube-OVN default, strict-cpu-reservation off, is clean', () => {
  expect(check({}, '1.32', host, cpus, 'kube-ovn')).toEqual([]);
});

test('KUBELET007: strict-cpu-reservation turned off', () => {
  expect(withCode(check({ strictCpuReservation: false }), 'KUBELET007')[0].message)
    .toMatch(/^the CPU manager option strict-cpu-reservation is turned off, so Burstable/);
});

test('KUBELET008: full-pcpus-only with a reserved CPU whose sibling is not reserved', () => {
  const split = cpuPlan('0', '1,5');
  expect(withCode(check({}, '1.32', host, split), 'KUBELET008')[0].message).toBe(
    'reservedSystemCPUs 0-1,5 splits cores: with full-pcpus-only their other threads 4 can '
    + 'never be given to a VM');
});

test('KUBELET009: the static CPU manager with nothing reserved', () => {
  const none = cpuPlan('', '');
  expect(codesAndPaths(withCode(check({}, '1.32', host, none), 'KUBELET009')))
    .toEqual(['KUBELET009 nodes[0].cpus']);
});

test('KUBELET010: the Static memory manager with nothing reserved', () => {
  const kubelet = collect((f) => planKubelet({}, host, cpus, Version.parse('1.32'), 'userspace',
    'k', f)).result;
  const empty = { ...kubelet, reservedTotal: Size.ZERO, reservedMemory: [] };
  expect(withCode(checkWith(empty), 'KUBELET010')[0].upstream)
    .toBe('[memorymanager] you should specify the system reserved memory');
});

test('KUBELET011: no full-pcpus-only on an SMT host', () => {
  expect(codesAndPaths(withCode(check({ fullPcpusOnly: false }), 'KUBELET011')))
    .toEqual(['KUBELET011 nodes[0].kubelet.fullPcpusOnly']);
});

test('KUBELET012: a relative configuration path', () => {
  expect(withCode(check({ configPath: 'config.yaml' }), 'KUBELET012')[0].message)
    .toBe('the kubelet configuration path "config.yaml" is not absolute');
});

test('KUBELET014: a kubelet without the memory manager the plan turns on', () => {
  const [found] = withCode(check({}, '1.21'), 'KUBELET014');
  expect(found).toMatchObject({ severity: 'error', path: 'versions.kubelet' });
  expect(found.message).toContain('memoryManagerPolicy: Static with reservedMemory '
    + '(kubelet 1.22 and later; 1.21 has it only behind the alpha feature gate MemoryManager');
  expect(found.hint).toContain('kubelet 1.22 or later');
});

test('KUBELET014 names only the settings the plan writes for the pool', () => {
  const oneNuma = HostTopology.uniform({
    numaNodes: 1, coresPerNumaNode: 4, memoryPerNumaNode: Size.parse('16Gi'),
  });
  expect(withCode(check({}, '1.21', oneNuma, cpuPlan('0,4', '1,5')), 'KUBELET014'))
    .toEqual([]);
  const [found] = withCode(check({}, '1.16', oneNuma, cpuPlan('0,4', '1,5')), 'KUBELET014');
  expect(found.message).toContain('reservedSystemCPUs (kubelet 1.17 and later); it ignores it');
  expect(found.hint).toContain('kubelet 1.17 or later');
});

test('KUBELET014 is quiet from kubelet 1.22 on', () => {
  expect(withCode(check({}, '1.22'), 'KUBELET014')).toEqual([]);
});
