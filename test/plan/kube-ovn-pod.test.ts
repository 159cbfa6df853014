import { planOvsDpdkPod } from '../../src/plan/kube-ovn-pod';
import { collect, withCode } from '../support/findings';
import { nodePlanFixture } from '../support/render-plans';

const twoNumaNodes = (socketMem: number[], name = 'dpdk') =>
  nodePlanFixture({ name, numaNodes: 2, socketMem, housekeeping: '0', pmd: '1' });

describe('planOvsDpdkPod', () => {
  test('two NUMA nodes of 1024 MiB socket memory need 2Gi of 1Gi pages, as in the guide', () => {
    const pod = collect((f) => planOvsDpdkPod([twoNumaNodes([1024, 1024])], f)).result;

    expect([String(pod?.pageSize), String(pod?.hugepages)]).toEqual(['1Gi', '2Gi']);
  });

  test('rounds socket memory up to whole pages', () => {
    const pod = collect((f) => planOvsDpdkPod([twoNumaNodes([1024, 512])], f)).result;

    expect(String(pod?.hugepages)).toBe('2Gi');
  });

  test('asks every host for what the pool that holds the most needs', () => {
    const pools = [nodePlanFixture({ name: 'small' }), twoNumaNodes([1024, 2048], 'big')];

    const pod = collect((f) => planOvsDpdkPod(pools, f)).result;

    expect(String(pod?.hugepages)).toBe('3Gi');
  });

  test('takes the CPU limit of the pool with the most PMD CPUs', () => {
    const pools = [
      nodePlanFixture({ name: 'a', pmd: '8-9' }),
      nodePlanFixture({ name: 'b', pmd: '8-11' }),
    ];

    expect(collect((f) => planOvsDpdkPod(pools, f)).result?.cpuLimit).toBe(5);
  });

  test('reports pools of different page sizes at the second size (HUGE008)', () => {
    const pools = [
      nodePlanFixture({ name: 'a' }),
      { ...nodePlanFixture({ name: 'b', pageSize: '2Mi', pagesPerNumaNode: 1024 }), index: 1 },
    ];

    const { result, diagnostics } = collect((f) => planOvsDpdkPod(pools, f));

    expect(result).toBeUndefined();
    expect(withCode(diagnostics, 'HUGE008').map((d) => d.path))
      .toEqual(['nodes[1].hugepages.size']);
  });

  test('plans nothing without pools', () => {
    expect(collect((f) => planOvsDpdkPod([], f)).result).toBeUndefined();
  });
});
