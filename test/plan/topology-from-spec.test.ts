import { cpuVendorOf, topologyFromSpec } from '../../src/plan/topology-from-spec';
import { collect, codesAndPaths, withCode } from '../support/findings';
import { readFixture } from '../support/lscpu-fixtures';

describe('topologyFromSpec', () => {
  test('builds a uniform machine with its memory', () => {
    const { result } = collect((f) => topologyFromSpec({
      uniform: { numaNodes: 2, coresPerNumaNode: 4, memoryPerNumaNode: '32Gi' },
    }, undefined, 'nodes[0]', f));
    expect(result?.cpusOf(1).toList()).toBe('4-7,12-15');
    expect(result?.memoryOf(1)?.toQuantity()).toBe('32Gi');
  });

  test('reads NUMA nodes one by one, socket 0 by default', () => {
    const { result } = collect((f) => topologyFromSpec({
      numaNodes: [{ id: 0, memory: '8Gi', cores: [{ threads: [0, 2] }, { threads: [1, 3] }] }],
    }, undefined, 'nodes[0]', f));
    expect(result?.siblingsOf(3).toList()).toBe('1,3');
    expect(result?.coresOf(0)[0].socket).toBe(0);
  });

  test('reads lscpu output with the memory given beside it', () => {
    const { result, diagnostics } = collect((f) => topologyFromSpec({
      lscpu: readFixture('dell-r610-xeon-2s-interleaved.txt'),
      memoryPerNumaNode: '24Gi',
    }, undefined, 'nodes[0]', f));
    expect(result?.cpusOf(0).toList()).toBe('0,2,4,6,8,10,12,14');
    expect(diagnostics).toEqual([]);
  });

  test('warns that lscpu output alone leaves the memory unknown', () => {
    const { diagnostics } = collect((f) => topologyFromSpec({
      lscpu: readFixture('dell-r610-xeon-2s-interleaved.txt'),
    }, undefined, 'nodes[0]', f));
    expect(codesAndPaths(diagnostics)).toEqual(['TOPO004 nodes[0].topology']);
  });

  test('refuses a topology given in two forms', () => {
    const { result, diagnostics } = collect((f) => topologyFromSpec({
      uniform: { numaNodes: 1, coresPerNumaNode: 2, memoryPerNumaNode: '1Gi' },
      lscpu: 'x',
    }, undefined, 'nodes[3]', f));
    expect(result).toBeUndefined();
    expect(withCode(diagnostics, 'TOPO001')[0].message).toBe(
      'the topology gives uniform and lscpu; only one form may be given');
  });

  test('refuses a topology given in no form', () => {
    const { diagnostics } = collect((f) => topologyFromSpec({}, undefined, 'nodes[0]', f));
    expect(codesAndPaths(diagnostics)).toEqual(['TOPO001 nodes[0].topology']);
  });

  test('reports a CPU listed twice instead of throwing', () => {
    const { result, diagnostics } = collect((f) => topologyFromSpec({
      numaNodes: [
        { id: 0, memory: '1Gi', cores: [{ threads: [0] }] },
        { id: 1, memory: '1Gi', cores: [{ threads: [0] }] },
      ],
    }, undefined, 'nodes[0]', f));
    expect(result).toBeUndefined();
    expect(withCode(diagnostics, 'TOPO002')[0].message).toMatch(/CPU 0 is listed twice/);
  });

  test('reports unreadable lscpu text', () => {
    const { diagnostics } = collect((f) => topologyFromSpec({ lscpu: 'hello' }, undefined,
      'nodes[0]', f));
    expect(codesAndPaths(diagnostics)).toEqual(['TOPO002 nodes[0].topology.lscpu']);
  });

  test('reports unreadable memory and plans without it, with no TOPO004 besides', () => {
    const { result, diagnostics } = collect((f) => topologyFromSpec({
      uniform: { numaNodes: 1, coresPerNumaNode: 2, memoryPerNumaNode: '64 GB' },
    }, undefined, 'nodes[0]', f));
    expect(result?.memoryOf(0)).toBeUndefined();
    expect(codesAndPaths(diagnostics)).toEqual([
      'TOPO003 nodes[0].topology.uniform.memoryPerNumaNode',
    ]);
  });

  test('takes memory beyond any machine for a typo, and asks for no memory besides', () => {
    const { result, diagnostics } = collect((f) => topologyFromSpec({
      uniform: { numaNodes: 4, coresPerNumaNode: 2, memoryPerNumaNode: '512Ti' },
    }, undefined, 'nodes[0]', f));
    expect(result?.memoryOf(0)).toBeUndefined();
    expect(codesAndPaths(diagnostics))
      .toEqual(['TOPO003 nodes[0].topology']);
  });

  test('warns about an architecture the rules do not know', () => {
    const { diagnostics } = collect((f) => topologyFromSpec({
      architecture: 'mips64',
      uniform: { numaNodes: 1, coresPerNumaNode: 2, memoryPerNumaNode: '1Gi' },
    }, undefined, 'nodes[0]', f));
    expect(codesAndPaths(diagnostics)).toEqual(['TOPO005 nodes[0].topology.architecture']);
  });

  describe('NICs', () => {
    const uniform = { uniform: { numaNodes: 2, coresPerNumaNode: 2, memoryPerNumaNode: '1Gi' } };

    test('adds the NICs with their NUMA node, driver and kind', () => {
      const { result } = collect((f) => topologyFromSpec(uniform, [
        { pci: 'af:00.0', numaNode: 1, driver: 'mlx5', virtualFunction: true },
      ], 'nodes[0]', f));
      expect(result?.nic('0000:af:00.0')).toMatchObject({
        numaNode: 1, driverFamily: 'mlx5', isVirtualFunction: true,
      });
    });

    test('reports an unreadable PCI address and leaves the NIC out', () => {
      const { result, diagnostics } = collect((f) => topologyFromSpec(uniform, [
        { pci: 'af:00' }, { pci: '0000:af:00.1' },
      ], 'nodes[0]', f));
      expect(result?.nics.map((nic) => nic.pci.toString())).toEqual(['0000:af:00.1']);
      expect(codesAndPaths(diagnostics)).toEqual(['NIC001 nodes[0].nics[0].pci']);
    });

    test('reports a NIC on a NUMA node the host lacks', () => {
      const { diagnostics } = collect((f) => topologyFromSpec(uniform, [
        { pci: '0000:af:00.0', numaNode: 2 },
      ], 'nodes[0]', f));
      expect(withCode(diagnostics, 'NIC004')[0].message).toBe(
        'the NIC 0000:af:00.0 is on NUMA node 2, which the host does not have (it has 0, 1)');
    });

    test('reports a NIC given twice', () => {
      const { diagnostics } = collect((f) => topologyFromSpec(uniform, [
        { pci: '0000:af:00.0' }, { pci: 'af:00.0' },
      ], 'nodes[0]', f));
      expect(codesAndPaths(diagnostics)).toEqual(['NIC005 nodes[0].nics[1].pci']);
    });
  });
});

describe('cpuVendorOf', () => {
  test('takes the vendor as given', () => {
    expect(cpuVendorOf({ cpuVendor: 'amd' })).toBe('amd');
  });

  test('reads AMD from the lscpu summary', () => {
    expect(cpuVendorOf({ lscpu: readFixture('amd-epyc7451-2s-8numa.txt') })).toBe('amd');
  });

  test('is Intel otherwise', () => {
    expect(cpuVendorOf({ uniform: { numaNodes: 1, coresPerNumaNode: 1, memoryPerNumaNode: '1Gi' } }))
      .toBe('intel');
  });
});
