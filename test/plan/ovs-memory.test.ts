import { Size } from '../../src/model/size';
import { HostTopology } from '../../src/model/topology';
import {
  mempoolSize, planSocketMemory, roundUpToPages, socketListText,
} from '../../src/plan/ovs-memory';
import { OvsSpec } from '../../src/spec/node';
import { codesAndPaths, collect, withCode } from '../support/findings';

const GI = Size.parse('1Gi');

describe('mempoolSize', () => {
  test.each([
    // OVS "DPDK Device Memory Models": 262144 mbufs × 3008 B at MTU 1500 (788 MB).
    [1500, 752],
    [1800, 752],
    [6000, 1776],
    [9000, 2544],
    // Small MTUs get 16384 mbufs.
    [500, 31],
  ])('MTU %i needs %i MiB', (mtu, mib) => {
    expect(mempoolSize(mtu).toMebibytes()).toBe(mib);
  });

  test('an MTU just below 1500 still rounds into the large pool', () => {
    expect(mempoolSize(1400).equals(mempoolSize(1500))).toBe(true);
  });
});

describe('planSocketMemory', () => {
  const two = HostTopology.uniform({ numaNodes: 2, coresPerNumaNode: 2 });

  function plan(spec?: OvsSpec, host = two, pageSize = GI, mtu = 1500) {
    return collect((f) => planSocketMemory(spec, host, pageSize, mtu, 'nodes[0].ovs', f));
  }

  test('defaults to 1024 MiB on every NUMA node, the limit alike', () => {
    const { result } = plan();
    expect([socketListText(result.mem), socketListText(result.limit)])
      .toEqual(['1024,1024', '1024,1024']);
  });

  test('defaults to the jumbo-frame mempool in whole pages', () => {
    expect(socketListText(plan(undefined, two, GI, 9000).result.mem)).toBe('3072,3072');
  });

  test('indexes entries by NUMA node id, with 0 for missing ids and memory-only nodes', () => {
    const gappy = HostTopology.of({
      numaNodes: [
        { id: 0, cores: [{ socket: 0, threads: [0] }] },
        { id: 2, cores: [] },
        { id: 3, cores: [{ socket: 1, threads: [1] }] },
      ],
    });
    expect(socketListText(plan(undefined, gappy).result.mem)).toBe('1024,0,0,1024');
  });

  test('reads the lists as given, quotes and all', () => {
    const { result } = plan({ socketMem: '"2048,1024"', socketLimit: '4096,0' });
    expect([socketListText(result.mem), socketListText(result.limit)])
      .toEqual(['2048,1024', '4096,0']);
  });

  test('OVS001: a list that is not whole MiB is reported and the default used', () => {
    const { result, diagnostics } = plan({ socketMem: '1G,1G' });
    expect(codesAndPaths(diagnostics)).toEqual(['OVS001 nodes[0].ovs.socketMem']);
    expect(socketListText(result.mem)).toBe('1024,1024');
  });

  test('OVS002: too few entries are reported and read as 0, as DPDK reads them', () => {
    const { result, diagnostics } = plan({ socketMem: '1024' });
    expect(withCode(diagnostics, 'OVS002')[0].message).toBe(
      'dpdk-socket-mem "1024" has 1 entry, but the host has NUMA node ids 0 to 1; entry i is '
      + 'NUMA node i and a missing entry means 0 MiB');
    expect(socketListText(result.mem)).toBe('1024,0');
  });

  test('OVS002: too many entries are reported and cut', () => {
    const { result, diagnostics } = plan({ socketLimit: '1024,1024,1024' });
    expect(codesAndPaths(diagnostics)).toEqual(['OVS002 nodes[0].ovs.socketLimit']);
    expect(result.limit.length).toBe(2);
  });
});

describe('roundUpToPages', () => {
  test('rounds up to whole pages', () => {
    expect(roundUpToPages(Size.parse('1025Mi'), GI).toQuantity()).toBe('2Gi');
    expect(roundUpToPages(Size.ZERO, GI).isZero).toBe(true);
  });
});
