import { Size } from '../../src/model/size';
import { capacityOf, withVmDemand } from '../../src/plan/node-ledger';
import { collect } from '../support/findings';
import { codesOf, planOf, uniformNode } from '../support/node-plan';

const gi = (n: number) => Size.parse(`${n}Gi`);

describe('withVmDemand', () => {
  test('sizes the boot pages for OVS and the VMs of each NUMA node', () => {
    const { plan } = planOf(uniformNode({}, { kernel: { version: '6.1.0-18-amd64' } }));
    const { result, diagnostics } = collect((f) => withVmDemand(plan, new Map([[1, gi(6)]]), f));
    expect([result.hugepages.perNumaNode.map((e) => e.pages), diagnostics]).toEqual([[1, 7], []]);
  });

  test('writes the per-node kernel syntax for the new pages', () => {
    const { plan } = planOf(uniformNode({}, { kernel: { version: '6.1.0-18-amd64' } }));
    const next = collect((f) => withVmDemand(plan, new Map([[1, gi(6)]]), f)).result;
    expect(next.kernel.args).toContain('hugepages=0:1,1:7');
  });

  test('reports pages that now differ on a kernel of unknown version (KERNEL002)', () => {
    const { plan } = planOf(uniformNode());
    expect(codesOf(collect((f) => withVmDemand(plan, new Map([[1, gi(6)]]), f)).diagnostics))
      .toEqual(['KERNEL002']);
  });

  test('fills the ledger of fixed pages and reports it below zero (HUGE005)', () => {
    const { plan } = planOf(uniformNode({}, { hugepages: { pagesPerNumaNode: 8 } }));
    const { result, diagnostics } = collect((f) => withVmDemand(plan, new Map([[0, gi(9)]]), f));
    expect([String(result.hugepages.perNumaNode[0].shortfall), codesOf(diagnostics)])
      .toEqual(['2Gi', ['HUGE005']]);
  });

  test('does not report again what planNode reported', () => {
    const { plan, diagnostics } = planOf(uniformNode({}, { hugepages: { pagesPerNumaNode: 0 } }));
    const again = collect((f) => withVmDemand(plan, new Map([[0, gi(2)]]), f)).diagnostics;
    expect([codesOf(diagnostics), again]).toEqual([['HUGE005', 'HUGE005'], []]);
  });

  test('reports pages that no longer fit beside the reserved memory (HUGE006)', () => {
    const { plan } = planOf(uniformNode({ memoryPerNumaNode: '16Gi' }));
    expect(codesOf(collect((f) => withVmDemand(plan, new Map([[0, gi(15)], [1, gi(15)]]), f))
      .diagnostics)).toEqual(['HUGE006', 'HUGE006']);
  });

  test('keeps the capacity from before the VMs', () => {
    const { plan } = planOf(uniformNode());
    const next = collect((f) => withVmDemand(plan, new Map([[0, gi(4)]]), f)).result;
    expect(capacityOf(next)).toEqual(capacityOf(plan));
  });
});

describe('capacityOf', () => {
  test('counts the VM CPUs of each NUMA node', () => {
    const { plan } = planOf(uniformNode());
    expect(capacityOf(plan).map((c) => c.cpus)).toEqual([12, 12]);
  });

  test('fixed pages leave what OVS does not hold', () => {
    const { plan } = planOf(uniformNode({}, { hugepages: { pagesPerNumaNode: 30 } }));
    expect(capacityOf(plan).map((c) => String(c.hugepages))).toEqual(['29Gi', '29Gi']);
  });

  test('sized pages leave the memory beside reservations and VM pod overhead', () => {
    // 64Gi - 1124Mi reserved - 12 × 256Mi overhead = 59Gi and a bit; OVS holds 1Gi.
    const { plan } = planOf(uniformNode());
    expect(String(capacityOf(plan)[0].hugepages)).toBe('58Gi');
  });

  test('sized pages on memory of unknown size are unbounded', () => {
    const { plan } = planOf({
      name: 'x',
      topology: { numaNodes: [{ id: 0, cores: [0, 1, 2].map((c) => ({ threads: [c] })) }] },
    });
    expect(capacityOf(plan)[0]).toEqual({
      numaNode: 0, cpus: 1, hugepages: Size.ZERO, hugepagesUnbounded: true,
    });
  });
});
