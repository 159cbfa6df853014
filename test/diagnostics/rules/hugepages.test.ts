import { checkHugepages } from '../../../src/diagnostics/rules/hugepages';
import { Size } from '../../../src/model/size';
import { HostTopology } from '../../../src/model/topology';
import { planHugepages } from '../../../src/plan/hugepages';
import { codesAndPaths, collect } from '../../support/findings';

const gib = Size.parse('1Gi');
const host = HostTopology.uniform({
  numaNodes: 2, coresPerNumaNode: 2, memoryPerNumaNode: Size.parse('32Gi'),
});
const socket = { mem: [gib, gib], limit: [gib, gib] };
const reserved = new Map([[0, Size.parse('2148Mi')], [1, Size.parse('2Gi')]]);

function check(fixedPages: number | undefined, demand: Array<[number, string]> = []) {
  const plan = planHugepages({
    host,
    size: gib,
    socket,
    fixedPages,
    vmDemand: new Map(demand.map(([node, size]) => [node, Size.parse(size)])),
  });
  return collect((f) => checkHugepages(plan, { host, reserved, path: 'nodes[0].hugepages' }, f))
    .diagnostics;
}

test('pages sized for OVS and the VMs are clean', () => {
  expect(check(undefined, [[0, '20Gi']])).toEqual([]);
});

test('HUGE005: fixed pages that cannot hold OVS and the VMs', () => {
  const found = check(8, [[1, '8Gi']]);
  expect(codesAndPaths(found)).toEqual(['HUGE005 nodes[0].hugepages.pagesPerNumaNode']);
  expect(found[0].message).toBe('NUMA node 1: 8 pages of 1Gi (8Gi) cannot hold OVS 1Gi '
    + '(dpdk-socket-mem 1Gi) and VMs 8Gi; 1Gi short');
  expect(found[0].upstream).toBe('insufficient hugepages-1Gi');
});

test('HUGE006: the manual guide\'s 30 pages per node beside 2148Mi on a 32Gi node', () => {
  const found = check(30);
  expect(codesAndPaths(found)).toEqual(['HUGE006 nodes[0].hugepages.pagesPerNumaNode']);
  expect(found[0].message).toBe('NUMA node 0: 30 pages of 1Gi (30Gi) and the kubelet\'s '
    + 'reserved memory 2148Mi need 32868Mi, more than the node\'s 32Gi');
});

test('HUGE006 is quiet when the memory is unknown', () => {
  const unknown = HostTopology.uniform({ numaNodes: 1, coresPerNumaNode: 2 });
  const plan = planHugepages({ host: unknown, size: gib, socket, fixedPages: 500 });
  expect(collect((f) => checkHugepages(plan, { host: unknown, reserved, path: 'p' }, f))
    .diagnostics).toEqual([]);
});
