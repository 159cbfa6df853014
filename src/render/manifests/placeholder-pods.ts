import { ClusterPlan, HugepageLedgerEntry, NodePlan } from '../../plan/types';
import { ManifestObject } from '../types';
import { managedLabels } from './common';

/** Namespace of the placeholder pods. */
export const PLACEHOLDER_NAMESPACE = 'kube-system';

/** Image of the placeholder pods: it only sleeps. */
export const PLACEHOLDER_IMAGE = 'registry.k8s.io/pause:3.10';

/** Label that tells the placeholder pods apart. */
const COMPONENT = 'ovs-hugepage-placeholder';

/**
 * Guaranteed pods that hold, in the kubelet's books, the hugepages OVS-DPDK
 * takes outside Kubernetes (the Userspace CNI path, where OVS runs on the
 * host): one per host and NUMA node where OVS holds
 * hugepages, requesting exactly what it may hold there (`ovsHeld`: its
 * socket limit, in whole pages of the node's size).
 *
 * OVS-DPDK's `dpdk-socket-mem` pages are invisible to the kubelet's memory
 * manager (and cannot be reserved: `reservedMemory` takes no hugepages
 * beyond what systemReserved and kubeReserved hold, which accept none), so
 * without a placeholder the kubelet hands those pages to a VM, which then
 * fails with `insufficient hugepages-1Gi` or a SIGBUS in the guest.
 *
 * Limit: a pod cannot name its NUMA node. The memory manager picks one from
 * the topology hints, usually the lowest NUMA node with room, so the
 * placeholder of NUMA node 1 may be booked on node 0 when node 0 has free
 * pages. The totals per host are right; the split per NUMA node is the
 * kubelet's choice (see the anchors' kubelet notes, §4.3).
 *
 * Each pod is pinned to its host by `kubernetes.io/hostname` affinity rather
 * than `nodeName`, so that the scheduler retries it while the host's
 * hugepages are not there yet instead of the kubelet failing it for good.
 * It requests a fraction of a CPU: a whole CPU would take an exclusive core
 * from the VMs under the static CPU manager, and Guaranteed QoS (what the
 * memory manager books) needs only requests equal to limits.
 *
 * Rendered on the Userspace CNI path only, unless its `hugepagePlaceholders`
 * is false. On Kube-OVN, OVS runs in the `ovs-ovn-dpdk` pod, whose own
 * hugepages request the kubelet already counts: a placeholder there would
 * book the same pages twice (HUGE009 warns when one is asked for).
 */
export function renderPlaceholderPods(plan: ClusterPlan): ManifestObject[] {
  if (plan.path !== 'userspace' || plan.spec.userspaceCni?.hugepagePlaceholders === false) {
    return [];
  }
  return plan.nodes.flatMap((node) => node.hosts.flatMap((host) =>
    node.hugepages.perNumaNode
      .filter((entry) => !entry.ovsHeld.isZero)
      .map((entry) => placeholderPod(node, host.name, entry))));
}

function placeholderPod(node: NodePlan, host: string, entry: HugepageLedgerEntry): ManifestObject {
  const numaNode = entry.numaNode;
  const resources = {
    cpu: '10m',
    memory: '16Mi',
    [`hugepages-${node.hugepages.size.toQuantity()}`]: entry.ovsHeld.toQuantity(),
  };
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name: `ovs-hugepages-${host}-numa${numaNode}`,
      namespace: PLACEHOLDER_NAMESPACE,
      labels: managedLabels({
        'app.kubernetes.io/component': COMPONENT,
        'vhost-user-k8s.io/node-pool': node.name,
        'vhost-user-k8s.io/numa-node': `${numaNode}`,
      }),
    },
    spec: {
      affinity: {
        nodeAffinity: {
          requiredDuringSchedulingIgnoredDuringExecution: {
            nodeSelectorTerms: [{
              matchExpressions: [{ key: 'kubernetes.io/hostname', operator: 'In', values: [host] }],
            }],
          },
        },
      },
      // Never preempted by VMs, and not kept off tainted OVS-DPDK nodes.
      priorityClassName: 'system-node-critical',
      tolerations: [{ operator: 'Exists' }],
      automountServiceAccountToken: false,
      containers: [{
        name: 'pause',
        image: PLACEHOLDER_IMAGE,
        resources: { requests: { ...resources }, limits: { ...resources } },
      }],
    },
  };
}
