import { ClusterPlan, OvsDpdkPodPlan } from '../../plan/types';
import { ManifestObject } from '../types';

/** Label Kube-OVN reads to tell OVS-DPDK nodes from kernel OVS nodes. */
export const OVS_DP_TYPE_LABEL = 'ovn.kubernetes.io/ovs_dp_type';

/** The container of both OVS DaemonSets. */
const OVS_CONTAINER = 'openvswitch';

/**
 * The server-side-apply overrides of Kube-OVN's own DaemonSets that the
 * OVS-DPDK path needs; none on the Userspace CNI path.
 *
 * - `ovs-ovn-dpdk`: the hugepages and CPU limit of the plan's `ovsDpdkPod`,
 *   the same on every host: the pools' page size, as many as OVS may hold on
 *   the host that holds the most (every pool's ledger books that amount), and
 *   a CPU limit that covers every PMD core plus one (the installer's 1000m
 *   throttles busy-polling PMD threads).
 * - `ovs-ovn`: a node affinity that keeps the kernel OVS off OVS-DPDK
 *   nodes; hybrid installs schedule it everywhere and both pods then fight
 *   over the same OVS database (kube-ovn#5662).
 *
 * Both are partial objects: apply them server-side under a field manager
 * of their own (`kubectl apply --server-side --force-conflicts
 * --field-manager=vhost-user-k8s`), never under the manager that installed
 * Kube-OVN. The names, selectors (`app: ovs-dpdk`, `app: ovs`) and container
 * name are those of `install.sh` and the v1 chart from v1.10 to v1.16; the
 * v2 chart selects on other labels, so there set the same values through
 * its `ovsOvn.dpdkHybrid.resources` and `ovsOvn.affinity` instead. The
 * v1.10 to v1.13 installers also label every other node
 * `ovs_dp_type=kernel`, later ones do not: `NotIn [userspace]` fits both.
 *
 * Limits: server-side apply cannot remove a field another manager owns, so
 * the installer's `hugepages-2Mi: 1Gi` stays beside a `hugepages-1Gi` entry;
 * delete it from the install script first, as the manual guide does. The
 * installer's `updateStrategy: OnDelete` applies the new resources only
 * when the `ovs-ovn-dpdk` pods are deleted.
 *
 * @see https://kubernetes.io/docs/reference/using-api/server-side-apply/
 */
export function renderKubeOvnOverrides(plan: ClusterPlan): ManifestObject[] {
  if (plan.path !== 'kube-ovn' || plan.nodes.length === 0) {
    return [];
  }
  const pod = plan.ovsDpdkPod;
  if (pod === undefined) {
    // The planner reports the pools that leave it undefined (HUGE008).
    throw new Error('the Kube-OVN plan has no ovsDpdkPod: its node pools use different '
      + 'hugepage sizes (HUGE008), so the one ovs-ovn-dpdk DaemonSet cannot be rendered');
  }
  const namespace = plan.spec.kubeOvn?.namespace ?? 'kube-system';
  return [
    ovsDpdkResources(pod, namespace),
    kernelOvsAffinity(namespace),
  ];
}

function ovsDpdkResources(pod: OvsDpdkPodPlan, namespace: string): ManifestObject {
  const hugepages = ovsDpdkHugepages(pod);
  const cpu = pod.cpuLimit;
  return {
    apiVersion: 'apps/v1',
    kind: 'DaemonSet',
    metadata: { name: 'ovs-ovn-dpdk', namespace },
    spec: {
      selector: { matchLabels: { app: 'ovs-dpdk' } },
      template: {
        spec: {
          containers: [{
            name: OVS_CONTAINER,
            resources: {
              requests: { [hugepages.resource]: hugepages.amount },
              limits: { cpu, [hugepages.resource]: hugepages.amount },
            },
          }],
        },
      },
    },
  };
}

/**
 * The hugepages entry of the `ovs-ovn-dpdk` override, as resource name and
 * quantity: with 1Gi on each of two NUMA nodes, the guide's
 * `hugepages-1Gi: 2Gi`.
 */
export function ovsDpdkHugepages(pod: OvsDpdkPodPlan): { resource: string; amount: string } {
  return {
    resource: `hugepages-${pod.pageSize.toQuantity()}`,
    amount: pod.hugepages.toQuantity(),
  };
}

function kernelOvsAffinity(namespace: string): ManifestObject {
  return {
    apiVersion: 'apps/v1',
    kind: 'DaemonSet',
    metadata: { name: 'ovs-ovn', namespace },
    spec: {
      selector: { matchLabels: { app: 'ovs' } },
      template: {
        spec: {
          affinity: {
            nodeAffinity: {
              requiredDuringSchedulingIgnoredDuringExecution: {
                nodeSelectorTerms: [{
                  matchExpressions: [{
                    key: OVS_DP_TYPE_LABEL, operator: 'NotIn', values: ['userspace'],
                  }],
                }],
              },
            },
          },
          containers: [{ name: OVS_CONTAINER }],
        },
      },
    },
  };
}
