import { Construct } from 'constructs';
import { OVS_DP_TYPE_LABEL } from '../plan/kube-ovn-node';
import { KubeOvnSpec } from '../spec';
import { joinCluster } from './members';
import { checkProps } from './props';

/**
 * Props of {@link KubeOvnDpdk}: exactly a `KubeOvnSpec`, what a cluster spec
 * file holds under `kubeOvn:`.
 */
export interface KubeOvnDpdkProps extends KubeOvnSpec {}

/**
 * The Kube-OVN OVS-DPDK path: Kube-OVN runs OVS-DPDK (`ovs-ovn-dpdk`) on the
 * labelled nodes and wires vhost-user NICs through its own CNI.
 *
 * A cluster has exactly one path: this or {@link UserspaceCni}.
 *
 * What it leads to, all derived by the stack at synth:
 * - per node pool, `/opt/ovs-config/config.cfg` and, per host,
 *   `ovs-dpdk-config` (`ENCAP_IP`, `DPDK_DEV`), installed by `bootstrap.sh`;
 * - the node label {@link KubeOvnDpdk.NODE_LABEL_KEY}`=`
 *   {@link KubeOvnDpdk.NODE_LABEL_VALUE}, set by `bootstrap.sh` with
 *   `kubectl label node` (a Node object is the kubelet's, so it is not a
 *   manifest here);
 * - the server-side-apply overrides of the `ovs-ovn-dpdk` and `ovs-ovn`
 *   DaemonSets (hugepages and CPU limit, and keeping kernel OVS off DPDK
 *   nodes), which are objects of the stack. No hugepage placeholder pod: the
 *   `ovs-ovn-dpdk` pod's own request books OVS's hugepages.
 *
 * @see https://kubeovn.github.io/docs/stable/en/advance/dpdk/
 */
export class KubeOvnDpdk extends Construct {
  /** The label that makes Kube-OVN run OVS-DPDK on a node. */
  public static readonly NODE_LABEL_KEY: string = OVS_DP_TYPE_LABEL[0];

  /** The value of {@link KubeOvnDpdk.NODE_LABEL_KEY} on OVS-DPDK nodes. */
  public static readonly NODE_LABEL_VALUE: string = OVS_DP_TYPE_LABEL[1];

  /**
   * @param scope a `VhostUserCluster`, or a construct inside one
   * @param id the construct id
   * @param props the Kube-OVN settings
   * @throws Error when a prop has the wrong shape, or the cluster already has
   *   a `KubeOvnDpdk`
   */
  public constructor(scope: Construct, id: string, props: KubeOvnDpdkProps = {}) {
    super(scope, id);
    checkProps(this, 'kubeOvn', props);
    joinCluster(this, 'kubeOvn', props);
  }
}
