import { CpuSet } from '../../src/model/cpuset';
import { Size } from '../../src/model/size';
import { HostTopology } from '../../src/model/topology';
import { planKubelet } from '../../src/plan/kubelet';
import { CpuPlan } from '../../src/plan/types';
import { Version } from '../../src/plan/versions';
import { NetworkPath } from '../../src/spec/network';
import { KubeletSpec } from '../../src/spec/node';
import { collect } from '../support/findings';

function hostOf(numaNodes: number) {
  return HostTopology.uniform({
    numaNodes, coresPerNumaNode: 2, memoryPerNumaNode: Size.parse('16Gi'),
  });
}

const cpus: CpuPlan = {
  housekeeping: CpuSet.parse('0,4'),
  pmd: CpuSet.parse('1,5'),
  isolated: CpuSet.parse('1,5'),
  reservedSystem: CpuSet.parse('0-1,4-5'),
  vm: CpuSet.parse('2-3,6-7'),
  pmdNumaNodes: [0],
};

function plan(
  spec: KubeletSpec = {}, numaNodes = 2, version = '1.32', networkPath: NetworkPath = 'userspace',
) {
  return collect((f) => planKubelet(spec, hostOf(numaNodes), cpus, Version.parse(version),
    networkPath, 'nodes[0].kubelet', f)).result;
}

test('uses the static CPU manager with housekeeping and PMD CPUs reserved', () => {
  const config = plan().config;
  expect([config.cpuManagerPolicy, config.reservedSystemCPUs]).toEqual(['static', '0-1,4-5']);
});

test('asks for single-numa-node and the Static memory manager on two NUMA nodes', () => {
  const config = plan().config;
  expect([config.topologyManagerPolicy, config.memoryManagerPolicy])
    .toEqual(['single-numa-node', 'Static']);
});

test('writes reservedMemory per NUMA node as the kubelet reads it', () => {
  expect(plan({ kubeReservedMemory: '2Gi', systemReservedMemory: '2Gi' }).config.reservedMemory)
    .toEqual([
      { numaNode: 0, limits: { memory: '2148Mi' } },
      { numaNode: 1, limits: { memory: '2Gi' } },
    ]);
});

test('leaves topology and memory managers out on one NUMA node', () => {
  const kubelet = plan({}, 1);
  expect([kubelet.config.topologyManagerPolicy, kubelet.reservedMemory])
    .toEqual([undefined, []]);
});

test('kubelet 1.32 gets both CPU manager options and the alpha gate', () => {
  const config = plan().config;
  expect([config.cpuManagerPolicyOptions, config.featureGates]).toEqual([
    { 'full-pcpus-only': 'true', 'strict-cpu-reservation': 'true' },
    { CPUManagerPolicyAlphaOptions: true },
  ]);
});

test('leaves strict-cpu-reservation off on Kube-OVN, where OVS runs in a Burstable pod', () => {
  const config = plan({}, 2, '1.33', 'kube-ovn').config;
  expect(config.cpuManagerPolicyOptions).toEqual({ 'full-pcpus-only': 'true' });
});

test('kubelet 1.33 needs no gate for strict-cpu-reservation', () => {
  expect(plan({}, 2, '1.33').config.featureGates).toBeUndefined();
});

test('kubelet 1.31 has full-pcpus-only only', () => {
  expect(plan({}, 2, '1.31').config.cpuManagerPolicyOptions)
    .toEqual({ 'full-pcpus-only': 'true' });
});

test('kubelet 1.22 has no CPU manager options', () => {
  const kubelet = plan({}, 2, '1.22');
  expect([kubelet.fullPcpusOnly, kubelet.config.cpuManagerPolicyOptions])
    .toEqual([false, undefined]);
});

test('the options can be turned off', () => {
  expect(plan({ strictCpuReservation: false, fullPcpusOnly: false }).config
    .cpuManagerPolicyOptions).toBeUndefined();
});

test('writes evictionHard only when given', () => {
  expect(plan().config.evictionHard).toBeUndefined();
  expect(plan({ evictionHard: '5%' }).config.evictionHard).toEqual({ 'memory.available': '5%' });
});

test('lifts the 8 NUMA node limit where the kubelet can', () => {
  expect(plan({}, 9, '1.31').config.topologyManagerPolicyOptions)
    .toEqual({ 'max-allowable-numa-nodes': '9' });
  expect(plan({}, 9, '1.30').config.topologyManagerPolicyOptions).toBeUndefined();
});

test('takes the configuration path as given', () => {
  expect(plan({ configPath: '/etc/kubernetes/kubelet.yaml' }).configPath)
    .toBe('/etc/kubernetes/kubelet.yaml');
});

test('a given reservedMemory turns the memory manager on for one NUMA node too', () => {
  const kubelet = plan({ reservedMemory: ['2148Mi'] }, 1);
  expect([kubelet.config.memoryManagerPolicy, kubelet.config.topologyManagerPolicy])
    .toEqual(['Static', undefined]);
});
