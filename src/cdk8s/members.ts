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
    section, construct: member, spec: snapshot(spec), ...(reconcile && { reconcile }),
  });
  member.node.addValidation({ validate: () => cluster._problemsOf(member) });
  return cluster;
}

/**
 * What `structuredClone` makes of props. Props are nearly always plain data
 * (objects, arrays, strings, numbers, booleans), which is copied here
 * directly: a fleet's thousands of members would spend more in the
 * serializer of `structuredClone` than in all their other checks. Anything
 * else, such as a class instance, an object used twice or a function, goes
 * to `structuredClone` itself, which copies or refuses it.
 *
 * @internal
 */
export function snapshot<T>(props: T): T {
  const copy = copyPlain(props, new Set(), 0);
  return copy === NOT_PLAIN ? structuredClone(props) : copy as T;
}

/** Said by {@link copyPlain} of a value it does not copy. */
const NOT_PLAIN = Symbol('not plain data');

function copyPlain(value: unknown, seen: Set<object>, depth: number): unknown {
  if (typeof value !== 'object' || value === null) {
    return typeof value === 'function' || typeof value === 'symbol' ? NOT_PLAIN : value;
  }
  if (seen.has(value) || depth > 64) {
    return NOT_PLAIN;
  }
  seen.add(value);

  if (Array.isArray(value)) {
    if (Object.getPrototypeOf(value) !== Array.prototype
      || Object.keys(value).length !== value.length) {
      return NOT_PLAIN;
    }
    const copy = new Array<unknown>(value.length);
    for (let i = 0; i < value.length; i++) {
      const item = copyPlain(value[i], seen, depth + 1);
      if (item === NOT_PLAIN) {
        return NOT_PLAIN;
      }
      copy[i] = item;
    }
    return copy;
  }

  const prototype = Object.getPrototypeOf(value);
  if (prototype !== Object.prototype && prototype !== null) {
    return NOT_PLAIN;
  }
  const copy: Record<string, unknown> = {};
  for (const key of Object.keys(value)) {
    if (key === '__proto__') {
      return NOT_PLAIN; // an own key: assigning it would set the copy's prototype
    }
    const item = copyPlain((value as Record<string, unknown>)[key], seen, depth + 1);
    if (item === NOT_PLAIN) {
      return NOT_PLAIN;
    }
    copy[key] = item;
  }
  return copy;
}

/**
 * The identity of a rendered object within a cluster: kind, namespace and
 * name (`VirtualMachine/default/vm-1`; cluster-scoped objects have an empty
 * namespace).
 *
 * @internal
 */
export function objectKey(kind: string, name: string, namespace?: string): string {
  // Joined rather than concatenated, so that the key is one flat string.
  return [kind, namespace ?? '', name].join('/');
}

/** {@link objectKey} of a manifest. @internal */
export function manifestKey(manifest: ManifestObject): string {
  return objectKey(manifest.kind, manifest.metadata.name, manifest.metadata.namespace);
}
