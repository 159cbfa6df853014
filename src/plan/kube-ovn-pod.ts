import { NodePlan, OvsDpdkPodPlan } from './types';
import { Findings } from '../diagnostics/findings';
import { Size } from '../model/size';

/**
 * What the one `ovs-ovn-dpdk` DaemonSet requests on every host of the Kube-OVN
 * path, the same whatever the pool: hugepages of the pools' one size, as many
 * as OVS may hold on the host that holds the most (the sum of `ovsHeld` over
 * its NUMA nodes, in whole pages; with 1Gi on each of two NUMA nodes, the
 * guide's `hugepages-1Gi: 2Gi`), and a CPU limit that covers the largest
 * pool's PMD CPUs plus one.
 *
 * Pools of different hugepage sizes are reported (HUGE008): one DaemonSet
 * mounts its pages as one `emptyDir` of medium `HugePages` and can request one
 * size only.
 *
 * @returns undefined without pools, or when their page sizes differ
 */
export function planOvsDpdkPod(
  pools: readonly NodePlan[], findings: Findings,
): OvsDpdkPodPlan | undefined {
  if (pools.length === 0) {
    return undefined;
  }
  const pageSize = pools[0].hugepages.size;
  const other = pools.find((pool) => !pool.hugepages.size.equals(pageSize));
  if (other !== undefined) {
    const sizes = pools.map((pool) => `${pool.name} ${pool.hugepages.size}`).join(', ');
    findings.error('HUGE008', {
      path: `nodes[${other.index}].hugepages.size`,
      message: `node pool ${other.name} uses ${other.hugepages.size} hugepages, but the one `
        + `ovs-ovn-dpdk DaemonSet serves every pool and requests one size (${sizes})`,
      hint: `Give every pool on the Kube-OVN path the same hugepages.size, such as ${pageSize}.`,
      upstream: `Insufficient hugepages-${pageSize}`,
    });
    return undefined;
  }

  const pages = Math.max(...pools.map((pool) => {
    const held = Size.sum(pool.hugepages.perNumaNode.map((entry) => entry.ovsHeld));
    return Math.ceil(held.bytes / pageSize.bytes);
  }));
  return {
    pageSize,
    hugepages: pageSize.times(pages),
    cpuLimit: Math.max(...pools.map((pool) => pool.ovs.podCpuLimit)),
  };
}
