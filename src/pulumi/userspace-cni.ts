import * as pulumi from '@pulumi/pulumi';
import { UserspaceCniArgs } from './args';
import { memberContext } from './context';
import { DEFAULT_USERSPACE_BRIDGE } from '../plan/ovs';

/**
 * The Userspace CNI path: vhost-user ports on an OVS-DPDK `netdev` bridge
 * of each host, wired by the Userspace CNI plugin.
 *
 * Created by `VhostUserCluster` from its `userspaceCni`, as
 * `<cluster>-userspace-cni`. It owns no Kubernetes object: the bridge, its
 * DPDK ports and the OVS settings are in each node pool's `bootstrap.sh`, and
 * the plugin's configuration is in each network's NAD.
 *
 * @see https://github.com/intel/userspace-cni-network-plugin
 */
export class UserspaceCni extends pulumi.ComponentResource {
  /** The OVS bridge vhost-user ports are added to. */
  public readonly bridge: string;

  /**
   * @param name the Pulumi name
   * @param args the path, exactly as the cluster's `userspaceCni`
   * @param opts options; the parent is the cluster
   * @throws Error when not created by a `VhostUserCluster`
   */
  public constructor(name: string, args: UserspaceCniArgs, opts?: pulumi.ComponentResourceOptions) {
    const context = memberContext('UserspaceCni', name, args, opts);
    super('vhost-user-k8s:index:UserspaceCni', name, {}, opts);

    const known = context.cluster.prepared.known.spec.userspaceCni;
    this.bridge = known?.bridge ?? DEFAULT_USERSPACE_BRIDGE;
    this.registerOutputs({});
  }
}
