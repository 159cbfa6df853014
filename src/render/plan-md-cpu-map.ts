import { CpuSet } from '../model/cpuset';
import { NodePlan } from '../plan/types';

/** How many cores one line of the CPU map holds. */
const CORES_PER_LINE = 8;

/** The mark of each CPU role in the map. */
export const CPU_MARKS = {
  housekeeping: 'H',
  pmd: 'P',
  vm: 'V',
  unused: '.',
} as const;

/** The legend printed above every CPU map. */
export const CPU_MAP_LEGEND = 'H housekeeping (OS, kubelet, OVS lcore) · P OVS-DPDK PMD · '
  + 'V VMs (dedicated by the kubelet) · . unused';

/**
 * The CPU map of a node pool as plain text: per NUMA node, its cores in
 * rows of eight, each core shown as its hardware threads side by side with
 * their role mark, such as `P1 P21` for a PMD core whose siblings are CPUs 1
 * and 21. A count per role heads each NUMA node.
 */
export function renderCpuMap(node: NodePlan): string {
  const lines: string[] = [];
  let coreNumber = 0;
  for (const numaNode of node.topology.numaNodeIds()) {
    const cores = node.topology.coresOf(numaNode);
    const cpus = node.topology.cpusOf(numaNode);
    lines.push(`NUMA node ${numaNode}: ${cores.length} cores, ${cpus.size} CPUs `
      + `(${roleCounts(node, cpus)})`);

    const cells = cores.map((core) => ({
      label: `core ${coreNumber++}`,
      threads: core.threads.map((cpu) => `${markOf(node, cpu)}${cpu}`).join(' '),
    }));
    const width = Math.max(...cells.map((c) => Math.max(c.label.length, c.threads.length)));
    for (let start = 0; start < cells.length; start += CORES_PER_LINE) {
      const row = cells.slice(start, start + CORES_PER_LINE);
      lines.push(`  ${row.map((c) => c.label.padEnd(width)).join('  ').trimEnd()}`);
      lines.push(`  ${row.map((c) => c.threads.padEnd(width)).join('  ').trimEnd()}`);
    }
    lines.push('');
  }
  return lines.join('\n').trimEnd();
}

/** The role mark of one CPU; PMD wins over housekeeping should both claim it. */
export function markOf(node: NodePlan, cpu: number): string {
  if (node.cpus.pmd.has(cpu)) {
    return CPU_MARKS.pmd;
  }
  if (node.cpus.housekeeping.has(cpu)) {
    return CPU_MARKS.housekeeping;
  }
  if (node.cpus.vm.has(cpu)) {
    return CPU_MARKS.vm;
  }
  return CPU_MARKS.unused;
}

function roleCounts(node: NodePlan, cpus: CpuSet): string {
  const counts = { H: 0, P: 0, V: 0, ['.']: 0 } as Record<string, number>;
  for (const cpu of cpus) {
    counts[markOf(node, cpu)]++;
  }
  return Object.entries(counts)
    .filter(([mark, count]) => count > 0 || mark !== CPU_MARKS.unused)
    .map(([mark, count]) => `${mark} ${count}`)
    .join(', ');
}
