import { planNode } from '../../src/plan/node';
import { collect } from '../support/findings';
import { readLscpuFixture } from '../support/lscpu-fixtures';
import { codesOf, nodeContext, planOf, uniformNode } from '../support/node-plan';

describe('planNode on the Userspace CNI path', () => {
  const { plan, diagnostics } = planOf(uniformNode());

  test('reports nothing for a default pool', () => {
    expect(diagnostics).toEqual([]);
  });

  test('gives one host named like the pool', () => {
    expect(plan.hosts).toEqual([{ name: 'dpdk' }]);
  });

  test('derives kubelet, OVS and kernel CPU values from one CPU plan', () => {
    const other = new Map(plan.ovs.otherConfig);
    expect([
      plan.kubelet.config.reservedSystemCPUs,
      other.get('pmd-cpu-mask'),
      plan.kernel.args.find((arg) => arg.startsWith('isolcpus=')),
    ]).toEqual([
      plan.cpus.reservedSystem.toList(),
      plan.cpus.pmd.toMask(),
      `isolcpus=${plan.cpus.pmd.toList()}`,
    ]);
  });

  test('derives the kernel hugepages from the ledger', () => {
    const pages = plan.hugepages.perNumaNode.reduce((sum, e) => sum + e.pages, 0);
    expect(plan.kernel.args).toContain(`hugepages=${pages}`);
  });

  test('builds the Userspace CNI bridge and no Kube-OVN files', () => {
    expect([plan.ovs.bridge?.name, plan.kubeOvn]).toEqual(['br-int', undefined]);
  });
});

describe('planNode on the Kube-OVN path', () => {
  const spec = uniformNode({}, { hosts: [{ name: 'node-1', encapIp: '10.0.0.1/24' }] });

  test('writes the Kube-OVN node files and no bridge', () => {
    const { plan, diagnostics } = planOf(spec, { path: 'kube-ovn' });
    expect([plan.kubeOvn?.hosts[0].name, plan.ovs.bridge, diagnostics])
      .toEqual(['node-1', undefined, []]);
  });

  test('reports a host without a tunnel address', () => {
    const { diagnostics } = planOf(uniformNode(), { path: 'kube-ovn' });
    expect(codesOf(diagnostics)).toEqual(['OVS013']);
  });

  test('keeps userspace TSO off over the overlay on OVS 3.1', () => {
    expect(planOf(spec, { path: 'kube-ovn' }).plan.ovs.tso).toBe(false);
  });
});

describe('planNode on other inputs', () => {
  test('returns undefined when the topology cannot be read', () => {
    const { result, diagnostics } = collect((f) => planNode(
      { name: 'x', topology: {} }, 2, nodeContext(), f));
    expect([result, codesOf(diagnostics)]).toEqual([undefined, ['TOPO001']]);
  });

  test('names every finding by the pool index', () => {
    const { diagnostics } = collect((f) => planNode(uniformNode({}, {
      cpus: { pmd: 'x' },
    }), 3, nodeContext(), f));
    expect(diagnostics[0].path).toBe('nodes[3].cpus.pmd');
  });

  test('plans an 8-NUMA-node AMD host read from lscpu', () => {
    const { plan, diagnostics } = planOf({
      name: 'epyc',
      topology: {
        lscpu: readLscpuFixture('amd-epyc7451-2s-8numa.txt').parse,
        memoryPerNumaNode: '32Gi',
        cpuVendor: 'amd',
      },
      nics: [{ pci: '0000:41:00.0', numaNode: 2 }],
    });
    expect([plan.cpus.pmdNumaNodes[0], plan.kernel.args.slice(-1)[0], codesOf(diagnostics)])
      .toEqual([2, 'iommu=pt', []]);
  });

  test('a pool without NICs and without VMs gets no PMD cores', () => {
    const { plan } = planOf(uniformNode({}, { nics: [] }), { vhostUserVmsPossible: false });
    expect([plan.cpus.pmd.isEmpty, plan.ovs.otherConfig.map(([k]) => k)])
      .toEqual([true, expect.not.arrayContaining(['pmd-cpu-mask'])]);
  });
});
