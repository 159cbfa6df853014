import * as pulumi from '@pulumi/pulumi';
import { ManifestObject } from '../render/types';
import { SpecEntry } from '../spec';
import { RemoteBootstrapArgs } from './args';
import { PreparedCluster, RenderedCluster } from './prepare';

/**
 * What a `VhostUserCluster` hands the member components it creates.
 *
 * @internal
 */
export interface ClusterContext {
  /** The cluster as checked before any resource was registered. */
  readonly prepared: PreparedCluster;
  /** The final rendering, known once every Input is. */
  readonly rendering: pulumi.Output<RenderedCluster>;
  /** How node scripts are run over SSH, if they are. */
  readonly bootstrap?: RemoteBootstrapArgs;
  /** The args object of each member the cluster is about to create. */
  readonly entries: Map<object, SpecEntry>;
}

/** What a member learns from its cluster. @internal */
export interface MemberContext {
  readonly cluster: ClusterContext;
  /** The member's entry in the cluster spec. */
  readonly entry: SpecEntry;
}

const CONTEXTS = new WeakMap<object, ClusterContext>();

/** Makes a cluster's context available to the members it creates. @internal */
export function provideContext(cluster: pulumi.ComponentResource, context: ClusterContext): void {
  CONTEXTS.set(cluster, context);
}

/**
 * The context of a member, from the cluster that is its parent. Members are
 * made by their cluster from its args, never on their own: their content
 * depends on the whole cluster.
 *
 * @param kind the member's class, for the error
 * @param name the member's name, for the error
 * @param args the member's args, which must be those the cluster was given
 * @param opts the member's options, whose parent must be the cluster
 * @throws Error when the member is not being created by a cluster
 * @internal
 */
export function memberContext(
  kind: string, name: string, args: object, opts: pulumi.ComponentResourceOptions | undefined,
): MemberContext {
  const cluster = opts?.parent === undefined ? undefined : CONTEXTS.get(opts.parent);
  const entry = cluster?.entries.get(args);
  if (cluster === undefined || entry === undefined) {
    throw new Error(`${kind} '${name}' is created by a VhostUserCluster from its args, never `
      + 'on its own: the cluster plans every layer together. Add it to the args of the '
      + 'cluster (nodes, kubeOvn, userspaceCni, networks, subnets, vms or perfKit) instead.');
  }
  cluster.entries.delete(args);
  return { cluster, entry };
}

/**
 * The manifests of the prepared rendering that a member stands for.
 *
 * @internal
 */
export function knownManifests(
  context: MemberContext, select: (manifest: ManifestObject) => boolean,
): ManifestObject[] {
  return context.cluster.prepared.rendered.manifests.filter(select);
}
