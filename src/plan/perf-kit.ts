import { NetworkPlan, NodePlan, SubnetPlan } from './types';
import { Diagnostic } from '../diagnostics/diagnostic';
import { Findings } from '../diagnostics/findings';
import {
  checkKitNodes, checkKitRun, findKitNetwork, reportKitFault,
} from '../diagnostics/rules/perf-kit';
import { PoolHost } from '../diagnostics/rules/vm-network';
import { ValueError } from '../model/errors';
import { PERF_INTERFACE_TYPES } from '../perfkit/names';
import { PerfKitOptions, PerfKitPlan, planPerfKit } from '../perfkit/pairs';
import { ClusterSpec, PerfKitSpec, VmSpec } from '../spec';
import { DEFAULT_NAMESPACE } from './defaults';

/** What planning the kit needs from the rest of the cluster. */
export interface PerfKitContext {
  /** The planned networks. */
  readonly networks: readonly NetworkPlan[];
  /** The planned subnets. */
  readonly subnets: readonly SubnetPlan[];
  /** The planned pools. */
  readonly pools: readonly NodePlan[];
  /** Every host of every pool of the spec. */
  readonly hosts: readonly PoolHost[];
}

/** The kit as the cluster plans it. */
export interface ClusterPerfKit {
  /** The pairs, their scripts and Services. */
  readonly plan: PerfKitPlan;
  /** Its VMs, in the spec's terms, planned after the cluster's own `vms`. */
  readonly vms: readonly VmSpec[];
}

/**
 * The hosts a kit runs on: `perfKit.nodes`, else the first host of the
 * first pool and the next host of the cluster when there is one.
 */
export function perfKitNodes(spec: ClusterSpec, kit: PerfKitSpec): string[] {
  if (kit.nodes !== undefined) {
    return [...kit.nodes];
  }
  const hosts = spec.nodes.flatMap((pool) => (pool.hosts ?? [{ name: pool.name }]));
  return hosts.slice(0, 2).map((host) => host.name);
}

/**
 * Plans the kit of a cluster (PERF001 to PERF006): its nodes must be hosts of
 * the cluster, the vhost-user pairs take their addresses from the top of the
 * range of their network (skipping its gateway and excluded addresses), and
 * each VM gets the vCPUs the kit's pools admit. The VMs come back in the
 * spec's terms, for the VM planner and the placement preview to take after
 * the cluster's own.
 *
 * @returns undefined when the kit has an error; the findings say which
 */
export function planClusterPerfKit(
  spec: ClusterSpec, kit: PerfKitSpec, context: PerfKitContext, findings: Findings,
): ClusterPerfKit | undefined {
  const namespace = kit.namespace ?? DEFAULT_NAMESPACE;
  const nodes = perfKitNodes(spec, kit);
  const runOk = checkKitRun(kit, findings);
  const nodesOk = checkKitNodes(nodes, context.hosts, kit.nodes !== undefined, findings);
  const network = (kit.interfaceTypes ?? PERF_INTERFACE_TYPES).includes('vhost-user')
    ? findKitNetwork(kit, namespace, context.networks, context.subnets, findings) : null;
  if (!runOk || !nodesOk || network === undefined) {
    return undefined;
  }

  const { network: _network, nodes: _nodes, ...rest } = kit;
  const options: PerfKitOptions = {
    ...rest,
    nodes,
    cpus: kit.cpus ?? defaultCpus(nodes, context),
    ...(network !== null && { vhostUser: network }),
  };
  let plan: PerfKitPlan;
  try {
    plan = planPerfKit(options);
  } catch (e) {
    if (!(e instanceof ValueError)) {
      throw e;
    }
    reportKitFault(e, findings);
    return undefined;
  }
  const vms = plan.pairs.flatMap((pair) => [pair.server.spec, pair.client.spec]);
  return checkVmNames(vms, spec, findings) ? { plan, vms } : undefined;
}

/** 1 vCPU, or the threads per core where a pool hands out whole cores only. */
function defaultCpus(nodes: readonly string[], context: PerfKitContext): number {
  const pools = context.pools.filter((pool) => pool.hosts.some((h) => nodes.includes(h.name)));
  return Math.max(1, ...pools.map((pool) =>
    (pool.kubelet.fullPcpusOnly ? pool.topology.threadsPerCore : 1)));
}

/** No kit VM takes the name of a VM of `vms` in its namespace (PERF001). */
function checkVmNames(vms: readonly VmSpec[], spec: ClusterSpec, findings: Findings): boolean {
  const key = (vm: VmSpec) => `${vm.namespace ?? DEFAULT_NAMESPACE}/${vm.name}`;
  const taken = new Map((spec.vms ?? []).map((vm, i) => [key(vm), i]));
  const clash = vms.find((vm) => taken.has(key(vm)));
  if (clash !== undefined) {
    findings.error('PERF001', {
      path: 'perfKit.name',
      message: `the kit's VM ${clash.name} has the name of vms[${taken.get(key(clash))}] in `
        + `namespace ${clash.namespace ?? DEFAULT_NAMESPACE}`,
      hint: 'give the kit another name, or rename that VM',
    });
  }
  return clash === undefined;
}

/** Where a finding about one field of a kit VM belongs in `perfKit`. */
const KIT_FIELDS: ReadonlyArray<[field: RegExp, path: string]> = [
  [/^\.(memory|hugepageSize)/, 'perfKit.memory'],
  [/^\.(cpus|sockets)/, 'perfKit.cpus'],
  [/^\.image/, 'perfKit.image'],
  [/^\.interfaces/, 'perfKit.network'],
  [/^\.namespace/, 'perfKit.namespace'],
  [/^\.name/, 'perfKit.name'],
  [/^\.(host|nodePool)/, 'perfKit.nodes'],
];

/**
 * The findings about the kit's VMs, which the VM planner and the placement
 * preview report at `vms[<n>]` and after (n: the number of the cluster's own
 * VMs), moved to the field of `perfKit` they come from, with `vms[<i>]` in
 * their text named as the kit's VM. A finding repeated for several VMs of the
 * kit is kept once. VM021 (no vhost-user interface) is dropped: the bridge
 * and masquerade VMs have none on purpose, they are what vhost-user is
 * measured against.
 */
export function attributeToKit(
  diagnostics: readonly Diagnostic[], userVms: number, kitVms: readonly VmSpec[],
): Diagnostic[] {
  const seen = new Set<string>();
  return diagnostics.flatMap((d) => {
    const match = /^vms\[(\d+)\](.*)$/.exec(d.path);
    const index = match === null ? -1 : Number(match[1]) - userVms;
    if (index < 0 || index >= kitVms.length) {
      return [d];
    }
    if (d.code === 'VM021') {
      return [];
    }
    const field = KIT_FIELDS.find(([pattern]) => pattern.test(match![2]));
    const rename = (text: string) => text.replace(/vms\[(\d+)\]/g, (whole, i: string) => {
      const vm = kitVms[Number(i) - userVms];
      return vm === undefined ? whole : `the kit's VM ${vm.name}`;
    });
    const moved = {
      ...d, path: field?.[1] ?? 'perfKit', message: rename(d.message), hint: rename(d.hint),
    };
    const key = `${moved.code}|${moved.path}|${kitVms.reduce((text, vm) =>
      text.split(vm.name).join('<vm>'), moved.message)}`;
    if (seen.has(key)) {
      return [];
    }
    seen.add(key);
    return [moved];
  });
}
