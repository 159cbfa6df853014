import { CpuSet } from '../../model/cpuset';
import { Size } from '../../model/size';
import { HostTopology } from '../../model/topology';
import { KUBELET_FEATURES, MAX_NUMA_NODES_BY_DEFAULT } from '../../plan/kubelet';
import { CpuPlan, KubeletPlan } from '../../plan/types';
import { Version } from '../../plan/versions';
import { NetworkPath } from '../../spec/network';
import { Findings } from '../findings';
import { checkKubeletVersion } from './kubelet-version';

/** What the kubelet rules need to know besides the plan. */
export interface KubeletRuleContext {
  readonly host: HostTopology;
  readonly cpus: CpuPlan;
  /** The kubelet version the plan targets. */
  readonly version: Version;
  /** The cluster's path: on Kube-OVN, OVS runs in a Burstable pod. */
  readonly networkPath: NetworkPath;
  /** Path of the `kubelet` field, such as `nodes[0].kubelet`. */
  readonly path: string;
}

/**
 * Checks the kubelet settings as the kubelet itself would at start, plus the
 * CPU manager options that keep pods off PMD cores, or, on Kube-OVN, OVS off
 * its own (KUBELET001, KUBELET002, KUBELET004, KUBELET006 to KUBELET014).
 */
export function checkKubelet(
  plan: KubeletPlan, ctx: KubeletRuleContext, findings: Findings,
): void {
  checkKubeletVersion(plan, ctx.version, ctx.path.replace(/\.kubelet$/, ''), findings);
  if (!plan.configPath.startsWith('/')) {
    findings.error('KUBELET012', {
      path: `${ctx.path}.configPath`,
      message: `the kubelet configuration path "${plan.configPath}" is not absolute`,
      hint: 'Give the absolute path, such as /var/lib/kubelet/config.yaml.',
    });
  }
  if (ctx.cpus.reservedSystem.isEmpty) {
    findings.error('KUBELET009', {
      path: `${ctx.path.replace(/\.kubelet$/, '')}.cpus`,
      message: 'reservedSystemCPUs is empty: there are neither housekeeping nor PMD CPUs',
      hint: 'Keep at least one physical core as housekeeping.',
      upstream: '[cpumanager] the static policy requires systemreserved.cpu + '
        + 'kubereserved.cpu to be greater than zero',
    });
  }
  if (plan.memoryManager) {
    checkReservedMemory(plan, ctx, findings);
  }

  const numaNodes = ctx.host.numaNodeIds().length;
  const options = plan.config.topologyManagerPolicyOptions as Record<string, string> | undefined;
  if (plan.topologyManagerPolicy !== 'none' && numaNodes > MAX_NUMA_NODES_BY_DEFAULT
    && options?.['max-allowable-numa-nodes'] === undefined) {
    findings.error('KUBELET006', {
      path: ctx.path,
      message: `the host has ${numaNodes} NUMA nodes; kubelet ${ctx.version} refuses the `
        + `${plan.topologyManagerPolicy} topology policy with more than `
        + `${MAX_NUMA_NODES_BY_DEFAULT}`,
      hint: `Use kubelet ${KUBELET_FEATURES.maxAllowableNumaNodes} or later, where the `
        + 'max-allowable-numa-nodes option lifts the limit.',
      upstream: `unsupported on machines with more than ${MAX_NUMA_NODES_BY_DEFAULT} NUMA Nodes`,
    });
  }

  checkCpuOptions(plan, ctx, findings);
}

function checkReservedMemory(
  plan: KubeletPlan, ctx: KubeletRuleContext, findings: Findings,
): void {
  const where = `${ctx.path}.reservedMemory`;
  if (plan.reservedTotal.isZero) {
    findings.error('KUBELET010', {
      path: ctx.path,
      message: 'kubeReserved + systemReserved + evictionHard is zero, so the Static memory '
        + 'manager has no memory to reserve',
      hint: 'Reserve memory for the operating system and the kubelet, such as 1Gi each.',
      upstream: '[memorymanager] you should specify the system reserved memory',
    });
  }

  const ids = ctx.host.numaNodeIds();
  plan.reservedMemory.forEach((entry, i) => {
    if (!ids.includes(entry.numaNode)) {
      findings.error('KUBELET002', {
        path: `${where}[${i}]`,
        message: `reservedMemory entry ${i} (${entry.memory}) would reserve memory on NUMA node `
          + `${entry.numaNode}, but the host only has NUMA nodes ${ids.join(', ')}`,
        hint: `Give at most ${ids.length} entries, one per NUMA node in node order.`,
        upstream: 'the reserved memory configuration references a NUMA node '
          + `${entry.numaNode} that does not exist on this machine`,
      });
    }
    if (entry.memory.isZero) {
      findings.error('KUBELET004', {
        path: `${where}[${i}]`,
        message: `reservedMemory entry ${i} (NUMA node ${entry.numaNode}) is zero`,
        hint: 'Give it a size, or drop the entry and move its share to another NUMA node.',
        upstream: 'invalid configuration: reserved memory may not be zero for NUMA node '
          + `${entry.numaNode} and resource "memory"`,
      });
    }
  });

  const sum = Size.sum(plan.reservedMemory.map((entry) => entry.memory));
  if (!sum.equals(plan.reservedTotal)) {
    const r = plan.reservation;
    const eviction = r.evictionHard === undefined
      ? `${r.eviction} (the kubelet's default eviction threshold)`
      : `${r.eviction} (evictionHard ${r.evictionHard})`;
    findings.error('KUBELET001', {
      path: where,
      message: `reservedMemory sums to ${sum}, but the kubelet expects kubeReserved ${r.kube} + `
        + `systemReserved ${r.system} + ${eviction} = ${plan.reservedTotal}; it will not start`,
      hint: 'Leave reservedMemory out to have it spread exactly, or make the entries sum to '
        + `${plan.reservedTotal}.`,
      upstream: `the total amount "${sum}" of type "memory" is not equal to the value `
        + `"${plan.reservedTotal}" determined by Node Allocatable feature`,
    });
  }
}

function checkCpuOptions(plan: KubeletPlan, ctx: KubeletRuleContext, findings: Findings): void {
  const { cpus, host, version } = ctx;
  if (ctx.networkPath === 'kube-ovn' && plan.strictCpuReservation) {
    // The static policy's shared pool is every CPU less reservedSystemCPUs
    // under this option (policy_static.go, validateState), and a Burstable
    // pod's containers get that pool as their cpuset.
    findings.error('KUBELET013', {
      path: `${ctx.path}.strictCpuReservation`,
      message: 'strictCpuReservation is on, but on Kube-OVN OVS runs in the Burstable '
        + 'ovs-ovn-dpdk pod, which the option keeps off reservedSystemCPUs '
        + `${cpus.reservedSystem}: its PMD threads cannot be pinned to pmd-cpu-mask `
        + `${cpus.pmd.toMask()} (${cpus.pmd}), nor its lcore to housekeeping CPUs, and they `
        + 'poll on whatever VM CPUs are left',
      hint: 'Leave strictCpuReservation out on the Kube-OVN path (isolcpus keeps other '
        + 'pods\' threads off the PMD CPUs); the Userspace CNI path, where OVS runs on the '
        + 'host, keeps it on.',
      upstream: 'Thread affinity error 22',
    });
  }
  // On Kube-OVN the option stays off for OVS's sake: there is nothing to warn of.
  if (ctx.networkPath !== 'kube-ovn' && !cpus.pmd.isEmpty && !plan.strictCpuReservation) {
    const why = version.below(KUBELET_FEATURES.strictCpuReservation)
      ? `kubelet ${version} does not have the CPU manager option strict-cpu-reservation `
        + `(${KUBELET_FEATURES.strictCpuReservation} and later)`
      : 'the CPU manager option strict-cpu-reservation is turned off';
    findings.warn('KUBELET007', {
      path: `${ctx.path}.strictCpuReservation`,
      message: `${why}, so Burstable and BestEffort pods may run on the PMD CPUs ${cpus.pmd}; `
        + 'only isolcpus keeps them off',
      hint: `Use kubelet ${KUBELET_FEATURES.strictCpuReservation} or later and leave `
        + 'strictCpuReservation on.',
    });
  }

  if (plan.fullPcpusOnly) {
    const partial = partialCores(cpus.reservedSystem, host);
    if (!partial.isEmpty) {
      findings.warn('KUBELET008', {
        path: `${ctx.path.replace(/\.kubelet$/, '')}.cpus`,
        message: `reservedSystemCPUs ${cpus.reservedSystem} splits cores: with full-pcpus-only `
          + `their other threads ${partial} can never be given to a VM`,
        hint: 'Reserve whole cores (both threads) for housekeeping and PMD threads.',
      });
    }
  } else if (host.threadsPerCore > 1) {
    const why = version.below(KUBELET_FEATURES.fullPcpusOnly)
      ? `kubelet ${version} does not have the CPU manager option full-pcpus-only`
      : 'the CPU manager option full-pcpus-only is turned off';
    findings.warn('KUBELET011', {
      path: `${ctx.path}.fullPcpusOnly`,
      message: `${why}, so two VMs may get the two threads of one core`,
      hint: `Use kubelet ${KUBELET_FEATURES.fullPcpusOnly} or later and leave fullPcpusOnly on.`,
    });
  }
}

/** The threads whose core is only partly in `set`, and that `set` lacks. */
function partialCores(set: CpuSet, host: HostTopology): CpuSet {
  let missing = CpuSet.EMPTY;
  for (const cpu of set.intersect(host.cpus())) {
    missing = missing.union(host.siblingsOf(cpu).difference(set));
  }
  return missing;
}
