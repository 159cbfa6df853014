import { SafeValues } from './safe-values';
import { NodePlan } from '../../plan/types';
import { NetworkPath } from '../../spec';

/** Options of {@link renderNodeFiles}. */
export interface NodeFilesOptions {
  /** The networking path of the cluster: Kube-OVN or the Userspace CNI. */
  readonly path: NetworkPath;

  /**
   * CPU flags the DPDK build on the node needs, as `/proc/cpuinfo` spells them;
   * the preflight refuses a CPU without them. A DPDK image built for a newer
   * instruction set (Kube-OVN issue #4527: `EAL: FATAL: unsupported cpu type`)
   * needs its flags listed here.
   *
   * @default - the baseline of distribution DPDK builds: `sse4_2` and `popcnt` on
   *   x86_64 (plus `pdpe1gb` for 1Gi hugepages), none elsewhere
   */
  readonly requiredCpuFlags?: string[];

  /**
   * Root directory of the kubelet (`--root-dir`), where its state files live.
   *
   * @default '/var/lib/kubelet'
   */
  readonly kubeletRootDir?: string;
}

/** What every part of the node renderer reads. */
export interface NodeContext {
  readonly plan: NodePlan;
  readonly path: NetworkPath;
  /** Folder of the node's files in the output: `nodes/<pool>`. */
  readonly dir: string;
  /** Spec path of the pool, for error messages: `nodes[0]`. */
  readonly specPath: string;
  readonly kubeletRootDir: string;
  readonly cpuFlags: string[];
  /** Collects values that cannot be written safely. */
  readonly safe: SafeValues;
}

/** What one step adds to a generated script. */
export interface ScriptSection {
  /** `readonly` declarations of the plan values the step reads. */
  readonly values: string;
  /** The bash functions of the step. */
  readonly functions: string;
}

const X86_BASELINE = ['sse4_2', 'popcnt'];
const ONE_GIB = 1024 ** 3;

/** Builds the context, resolving every default of the options. */
export function nodeContext(plan: NodePlan, options: NodeFilesOptions): NodeContext {
  const x86 = plan.topology.architecture === 'x86_64';
  const gigantic = x86 && plan.hugepages.size.bytes === ONE_GIB ? ['pdpe1gb'] : [];
  return {
    plan,
    path: options.path,
    dir: `nodes/${plan.name}`,
    specPath: `nodes[${plan.index}]`,
    kubeletRootDir: options.kubeletRootDir ?? '/var/lib/kubelet',
    cpuFlags: options.requiredCpuFlags ?? [...(x86 ? X86_BASELINE : []), ...gigantic],
    safe: new SafeValues(),
  };
}
