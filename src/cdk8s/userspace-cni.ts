import { Construct } from 'constructs';
import { UserspaceCniSpec } from '../spec';
import { joinCluster } from './members';
import { checkProps } from './props';

/**
 * Props of {@link UserspaceCni}: exactly a `UserspaceCniSpec`, what a cluster
 * spec file holds under `userspaceCni:`.
 */
export interface UserspaceCniProps extends UserspaceCniSpec {}

/**
 * The Userspace CNI path: OVS-DPDK runs on the hosts with a `netdev` bridge
 * and a DPDK port, and the Userspace CNI plugin adds one vhost-user port per
 * NIC, beside the cluster's own pod network.
 *
 * A cluster has exactly one path: this or {@link KubeOvnDpdk}.
 *
 * What it leads to, all derived by the stack at synth: the bridge and DPDK
 * port setup in each node's `bootstrap.sh`, the plugin's CNI configuration in
 * every {@link VhostUserNetwork}, and the hugepage placeholder pods.
 *
 * @see https://github.com/intel/userspace-cni-network-plugin
 * @see https://docs.openvswitch.org/en/latest/topics/dpdk/vhost-user/
 */
export class UserspaceCni extends Construct {
  /**
   * @param scope a `VhostUserCluster`, or a construct inside one
   * @param id the construct id
   * @param props the plugin settings
   * @throws Error when a prop has the wrong shape, or the cluster already has
   *   a `UserspaceCni`
   */
  public constructor(scope: Construct, id: string, props: UserspaceCniProps = {}) {
    super(scope, id);
    checkProps(this, 'userspaceCni', props);
    joinCluster(this, 'userspaceCni', props);
  }
}
