import * as pulumi from '@pulumi/pulumi';
import { VhostUserNetworkArgs } from './args';
import { knownManifests, memberContext } from './context';
import { renderedResource } from './objects';
import { DEFAULT_NAMESPACE } from '../plan/defaults';

/**
 * A Multus network that carries vhost-user NICs: one
 * NetworkAttachmentDefinition whose CNI configuration is the Kube-OVN or
 * Userspace CNI one, as the cluster's path needs it.
 *
 * Created by `VhostUserCluster` for each entry of its `networks`, as
 * `<cluster>-<name>`; its NAD is a `CustomResource` of the same name.
 *
 * @see https://github.com/k8snetworkplumbingwg/multi-net-spec
 * @see https://kubeovn.github.io/docs/stable/en/advance/dpdk/
 */
export class VhostUserNetwork extends pulumi.ComponentResource {
  /** The NAD name, which VM interfaces name as their `network`. */
  public readonly networkName: string;

  /** The NAD namespace. */
  public readonly namespace: pulumi.Output<string>;

  /** The NetworkAttachmentDefinition. */
  public readonly resource: pulumi.CustomResource;

  /**
   * @param name the Pulumi name
   * @param args the network, exactly as in the cluster's `networks`
   * @param opts options; the parent is the cluster
   * @throws Error when not created by a `VhostUserCluster`
   */
  public constructor(
    name: string, args: VhostUserNetworkArgs, opts?: pulumi.ComponentResourceOptions,
  ) {
    const context = memberContext('VhostUserNetwork', name, args, opts);
    super('vhost-user-k8s:index:VhostUserNetwork', name, {}, opts);

    const known = context.cluster.prepared.known.spec.networks![context.entry.index];
    const [manifest] = knownManifests(context, (m) => m.kind === 'NetworkAttachmentDefinition'
      && m.metadata.name === known.name
      && m.metadata.namespace === (known.namespace ?? DEFAULT_NAMESPACE));

    this.networkName = args.name;
    this.namespace = pulumi.output(args.namespace ?? DEFAULT_NAMESPACE);
    this.resource = renderedResource(name, manifest, context.cluster.rendering, {
      parent: this, namespace: this.namespace, dependsOn: opts?.dependsOn,
    });
    this.registerOutputs({ namespace: this.namespace });
  }
}
