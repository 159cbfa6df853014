import * as pulumi from '@pulumi/pulumi';
import { Diagnostic, formatDiagnostic } from '../diagnostics/diagnostic';
import { DEFAULT_NAMESPACE } from '../plan/defaults';
import { OutputFile } from '../render/types';
import { specEntryOf, SpecEntry } from '../spec';
import { VhostUserClusterArgs, VhostUserVmArgs } from './args';
import { provideContext } from './context';
import { KubeOvnDpdk } from './kube-ovn';
import { VhostUserNetwork } from './network';
import { OvsDpdkNode } from './node';
import { PerfTestKit } from './perf-kit';
import { finalRendering, PreparedCluster, prepareCluster } from './prepare';
import { DhcpSubnet } from './subnet';
import { UserspaceCni } from './userspace-cni';
import { VhostUserVm } from './vm';

/**
 * A whole vhost-user cluster, on one or many NUMA nodes: the node pools, the
 * networking path, the networks, subnets and VMs, planned and checked
 * together, and created as Kubernetes resources.
 *
 * The constructor plans the cluster with the core, before it registers any
 * resource (itself included): a cluster with errors fails `pulumi preview`
 * and `pulumi up` with every error listed (a {@link ClusterModelError}); warnings go
 * to `pulumi.log.warn`, on the member they are about. Then it creates one
 * member component per part, each with `{ parent: this }` (so a provider
 * given to the cluster reaches every resource), in the order objects must
 * exist in: the path (`KubeOvnDpdk` or `UserspaceCni`), the node pools
 * (`OvsDpdkNode`), the networks (`VhostUserNetwork`), their subnets
 * (`DhcpSubnet`, which depend on their network), the VMs (`VhostUserVm`,
 * which depend on their networks and subnets, the node pools and the path),
 * and the perf test kit (`PerfTestKit`, which depends on all of those).
 *
 * Inputs. Which objects exist, their names and everything on the nodes come
 * from plain values. Namespaces, the VM image, cloud-init keys and Secret
 * names, and SSH connections may be Outputs of other resources: resources
 * are never created inside an `apply`. When such an Output is not known
 * yet, the cluster is checked with a stand-in (a namespace stands in as that
 * of the VM or network it must match, else `default`), then planned again
 * with the real values once they are known; the objects' contents (not
 * which objects there are) then show as unknown in the preview, and an
 * error only the real values reveal (a VM and its network in different
 * namespaces) fails the update at that point. Warnings about other fields
 * are logged at once, so a preview shows them too; those about a field with
 * a stand-in, once its value is known. Two networks or VMs of the same name
 * need plain namespaces, which tell their component names apart.
 */
export class VhostUserCluster extends pulumi.ComponentResource {
  /** Name of the cluster (`ClusterSpec.name`). */
  public readonly clusterName: string;

  /** The path component, on the Kube-OVN path. */
  public readonly kubeOvn?: KubeOvnDpdk;

  /** The path component, on the Userspace CNI path. */
  public readonly userspaceCni?: UserspaceCni;

  /** The node pools, in `nodes` order. */
  public readonly nodes: OvsDpdkNode[];

  /** The networks, in `networks` order. */
  public readonly networks: VhostUserNetwork[];

  /** The DHCP subnets, in `subnets` order. */
  public readonly subnets: DhcpSubnet[];

  /** The VMs, in `vms` order. */
  public readonly vms: VhostUserVm[];

  /** The perf test kit, when `perfKit` is given. */
  public readonly perfKit?: PerfTestKit;

  /** Every node file (`nodes/<pool>/...`) and `PLAN.md`. */
  public readonly files: pulumi.Output<OutputFile[]>;

  /** `PLAN.md`: per pool, the CPU map, hugepage ledger, VM capacity and findings. */
  public readonly planMarkdown: pulumi.Output<string>;

  /** The warnings about the cluster (a cluster with errors is never created). */
  public readonly diagnostics: pulumi.Output<Diagnostic[]>;

  /**
   * @param name the Pulumi name, which prefixes every member's name
   * @param args the cluster
   * @param opts options; a Kubernetes provider given here is used for every
   *   object
   * @throws ClusterModelError when the cluster has errors, before anything is
   *   registered
   * @throws Error when a field that must be plain is an Output
   */
  public constructor(
    name: string, args: VhostUserClusterArgs, opts?: pulumi.ComponentResourceOptions,
  ) {
    const prepared = prepareCluster(name, args);
    super('vhost-user-k8s:index:VhostUserCluster', name, {}, opts);

    const rendering = finalRendering(name, args, prepared);
    const entries = new Map<object, SpecEntry>(entriesOf(args));
    provideContext(this, { prepared, rendering, bootstrap: args.bootstrap, entries });
    this.clusterName = prepared.known.spec.name;

    const parent = { parent: this };
    this.kubeOvn = args.kubeOvn && new KubeOvnDpdk(`${name}-kube-ovn`, args.kubeOvn, parent);
    this.userspaceCni = args.userspaceCni
      && new UserspaceCni(`${name}-userspace-cni`, args.userspaceCni, parent);
    const { names } = prepared;
    this.nodes = args.nodes.map((node, i) => new OvsDpdkNode(names.nodes[i], node, parent));
    this.networks = (args.networks ?? []).map((network, i) =>
      new VhostUserNetwork(names.networks[i], network, parent));
    this.subnets = (args.subnets ?? []).map((subnet, i) =>
      new DhcpSubnet(names.subnets[i], subnet, {
        parent: this,
        dependsOn: this.networks.filter((n) => n.networkName === subnet.network),
      }));
    this.vms = (args.vms ?? []).map((vm, i) =>
      new VhostUserVm(names.vms[i], vm, { parent: this, dependsOn: this.needsOf(vm, i, prepared) }));
    this.perfKit = args.perfKit && new PerfTestKit(`${name}-perf-kit`, args.perfKit, {
      parent: this,
      dependsOn: [
        ...(this.kubeOvn ? [this.kubeOvn] : []), ...this.nodes, ...this.networks, ...this.subnets,
      ],
    });

    // Warnings about fields that hold no stand-in are logged now, so that a
    // preview shows them while an Input is still unknown; the others once the
    // Inputs are known, from the final plan.
    const { standIns } = prepared.known;
    const logged = this.warn(prepared.rendered.diagnostics
      .filter((d) => !standIns.some((field) => onPath(d.path, field))));
    if (standIns.length > 0) {
      rendering.apply((final) => this.warn(final.diagnostics
        .filter((d) => !logged.has(formatDiagnostic(d)))));
    }
    this.files = rendering.apply((final) => final.files);
    this.planMarkdown = this.files
      .apply((files) => files.find((file) => file.path === 'PLAN.md')?.content ?? '');
    this.diagnostics = rendering.apply((final) => final.diagnostics);
    this.registerOutputs({
      files: this.files, planMarkdown: this.planMarkdown, diagnostics: this.diagnostics,
    });
  }

  /**
   * What a VM needs before it is created: the path's objects, the node pools
   * (bootstrapped hosts, hugepage placeholders booked before VMs take pages),
   * its networks and the subnets serving them.
   */
  private needsOf(vm: VhostUserVmArgs, index: number, prepared: PreparedCluster): pulumi.Resource[] {
    const spec = prepared.known.spec;
    const namespace = spec.vms![index].namespace ?? DEFAULT_NAMESPACE;
    const used = new Set(vm.interfaces.map((nic) => nic.network));
    const networks = this.networks.filter((network, i) => used.has(network.networkName)
      && (spec.networks![i].namespace ?? DEFAULT_NAMESPACE) === namespace);
    const subnets = this.subnets.filter((_, i) => used.has(spec.subnets![i].network));
    return [
      ...(this.kubeOvn ? [this.kubeOvn] : []),
      ...this.nodes,
      ...networks,
      ...subnets,
    ];
  }

  /**
   * Logs each warning on the member it is about, else on the cluster.
   *
   * @returns the messages logged
   */
  private warn(diagnostics: readonly Diagnostic[]): Set<string> {
    const logged = new Set<string>();
    for (const warning of diagnostics.filter((d) => d.severity === 'warning')) {
      const message = formatDiagnostic(warning);
      void pulumi.log.warn(message, this.memberAt(warning.path) ?? this);
      logged.add(message);
    }
    return logged;
  }

  private memberAt(path: string): pulumi.Resource | undefined {
    const entry = specEntryOf(path);
    switch (entry?.section) {
      case 'kubeOvn': return this.kubeOvn;
      case 'userspaceCni': return this.userspaceCni;
      case 'nodes': return this.nodes[entry.index];
      case 'networks': return this.networks[entry.index];
      case 'subnets': return this.subnets[entry.index];
      case 'vms': return this.vms[entry.index];
      case 'perfKit': return this.perfKit;
      default: return undefined;
    }
  }
}

/** Whether one field path holds the other (`vms[0]` and `vms[0].image`), or is it. */
function onPath(a: string, b: string): boolean {
  const [short, long] = a.length <= b.length ? [a, b] : [b, a];
  return long === short || long.startsWith(`${short}.`) || long.startsWith(`${short}[`);
}

/** Each member's args object, with its entry in the spec. */
function entriesOf(args: VhostUserClusterArgs): Array<[object, SpecEntry]> {
  const list = (section: SpecEntry['section'], items: readonly object[] = []) =>
    items.map((item, index): [object, SpecEntry] => [item, { section, index }]);
  return [
    ...list('kubeOvn', args.kubeOvn ? [args.kubeOvn] : []),
    ...list('userspaceCni', args.userspaceCni ? [args.userspaceCni] : []),
    ...list('nodes', args.nodes),
    ...list('networks', args.networks),
    ...list('subnets', args.subnets),
    ...list('vms', args.vms),
    ...list('perfKit', args.perfKit ? [args.perfKit] : []),
  ];
}
