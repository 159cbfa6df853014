// Node pool plans for the node file renderer tests, made by the real planner
// from small specs, and the same plans with one value changed by hand.
import { Findings } from '../../src/diagnostics/findings';
import { planNode } from '../../src/plan/node';
import { NodePlan } from '../../src/plan/types';
import { Version } from '../../src/plan/versions';
import { NetworkPath, NodeSpec } from '../../src/spec';

/** The PCI address of the fixture's DPDK NIC. */
export const FIXTURE_NIC = '0000:af:00.0';

/**
 * A pool of two NUMA nodes with 4 cores of 2 threads each (CPUs 0-3,8-11 on node 0,
 * 4-7,12-15 on node 1), 16Gi per node, an Intel NIC on NUMA node 1 and kernel 6.1.
 */
export function nodeSpecFixture(overrides: Partial<NodeSpec> = {}): NodeSpec {
  return {
    name: 'worker',
    hosts: [
      { name: 'worker-1', encapIp: '192.168.10.11/24' },
      { name: 'worker-2', encapIp: '192.168.10.12/24' },
    ],
    topology: {
      uniform: { numaNodes: 2, coresPerNumaNode: 4, threadsPerCore: 2, memoryPerNumaNode: '16Gi' },
    },
    nics: [{ pci: FIXTURE_NIC, numaNode: 1, driver: 'vfio-pci' }],
    hugepages: { size: '1Gi', pagesPerNumaNode: 4 },
    kernel: { version: '6.1.0-18-amd64' },
    ...overrides,
  };
}

/**
 * The plan of a node pool, made by `planNode`. Fails when the planner reports an
 * error: a renderer test needs a plan that synthesis would accept.
 */
export function plannedNode(
  path: NetworkPath = 'userspace', spec: NodeSpec = nodeSpecFixture(),
): NodePlan {
  const findings = new Findings();
  const plan = planNode(spec, 0, {
    path,
    kubeletVersion: Version.parse('1.32'),
    ovsVersion: Version.parse('3.1'),
    vhostUserVmsPossible: true,
  }, findings);
  const errors = findings.all.filter((d) => d.severity === 'error');
  if (plan === undefined || errors.length > 0) {
    throw new Error(`the fixture spec does not plan cleanly:\n${
      errors.map((d) => `${d.path}: ${d.code} ${d.message}`).join('\n')}`);
  }
  return plan;
}
