import { codeBlock, inlineCode, markdownTable } from './markdown';
import { CPU_MAP_LEGEND, renderCpuMap } from './plan-md-cpu-map';
import { toBlockYaml } from './yaml-block';
import { Size } from '../model/size';
import { ClusterPlan, HugepagePlan, NodePlan, VmPlacement, VmPlan } from '../plan/types';

/**
 * The PLAN.md section of one node pool: CPU map, hugepage ledger, OVS
 * settings, kernel arguments, kubelet reservations, VM capacity and the VMs
 * that may run on it.
 */
export function renderPoolSection(node: NodePlan, plan: ClusterPlan): string {
  const hosts = node.hosts.map((host) => inlineCode(host.name)).join(', ');
  const numaCount = node.topology.numaNodeIds().length;
  return [
    `## Node pool ${inlineCode(node.name)}`,
    `Hosts: ${hosts} · ${numaCount} NUMA node(s) · ${node.topology.cpus().size} CPUs `
      + `· hugepages of ${node.hugepages.size.toQuantity()}`,
    '### CPU map',
    codeBlock(`${CPU_MAP_LEGEND}\n\n${renderCpuMap(node)}`, 'text'),
    cpuSummary(node, plan),
    `### Hugepages (${node.hugepages.size.toQuantity()} pages, per host)`,
    hugepageLedger(node.hugepages),
    '### OVS-DPDK `other_config`',
    codeBlock(node.ovs.otherConfig.map(([key, value]) => `${key}=${value}`).join('\n')),
    '### Kernel command line',
    kernelSection(node),
    '### Kubelet',
    kubeletSection(node),
    '### VM capacity (per host)',
    capacityTable(node, plan),
    '### VM placement',
    placementTable(node, plan),
  ].join('\n\n');
}

function cpuSummary(node: NodePlan, plan: ClusterPlan): string {
  const { cpus } = node;
  const rows = [
    ['housekeeping', cpus.housekeeping.toList(), housekeepingUse(node, plan)],
    ['PMD', cpus.pmd.toList(), `\`pmd-cpu-mask\` ${cpus.pmd.toMask()}, `
      + `NUMA node(s) ${cpus.pmdNumaNodes.join(', ') || 'none'}`],
    ['lcore', cpus.lcore?.toList() ?? '(unset)', '`dpdk-lcore-mask`'],
    ['isolated', cpus.isolated.toList(), '`isolcpus=`'],
    ['reserved', cpus.reservedSystem.toList(), 'kubelet `reservedSystemCPUs`'],
    ['VMs', cpus.vm.toList(), 'given whole to Guaranteed VM pods; until then, the shared '
      + 'pool of the other pods'],
  ].map(([role, set, use]) => [role, set === '' ? '(none)' : set, use]);
  return markdownTable(['role', 'CPUs', 'used for'], rows);
}

/**
 * Who runs on the housekeeping CPUs: with `strict-cpu-reservation` the
 * kubelet keeps every pod off `reservedSystemCPUs`, system pods included.
 */
function housekeepingUse(node: NodePlan, plan: ClusterPlan): string {
  if (node.kubelet.strictCpuReservation) {
    return 'OS, kubelet and host daemons; no pod (strict-cpu-reservation keeps them all on '
      + 'the shared pool)';
  }
  return plan.path === 'kube-ovn'
    ? 'OS, kubelet, system pods, and the `ovs-ovn-dpdk` pod\'s threads other than PMD'
    : 'OS, kubelet, system pods';
}

/**
 * The ledger of every NUMA node: boot pages, what OVS may hold (its socket
 * memory, plus the headroom up to its limit in whole pages), what the VMs
 * take, and what is left. On Kube-OVN a last row gives the whole host as the
 * kubelet counts it, with the `ovs-ovn-dpdk` pod's request in place of OVS.
 */
export function hugepageLedger(plan: HugepagePlan): string {
  const rows = plan.perNumaNode.map((entry) => [
    `${entry.numaNode}`,
    `${entry.pages}`,
    entry.total.toQuantity(),
    entry.headroom.isZero ? entry.ovs.toQuantity()
      : `${entry.ovsHeld.toQuantity()} (${entry.ovs.toQuantity()} + `
        + `${entry.headroom.toQuantity()} up to the limit)`,
    entry.vms.toQuantity(),
    freeCell(entry),
  ]);
  const host = plan.host;
  if (host === undefined) {
    return markdownTable(['NUMA node', 'boot pages', 'total', 'OVS', 'VMs', 'free'], rows);
  }
  rows.push([
    'host, as the kubelet counts',
    `${host.pages}`,
    host.total.toQuantity(),
    `${host.ovsPod.toQuantity()} (\`ovs-ovn-dpdk\` request)`,
    host.vms.toQuantity(),
    freeCell(host),
  ]);
  const unused = host.unusedByOvs.isZero ? ''
    : ` It asks for ${host.unusedByOvs.toQuantity()} more than OVS holds here: one DaemonSet `
      + 'serves every pool and requests what the largest needs, so those pages are booked '
      + 'and stay unused.';
  return `${markdownTable(['NUMA node', 'boot pages', 'total', 'OVS', 'VMs', 'free'], rows)}\n\n`
    + 'OVS runs in the `ovs-ovn-dpdk` pod, a Burstable pod: the scheduler and the kubelet '
    + 'count its hugepages request against the host\'s allocatable hugepages, and the '
    + 'memory manager, which books only Guaranteed pods, against no NUMA node.' + unused;
}

function freeCell(entry: { free: Size | 'negative'; shortfall?: Size }): string {
  return entry.free === 'negative'
    ? `**short by ${entry.shortfall?.toQuantity() ?? '?'}**`
    : entry.free.toQuantity();
}

function kernelSection(node: NodePlan): string {
  const runtime = node.kernel.hugepagesAtRuntime
    ? '\n\nThe hugepages differ between NUMA nodes: a unit writes `nr_hugepages` per '
      + 'NUMA node after boot, so the command line holds no count.'
    : '';
  return `${codeBlock(node.kernel.args.join(' '))}${runtime}`;
}

function kubeletSection(node: NodePlan): string {
  // Through JSON, so that model values print as the text the kubelet reads.
  const config = JSON.parse(JSON.stringify(node.kubelet.config));
  const reserved = node.kubelet.reservedMemory
    .map((entry) => `NUMA node ${entry.numaNode}: ${entry.memory.toQuantity()}`)
    .join(', ');
  const sum = node.kubelet.reservedMemory.length === 0 ? ''
    : `\n\n\`reservedMemory\` (${reserved}) sums to ${node.kubelet.reservedTotal.toQuantity()}: `
      + 'kubeReserved + systemReserved + the hard eviction threshold, as the kubelet demands.';
  return `Merged into ${inlineCode(node.kubelet.configPath)}:\n\n`
    + `${codeBlock(toBlockYaml(config), 'yaml')}${sum}`;
}

function capacityTable(node: NodePlan, plan: ClusterPlan): string {
  const placed = plan.placement.find((p) => p.nodePool === node.name);
  const rows = node.capacity.map((capacity) => {
    const numa = placed?.numaNodes.find((n) => n.numaNode === capacity.numaNode);
    return [
      `${capacity.numaNode}`,
      `${capacity.cpus}`,
      capacity.hugepagesUnbounded === true ? 'not bounded' : capacity.hugepages.toQuantity(),
      `${numa?.vms ?? 0}`,
      `${numa?.cpus ?? 0}`,
      numa?.hugepages.toQuantity() ?? '0',
    ];
  });
  return markdownTable([
    'NUMA node', 'CPUs for VMs', 'hugepages for VMs',
    'VMs placed (all hosts)', 'their vCPUs', 'their hugepages',
  ], rows);
}

function placementTable(node: NodePlan, plan: ClusterPlan): string {
  const rows = (candidatesOf(plan).get(node.name) ?? []).map(({ vm, placement }) => {
    const placedOn = placement.assigned === undefined ? '—'
      : `${placement.host === undefined ? '' : `${inlineCode(placement.host)} `}`
        + `NUMA node ${placement.assigned}`;
    return [
      inlineCode(`${vm.namespace}/${vm.name}`),
      `${vm.cpus}`,
      vm.memory.toQuantity(),
      placement.fitsOn.length === 0 ? '**none**' : placement.fitsOn.join(', '),
      placement.fitsHost ? 'yes' : '**no**',
      placedOn,
    ];
  });
  if (rows.length === 0) {
    return 'No VM is planned on this pool.';
  }
  return markdownTable([
    'VM', 'vCPUs', 'memory', 'fits on NUMA nodes', 'fits a host', 'placed on',
  ], rows);
}

/** A VM that is a candidate of a pool, with its (first) placement there. */
interface Candidate {
  readonly vm: VmPlan;
  readonly placement: VmPlacement;
}

/** The candidates of each pool, in VM order, by plan: each table would scan every VM. */
const CANDIDATES = new WeakMap<ClusterPlan, Map<string, Candidate[]>>();

function candidatesOf(plan: ClusterPlan): Map<string, Candidate[]> {
  const known = CANDIDATES.get(plan);
  if (known !== undefined) {
    return known;
  }
  const pools = new Map<string, Candidate[]>();
  for (const vm of plan.vms) {
    vm.placement.forEach((placement, i) => {
      // The first placement of a VM on a pool is the one its table shows.
      if (vm.placement.findIndex((p) => p.nodePool === placement.nodePool) !== i) {
        return;
      }
      const list = pools.get(placement.nodePool);
      if (list === undefined) {
        pools.set(placement.nodePool, [{ vm, placement }]);
      } else {
        list.push({ vm, placement });
      }
    });
  }
  CANDIDATES.set(plan, pools);
  return pools;
}
