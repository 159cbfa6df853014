import { Size } from '../../src/model/size';
import { HostTopology } from '../../src/model/topology';
import { planHugepages, readFixedPages, readPageSize } from '../../src/plan/hugepages';
import { SocketMemory } from '../../src/plan/ovs-memory';
import { codesAndPaths, collect, withCode } from '../support/findings';

const GI = Size.parse('1Gi');
const host = HostTopology.uniform({
  numaNodes: 2, coresPerNumaNode: 2, memoryPerNumaNode: Size.parse('64Gi'),
});
const socket: SocketMemory = {
  mem: [Size.mebibytes(1024), Size.mebibytes(1024)],
  limit: [Size.mebibytes(1024), Size.mebibytes(1024)],
};

describe('readPageSize', () => {
  function read(size: string | undefined, arch = 'x86_64', vms = true) {
    return collect((f) => readPageSize(size === undefined ? undefined : { size }, arch, vms,
      'nodes[0].hugepages', f));
  }

  test('defaults to 1Gi', () => {
    expect(read(undefined).result.toQuantity()).toBe('1Gi');
  });

  test('takes 2Mi on x86_64', () => {
    expect(read('2Mi').diagnostics).toEqual([]);
  });

  test('HUGE001: an unreadable size falls back to 1Gi', () => {
    const { result, diagnostics } = read('1GB');
    expect(codesAndPaths(diagnostics)).toEqual(['HUGE001 nodes[0].hugepages.size']);
    expect(result.toQuantity()).toBe('1Gi');
  });

  test('HUGE002: x86_64 has no 16Mi hugepages', () => {
    expect(withCode(read('16Mi', 'x86_64', false).diagnostics, 'HUGE002')[0].message)
      .toBe('x86_64 has no 16Mi hugepages (it offers 2Mi, 1Gi)');
  });

  test('aarch64 offers 32Mi pages, which VMs cannot use (HUGE003)', () => {
    expect(codesAndPaths(read('32Mi', 'aarch64').diagnostics))
      .toEqual(['HUGE003 nodes[0].hugepages.size']);
  });

  test('an unknown architecture is not checked', () => {
    expect(read('2Mi', 'mips64').diagnostics).toEqual([]);
  });
});

describe('readFixedPages', () => {
  test('takes a whole count', () => {
    expect(collect((f) => readFixedPages({ pagesPerNumaNode: 30 }, GI, 'p', f)).result).toBe(30);
  });

  test('HUGE004: a fraction is reported and the pages sized instead', () => {
    const { result, diagnostics } = collect((f) => readFixedPages({ pagesPerNumaNode: 2.5 },
      GI, 'nodes[0].hugepages', f));
    expect(result).toBeUndefined();
    expect(codesAndPaths(diagnostics)).toEqual(['HUGE004 nodes[0].hugepages.pagesPerNumaNode']);
  });
});

describe('planHugepages', () => {
  test('without VMs, sizes the pages for OVS alone', () => {
    const plan = planHugepages({ host, size: GI, socket });
    expect(plan.perNumaNode.map((e) => e.pages)).toEqual([1, 1]);
    expect(plan.fixed).toBe(false);
  });

  test('sizes the pages for OVS and the VMs, rounded up', () => {
    const plan = planHugepages({
      host, size: GI, socket, vmDemand: new Map([[1, Size.parse('6Gi')]]),
    });
    expect(plan.perNumaNode.map((e) => e.pages)).toEqual([1, 7]);
  });

  test('OVS holds whole pages up to its limit', () => {
    const entry = planHugepages({
      host, size: GI, socket: { mem: socket.mem, limit: [Size.mebibytes(1536), Size.ZERO] },
    }).perNumaNode[0];
    expect([entry.ovs, entry.ovsHeld, entry.headroom].map(String)).toEqual(['1Gi', '2Gi', '1Gi']);
  });

  test('fixed pages leave what OVS and the VMs do not take', () => {
    const entry = planHugepages({
      host, size: GI, fixedPages: 30, socket, vmDemand: new Map([[0, Size.parse('8Gi')]]),
    }).perNumaNode[0];
    expect([entry.total, entry.free].map(String)).toEqual(['30Gi', '21Gi']);
  });

  test('fixed pages that cannot hold the VMs go negative with the shortfall', () => {
    const entry = planHugepages({
      host, size: GI, fixedPages: 4, socket, vmDemand: new Map([[0, Size.parse('5Gi')]]),
    }).perNumaNode[0];
    expect([entry.free, String(entry.shortfall)]).toEqual(['negative', '2Gi']);
  });

  test('NUMA nodes known to have no memory are left out', () => {
    const cpuOnly = HostTopology.of({
      numaNodes: [
        { id: 0, memory: Size.parse('8Gi'), cores: [{ socket: 0, threads: [0] }] },
        { id: 1, memory: Size.ZERO, cores: [{ socket: 0, threads: [1] }] },
      ],
    });
    expect(planHugepages({ host: cpuOnly, size: GI, socket }).perNumaNode.map((e) => e.numaNode))
      .toEqual([0]);
  });
});
