import { NodePlan } from '../../plan/types';
import { OutputFile } from '../types';
import { renderBootstrap } from './bootstrap';
import { NodeContext, nodeContext, NodeFilesOptions } from './context';
import { HUGEPAGES_UNIT, hugepagesScript, hugepagesUnit } from './hugepages';
import { kernelArgsFile } from './kernel-args';
import { configCfgFile, ovsDpdkConfigFile } from './kube-ovn';
import { kubeletFragmentFile } from './kubelet';
import {
  MEMORY_GUARD_UNIT, memoryGuardScript, memoryGuardUnit, usesStaticMemoryManager,
} from './memory-guard';
import { ovsOtherConfigFile } from './ovs';
import { UnsafeValue } from './safe-values';
import { scriptBody } from './sections';
import { renderVerify } from './verify';

/**
 * The files that prepare the nodes of one pool, under `nodes/<pool>/`:
 *
 * - `bootstrap.sh`: applies the plan, idempotent; `--check` prints the drift;
 * - `verify.sh`: compares the live node with the plan;
 * - the files bootstrap.sh installs, for people to read: `kernel-args.txt`,
 *   `hugepages.sh` and its unit, `kubelet-config.yaml` (the merged keys), the
 *   kubelet memory manager guard and its unit (Static memory manager only),
 *   `ovs-other-config.txt` (Userspace CNI path), or `config.cfg` and
 *   `hosts/<host>/ovs-dpdk-config` (Kube-OVN path).
 *
 * @throws UnsafeValueError when a value of the plan cannot be written safely,
 *   listing every such value
 */
export function renderNodeFiles(plan: NodePlan, options: NodeFilesOptions): OutputFile[] {
  const ctx = nodeContext(plan, options);
  const files = render(ctx);
  ctx.safe.throwIfAny();
  return files;
}

/** The node files of a pool, or the values that keep them from being written. */
export interface CheckedNodeFiles {
  /** The files; empty when a value is unsafe. */
  readonly files: OutputFile[];
  /** Every value the files cannot carry safely. */
  readonly unsafe: readonly UnsafeValue[];
}

/**
 * {@link renderNodeFiles} without throwing, for synthesis, which reports
 * unsafe values with the other findings.
 */
export function renderNodeFilesChecked(
  plan: NodePlan, options: NodeFilesOptions,
): CheckedNodeFiles {
  const ctx = nodeContext(plan, options);
  const files = render(ctx);
  return ctx.safe.values.length > 0 ? { files: [], unsafe: ctx.safe.values } : { files, unsafe: [] };
}

/**
 * The values of a plan that the node files cannot carry safely, without
 * throwing: for diagnostics that want to report them with the other findings.
 */
export function findUnsafeNodeValues(plan: NodePlan, options: NodeFilesOptions): UnsafeValue[] {
  return [...renderNodeFilesChecked(plan, options).unsafe];
}

function render(ctx: NodeContext): OutputFile[] {
  const body = scriptBody(ctx);
  const file = (name: string, content: string, executable = false): OutputFile =>
    ({ path: `${ctx.dir}/${name}`, content, ...(executable ? { executable } : {}) });

  const files = [
    file('bootstrap.sh', renderBootstrap(ctx, body), true),
    file('verify.sh', renderVerify(ctx, body), true),
    file('kernel-args.txt', kernelArgsFile(ctx)),
    file('hugepages.sh', hugepagesScript(ctx), true),
    file(HUGEPAGES_UNIT, hugepagesUnit(ctx)),
    file('kubelet-config.yaml', kubeletFragmentFile(ctx)),
  ];
  if (usesStaticMemoryManager(ctx)) {
    files.push(
      file('memory-manager-guard.sh', memoryGuardScript(ctx), true),
      file(MEMORY_GUARD_UNIT, memoryGuardUnit(ctx)),
    );
  }
  if (ctx.path === 'userspace') {
    files.push(file('ovs-other-config.txt', ovsOtherConfigFile(ctx)));
  } else {
    files.push(file('config.cfg', configCfgFile(ctx)));
    ctx.plan.kubeOvn?.hosts.forEach((host, i) =>
      files.push(file(`hosts/${host.name}/ovs-dpdk-config`, ovsDpdkConfigFile(ctx, i))));
  }
  return files;
}
