import { NodeContext, ScriptSection } from './context';
import { hugepagesSection } from './hugepages';
import { kernelArgsSection } from './kernel-args';
import { kubeOvnSection } from './kube-ovn';
import { kubeletSection } from './kubelet';
import { nicSection } from './nic';
import { ovsSection } from './ovs';
import { preflightSection } from './preflight';
import { runtimeFunctions } from './runtime';
import { bash, bashComment, bashConst } from './shell';

/** A step of the scripts: its title and what it contributes. */
interface Step {
  readonly title: string;
  readonly section: ScriptSection;
}

/** Every step of the node scripts for the context's path, in the order they run. */
function steps(ctx: NodeContext): Step[] {
  return [
    { title: '1. Preflight', section: preflightSection(ctx) },
    { title: '2. Kernel arguments', section: kernelArgsSection(ctx) },
    { title: '3. Hugepages', section: hugepagesSection(ctx) },
    { title: '4. NIC drivers', section: nicSection(ctx) },
    ctx.path === 'userspace'
      ? { title: '5. OVS-DPDK (Userspace CNI path)', section: ovsSection(ctx) }
      : { title: '5 and 7. Kube-OVN files and node label', section: kubeOvnSection(ctx) },
    { title: '6. Kubelet', section: kubeletSection(ctx) },
  ];
}

/**
 * The body shared by bootstrap.sh and verify.sh: the plan values, the helpers and
 * every step's functions. Both scripts run the same steps (verify.sh in `--check`
 * mode), so they report the same drift in the same words.
 */
export function scriptBody(ctx: NodeContext): string {
  const all = steps(ctx);
  return [
    banner('The plan (every value was checked and quoted when it was rendered)'),
    bashConst('NODE_FILES', ctx.dir),
    ...all.map((s) => s.section.values),
    banner('Helpers'),
    runtimeFunctions(),
    ...all.flatMap((s) => [banner(s.title), s.section.functions]),
  ].join('\n');
}

/** The calls of the steps that change the node, for bootstrap.sh and verify.sh. */
export function stepCalls(ctx: NodeContext): string[] {
  return [
    'preflight',
    'kubelet_restart_record',
    'kernel_args',
    'hugepages',
    'nic_drivers',
    ...(ctx.path === 'userspace' ? ['ovs_dpdk'] : ['kube_ovn_files']),
    'kubelet_config',
    'kubelet_capacity',
    ...(ctx.path === 'userspace' ? [] : ['node_label']),
  ];
}

/** A section title line. */
export function banner(title: string): string {
  const rule = '-'.repeat(Math.max(4, 86 - title.length));
  return `\n# ${title} ${rule}\n`;
}

/** The header of a generated script: shebang, comment block, strict mode. */
export function scriptHeader(comment: string): string {
  return bash`#!/usr/bin/env bash
${bashComment(comment)}
set -euo pipefail
`;
}
