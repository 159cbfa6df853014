import { KUBELET_FEATURES } from '../../plan/kubelet';
import { KubeletPlan } from '../../plan/types';
import { Version } from '../../plan/versions';
import { Findings } from '../findings';

/** A setting the plan writes into KubeletConfiguration, and the kubelet that reads it. */
interface WrittenSetting {
  readonly name: string;
  readonly since: string;
  /** Said after the version, when there is more to say. */
  readonly note?: string;
  /** What a kubelet without it does instead. */
  readonly without: string;
}

/**
 * KUBELET014: the kubelet version is older than a setting the plan writes for
 * the pool. Such a kubelet does not refuse the setting: it ignores it, so the
 * pool would run without the isolation the plan counts on, with no error.
 *
 * @param plan the pool's kubelet plan
 * @param version `versions.kubelet`
 * @param pool path of the pool, such as `nodes[0]`
 */
export function checkKubeletVersion(
  plan: KubeletPlan, version: Version, pool: string, findings: Findings,
): void {
  const missing = writtenSettings(plan).filter((s) => version.below(s.since));
  if (missing.length === 0) return;

  const needed = missing.map((s) => s.since).reduce((a, b) => (Version.parse(a).below(b) ? b : a));
  findings.error('KUBELET014', {
    path: 'versions.kubelet',
    message: `kubelet ${version} is older than what the plan writes for the pool ${pool}: `
      + missing.map((s) => `${s.name} (kubelet ${s.since} and later${s.note ?? ''})`)
        .join(', ')
      + `; it ignores ${missing.length > 1 ? 'them' : 'it'}, so `
      + missing.map((s) => s.without).join(', and '),
    hint: `Run kubelet ${needed} or later on the pool's hosts and give it as `
      + 'versions.kubelet.',
  });
}

function writtenSettings(plan: KubeletPlan): WrittenSetting[] {
  return [
    {
      name: 'reservedSystemCPUs',
      since: KUBELET_FEATURES.reservedSystemCpus,
      without: 'VMs may be given the housekeeping and PMD CPUs',
    },
    ...(plan.topologyManagerPolicy === 'none' ? [] : [{
      name: `topologyManagerPolicy: ${plan.topologyManagerPolicy}`,
      since: KUBELET_FEATURES.topologyManager,
      without: 'a VM\'s CPUs and NIC may be on different NUMA nodes',
    }]),
    ...(plan.memoryManager ? [{
      name: 'memoryManagerPolicy: Static with reservedMemory',
      since: KUBELET_FEATURES.memoryManager,
      note: '; 1.21 has it only behind the alpha feature gate MemoryManager, off by default',
      without: 'a VM\'s memory and hugepages are not kept on the NUMA node of its CPUs',
    }] : []),
  ];
}
