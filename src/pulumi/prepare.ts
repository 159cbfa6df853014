import * as pulumi from '@pulumi/pulumi';
import { VhostUserClusterArgs } from './args';
import { ClusterModelError } from './errors';
import { KnownSpec, knownSpec, resolvedSpec } from './inputs';
import { Diagnostic, hasErrors } from '../diagnostics/diagnostic';
import { DEFAULT_NAMESPACE } from '../plan/defaults';
import { ManifestObject, OutputFile } from '../render/types';
import { Synthesis, synthesize } from '../synth/synthesize';

/**
 * What the core renders for a cluster, as plain JSON data: what resource
 * args and outputs can carry.
 *
 * @internal
 */
export interface RenderedCluster {
  /** Kubernetes objects, in apply order. */
  readonly manifests: ManifestObject[];
  /** Node files and `PLAN.md`. */
  readonly files: OutputFile[];
  /** The warnings (a rendered cluster has no error). */
  readonly diagnostics: Diagnostic[];
}

/**
 * A cluster checked before any resource is registered.
 *
 * @internal
 */
export interface PreparedCluster {
  /** The spec as known when the program runs, with stand-ins. */
  readonly known: KnownSpec;
  /** The rendering of that spec. Final when there is no stand-in. */
  readonly rendered: RenderedCluster;
  /** Names of the member components, by section, in spec order. */
  readonly names: MemberNames;
}

/** Names of the member components of a cluster. @internal */
export interface MemberNames {
  readonly nodes: string[];
  readonly networks: string[];
  readonly subnets: string[];
  readonly vms: string[];
}

/**
 * Plans, checks and renders the cluster from what is known when the program
 * runs.
 *
 * @throws ClusterModelError listing every error, when the cluster has one
 * @throws Error when a field that must be plain is an Output, or two members
 *   would get the same name
 * @internal
 */
export function prepareCluster(name: string, args: VhostUserClusterArgs): PreparedCluster {
  const known = knownSpec(name, args);
  const names = memberNames(name, known);
  const synthesis = synthesize(known.spec);
  if (hasErrors(synthesis.diagnostics)) {
    throw new ClusterModelError(name, synthesis.diagnostics, known.standIns);
  }
  return { known, rendered: plainRendering(synthesis), names };
}

/**
 * The final rendering: the prepared one when every Input was known, else a
 * synthesis of the resolved spec, known once the Inputs are.
 *
 * @internal
 */
export function finalRendering(
  name: string, args: VhostUserClusterArgs, prepared: PreparedCluster,
): pulumi.Output<RenderedCluster> {
  if (prepared.known.standIns.length === 0) {
    return pulumi.output(prepared.rendered);
  }
  return resolvedSpec(name, args).apply((spec) => {
    const synthesis = synthesize(spec);
    if (hasErrors(synthesis.diagnostics)) {
      throw new ClusterModelError(name, synthesis.diagnostics);
    }
    return plainRendering(synthesis);
  });
}

/** The JSON form of a synthesis: model values become the strings every adapter writes. */
function plainRendering(synthesis: Synthesis): RenderedCluster {
  const { manifests, files, diagnostics } = synthesis;
  return JSON.parse(JSON.stringify({ manifests, files, diagnostics }));
}

/**
 * `<cluster>-<entry>`, and `<cluster>-<namespace>.<entry>` for networks and
 * VMs in a namespace other than `default` given as a plain value, as the
 * cdk8s stack names its constructs. Namespaces that are not known yet are
 * left out of names.
 */
function memberNames(cluster: string, known: KnownSpec): MemberNames {
  const { spec, standIns } = known;
  const qualified = (section: string) => (entry: { name: string; namespace?: string }, i: number) =>
    (entry.namespace === undefined || entry.namespace === DEFAULT_NAMESPACE
      || standIns.includes(`${section}[${i}].namespace`)
      ? `${cluster}-${entry.name}` : `${cluster}-${entry.namespace}.${entry.name}`);

  const names: MemberNames = {
    nodes: spec.nodes.map((node) => `${cluster}-${node.name}`),
    networks: (spec.networks ?? []).map(qualified('networks')),
    subnets: (spec.subnets ?? []).map((subnet) => `${cluster}-${subnet.name}`),
    vms: (spec.vms ?? []).map(qualified('vms')),
  };
  for (const [section, list] of Object.entries(names)) {
    const repeated = list.find((item: string, i: number) => list.indexOf(item) !== i);
    if (repeated !== undefined) {
      throw new Error(`VhostUserCluster '${cluster}': two ${section} would both be named `
        + `'${repeated}'. They are in different namespaces, but at least one of those is not `
        + 'known yet; give their namespaces as plain values, or rename one.');
    }
  }
  return names;
}
