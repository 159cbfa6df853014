import { NetworkPlan } from '../../plan/types';
import { VmSpec } from '../../spec';
import { NetworkPath } from '../../spec/network';
import { Findings } from '../findings';
import { isDnsLabel, quoteList } from './names';

/** A VM's `nodePool` must name a pool of the cluster (VM017). */
export function checkNodePool(
  pool: string, index: number, pools: readonly string[], findings: Findings,
): boolean {
  if (pools.includes(pool)) {
    return true;
  }
  findings.error('VM017', {
    path: `vms[${index}].nodePool`,
    message: `nodePool ${JSON.stringify(pool)} is not a node pool of the cluster`
      + (pools.length > 0 ? `, which has ${quoteList(pools)}` : ''),
    hint: 'name one of the pools in `nodes`, or leave nodePool out to run the VM wherever it '
      + 'fits',
  });
  return false;
}

/**
 * A NIC's network must exist in the VM's namespace (VM006): Virtink looks the
 * NAD up there and knows no `namespace/name` form.
 *
 * @param networkPath the cluster's path: on Kube-OVN the network cannot move
 *   to the VM's namespace (VM011)
 * @returns the network, when found
 */
export function checkNetworkFound(
  name: string, namespace: string, path: string, networks: readonly NetworkPlan[],
  networkPath: NetworkPath, findings: Findings,
): NetworkPlan | undefined {
  const found = networks.find((n) => n.name === name && n.namespace === namespace);
  if (found !== undefined) {
    return found;
  }
  const elsewhere = networks.filter((n) => n.name === name).map((n) => n.namespace);
  findings.error('VM006', {
    path,
    message: `network ${JSON.stringify(name)} does not exist in namespace ${namespace}`
      + (elsewhere.length > 0
        ? `; it exists in ${quoteList(elsewhere)}, but Virtink looks NADs up only in the `
          + 'VM\'s own namespace' : ''),
    hint: elsewhere.length > 0
      ? movesOf(elsewhere[0], namespace, networkPath)
      : 'name a network of `networks` in the VM\'s namespace',
    upstream: `cannot find a network-attachment-definition (${name}) in namespace (${namespace})`,
  });
  return undefined;
}

/**
 * How to bring a VM and its network together: the VM moves to the network's
 * namespace, or the network to the VM's, unless that namespace is no valid
 * name (SPEC003) or the path is Kube-OVN, whose network stays in `default`.
 */
function movesOf(networkNamespace: string, vmNamespace: string, networkPath: NetworkPath): string {
  const moveVm = `put the VM in namespace ${networkNamespace}`;
  if (networkPath === 'kube-ovn') {
    return `${moveVm}: on Kube-OVN the network must be ovn-dpdk in default (NET002), so `
      + 'the VM goes there';
  }
  if (!isDnsLabel(vmNamespace)) {
    return `${moveVm} (${JSON.stringify(vmNamespace)} cannot name a namespace), or in a `
      + 'namespace with a valid name where you define the network too';
  }
  return `${moveVm}, or define the network in ${vmNamespace}`;
}

/**
 * Couplings of Virtink's Kube-OVN wiring (VM010, VM011): it writes one fixed
 * MAC annotation per pod, so a VM has at most one vhost-user NIC there; and
 * the NAD must be `ovn-dpdk` in `default`, which Virtink looks up in the VM's
 * namespace, so the VM lives in `default`.
 */
export function checkKubeOvnVm(
  spec: VmSpec, index: number, namespace: string, findings: Findings,
): void {
  if (spec.interfaces.length > 1) {
    findings.error('VM010', {
      path: `vms[${index}].interfaces[1]`,
      message: `VM ${spec.name} has ${spec.interfaces.length} vhost-user interfaces; on `
        + 'Kube-OVN a VM gets one: Virtink writes a single, fixed MAC annotation '
        + '(ovn-dpdk.default.ovn.kubernetes.io/mac_address) per pod',
      hint: 'keep one vhost-user interface per VM, or use the Userspace CNI path, which '
        + 'takes several',
    });
  }
  if (spec.interfaces.length > 0 && namespace !== 'default') {
    findings.error('VM011', {
      path: `vms[${index}].namespace`,
      message: `VM ${spec.name} is in namespace ${namespace}, but its Kube-OVN network must be `
        + 'ovn-dpdk in default (the MAC annotation key Virtink writes is fixed) and Virtink '
        + 'looks the NAD up in the VM\'s own namespace',
      hint: 'put vhost-user VMs in namespace default on the Kube-OVN path',
    });
  }
}

/** A host of the cluster: its Kubernetes node name and its pool. */
export interface PoolHost {
  readonly pool: string;
  readonly name: string;
}

/**
 * A VM's `host` must be a host of the cluster, and of its `nodePool` when
 * that is given too (VM025): the VM is pinned to it by node affinity, and a
 * node outside the OVS-DPDK pools has none of the hugepages or CPUs planned.
 *
 * @returns the pool of the host, when the host is usable
 */
export function checkHost(
  spec: VmSpec, index: number, hosts: readonly PoolHost[], findings: Findings,
): string | undefined {
  const host = hosts.find((h) => h.name === spec.host);
  const path = `vms[${index}].host`;
  if (host === undefined) {
    const names = hosts.map((h) => h.name);
    findings.error('VM025', {
      path,
      message: `host ${JSON.stringify(spec.host)} is not a host of any node pool`
        + (names.length > 0 ? `; the cluster has ${quoteList(names)}` : ''),
      hint: 'name a host of `nodes` (its `hosts[].name`, as `kubectl get nodes` prints it), '
        + 'or leave host out to run the VM wherever it fits',
    });
    return undefined;
  }
  if (spec.nodePool !== undefined && spec.nodePool !== host.pool) {
    findings.error('VM025', {
      path,
      message: `host ${host.name} is in node pool ${host.pool}, but the VM is pinned to node `
        + `pool ${spec.nodePool}`,
      hint: `name a host of ${spec.nodePool}, or leave nodePool out: the host decides the pool`,
    });
    return undefined;
  }
  return host.pool;
}

/**
 * A pod network binding needs the pod network (VM026): without it the VM has
 * no pod interface to bind.
 */
export function checkPodNetworkBinding(
  spec: VmSpec, index: number, podNetwork: boolean, findings: Findings,
): void {
  if (spec.podNetworkBinding !== undefined && !podNetwork) {
    findings.error('VM026', {
      path: `vms[${index}].podNetworkBinding`,
      message: `VM ${spec.name} binds the pod network with ${spec.podNetworkBinding}, but it `
        + 'is not attached to the pod network',
      hint: 'set podNetwork: true, or remove podNetworkBinding',
    });
  }
}
