import * as fc from 'fast-check';
import { Size } from '../../src/model/size';
import { HostTopology } from '../../src/model/topology';
import {
  readMemoryReservation, readReservedMemory, spreadReservedMemory,
} from '../../src/plan/reserved-memory';
import { KubeletSpec } from '../../src/spec/node';
import { codesAndPaths, collect } from '../support/findings';

const host = HostTopology.uniform({
  numaNodes: 2, coresPerNumaNode: 2, memoryPerNumaNode: Size.parse('64Gi'),
});

function reservation(spec: KubeletSpec = {}, on = host) {
  return collect((f) => readMemoryReservation(spec, on, 'nodes[0].kubelet', f));
}

describe('readMemoryReservation', () => {
  test('defaults to 1Gi + 1Gi + the kubelet\'s 100Mi eviction threshold', () => {
    expect(reservation().result.total.toQuantity()).toBe('2148Mi');
  });

  test('resolves a percentage threshold against the node memory as the kubelet does', () => {
    const { result } = reservation({ evictionHard: '10%' });
    // 10% held as a float32 fraction of 128Gi, truncated to bytes.
    expect(result.eviction.bytes).toBe(Math.trunc(128 * 1024 ** 3 * Math.fround(0.1)));
  });

  test('KUBELET005: a percentage of unknown memory', () => {
    const unknown = HostTopology.uniform({ numaNodes: 1, coresPerNumaNode: 2 });
    expect(codesAndPaths(reservation({ evictionHard: '5%' }, unknown).diagnostics))
      .toEqual(['KUBELET005 nodes[0].kubelet.evictionHard']);
  });

  test('KUBELET003: unreadable values are reported and their defaults used', () => {
    const { result, diagnostics } = reservation({
      kubeReservedMemory: '2 Gi', evictionHard: 'lots',
    });
    expect(codesAndPaths(diagnostics)).toEqual([
      'KUBELET003 nodes[0].kubelet.kubeReservedMemory',
      'KUBELET003 nodes[0].kubelet.evictionHard',
    ]);
    expect(result.total.toQuantity()).toBe('2148Mi');
  });

  test('KUBELET003: more memory than any machine has is taken for a typo', () => {
    const { result, diagnostics } = reservation({
      systemReservedMemory: '2Pi', evictionHard: '3Pi',
    });
    expect(codesAndPaths(diagnostics)).toEqual([
      'KUBELET003 nodes[0].kubelet.systemReservedMemory',
      'KUBELET003 nodes[0].kubelet.evictionHard',
    ]);
    expect(result.total.toQuantity()).toBe('2Gi');
  });

  test('keeps evictionHard as given, so that only given thresholds are written', () => {
    expect(reservation({ evictionHard: '200Mi' }).result.evictionHard).toBe('200Mi');
    expect(reservation().result.evictionHard).toBeUndefined();
  });
});

describe('spreadReservedMemory', () => {
  test('gives the manual guide\'s 2148Mi and 2Gi for 2Gi + 2Gi + 100Mi on two nodes', () => {
    const r = reservation({ kubeReservedMemory: '2Gi', systemReservedMemory: '2Gi' }).result;
    expect(spreadReservedMemory(r, [0, 1]).map((e) => e.memory.toQuantity()))
      .toEqual(['2148Mi', '2Gi']);
  });

  test('gives node 0 what does not divide in whole MiB', () => {
    const r = reservation({ kubeReservedMemory: '1Gi', systemReservedMemory: '1025Mi' }).result;
    expect(spreadReservedMemory(r, [0, 1, 2]).map((e) => e.memory.toQuantity()))
      .toEqual(['783Mi', '683Mi', '683Mi']);
  });

  test('sums exactly for any reservation and any number of NUMA nodes', () => {
    fc.assert(fc.property(
      fc.integer({ min: 0, max: 2 ** 36 }), fc.integer({ min: 0, max: 2 ** 36 }),
      fc.integer({ min: 1, max: 2 ** 30 }), fc.integer({ min: 1, max: 16 }),
      (kube, system, eviction, nodes) => {
        const r = {
          kube: Size.bytes(kube),
          system: Size.bytes(system),
          eviction: Size.bytes(eviction),
          total: Size.bytes(kube + system + eviction),
        };
        const ids = Array.from({ length: nodes }, (_, i) => i);
        const spread = spreadReservedMemory(r, ids);
        return Size.sum(spread.map((e) => e.memory)).equals(r.total)
          && spread.every((e, i) => e.numaNode === i);
      }));
  });
});

describe('readReservedMemory', () => {
  test('maps entries to NUMA node ids in order', () => {
    const { result } = collect((f) => readReservedMemory(['1Gi', '2Gi'], [0, 2], 'k', f));
    expect(result.map((e) => e.numaNode)).toEqual([0, 2]);
  });

  test('keeps extra entries on the ids after the last node, for the rules', () => {
    const { result } = collect((f) => readReservedMemory(['1Gi', '1Gi', '1Gi'], [0, 1], 'k', f));
    expect(result.map((e) => e.numaNode)).toEqual([0, 1, 2]);
  });

  test('KUBELET003: an unreadable entry is reported and left out', () => {
    const { result, diagnostics } = collect((f) => readReservedMemory(['1Gi', 'x'], [0, 1],
      'nodes[0].kubelet', f));
    expect(result.length).toBe(1);
    expect(codesAndPaths(diagnostics)).toEqual(['KUBELET003 nodes[0].kubelet.reservedMemory[1]']);
  });
});
