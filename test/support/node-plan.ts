// Small builders for the node planner tests: a node spec from a few counts, a
// context with the usual versions, and the plan with its findings.
import { collect } from './findings';
import { Diagnostic } from '../../src/diagnostics/diagnostic';
import { NodeContext, planNode } from '../../src/plan/node';
import { NodePlan } from '../../src/plan/types';
import { Version } from '../../src/plan/versions';
import { UniformTopologySpec } from '../../src/spec/host';
import { NodeSpec } from '../../src/spec/node';

/** A context: Userspace CNI path, kubelet 1.32, OVS 3.1, VMs may come. */
export function nodeContext(overrides: Partial<NodeContext> = {}): NodeContext {
  return {
    path: 'userspace',
    kubeletVersion: Version.parse('1.32'),
    ovsVersion: Version.parse('3.1'),
    vhostUserVmsPossible: true,
    ...overrides,
  };
}

/**
 * A pool of identical NUMA nodes (default: 2 nodes × 8 cores × 2 threads,
 * 64Gi each) with one NIC on NUMA node 0, plus whatever `extra` sets.
 */
export function uniformNode(
  uniform: Partial<UniformTopologySpec> = {}, extra: Partial<NodeSpec> = {},
): NodeSpec {
  return {
    name: 'dpdk',
    topology: {
      uniform: {
        numaNodes: 2,
        coresPerNumaNode: 8,
        memoryPerNumaNode: '64Gi',
        ...uniform,
      },
    },
    nics: [{ pci: '0000:af:00.0', numaNode: 0 }],
    ...extra,
  };
}

/** Plans `spec` as pool 0; the plan must exist. */
export function planOf(
  spec: NodeSpec, ctx: Partial<NodeContext> = {},
): { plan: NodePlan; diagnostics: Diagnostic[] } {
  const { result, diagnostics } = collect((f) => planNode(spec, 0, nodeContext(ctx), f));
  if (result === undefined) {
    throw new Error(`no plan: ${diagnostics.map((d) => `${d.code} ${d.message}`).join('; ')}`);
  }
  return { plan: result, diagnostics };
}

/** The codes of the findings, in order. */
export function codesOf(diagnostics: readonly Diagnostic[]): string[] {
  return diagnostics.map((d) => d.code);
}
