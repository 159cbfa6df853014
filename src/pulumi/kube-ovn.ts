import * as pulumi from '@pulumi/pulumi';
import { KubeOvnDpdkArgs } from './args';
import { knownManifests, memberContext } from './context';
import { renderedResource } from './objects';

/**
 * The Kube-OVN OVS-DPDK path: Kube-OVN's own OVS-DPDK DaemonSet wired to the
 * nodes' hugepages and PMD cores.
 *
 * Created by `VhostUserCluster` from its `kubeOvn`, as `<cluster>-kube-ovn`.
 * It owns the overrides of Kube-OVN's DaemonSets (`ovs-ovn-dpdk` hugepages
 * and CPU limit, the `ovs-ovn` node affinity), each an
 * `apps.v1.DaemonSetPatch` named `<component>-<daemonset>`: server-side
 * apply under a field manager of its own, forced over the installer's
 * fields. The node side (node label, `/opt/ovs-config` files) is in each
 * node pool's `bootstrap.sh`.
 *
 * @see https://kubeovn.github.io/docs/stable/en/advance/dpdk/
 */
export class KubeOvnDpdk extends pulumi.ComponentResource {
  /** The DaemonSet overrides. */
  public readonly patches: pulumi.CustomResource[];

  /**
   * @param name the Pulumi name
   * @param args the path, exactly as the cluster's `kubeOvn`
   * @param opts options; the parent is the cluster
   * @throws Error when not created by a `VhostUserCluster`
   */
  public constructor(name: string, args: KubeOvnDpdkArgs, opts?: pulumi.ComponentResourceOptions) {
    const context = memberContext('KubeOvnDpdk', name, args, opts);
    super('vhost-user-k8s:index:KubeOvnDpdk', name, {}, opts);

    this.patches = knownManifests(context, (m) => m.kind === 'DaemonSet')
      .map((manifest) => renderedResource(`${name}-${manifest.metadata.name}`, manifest,
        context.cluster.rendering, { parent: this, dependsOn: opts?.dependsOn }));
    this.registerOutputs({});
  }
}
