import * as pulumi from '@pulumi/pulumi';
import { VhostUserVmArgs } from './args';
import { knownManifests, memberContext } from './context';
import { renderedResource } from './objects';
import { DEFAULT_NAMESPACE } from '../plan/defaults';

/**
 * A Virtink VirtualMachine with dedicated CPUs, hugepage-backed memory and one
 * `vhostUser` interface per network, with the resources Virtink's webhook
 * demands and, when asked, cloud-init.
 *
 * Created by `VhostUserCluster` for each entry of its `vms`, as
 * `<cluster>-<name>`, after its networks, their subnets, the node pools and
 * the path's objects; its VirtualMachine is a `CustomResource` of the same
 * name.
 *
 * @see https://github.com/smartxworks/virtink/blob/main/docs/vhost-user-net.md
 * @see https://kubernetes.io/docs/tasks/manage-hugepages/scheduling-hugepages/
 */
export class VhostUserVm extends pulumi.ComponentResource {
  /** The VM name. */
  public readonly vmName: string;

  /** The VM namespace. */
  public readonly namespace: pulumi.Output<string>;

  /** The VirtualMachine. */
  public readonly resource: pulumi.CustomResource;

  /**
   * @param name the Pulumi name
   * @param args the VM, exactly as in the cluster's `vms`
   * @param opts options; the parent is the cluster, `dependsOn` what the VM
   *   needs first
   * @throws Error when not created by a `VhostUserCluster`
   */
  public constructor(name: string, args: VhostUserVmArgs, opts?: pulumi.ComponentResourceOptions) {
    const context = memberContext('VhostUserVm', name, args, opts);
    super('vhost-user-k8s:index:VhostUserVm', name, {}, opts);

    const known = context.cluster.prepared.known.spec.vms![context.entry.index];
    const [manifest] = knownManifests(context, (m) => m.kind === 'VirtualMachine'
      && m.metadata.name === known.name
      && m.metadata.namespace === (known.namespace ?? DEFAULT_NAMESPACE));

    this.vmName = args.name;
    this.namespace = pulumi.output(args.namespace ?? DEFAULT_NAMESPACE);
    this.resource = renderedResource(name, manifest, context.cluster.rendering, {
      parent: this, namespace: this.namespace, dependsOn: opts?.dependsOn,
    });
    this.registerOutputs({ namespace: this.namespace });
  }
}
