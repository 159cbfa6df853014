import * as pulumi from '@pulumi/pulumi';
import { DhcpSubnetArgs } from './args';
import { knownManifests, memberContext } from './context';
import { renderedResource } from './objects';

/**
 * A Kube-OVN Subnet that serves DHCP to the vhost-user NICs of one network:
 * its provider ties it to the network's NAD, and its `dhcpV4Options` are
 * built from typed options.
 *
 * Created by `VhostUserCluster` for each entry of its `subnets`, as
 * `<cluster>-<name>`, after the network it serves; its Subnet is a
 * `CustomResource` of the same name.
 *
 * @see https://kubeovn.github.io/docs/stable/en/kubevirt/dhcp/
 */
export class DhcpSubnet extends pulumi.ComponentResource {
  /** The Subnet name (cluster-scoped). */
  public readonly subnetName: string;

  /** The Subnet. */
  public readonly resource: pulumi.CustomResource;

  /**
   * @param name the Pulumi name
   * @param args the subnet, exactly as in the cluster's `subnets`
   * @param opts options; the parent is the cluster, `dependsOn` the network
   * @throws Error when not created by a `VhostUserCluster`
   */
  public constructor(name: string, args: DhcpSubnetArgs, opts?: pulumi.ComponentResourceOptions) {
    const context = memberContext('DhcpSubnet', name, args, opts);
    super('vhost-user-k8s:index:DhcpSubnet', name, {}, opts);

    const [manifest] = knownManifests(context,
      (m) => m.kind === 'Subnet' && m.metadata.name === args.name);
    this.subnetName = args.name;
    this.resource = renderedResource(name, manifest, context.cluster.rendering, {
      parent: this, dependsOn: opts?.dependsOn,
    });
    this.registerOutputs({});
  }
}
