import { HostTopology } from '../../src/model/topology';
import { planNics } from '../../src/plan/nics';
import { topologyFromSpec } from '../../src/plan/topology-from-spec';
import { NicSpec } from '../../src/spec/host';
import { codesAndPaths, collect, withCode } from '../support/findings';

/** The host of 2 NUMA nodes, node 1 without CPUs, with `nics` read as the planner reads them. */
function plan(nics: NicSpec[]) {
  const host = collect((f) => topologyFromSpec({
    numaNodes: [
      { id: 0, memory: '8Gi', cores: [{ threads: [0] }, { threads: [1] }] },
      { id: 1, memory: '8Gi', cores: [] },
    ],
  }, nics, 'nodes[0]', f)).result as HostTopology;
  return collect((f) => planNics(nics, host, 'nodes[0]', f));
}

test('names ports dpdk<index> and keeps NUMA node and driver', () => {
  expect(plan([{ pci: 'af:00.0', numaNode: 0 }, { pci: 'af:00.1', driver: 'mlx5', numaNode: 0 }])
    .result.map((nic) => `${nic.port} ${nic.pci} ${nic.numaNode} ${nic.driver}`))
    .toEqual(['dpdk0 0000:af:00.0 0 vfio-pci', 'dpdk1 0000:af:00.1 0 mlx5']);
});

test('leaves out NICs the topology could not read', () => {
  expect(plan([{ pci: 'nonsense' }, { pci: 'af:00.0', numaNode: 0 }]).result
    .map((nic) => nic.port)).toEqual(['dpdk1']);
});

test('NIC002: an SR-IOV virtual function', () => {
  expect(codesAndPaths(plan([{ pci: 'af:02.1', numaNode: 0, virtualFunction: true }]).diagnostics))
    .toEqual(['NIC002 nodes[0].nics[0].virtualFunction']);
});

test('NIC003: an unknown NUMA node warns', () => {
  const found = plan([{ pci: 'af:00.0' }]).diagnostics;
  expect(found.map((d) => `${d.severity} ${d.code}`)).toEqual(['warning NIC003']);
});

test('NIC005: a port name used twice', () => {
  expect(codesAndPaths(plan([
    { pci: 'af:00.0', numaNode: 0, port: 'up' }, { pci: 'af:00.1', numaNode: 0, port: 'up' },
  ]).diagnostics)).toEqual(['NIC005 nodes[0].nics[1].port']);
});

test('NIC006: a port name that is no OVS interface name', () => {
  expect(withCode(plan([{ pci: 'af:00.0', numaNode: 0, port: 'up link' }]).diagnostics,
    'NIC006')[0].message)
    .toBe('the port name "up link" is not 1 to 15 letters, digits, ".", "_" or "-"');
});

test('NIC007: a NIC on a NUMA node without CPUs warns', () => {
  expect(codesAndPaths(plan([{ pci: 'af:00.0', numaNode: 1 }]).diagnostics))
    .toEqual(['NIC007 nodes[0].nics[0].numaNode']);
});
