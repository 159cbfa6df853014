import { IConstruct } from 'constructs';
import { ClusterPlan } from '../plan/types';
import { ManifestObject } from '../render/types';
import { ClusterSection } from '../spec/sections';

/**
 * A construct that contributes one section (or one array entry) of the
 * cluster spec.
 *
 * @internal
 */
export interface Member {
  /** Where its spec goes. */
  readonly section: ClusterSection;
  /** The construct, for diagnostics and warnings. */
  readonly construct: IConstruct;
  /** Its part of the spec: exactly the props it was given. */
  readonly spec: object;
  /**
   * Creates or updates the objects of a member whose objects depend on the
   * whole cluster (the perf test kit); called before the cluster creates the
   * objects no member claims.
   *
   * @default - the member's objects exist from its construction
   */
  readonly reconcile?: () => void;
}

/**
 * What member constructs need from the cluster that holds them. The stack
 * implements it; members find it through the scope chain, so that they never
 * import the stack class.
 *
 * @internal
 */
export interface IClusterRegistry {
  /** Adds a member; throws when the section takes one member and has one. */
  _register(member: Member): void;
  /** Error lines the cluster's synthesis attributes to a member. */
  _problemsOf(construct: IConstruct): string[];
  /** The rendered object with that identity; throws when the cluster has errors. */
  _manifest(key: string): ManifestObject;
  /** The plan of the cluster as it is now; throws when the cluster has errors. */
  _plan(): ClusterPlan;
}

const REGISTRY = Symbol.for('vhost-user-k8s.ClusterRegistry');

/** Marks a construct as a cluster registry. @internal */
export function markRegistry(construct: IConstruct & IClusterRegistry): void {
  Object.defineProperty(construct, REGISTRY, { value: true });
}

/**
 * The nearest `VhostUserCluster` above a member.
 *
 * @param scope the scope the member is being created in
 * @param what the member's class and id, for the error
 * @internal
 */
export function clusterOf(scope: IConstruct, what: string): IClusterRegistry {
  for (let c: IConstruct | undefined = scope; c; c = c.node.scope) {
    if (REGISTRY in c) {
      return c as unknown as IClusterRegistry;
    }
  }
  throw new Error(`${what} is created under ${scope.node.path || 'the app'}, which is not `
    + 'inside a VhostUserCluster. Create it with a VhostUserCluster (or a construct '
    + 'inside one) as its scope: the cluster checks every layer together.');
}

/**
 * Registers a member with the nearest cluster above it, and lets the cluster
 * report the problems of the member's part of the spec on the member itself,
 * so that cdk8s names the member's path next to each error.
 *
 * @param member the member, already constructed
 * @param section its section of the spec
 * @param spec its props
 * @param reconcile creates the member's objects, when they depend on the
 *   whole cluster (see `Member.reconcile`)
 * @returns the cluster
 * @internal
 */
export function joinCluster(
  member: IConstruct, section: ClusterSection, spec: object, reconcile?: () => void,
): IClusterRegistry {
  const scope = member.node.scope;
  const what = `${member.constructor.name} '${member.node.id}'`;
  const cluster = scope ? clusterOf(scope, what) : clusterOf(member, what);
  // A snapshot, so that later edits to the props object change nothing.
  cluster._register({
    section, construct: member, spec: structuredClone(spec), ...(reconcile && { reconcile }),
  });
  member.node.addValidation({ validate: () => cluster._problemsOf(member) });
  return cluster;
}

/**
 * The identity of a rendered object within a cluster: kind, namespace and
 * name (`VirtualMachine/default/vm-1`; cluster-scoped objects have an empty
 * namespace).
 *
 * @internal
 */
export function objectKey(kind: string, name: string, namespace?: string): string {
  return `${kind}/${namespace ?? ''}/${name}`;
}

/** {@link objectKey} of a manifest. @internal */
export function manifestKey(manifest: ManifestObject): string {
  return objectKey(manifest.kind, manifest.metadata.name, manifest.metadata.namespace);
}
