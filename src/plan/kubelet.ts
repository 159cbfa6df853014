import {
  readMemoryReservation, readReservedMemory, ReservedMemoryEntry, spreadReservedMemory,
} from './reserved-memory';
import { CpuPlan, KubeletPlan } from './types';
import { Version } from './versions';
import { Findings } from '../diagnostics/findings';
import { HostTopology } from '../model/topology';
import { NetworkPath } from '../spec/network';
import { KubeletSpec } from '../spec/node';

/** Where kubeadm writes the kubelet configuration. */
export const DEFAULT_KUBELET_CONFIG_PATH = '/var/lib/kubelet/config.yaml';

/** The topology manager's limit unless `max-allowable-numa-nodes` raises it. */
export const MAX_NUMA_NODES_BY_DEFAULT = 8;

/** Kubelet releases where the options and gates the plan uses appear. */
export const KUBELET_FEATURES = {
  /** `full-pcpus-only` is beta, so on by default, from 1.23. */
  fullPcpusOnly: '1.23',
  /** `strict-cpu-reservation` is alpha in 1.32 (behind a gate), beta from 1.33. */
  strictCpuReservation: '1.32',
  strictCpuReservationBeta: '1.33',
  /** `max-allowable-numa-nodes` is beta from 1.31. */
  maxAllowableNumaNodes: '1.31',
  /** `reservedSystemCPUs` is read from 1.17. */
  reservedSystemCpus: '1.17',
  /** The topology manager is beta, so on by default, from 1.18. */
  topologyManager: '1.18',
  /** The memory manager is alpha in 1.21 (behind a gate, off), beta from 1.22. */
  memoryManager: '1.22',
} as const;

/**
 * The kubelet settings of a node pool: the static CPU manager with
 * `reservedSystemCPUs` = housekeeping ∪ PMD and the policy options the version
 * has; on hosts with several NUMA nodes the `single-numa-node` topology manager
 * and the Static memory manager with `reservedMemory` on every NUMA node with
 * memory, summing exactly to the Node Allocatable reservation. A given
 * `reservedMemory` turns the memory manager on for one NUMA node too.
 *
 * `evictionHard` is written only when given: a partial `evictionHard` map
 * would drop the kubelet's other default thresholds.
 *
 * `strict-cpu-reservation` is on by default on the Userspace CNI path only.
 * It takes `reservedSystemCPUs` out of the shared pool of Burstable and
 * BestEffort pods (the static policy's default CPU set becomes every CPU
 * less the reserved ones), which keeps pods off the PMD CPUs where OVS runs
 * on the host. On Kube-OVN, OVS runs inside the Burstable `ovs-ovn-dpdk` pod,
 * so the option would keep OVS itself off its PMD and lcore CPUs (KUBELET013).
 *
 * @param networkPath the cluster's path, which decides `strict-cpu-reservation`
 * @param path path of the `kubelet` field, such as `nodes[0].kubelet`
 * @see https://kubernetes.io/docs/tasks/administer-cluster/cpu-management-policies/
 */
export function planKubelet(
  spec: KubeletSpec | undefined,
  host: HostTopology,
  cpus: CpuPlan,
  version: Version,
  networkPath: NetworkPath,
  path: string,
  findings: Findings,
): KubeletPlan {
  const reservation = readMemoryReservation(spec, host, path, findings);
  const numaNodes = host.numaNodeIds();
  const multiNuma = numaNodes.length > 1;
  // Given reservedMemory asks for the memory manager even on one NUMA node.
  const memoryManager = multiNuma || spec?.reservedMemory !== undefined;

  let reservedMemory: ReservedMemoryEntry[] = [];
  if (memoryManager) {
    const withMemory = numaNodes.filter((id) => !host.memoryOf(id)?.isZero);
    reservedMemory = spec?.reservedMemory === undefined
      ? spreadReservedMemory(reservation, withMemory)
      : readReservedMemory(spec.reservedMemory, numaNodes, path, findings);
  }

  const fullPcpusOnly = (spec?.fullPcpusOnly ?? true)
    && version.atLeast(KUBELET_FEATURES.fullPcpusOnly);
  const strictCpuReservation = (spec?.strictCpuReservation ?? networkPath === 'userspace')
    && version.atLeast(KUBELET_FEATURES.strictCpuReservation);
  const policyOptions: Record<string, string> = {
    ...(fullPcpusOnly ? { 'full-pcpus-only': 'true' } : {}),
    ...(strictCpuReservation ? { 'strict-cpu-reservation': 'true' } : {}),
  };
  const alphaGate = strictCpuReservation
    && version.below(KUBELET_FEATURES.strictCpuReservationBeta);
  const manyNuma = numaNodes.length > MAX_NUMA_NODES_BY_DEFAULT
    && version.atLeast(KUBELET_FEATURES.maxAllowableNumaNodes);

  const config: Record<string, unknown> = {
    cpuManagerPolicy: 'static',
    ...(Object.keys(policyOptions).length > 0 ? { cpuManagerPolicyOptions: policyOptions } : {}),
    reservedSystemCPUs: cpus.reservedSystem.toList(),
    ...(multiNuma ? { topologyManagerPolicy: 'single-numa-node' } : {}),
    ...(multiNuma && manyNuma
      ? { topologyManagerPolicyOptions: { 'max-allowable-numa-nodes': String(numaNodes.length) } }
      : {}),
    ...(memoryManager
      ? {
        memoryManagerPolicy: 'Static',
        reservedMemory: reservedMemory.map((entry) => ({
          numaNode: entry.numaNode,
          limits: { memory: entry.memory.toQuantity() },
        })),
      }
      : {}),
    kubeReserved: { memory: reservation.kube.toQuantity() },
    systemReserved: { memory: reservation.system.toQuantity() },
    ...(reservation.evictionHard !== undefined
      ? { evictionHard: { 'memory.available': reservation.evictionHard } }
      : {}),
    ...(alphaGate ? { featureGates: { CPUManagerPolicyAlphaOptions: true } } : {}),
  };

  return {
    configPath: spec?.configPath ?? DEFAULT_KUBELET_CONFIG_PATH,
    config,
    reservedMemory,
    reservedTotal: reservation.total,
    reservation,
    topologyManagerPolicy: multiNuma ? 'single-numa-node' : 'none',
    memoryManager,
    fullPcpusOnly,
    strictCpuReservation,
  };
}
