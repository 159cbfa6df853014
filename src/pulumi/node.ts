import * as pulumi from '@pulumi/pulumi';
import { OvsDpdkNodeArgs } from './args';
import { knownManifests, memberContext } from './context';
import { renderedResource } from './objects';
import { runBootstrap } from './remote';
import { OutputFile } from '../render/types';

/** The label by which the core marks the node pool of a hugepage placeholder pod. */
const NODE_POOL_LABEL = 'vhost-user-k8s.io/node-pool';

/**
 * One node, or a pool of identical nodes, running OVS-DPDK: its CPUs and NUMA
 * nodes, its DPDK NICs, PMD cores, hugepages, kubelet reservations and kernel.
 *
 * Created by `VhostUserCluster` for each entry of its `nodes`, as
 * `<cluster>-<pool>`. It holds:
 *
 * - the node files as outputs: {@link OvsDpdkNode.files} (`nodes/<pool>/...`:
 *   `bootstrap.sh`, `verify.sh` and the files they install);
 * - with the cluster's `bootstrap`, for each host, the copy of `bootstrap.sh`
 *   and its run over SSH ({@link OvsDpdkNode.bootstrapCommands});
 * - the Guaranteed pods that hold, in the kubelet's books, the hugepages
 *   OVS-DPDK takes on each host and NUMA node (`<component>-<pod>`), created
 *   after the hosts are bootstrapped.
 *
 * @see https://docs.openvswitch.org/en/latest/intro/install/dpdk/
 * @see https://kubernetes.io/docs/tasks/administer-cluster/memory-manager/
 */
export class OvsDpdkNode extends pulumi.ComponentResource {
  /** Name of the node pool (`nodes/<name>/` in the files). */
  public readonly poolName: string;

  /** The Kubernetes node names of the pool. */
  public readonly hosts: string[];

  /** The node files of the pool, with paths `nodes/<pool>/...`. */
  public readonly files: pulumi.Output<OutputFile[]>;

  /** The text of the pool's `bootstrap.sh`. */
  public readonly bootstrapScript: pulumi.Output<string>;

  /** The text of the pool's `verify.sh`. */
  public readonly verifyScript: pulumi.Output<string>;

  /** The runs of `bootstrap.sh`, one per host; empty without the cluster's `bootstrap`. */
  public readonly bootstrapCommands: pulumi.CustomResource[];

  /**
   * The hugepage placeholder pods of the pool's hosts; none on the Kube-OVN
   * path, where the `ovs-ovn-dpdk` pod's own request books OVS's hugepages.
   */
  public readonly placeholderPods: pulumi.CustomResource[];

  /**
   * @param name the Pulumi name
   * @param args the node pool, exactly as in the cluster's `nodes`
   * @param opts options; the parent is the cluster
   * @throws Error when not created by a `VhostUserCluster`
   */
  public constructor(name: string, args: OvsDpdkNodeArgs, opts?: pulumi.ComponentResourceOptions) {
    const context = memberContext('OvsDpdkNode', name, args, opts);
    super('vhost-user-k8s:index:OvsDpdkNode', name, {}, opts);

    const hosts = args.hosts ?? [{ name: args.name }];
    this.poolName = args.name;
    this.hosts = hosts.map((host) => host.name);

    const folder = `nodes/${args.name}/`;
    this.files = context.cluster.rendering
      .apply((rendering) => rendering.files.filter((file) => file.path.startsWith(folder)));
    this.bootstrapScript = this.files.apply((files) => contentOf(files, `${folder}bootstrap.sh`));
    this.verifyScript = this.files.apply((files) => contentOf(files, `${folder}verify.sh`));

    const bootstrap = context.cluster.bootstrap;
    this.bootstrapCommands = bootstrap === undefined ? [] : runBootstrap({
      parent: this, name, pool: args.name, hosts, script: this.bootstrapScript,
    }, bootstrap);

    const dependsOn = this.bootstrapCommands.length > 0 ? this.bootstrapCommands : opts?.dependsOn;
    this.placeholderPods = knownManifests(context,
      (m) => m.kind === 'Pod' && m.metadata.labels?.[NODE_POOL_LABEL] === args.name)
      .map((manifest) => renderedResource(`${name}-${manifest.metadata.name}`, manifest,
        context.cluster.rendering, { parent: this, dependsOn }));

    this.registerOutputs({
      files: this.files,
      bootstrapScript: this.bootstrapScript,
      verifyScript: this.verifyScript,
    });
  }
}

function contentOf(files: readonly OutputFile[], path: string): string {
  const file = files.find((f) => f.path === path);
  if (file === undefined) {
    throw new Error(`the cluster rendered no ${path}: this is a fault of vhost-user-k8s`);
  }
  return file.content;
}
