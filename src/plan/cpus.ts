import { CpuPlan } from './types';
import { Version } from './versions';
import { Findings } from '../diagnostics/findings';
import { CpuSet } from '../model/cpuset';
import { ValueError } from '../model/errors';
import { CoreInfo, HostTopology } from '../model/topology';
import { CpuSpec } from '../spec/node';

/** From OVS 3.7 its documentation advises leaving `dpdk-lcore-mask` unset. */
const LCORE_MASK_DROPPED_IN = '3.7';

/** What decides where PMD cores go. */
export interface PmdDemand {
  /** NUMA nodes of the DPDK NICs whose node is known, in NIC order, no repeats. */
  readonly nicNumaNodes: readonly number[];
  /** Whether some DPDK NIC's NUMA node is unknown. */
  readonly nicNumaUnknown: boolean;
  /** Whether vhost-user VMs may run on the pool. */
  readonly vhostUserVms: boolean;
}

/**
 * Splits the CPUs of a node pool between housekeeping, OVS-DPDK PMD threads and
 * VMs. Sibling threads stay together.
 *
 * Defaults: housekeeping is the first physical core of each NUMA node (both
 * threads). PMD threads get `pmdCoresPerNumaNode` cores on every NUMA node with
 * a DPDK NIC (on every NUMA node when a NIC's node is unknown) and, when
 * vhost-user VMs may run on the pool, on every NUMA node with room for a PMD
 * core and a VM core; the cores of a NUMA node too small for that stay
 * housekeeping. The DPDK lcore is the first housekeeping CPU before OVS 3.7, and
 * unset from 3.7 on. A set the user gives replaces its default, and the
 * defaults of the others step around it; the rules check it afterwards.
 *
 * @param path path of the `cpus` field, such as `nodes[0].cpus`
 */
export function planCpus(
  spec: CpuSpec | undefined,
  host: HostTopology,
  demand: PmdDemand,
  ovsVersion: Version,
  path: string,
  findings: Findings,
): CpuPlan {
  const given = {
    housekeeping: readCpuSet(spec?.housekeeping, `${path}.housekeeping`, findings),
    pmd: readCpuSet(spec?.pmd, `${path}.pmd`, findings),
    lcore: readCpuSet(spec?.lcore, `${path}.lcore`, findings),
  };
  const perNode = readPmdCores(spec?.pmdCoresPerNumaNode, `${path}.pmdCoresPerNumaNode`,
    findings);

  let housekeeping = given.housekeeping ?? CpuSet.EMPTY;
  let pmd = given.pmd ?? CpuSet.EMPTY;
  for (const node of nodesWithCpus(host)) {
    const cores = host.coresOf(node);
    if (given.housekeeping === undefined) {
      const first = cores.find((core) => !touches(core, pmd));
      housekeeping = first ? housekeeping.union(coreSet(first)) : housekeeping;
    }
    if (given.pmd !== undefined) {
      continue;
    }

    const free = cores.filter((core) => !touches(core, housekeeping));
    const nicLocal = demand.nicNumaNodes.includes(node) || demand.nicNumaUnknown;
    if (nicLocal) {
      pmd = pmd.union(coresSet(free.slice(0, perNode)));
    } else if (demand.vhostUserVms && free.length > perNode) {
      pmd = pmd.union(coresSet(free.slice(0, perNode)));
    } else if (demand.vhostUserVms && given.housekeeping === undefined) {
      // Too small for a PMD core and a VM core: VMs cannot land here, so the
      // node needs no PMD and its cores serve the operating system.
      housekeeping = housekeeping.union(coresSet(free));
    }
  }

  const lcore = given.lcore ?? (ovsVersion.below(LCORE_MASK_DROPPED_IN)
    ? firstOf(housekeeping)
    : undefined);
  const vm = host.cpus().difference(housekeeping).difference(pmd);
  return {
    housekeeping,
    pmd,
    lcore,
    isolated: pmd,
    reservedSystem: housekeeping.union(pmd),
    vm,
    pmdNumaNodes: pmdNumaNodesOf(pmd, host, demand.nicNumaNodes),
  };
}

/** The NUMA nodes that have CPUs, ascending; memory-only nodes are skipped. */
export function nodesWithCpus(host: HostTopology): number[] {
  return host.numaNodeIds().filter((node) => host.coresOf(node).length > 0);
}

/** NUMA nodes holding PMD CPUs: NIC-local nodes first (NIC order), then by id. */
function pmdNumaNodesOf(
  pmd: CpuSet, host: HostTopology, nicNumaNodes: readonly number[],
): number[] {
  const withPmd = nodesWithCpus(host)
    .filter((node) => !host.cpusOf(node).isDisjointFrom(pmd));
  return [
    ...nicNumaNodes.filter((node) => withPmd.includes(node)),
    ...withPmd.filter((node) => !nicNumaNodes.includes(node)),
  ];
}

function readCpuSet(
  text: string | undefined, path: string, findings: Findings,
): CpuSet | undefined {
  if (text === undefined) {
    return undefined;
  }
  try {
    return CpuSet.parse(text);
  } catch (e) {
    if (!(e instanceof ValueError)) {
      throw e;
    }
    findings.error('CPU001', {
      path,
      message: `the CPU set "${text}" cannot be read: ${e.reason} (the other rules are `
        + 'checked with the default in its place)',
      hint: 'Write a list such as 0-1,8-11 or a hex mask such as 0xf00.',
    });
    return undefined;
  }
}

function readPmdCores(value: number | undefined, path: string, findings: Findings): number {
  if (value === undefined) {
    return 1;
  }
  if (Number.isInteger(value) && value >= 1) {
    return value;
  }
  findings.error('CPU011', {
    path,
    message: `pmdCoresPerNumaNode is ${value}, not a whole number of 1 or more (the other `
      + 'rules are checked with 1 in its place)',
    hint: 'Give the number of physical cores for PMD threads on each NUMA node, usually 1 '
      + 'or 2.',
  });
  return 1;
}

function coreSet(core: CoreInfo): CpuSet {
  return CpuSet.of(...core.threads);
}

function coresSet(cores: readonly CoreInfo[]): CpuSet {
  return CpuSet.of(...cores.flatMap((core) => core.threads));
}

function touches(core: CoreInfo, set: CpuSet): boolean {
  return core.threads.some((cpu) => set.has(cpu));
}

function firstOf(set: CpuSet): CpuSet | undefined {
  const first = set.first();
  return first === undefined ? undefined : CpuSet.of(first);
}
