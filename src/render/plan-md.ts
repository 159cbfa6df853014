import { Diagnostic } from '../diagnostics/diagnostic';
import { ClusterPlan } from '../plan/types';
import { ovsDpdkHugepages } from './manifests/kube-ovn-daemonset';
import { inlineCode, markdownTable } from './markdown';
import { perfKitSection } from './perf-kit';
import { renderPoolSection } from './plan-md-pool';

/**
 * `PLAN.md`: what the plan decided, for a person to check at a glance
 * before anything reaches a node. A summary, every finding (code, path,
 * message, fix), then per node pool its CPU map, hugepage ledger, OVS
 * `other_config`, kernel arguments, kubelet reservations, VM capacity and VM
 * placement, on Kube-OVN what the DaemonSet overrides set, and the perf test
 * kit's pairs when the spec has one.
 *
 * The text depends on the plan and the findings only (no date, no host
 * name), so the same spec always gives the same file.
 *
 * @param plan the cluster plan
 * @param diagnostics every finding of the rules, errors and warnings
 */
export function renderPlanMarkdown(plan: ClusterPlan, diagnostics: readonly Diagnostic[]): string {
  const sections = [
    `# Plan of cluster ${inlineCode(plan.spec.name)}`,
    'Written by vhost-user-k8s. The manifests and node files come from the same '
      + 'plan, so every number here is the one they use.',
    summary(plan),
    '## Findings',
    findings(diagnostics),
    ...plan.nodes.map((node) => renderPoolSection(node, plan)),
    ...kubeOvnSection(plan),
    ...perfKitSection(plan),
  ];
  return `${sections.join('\n\n')}\n`;
}

function summary(plan: ClusterPlan): string {
  const hosts = plan.nodes.reduce((count, node) => count + node.hosts.length, 0);
  const path = plan.path === 'kube-ovn'
    ? `Kube-OVN ${plan.kubeOvnVersion ?? ''} (OVS-DPDK hybrid)`.replace('  ', ' ')
    : 'Userspace CNI on an OVS-DPDK `netdev` bridge';
  return markdownTable(['', ''], [
    ['path', path],
    ['kubelet', plan.kubeletVersion],
    ['Open vSwitch', plan.ovsVersion],
    ['node pools', `${plan.nodes.length} (${hosts} host${hosts === 1 ? '' : 's'})`],
    ['networks', listOrDash(plan.networks.map((n) => `${n.namespace}/${n.name}`))],
    ['DHCP subnets', listOrDash(plan.subnets.map((s) => s.name))],
    ['VMs', `${plan.vms.length}`],
  ]);
}

function listOrDash(names: string[]): string {
  return names.length === 0 ? '—' : names.map(inlineCode).join(', ');
}

/** Every finding in one table, errors first, each kept in the order reported. */
export function findings(diagnostics: readonly Diagnostic[]): string {
  if (diagnostics.length === 0) {
    return 'No findings.';
  }
  const errors = diagnostics.filter((d) => d.severity === 'error');
  const warnings = diagnostics.filter((d) => d.severity === 'warning');
  const count = `${errors.length} error(s), ${warnings.length} warning(s).`;
  const rows = [...errors, ...warnings].map((d) => [
    d.severity,
    d.code,
    inlineCode(d.path),
    d.upstream === undefined ? d.message : `${d.message} (upstream: "${d.upstream}")`,
    d.hint,
  ]);
  return `${count}\n\n${markdownTable(['severity', 'code', 'path', 'message', 'fix'], rows)}`;
}

function kubeOvnSection(plan: ClusterPlan): string[] {
  if (plan.path !== 'kube-ovn' || plan.ovsDpdkPod === undefined) {
    return [];
  }
  const hugepages = ovsDpdkHugepages(plan.ovsDpdkPod);
  const cpu = plan.ovsDpdkPod.cpuLimit;
  const lines = [
    '## Kube-OVN DaemonSet overrides',
    `The manifests set ${inlineCode(`${hugepages.resource}: ${hugepages.amount}`)} and a CPU `
      + `limit of ${cpu} on the ${inlineCode('openvswitch')} container of `
      + `${inlineCode('ovs-ovn-dpdk')}, and keep ${inlineCode('ovs-ovn')} off nodes labelled `
      + `${inlineCode('ovn.kubernetes.io/ovs_dp_type=userspace')}. Apply them server-side `
      + 'under their own field manager. They fit Kube-OVN installed by `install.sh` or the '
      + 'v1 chart; with the v2 chart, set `ovsOvn.dpdkHybrid.resources` and `ovsOvn.affinity` '
      + 'instead. `install.sh` gives the DaemonSet `updateStrategy: OnDelete`: delete the '
      + '`ovs-ovn-dpdk` pods to take the new values.',
  ];
  if (hugepages.resource !== 'hugepages-2Mi') {
    lines.push('The installer requests `hugepages-2Mi: 1Gi`, which a server-side apply '
      + 'cannot remove: delete those lines from the install script (as the manual guide '
      + 'does), or the pods also wait for 2Mi pages the nodes do not have.');
  }
  return [lines.join('\n\n')];
}
