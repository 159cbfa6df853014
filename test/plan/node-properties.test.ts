// Properties of planNode over generated hosts: it never throws, its default
// plans are rule-clean, and every CPU that is neither housekeeping nor PMD is
// usable by VMs.
import * as fc from 'fast-check';
import { Size } from '../../src/model/size';
import { NodeContext, planNode } from '../../src/plan/node';
import { capacityOf, withVmDemand } from '../../src/plan/node-ledger';
import { NodePlan } from '../../src/plan/types';
import { Version } from '../../src/plan/versions';
import { CoreSpec, NumaNodeSpec } from '../../src/spec/host';
import { NodeSpec } from '../../src/spec/node';
import { collect } from '../support/findings';

const RUNS = { numRuns: 150 };

const contextArb = (versions: { kubelet: string[]; ovs: string[] }) => fc.record({
  path: fc.constantFrom('kube-ovn' as const, 'userspace' as const),
  kubeletVersion: fc.constantFrom(...versions.kubelet).map((v) => Version.parse(v)),
  ovsVersion: fc.constantFrom(...versions.ovs).map((v) => Version.parse(v)),
  vhostUserVmsPossible: fc.boolean(),
});
const modern = contextArb({ kubelet: ['1.32', '1.33', '1.35'], ovs: ['3.1', '3.3', '3.5', '3.7'] });
// From the oldest kubelet that reads everything a plan writes (KUBELET014).
const anyVersion = contextArb({
  kubelet: ['1.22', '1.23', '1.28', '1.31', '1.32', '1.35'],
  ovs: ['2.17', '3.1', '3.3', '3.5', '4.0'],
});

const HOSTS = [{ name: 'node-1', encapIp: '10.0.0.1/24' }];

/** Uniform machines with at least three cores per NUMA node and a NIC on one of them. */
const uniformArb = fc.record({
  numaNodes: fc.integer({ min: 1, max: 4 }),
  coresPerNumaNode: fc.integer({ min: 3, max: 12 }),
  threadsPerCore: fc.integer({ min: 1, max: 2 }),
  siblings: fc.constantFrom('split' as const, 'adjacent' as const),
  memoryGi: fc.integer({ min: 16, max: 256 }),
  nicNode: fc.nat(),
}).map(({ memoryGi, nicNode, ...uniform }): NodeSpec => ({
  name: 'pool',
  hosts: HOSTS,
  topology: { uniform: { ...uniform, memoryPerNumaNode: `${memoryGi}Gi` } },
  nics: [{ pci: '0000:af:00.0', numaNode: nicNode % uniform.numaNodes }],
}));

/**
 * Irregular machines: NUMA node ids with gaps, nodes with 0 to 6 cores (one with
 * at least 3, where the NIC sits), cores of one or two threads, CPU ids shuffled.
 */
const irregularArb = fc.record({
  ids: fc.uniqueArray(fc.integer({ min: 0, max: 7 }), { minLength: 1, maxLength: 4 }),
  cores: fc.array(fc.array(fc.integer({ min: 1, max: 2 }), { maxLength: 6 }), {
    minLength: 4, maxLength: 4,
  }),
  memoryGi: fc.option(fc.integer({ min: 4, max: 64 })),
  seed: fc.integer(),
}).map(({ ids, cores, memoryGi, seed }): NodeSpec => {
  const sorted = [...ids].sort((a, b) => a - b);
  const layout = sorted.map((_, i) => (i === 0 ? [1, 2, 1, ...cores[i]] : cores[i]));
  const total = layout.flat().reduce((sum, n) => sum + n, 0);
  const cpuIds = shuffled(Array.from({ length: total }, (_, i) => i), seed);
  let next = 0;
  const numaNodes = sorted.map((id, i): NumaNodeSpec => ({
    id,
    ...(memoryGi !== null ? { memory: `${memoryGi}Gi` } : {}),
    cores: layout[i].map((threads): CoreSpec => ({
      threads: Array.from({ length: threads }, () => cpuIds[next++]),
    })),
  }));
  return {
    name: 'pool',
    hosts: HOSTS,
    topology: { numaNodes },
    nics: [{ pci: '0000:af:00.0', numaNode: sorted[0] }],
  };
});

function shuffled<T>(items: T[], seed: number): T[] {
  const out = [...items];
  const modulus = 2 ** 32;
  let s = Math.abs(seed) % modulus;
  for (let i = out.length - 1; i > 0; i--) {
    s = (s * 1664525 + 1013904223) % modulus;
    const j = s % (i + 1);
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

function plan(spec: NodeSpec, ctx: NodeContext) {
  return collect((f) => planNode(spec, 0, ctx, f));
}

/** Σ VM CPUs over the capacity / (all CPUs − housekeeping − PMD). */
function vmCpuRatio(p: NodePlan): number {
  const usable = capacityOf(p).reduce((sum, c) => sum + c.cpus, 0);
  const rest = p.topology.cpus().difference(p.cpus.housekeeping).difference(p.cpus.pmd).size;
  return rest === 0 ? 1 : usable / rest;
}

test('default plans of uniform machines report nothing on current kubelets', () => {
  fc.assert(fc.property(uniformArb, modern, (spec, ctx) => {
    const { result, diagnostics } = plan(spec, ctx);
    expect(diagnostics).toEqual([]);
    expect(result).toBeDefined();
  }), RUNS);
});

test('default plans of uniform machines have no errors on any kubelet or OVS', () => {
  fc.assert(fc.property(uniformArb, anyVersion, (spec, ctx) => {
    expect(plan(spec, ctx).diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  }), RUNS);
});

test('default plans of irregular machines have no errors', () => {
  fc.assert(fc.property(irregularArb, modern, (spec, ctx) => {
    const { result, diagnostics } = plan(spec, ctx);
    expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(result).toBeDefined();
  }), RUNS);
});

test('VMs can use every CPU that is neither housekeeping nor PMD (ratio 1)', () => {
  fc.assert(fc.property(fc.oneof(uniformArb, irregularArb), modern, (spec, ctx) => {
    const p = plan(spec, ctx).result as NodePlan;
    expect(vmCpuRatio(p)).toBe(1);
  }), RUNS);
});

test('housekeeping, PMD and VM CPUs split every host into whole cores', () => {
  fc.assert(fc.property(fc.oneof(uniformArb, irregularArb), modern, (spec, ctx) => {
    const p = plan(spec, ctx).result as NodePlan;
    const { housekeeping, pmd, vm } = p.cpus;
    expect(housekeeping.union(pmd).union(vm).equals(p.topology.cpus())).toBe(true);
    expect(housekeeping.size + pmd.size + vm.size).toBe(p.topology.cpus().size);
    for (const set of [housekeeping, pmd, vm]) {
      expect(set.toArray().every((cpu) => p.topology.siblingsOf(cpu).isSubsetOf(set))).toBe(true);
    }
  }), RUNS);
});

/** Anything a person might type, valid or not. */
const text = fc.oneof(
  fc.string({ maxLength: 12 }),
  fc.constantFrom('0-1', '0xf00', '8-11', '1024,124', '1Gi', '2Mi', '200Mi', '5%', '0', ''),
);
const anyNumber = fc.oneof(fc.integer({ min: -5, max: 100 }), fc.double(), fc.constant(1e15));

const overridesArb = fc.record({
  cpus: fc.record({
    housekeeping: text, pmd: text, lcore: text, pmdCoresPerNumaNode: anyNumber,
  }, { requiredKeys: [] }),
  hugepages: fc.record({ size: text, pagesPerNumaNode: anyNumber }, { requiredKeys: [] }),
  ovs: fc.record({
    socketMem: text,
    socketLimit: text,
    tso: fc.boolean(),
    mtu: anyNumber,
    podCpuLimit: text,
    handlerThreads: anyNumber,
    revalidatorThreads: anyNumber,
  }, { requiredKeys: [] }),
  kubelet: fc.record({
    kubeReservedMemory: text,
    systemReservedMemory: text,
    evictionHard: text,
    reservedMemory: fc.array(text, { maxLength: 4 }),
    configPath: text,
    strictCpuReservation: fc.boolean(),
    fullPcpusOnly: fc.boolean(),
  }, { requiredKeys: [] }),
  kernel: fc.record({ version: text, nohzFull: fc.boolean(), rcuNocbs: fc.boolean() },
    { requiredKeys: [] }),
  nics: fc.array(fc.record({
    pci: fc.oneof(text, fc.constantFrom('af:00.0', '0000:3b:00.1')),
    numaNode: fc.option(fc.integer({ min: -1, max: 5 }), { nil: undefined }),
    virtualFunction: fc.boolean(),
    port: fc.option(text, { nil: undefined }),
  }, { requiredKeys: ['pci'] }), { maxLength: 3 }),
  hosts: fc.array(fc.record({ name: text, encapIp: fc.option(text, { nil: undefined }) }), {
    maxLength: 2,
  }),
}, { requiredKeys: [] });

/** Topologies as they may be mistyped: bad counts, repeated CPUs, random text. */
const brokenTopologyArb = fc.oneof(
  fc.record({
    numaNodes: anyNumber,
    coresPerNumaNode: anyNumber,
    threadsPerCore: anyNumber,
    memoryPerNumaNode: text,
  }).map((uniform) => ({ uniform })),
  fc.array(fc.record({
    id: fc.integer({ min: -1, max: 9 }),
    memory: fc.option(text, { nil: undefined }),
    cores: fc.array(fc.record({
      threads: fc.array(fc.integer({ min: -1, max: 20 }), { maxLength: 3 }),
    }), { maxLength: 4 }),
  }), { maxLength: 3 }).map((numaNodes) => ({ numaNodes })),
  text.map((lscpu) => ({ lscpu })),
).map((topology): NodeSpec => ({ name: 'pool', topology } as NodeSpec));

test('planNode never throws, whatever the overrides, and withVmDemand keeps the ledger', () => {
  fc.assert(fc.property(
    fc.oneof(uniformArb, irregularArb, brokenTopologyArb), overridesArb, anyVersion,
    fc.array(fc.tuple(fc.integer({ min: 0, max: 8 }), fc.integer({ min: 0, max: 512 }))),
    (base, overrides, ctx, demand) => {
      const spec = { ...base, ...overrides } as NodeSpec;
      const { result } = plan(spec, ctx);
      if (result === undefined) {
        return;
      }
      const vms = new Map(demand.map(([node, gi]) => [node, Size.parse(`${gi}Gi`)]));
      const next = collect((f) => withVmDemand(result, vms, f)).result;
      for (const e of next.hugepages.perNumaNode) {
        const rest = e.free === 'negative' ? Size.ZERO : e.free;
        const short = e.shortfall ?? Size.ZERO;
        expect(e.ovsHeld.plus(e.vms).plus(rest).equals(e.total.plus(short))).toBe(true);
      }
    }), RUNS);
});
