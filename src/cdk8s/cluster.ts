import { ApiObject, Chart } from 'cdk8s';
import { Construct, IConstruct } from 'constructs';
import { addMembersFromSpec } from './from-spec';
import { markRegistry, Member, objectKey } from './members';
import { NodeSideObjects } from './node-side';
import { checkProps } from './props';
import { onChildRemoved } from './removals';
import { isRenderedObject } from './rendered-object';
import {
  CachedSynthesis, Lookups, makeLookups, memberAt, specKey,
} from './synthesis-cache';
import {
  Diagnostic, DiagnosticError, formatDiagnostic, hasErrors,
} from '../diagnostics/diagnostic';
import { ClusterPlan } from '../plan/types';
import { ManifestObject, OutputFile } from '../render/types';
import { ClusterSection, ClusterSpec, VersionSpec } from '../spec';
import { Synthesis, synthesize } from '../synth/synthesize';

/** The metadata type of the warnings a cluster puts on its constructs. */
export const WARNING_METADATA = 'vhost-user-k8s:warning';

/** Props of {@link VhostUserCluster}. */
export interface VhostUserClusterProps {
  /**
   * Name of the cluster (`ClusterSpec.name`), shown in `PLAN.md`. A DNS-1123
   * label.
   *
   * @default - the construct id
   */
  readonly name?: string;

  /**
   * Versions of the components on the nodes (kubelet, OVS); rules that depend
   * on them say so.
   *
   * @default - see `VersionSpec`
   */
  readonly versions?: VersionSpec;
}

const CLUSTER = Symbol.for('vhost-user-k8s.VhostUserCluster');

/** Sections that hold one member at most. */
const SINGLE: Partial<Record<ClusterSection, string>> = {
  kubeOvn: 'KubeOvnDpdk', userspaceCni: 'UserspaceCni', perfKit: 'PerfTestKit',
};

/**
 * A whole vhost-user cluster, on one or many NUMA nodes: the chart that holds
 * the node pools, the networking path, the networks, subnets and VMs, and that
 * checks them together.
 *
 * Its members are the constructs created inside it; together they make one
 * `ClusterSpec` ({@link VhostUserCluster.toSpec}). At synth the stack hands
 * that spec to the core, which plans every layer, runs every rule, and renders:
 *
 * - errors fail `app.synth()` before anything is written, each listed on the
 *   construct it is about (`[lab/worker] nodes[0].cpus.pmd: error CPU004 ...`);
 * - warnings become construct metadata of type {@link WARNING_METADATA}, and
 *   are listed in {@link VhostUserCluster.diagnostics} and `PLAN.md`;
 * - the objects of members (NADs, Subnets, VMs) get their content, the perf
 *   test kit creates its VMs and Services, and the node-side objects (hugepage
 *   placeholder pods, Kube-OVN DaemonSet overrides) are created under
 *   `NodeSide` (see {@link VhostUserCluster.nodeSideObjects});
 * - node files and `PLAN.md` are ready in {@link VhostUserCluster.files}, which
 *   `VhostUserApp` writes beside the manifests.
 *
 * Objects come out in the core's apply order (NADs, Subnets, DaemonSet
 * overrides, placeholder pods, VMs), whatever order the members were added in.
 *
 * It takes no `ChartProps`: a chart namespace or chart labels would land on
 * the cluster-scoped Subnets and on the partial DaemonSet overrides.
 */
export class VhostUserCluster extends Chart {
  /** Whether a value is a `VhostUserCluster`. */
  public static isVhostUserCluster(x: unknown): x is VhostUserCluster {
    return typeof x === 'object' && x !== null && CLUSTER in x;
  }

  /**
   * The nearest `VhostUserCluster` at or above a construct.
   *
   * @throws Error when the construct is not inside one
   */
  public static of(construct: IConstruct): VhostUserCluster {
    for (let c: IConstruct | undefined = construct; c; c = c.node.scope) {
      if (VhostUserCluster.isVhostUserCluster(c)) {
        return c;
      }
    }
    throw new Error(`${construct.node.path || 'the app'} is not inside a VhostUserCluster`);
  }

  /**
   * Builds the whole tree from a cluster spec, as a spec file holds it:
   * `KubeOvn` or `UserspaceCni`, then `Nodes/<pool>`, `Networks/<name>`,
   * `Subnets/<name>` and `Vms/<name>` (networks and VMs outside the default
   * namespace are `<namespace>.<name>`), and `PerfKit`.
   *
   * `vhost-user-k8s synth spec.yaml` builds its app with this, so that it
   * writes byte for byte what `cdk8s synth` writes for the same cluster.
   *
   * @param scope the app (or a construct)
   * @param id the construct id, which names the manifest file; use `spec.name`
   * @param spec the cluster
   * @throws Error when a section has the wrong shape or an unreadable value;
   *   `synthesize(spec)` reports the same problems as diagnostics instead
   */
  public static fromSpec(scope: Construct, id: string, spec: ClusterSpec): VhostUserCluster {
    const cluster = new VhostUserCluster(scope, id, { name: spec.name, versions: spec.versions });
    addMembersFromSpec(cluster, spec);
    return cluster;
  }

  /** Name of the cluster (`ClusterSpec.name`). */
  public readonly clusterName: string;

  /** Versions of the node components, as given. */
  public readonly versions?: VersionSpec;

  private readonly members: Member[] = [];
  private readonly nodeSide: NodeSideObjects;
  private readonly warned = new Set<string>();
  /** Counts the members joining and the removals above members. */
  private generation = 0;
  private active?: { readonly generation: number; readonly members: Member[] };
  private cache?: CachedSynthesis;
  /** The synthesis the last validation without errors brought the tree in line with. */
  private validated?: CachedSynthesis;
  /** Whether the tree is known not to change between validations (see `_holdingTree`). */
  private holding = false;
  /** Counts a removal; one function, so that a watched scope calls it once. */
  private readonly countRemoval: () => void;

  /**
   * @param scope the app (or a construct)
   * @param id the construct id, which also names the manifest file
   * @param props cluster-wide settings
   * @throws Error when `versions` has the wrong shape
   */
  public constructor(scope: Construct, id: string, props: VhostUserClusterProps = {}) {
    super(scope, id);
    if (props.versions !== undefined) {
      checkProps(this, 'versions', props.versions);
    }

    this.clusterName = props.name ?? id;
    this.versions = props.versions;
    this.countRemoval = () => {
      this.generation++;
    };
    Object.defineProperty(this, CLUSTER, { value: true });
    markRegistry(this);
    this.nodeSide = new NodeSideObjects(this, 'NodeSide', (key) => this._manifest(key));
    this.node.addValidation({ validate: () => this.validateCluster() });
  }

  /**
   * Every finding about the cluster as it is now, errors and warnings, from
   * the same synthesis `app.synth()` uses.
   */
  public get diagnostics(): Diagnostic[] {
    return [...this.synthesis().diagnostics];
  }

  /** The plan (every derived number), or undefined when the cluster has errors. */
  public get plan(): ClusterPlan | undefined {
    return this.synthesis().plan;
  }

  /**
   * The node files (`nodes/<pool>/bootstrap.sh`, `verify.sh`, ...) and
   * `PLAN.md`, with paths relative to the output folder.
   *
   * @throws DiagnosticError when the cluster has errors
   */
  public get files(): OutputFile[] {
    return [...this.successfulSynthesis().files];
  }

  /** The `ClusterSpec` the members make together, as a spec file would hold it. */
  public toSpec(): ClusterSpec {
    const members = this.activeMembers();
    const specs = <T>(section: ClusterSection) => members
      .filter((m) => m.section === section).map((m) => m.spec as T);
    const optional = <T>(key: string, value: T | undefined) =>
      (value === undefined || (Array.isArray(value) && value.length === 0) ? {} : { [key]: value });

    return {
      name: this.clusterName,
      ...optional('versions', this.versions),
      nodes: specs('nodes'),
      ...optional('kubeOvn', specs('kubeOvn')[0]),
      ...optional('userspaceCni', specs('userspaceCni')[0]),
      ...optional('networks', specs('networks')),
      ...optional('subnets', specs('subnets')),
      ...optional('vms', specs('vms')),
      ...optional('perfKit', specs('perfKit')[0]),
    };
  }

  /**
   * The node-side objects (see the class description), created or brought in
   * line with the cluster as it is now. Call it after adding every member to
   * patch them (`addJsonPatch`); synthesis keeps them in step again.
   *
   * @throws DiagnosticError when the cluster has errors
   */
  public nodeSideObjects(): ApiObject[] {
    const { manifests } = this.successfulSynthesis();
    for (const member of this.activeMembers()) {
      member.reconcile?.();
    }
    const claimed = new Set(this.node.findAll()
      .filter(isRenderedObject)
      .filter((o) => o.node.scope !== this.nodeSide)
      .map((o) => o.renderedKey));
    const { keys } = this.lookups();
    return this.nodeSide.reconcile(manifests.filter((_, i) => !claimed.has(keys[i])));
  }

  /** Renders the chart, in the core's apply order. */
  public override toJson(): any[] {
    const objects: any[] = super.toJson();
    const order = new Map(this.lookups().keys.map((key, i) => [key, i]));
    const ranks = objects.map((o) =>
      order.get(objectKey(o.kind, o.metadata?.name, o.metadata?.namespace)));

    // Objects of the core take the places the core's objects hold, in the
    // core's order; any object of the user keeps its place.
    const ours = objects.flatMap((o, i) => {
      const rank = ranks[i];
      return rank === undefined ? [] : [{ o, rank }];
    }).sort((a, b) => a.rank - b.rank);
    let next = 0;
    return objects.map((o, i) => (ranks[i] === undefined ? o : ours[next++].o));
  }

  /** @internal */
  public _register(member: Member): void {
    const single = SINGLE[member.section];
    const existing = single === undefined ? undefined
      : this.activeMembers().find((m) => m.section === member.section);
    if (existing !== undefined) {
      throw new Error(`${member.construct.node.path}: the cluster ${this.node.path} already `
        + `has a ${single} (${existing.construct.node.path}); a cluster has one. Remove one `
        + 'of them.');
    }
    this.members.push(member);
    this.generation++;

    // A member leaves the cluster when it, or a construct between it and the
    // cluster, is removed from its scope.
    for (let c = member.construct.node.scope; c !== undefined; c = c.node.scope) {
      onChildRemoved(c, this.countRemoval);
      if (c === this) {
        break;
      }
    }
  }

  /**
   * Runs `fn` knowing that the tree does not change meanwhile but by
   * validation itself: `VhostUserApp.synth()` has just validated it, and
   * `App.synth()` validates it twice more, which would only bring the
   * node-side objects in line again with the synthesis they are in line with.
   *
   * @internal
   */
  public _holdingTree<T>(fn: () => T): T {
    this.holding = true;
    try {
      return fn();
    } finally {
      this.holding = false;
    }
  }

  /** @internal */
  public _problemsOf(construct: IConstruct): string[] {
    return [...this.lookups().problems.get(construct) ?? []];
  }

  /** @internal */
  public _plan(): ClusterPlan {
    return this.successfulSynthesis().plan as ClusterPlan;
  }

  /** @internal */
  public _manifest(key: string): ManifestObject {
    this.successfulSynthesis();
    const manifest = this.lookups().manifests.get(key);
    if (manifest === undefined) {
      throw new Error(`${this.node.path}: the cluster rendered no ${key}, which a construct `
        + 'of it stands for');
    }
    return manifest;
  }

  /** The synthesis of the spec as it is now; the last one is kept until the spec changes. */
  private synthesis(): Synthesis {
    return this.current().synthesis;
  }

  /**
   * The cached synthesis, checked against the spec only when a member joined
   * or left, or the name or versions changed: members hold snapshots of their
   * props, so nothing else changes the spec. Then the spec is built again, and
   * synthesized again only when it differs.
   */
  private current(): CachedSynthesis {
    const cache = this.cache;
    const versions = JSON.stringify(this.versions);
    if (cache?.generation === this.generation && cache.clusterName === this.clusterName
      && cache.versions === versions) {
      return cache;
    }
    const spec = this.toSpec();
    // The first spec is compared with none, so its JSON waits for a second one.
    const key = cache === undefined ? undefined : specKey(spec);
    const same = cache !== undefined && cache.versions === versions
      && (cache.key ??= specKey(cache.spec)) === key;
    this.cache = {
      generation: this.generation,
      clusterName: this.clusterName,
      versions,
      spec,
      key,
      synthesis: same ? cache.synthesis : synthesize(spec),
    };
    return this.cache;
  }

  private lookups(): Lookups {
    const cached = this.current();
    cached.lookups ??= makeLookups(cached.synthesis, this.activeMembers(), this);
    return cached.lookups;
  }

  private successfulSynthesis(): Synthesis {
    const synthesis = this.synthesis();
    if (hasErrors(synthesis.diagnostics)) {
      throw new DiagnosticError(synthesis.diagnostics);
    }
    return synthesis;
  }

  /** The stack's validation: warnings to metadata, its own errors, node-side objects. */
  private validateCluster(): string[] {
    if (this.holding && this.validated !== undefined && this.validated === this.current()) {
      return [];
    }
    const { diagnostics } = this.synthesis();
    for (const warning of diagnostics.filter((d) => d.severity === 'warning')) {
      const target = this.memberAt(warning.path)?.construct ?? this;
      const text = formatDiagnostic(warning);
      if (!this.warned.has(`${target.node.path}\n${text}`)) {
        this.warned.add(`${target.node.path}\n${text}`);
        target.node.addMetadata(WARNING_METADATA, text);
      }
    }

    if (hasErrors(diagnostics)) {
      return this._problemsOf(this);
    }
    this.nodeSideObjects();
    this.validated = this.current();
    return [];
  }

  /** The member a spec path (`vms[2].memory`, `kubeOvn.version`) is about. */
  private memberAt(path: string): Member | undefined {
    return memberAt(this.lookups().sections, path);
  }

  /** Members still in the tree (`node.tryRemoveChild` takes one out of the cluster). */
  private activeMembers(): Member[] {
    if (this.active?.generation !== this.generation) {
      const present = new Set<IConstruct>(this.node.findAll());
      this.active = {
        generation: this.generation,
        members: this.members.filter((m) => present.has(m.construct)),
      };
    }
    return this.active.members;
  }
}
