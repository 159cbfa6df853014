// The two clusters of Virtink's vhost-user guide (reference/manual-guide.md),
// planned from a described topology, and each of its inconsistencies
// (reference/anchors.md §0, D1-D4, D6, D9) fed back as overrides.
//
// Topologies. The guide never shows its hardware, but its numbers only hold
// together on boxes whose sibling threads are numbered next to each other:
// `reservedSystemCPUs: 0-1,8-11` with housekeeping 0-1 and PMD CPUs 8-11 reads as
// core 0 for housekeeping and cores 4 and 5 for PMD threads. With the usual x86
// numbering (the sibling of CPU n is n + cores), 0-1 would be one thread each of
// two cores. So: 10 cores × 2 adjacent threads per NUMA node, 64Gi each. On the
// two-node box, node 0 is CPUs 0-19 and node 1 is 20-39, which puts the guide's
// 0-1,8-11,18-19 all on node 0 (D3).
import { Size } from '../../src/model/size';
import { withVmDemand } from '../../src/plan/node-ledger';
import { Version } from '../../src/plan/versions';
import { NodeSpec } from '../../src/spec/node';
import { collect, withCode } from '../support/findings';
import { codesOf, planOf } from '../support/node-plan';

const NIC = { pci: '0000:af:00.0', numaNode: 0 };
const HOST = { name: 'node-1', encapIp: '192.168.0.10/20' };

function guideBox(numaNodes: number, extra: Partial<NodeSpec> = {}): NodeSpec {
  return {
    name: 'dpdk',
    hosts: [HOST],
    topology: {
      uniform: { numaNodes, coresPerNumaNode: 10, siblings: 'adjacent', memoryPerNumaNode: '64Gi' },
    },
    nics: [NIC],
    ...extra,
  };
}

/** The guide's kubelet reservations of the two-node cluster. */
const GUIDE_KUBELET = { kubeReservedMemory: '2Gi', systemReservedMemory: '2Gi' };
const KUBE_OVN = { path: 'kube-ovn' as const };

describe('the guide\'s single-NUMA-node cluster', () => {
  const { plan, diagnostics } = planOf(guideBox(1, { cpus: { pmd: '8-11' } }), KUBE_OVN);

  test('is clean with the guide\'s PMD CPUs', () => {
    expect(diagnostics).toEqual([]);
  });

  test('gives reservedSystemCPUs 0-1,8-11 and pmd-cpu-mask 0xf00', () => {
    expect([plan.kubelet.config.reservedSystemCPUs, plan.cpus.pmd.toMask()])
      .toEqual(['0-1,8-11', '0xf00']);
  });

  test('writes the guide\'s config.cfg, with the lcore on a housekeeping CPU', () => {
    expect(plan.kubeOvn?.configCfg.slice(0, 6).map(([k, v]) => `${k}=${v}`)).toEqual([
      'dpdk-init=true',
      'dpdk-lcore-mask=0x1',
      'pmd-cpu-mask=0xf00',
      'dpdk-socket-mem="1024"',
      'dpdk-socket-limit="1024"',
      'dpdk-hugepage-dir=/dev/hugepages',
    ]);
  });

  test('writes the guide\'s ovs-dpdk-config, with the keys set -u needs', () => {
    expect(plan.kubeOvn?.hosts[0].ovsDpdkConfig.map(([k, v]) => `${k}=${v}`)).toEqual([
      'ENCAP_IP=192.168.0.10/20', 'DPDK_DEV=0000:af:00.0', 'BOND_TYPE=', 'VLAN_TAG=0',
    ]);
  });

  test('asks for isolcpus=8-11 and the Intel IOMMU, as the guide does', () => {
    expect(plan.kernel.args.slice(-3)).toEqual(['isolcpus=8-11', 'intel_iommu=on', 'iommu=pt']);
  });

  test('uses neither topology nor memory manager, as the guide does', () => {
    expect([plan.kubelet.config.topologyManagerPolicy, plan.kubelet.config.memoryManagerPolicy])
      .toEqual([undefined, undefined]);
  });
});

describe('the guide\'s two-NUMA-node cluster', () => {
  const { plan, diagnostics } = planOf(guideBox(2, { kubelet: GUIDE_KUBELET }), KUBE_OVN);

  test('is clean', () => {
    expect(diagnostics).toEqual([]);
  });

  test('gives dpdk-socket-mem and dpdk-socket-limit 1024,1024', () => {
    expect(new Map(plan.ovs.otherConfig).get('dpdk-socket-mem')).toBe('1024,1024');
    expect(new Map(plan.ovs.otherConfig).get('dpdk-socket-limit')).toBe('1024,1024');
  });

  test('gives reservedMemory 2148Mi and 2Gi for kube 2Gi + system 2Gi + 100Mi', () => {
    expect(plan.kubelet.config.reservedMemory).toEqual([
      { numaNode: 0, limits: { memory: '2148Mi' } },
      { numaNode: 1, limits: { memory: '2Gi' } },
    ]);
  });

  test('puts PMD cores on both NUMA nodes, the NIC\'s first', () => {
    expect(plan.cpus.pmdNumaNodes).toEqual([0, 1]);
  });

  test('takes the guide\'s reservedMemory as given, since it balances', () => {
    const given = planOf(guideBox(2, {
      kubelet: { ...GUIDE_KUBELET, reservedMemory: ['2148Mi', '2Gi'] },
    }), KUBE_OVN);
    expect(given.diagnostics).toEqual([]);
  });

  test('asks for the hugepages-1Gi the OVS pod holds on each NUMA node', () => {
    expect(plan.hugepages.perNumaNode.map((e) => String(e.ovsHeld))).toEqual(['1Gi', '1Gi']);
  });
});

describe('the guide\'s inconsistencies, fed back as overrides', () => {
  test('D1: dpdk-socket-mem 1024,124 beside dpdk-socket-limit 1024,1024', () => {
    const { diagnostics } = planOf(guideBox(2, {
      ovs: { socketMem: '1024,124', socketLimit: '1024,1024' },
    }));
    expect(codesOf(diagnostics)).toEqual(['OVS004', 'OVS005']);
    expect(diagnostics[0].message).toMatch(/^NUMA node 1: dpdk-socket-mem 124 is below/);
  });

  test('D2: dpdk-lcore-mask equal to pmd-cpu-mask (0xf00)', () => {
    const { diagnostics } = planOf(guideBox(1, { cpus: { pmd: '0xf00', lcore: '0xf00' } }));
    expect(codesOf(diagnostics)).toEqual(['CPU004']);
  });

  test('D3: PMD CPUs 8-11 on one NUMA node of two', () => {
    const { plan, diagnostics } = planOf(guideBox(2, {
      cpus: { housekeeping: '0-1,18-19', pmd: '8-11' },
    }));
    expect(plan.kubelet.config.reservedSystemCPUs).toBe('0-1,8-11,18-19');
    expect(codesOf(diagnostics)).toEqual(['CPU006']);
    expect(diagnostics[0].message).toMatch(/^NUMA node 1 has CPUs for vhost-user VMs but no PMD/);
  });

  test('D4: the guide\'s kubelet has no strict-cpu-reservation', () => {
    const { diagnostics } = planOf(guideBox(1, {
      kubelet: { strictCpuReservation: false },
    }));
    expect(diagnostics.map((d) => `${d.severity} ${d.code}`)).toEqual(['warning KUBELET007']);
  });

  test('D4: neither has a kubelet of the guide\'s time (1.26)', () => {
    const { diagnostics } = planOf(guideBox(1), { kubeletVersion: Version.parse('1.26') });
    expect(codesOf(diagnostics)).toEqual(['KUBELET007']);
  });

  test('D6: the guide\'s reservedMemory fails once the eviction threshold is 200Mi', () => {
    const { diagnostics } = planOf(guideBox(2, {
      kubelet: { ...GUIDE_KUBELET, evictionHard: '200Mi', reservedMemory: ['2148Mi', '2Gi'] },
    }));
    expect(codesOf(diagnostics)).toEqual(['KUBELET001']);
    expect(diagnostics[0].upstream).toBe('the total amount "4196Mi" of type "memory" is not '
      + 'equal to the value "4296Mi" determined by Node Allocatable feature');
  });

  test('D9: hugepages=60 on 32Gi NUMA nodes leaves no room for the reserved memory', () => {
    const { diagnostics } = planOf(guideBox(2, {
      topology: {
        uniform: {
          numaNodes: 2, coresPerNumaNode: 10, siblings: 'adjacent', memoryPerNumaNode: '32Gi',
        },
      },
      hugepages: { pagesPerNumaNode: 30 },
      kubelet: GUIDE_KUBELET,
    }));
    // Node 0 holds 30Gi + 2148Mi; node 1's 30Gi + 2Gi fills its 32Gi exactly.
    expect(withCode(diagnostics, 'HUGE006').map((d) => d.message.split(':')[0]))
      .toEqual(['NUMA node 0']);
  });

  test('D9: 30 pages per node cannot take 30Gi of VMs beside OVS', () => {
    const { plan } = planOf(guideBox(2, { hugepages: { pagesPerNumaNode: 30 } }));
    const { diagnostics } = collect((f) => withVmDemand(plan,
      new Map([[0, Size.parse('30Gi')]]), f));
    expect(codesOf(diagnostics)).toEqual(['HUGE005']);
    expect(diagnostics[0].upstream).toBe('insufficient hugepages-1Gi');
  });
});
