import { Size } from '../../src/model/size';
import { capacityOf, withOvsPod, withVmDemand } from '../../src/plan/node-ledger';
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

  test('does not blame the kernel for pages sized in place of an unreadable count', () => {
    const { plan, diagnostics } = planOf(uniformNode({}, { hugepages: { pagesPerNumaNode: -5 } }));
    const later = collect((f) => withVmDemand(plan, new Map([[0, gi(1)]]), f)).diagnostics;
    expect([codesOf(diagnostics), codesOf(later)]).toEqual([['HUGE004'], []]);
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

describe('withOvsPod', () => {
  const kubeOvn = { path: 'kube-ovn' as const };
  const hosts = { hosts: [{ name: 'w1', encapIp: '10.0.0.1/24' }] };

  test('books the ovs-ovn-dpdk pod\'s request in the host ledger', () => {
    const { plan } = planOf(uniformNode({}, { ...hosts, hugepages: { pagesPerNumaNode: 8 } }),
      kubeOvn);
    const next = collect((f) => withOvsPod(plan, gi(3), f)).result;
    expect(next.hugepages.host).toMatchObject({
      pages: 16, ovsPod: gi(3), unusedByOvs: gi(1), free: gi(13),
    });
  });

  test('leaves VMs only what the host keeps beside the request', () => {
    const { plan } = planOf(uniformNode({}, { ...hosts, hugepages: { pagesPerNumaNode: 8 } }),
      kubeOvn);
    const next = collect((f) => withOvsPod(plan, gi(6), f)).result;
    // 16 pages less the pod's 6Gi: 10Gi, though each NUMA node has 7Gi beside OVS.
    expect([String(next.hostCapacity), next.capacity.map((c) => String(c.hugepages))])
      .toEqual(['10Gi', ['7Gi', '7Gi']]);
  });

  test('bounds each NUMA node by what the host offers', () => {
    const { plan } = planOf(uniformNode({ numaNodes: 1 }, {
      ...hosts, hugepages: { pagesPerNumaNode: 8 },
    }), kubeOvn);
    const next = collect((f) => withOvsPod(plan, gi(3), f)).result;
    expect(next.capacity.map((c) => String(c.hugepages))).toEqual(['5Gi']);
  });

  test('sizes pages for what the pod books beyond what OVS holds', () => {
    const { plan } = planOf(uniformNode({}, hosts), kubeOvn);
    const next = collect((f) => withOvsPod(plan, gi(3), f)).result;
    expect([next.hugepages.perNumaNode.map((e) => e.pages), next.hugepages.host?.free])
      .toEqual([[2, 1], Size.ZERO]);
  });

  test('reports fixed pages that cannot hold the request (HUGE007)', () => {
    const { plan } = planOf(uniformNode({ numaNodes: 1 }, {
      ...hosts, hugepages: { pagesPerNumaNode: 1 },
    }), kubeOvn);
    const { diagnostics } = collect((f) => withOvsPod(plan, gi(2), f));
    expect(diagnostics.map((d) => `${d.code} ${d.path} ${d.upstream}`))
      .toEqual(['HUGE007 nodes[0].hugepages.pagesPerNumaNode Insufficient hugepages-1Gi']);
  });

  test('counts the busiest host\'s VMs beside the request once VMs are placed', () => {
    const { plan } = planOf(uniformNode({}, { ...hosts, hugepages: { pagesPerNumaNode: 8 } }),
      kubeOvn);
    const booked = collect((f) => withOvsPod(plan, gi(3), f)).result;
    const { result, diagnostics } = collect((f) => withVmDemand(booked,
      new Map([[0, gi(7)], [1, gi(7)]]), f, gi(14)));
    expect([result.hugepages.host?.shortfall, diagnostics.map((d) => d.code)])
      .toEqual([gi(1), ['HUGE007']]);
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

  test('sized pages offer nothing on a NUMA node without VM CPUs', () => {
    const { plan } = planOf(uniformNode({ numaNodes: 1, coresPerNumaNode: 2 }));
    expect(capacityOf(plan)).toEqual([{ numaNode: 0, cpus: 0, hugepages: Size.ZERO }]);
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
