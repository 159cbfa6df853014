import { Diagnostic, hasErrors } from '../diagnostics/diagnostic';
import { Findings } from '../diagnostics/findings';
import { planCluster } from '../plan/cluster';
import { ClusterPlan } from '../plan/types';
import { renderManifests } from '../render/manifests';
import { renderNodeFilesChecked } from '../render/node';
import { renderPerfKitFiles } from '../render/perf-kit';
import { renderPlanMarkdown } from '../render/plan-md';
import { ManifestObject, OutputFile } from '../render/types';
import { ClusterSpec } from '../spec';

/** Everything a synthesis produces, before any adapter writes it. */
export interface Synthesis {
  /** Every finding. When one is an error, nothing else is set. */
  readonly diagnostics: Diagnostic[];
  /** The plan, when the cluster has no error. */
  readonly plan?: ClusterPlan;
  /** Kubernetes objects, in apply order. */
  readonly manifests: ManifestObject[];
  /** Node files and `PLAN.md`, relative to the output folder. */
  readonly files: OutputFile[];
}

/**
 * Plans a cluster, checks every rule, and renders its manifests, node files,
 * the perf test kit's `perf/collect.sh` and `PLAN.md`. Never throws for a bad
 * model: errors come back as diagnostics, with no output, so that nothing
 * half-made is written. A value the node files cannot carry safely (SPEC009)
 * is found by rendering them, so it is reported after the planner's findings.
 */
export function synthesize(spec: ClusterSpec): Synthesis {
  const { plan, diagnostics } = planCluster(spec);
  if (!plan || hasErrors(diagnostics)) {
    return { diagnostics, manifests: [], files: [] };
  }

  const nodes = plan.nodes.map((node) => renderNodeFilesChecked(node, plan));
  const unsafe = new Findings();
  for (const value of nodes.flatMap((node) => node.unsafe)) {
    unsafe.error('SPEC009', {
      path: value.path,
      message: `${JSON.stringify(value.value)} cannot be written into the node files: `
        + `it must be ${value.rule}`,
      hint: value.hint,
    });
  }
  if (unsafe.all.length > 0) {
    return { diagnostics: [...diagnostics, ...unsafe.all], manifests: [], files: [] };
  }

  const files: OutputFile[] = nodes.flatMap((node) => node.files);
  files.push(...renderPerfKitFiles(plan));
  files.push({ path: 'PLAN.md', content: renderPlanMarkdown(plan, diagnostics) });
  return { diagnostics, plan, manifests: renderManifests(plan), files };
}
