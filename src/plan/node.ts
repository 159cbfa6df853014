import { nodesWithCpus, planCpus, PmdDemand } from './cpus';
import { planHugepages, readFixedPages, readPageSize } from './hugepages';
import { planKernel } from './kernel';
import { planKubeOvnNode } from './kube-ovn-node';
import { planKubelet } from './kubelet';
import { planNics } from './nics';
import { checkLedger, numaCapacity } from './node-ledger';
import { DEFAULT_MTU, planOvs } from './ovs';
import { planSocketMemory } from './ovs-memory';
import { cpuVendorOf, topologyFromSpec } from './topology-from-spec';
import { NicPlan, NodePlan } from './types';
import { Version } from './versions';
import { Findings } from '../diagnostics/findings';
import { checkCpus } from '../diagnostics/rules/cpu';
import { checkKernel } from '../diagnostics/rules/kernel';
import { checkKubeOvnNode } from '../diagnostics/rules/kube-ovn-node';
import { checkKubelet } from '../diagnostics/rules/kubelet';
import { checkOvs } from '../diagnostics/rules/ovs';
import { KubeOvnSpec, NetworkPath, UserspaceCniSpec } from '../spec/network';
import { NodeSpec } from '../spec/node';

/** What a node pool's plan depends on beyond the pool itself. */
export interface NodeContext {
  /** The networking path of the cluster. */
  readonly path: NetworkPath;
  /** Kubelet version of the nodes; the CPU manager options follow it. */
  readonly kubeletVersion: Version;
  /** OVS version of the nodes; `dpdk-lcore-mask` and TSO follow it. */
  readonly ovsVersion: Version;
  /**
   * The Kube-OVN settings, on the Kube-OVN path.
   *
   * @default - Kube-OVN's defaults
   */
  readonly kubeOvn?: KubeOvnSpec;
  /**
   * The Userspace CNI settings, on the Userspace CNI path.
   *
   * @default - the plugin's defaults
   */
  readonly userspaceCni?: UserspaceCniSpec;
  /** Whether vhost-user VMs may be placed on this pool. */
  readonly vhostUserVmsPossible: boolean;
}

/**
 * Plans one node pool: its hardware, the CPU split, the hugepage ledger without
 * VM demand, OVS-DPDK, kubelet and kernel settings, the NICs, and on the
 * Kube-OVN path the node files. Every node rule runs and reports to `findings`.
 * Never throws for any input; returns `undefined` only when the topology cannot
 * be read (TOPO001, TOPO002).
 *
 * Boot pages are the user's `pagesPerNumaNode`, or else sized for OVS alone:
 * pass the VM demand to {@link withVmDemand} once VMs are placed.
 *
 * @param index index of the pool in `spec.nodes`, for diagnostic paths
 */
export function planNode(
  spec: NodeSpec, index: number, ctx: NodeContext, findings: Findings,
): NodePlan | undefined {
  const path = `nodes[${index}]`;
  const host = topologyFromSpec(spec.topology, spec.nics, path, findings);
  if (host === undefined) {
    return undefined;
  }

  const vms = ctx.vhostUserVmsPossible;
  const nics = planNics(spec.nics, host, path, findings);
  const demand = pmdDemandOf(nics, vms);
  const cpus = planCpus(spec.cpus, host, demand, ctx.ovsVersion, `${path}.cpus`, findings);

  const pageSize = readPageSize(spec.hugepages, host.architecture, vms,
    `${path}.hugepages`, findings);
  const mtu = spec.ovs?.mtu ?? DEFAULT_MTU;
  const sizingMtu = Number.isInteger(mtu) && mtu > 0 && mtu <= 65535 ? mtu : DEFAULT_MTU;
  const socket = planSocketMemory(spec.ovs, host, pageSize, sizingMtu, `${path}.ovs`, findings);
  const fixedPages = readFixedPages(spec.hugepages, pageSize, `${path}.hugepages`, findings);
  const hugepages = planHugepages({ host, size: pageSize, fixedPages, socket });

  const kubelet = planKubelet(spec.kubelet, host, cpus, ctx.kubeletVersion, ctx.path,
    `${path}.kubelet`, findings);
  const ovs = planOvs({
    spec: spec.ovs,
    host,
    cpus,
    socket,
    nics,
    path: ctx.path,
    ovsVersion: ctx.ovsVersion,
    userspaceCni: ctx.userspaceCni,
    where: `${path}.ovs`,
  }, findings);
  const kernel = planKernel({
    spec: spec.kernel,
    host,
    cpus,
    hugepages,
    nics,
    cpuVendor: cpuVendorOf(spec.topology),
    where: `${path}.kernel`,
  }, findings);
  const hosts = spec.hosts ?? [{ name: spec.name }];
  const kubeOvn = ctx.path === 'kube-ovn'
    ? planKubeOvnNode({ hosts, nics, ovs, kubeOvn: ctx.kubeOvn, where: path }, findings)
    : undefined;

  const plan: NodePlan = {
    spec,
    index,
    name: spec.name,
    hosts,
    topology: host,
    cpus,
    hugepages,
    ovs,
    kubelet,
    kernel,
    nics,
    ...(kubeOvn !== undefined ? { kubeOvn } : {}),
    capacity: [],
    vhostUserVms: vms,
  };
  const planned: NodePlan = { ...plan, capacity: numaCapacity(plan) };

  checkCpus(cpus, {
    host,
    nicNumaNodes: demand.nicNumaNodes,
    vhostUserVms: vms,
    path: `${path}.cpus`,
  }, findings);
  checkOvs(ovs, {
    cpus,
    pageSize,
    portNumaNodes: portNumaNodes(planned, demand),
    networkPath: ctx.path,
    ovsVersion: ctx.ovsVersion,
    tunnelType: ctx.kubeOvn?.tunnelType,
    path: `${path}.ovs`,
  }, findings);
  checkKubelet(kubelet, {
    host, cpus, version: ctx.kubeletVersion, networkPath: ctx.path, path: `${path}.kubelet`,
  }, findings);
  checkKernel(kernel, { host, hugepages, path: `${path}.kernel` }, findings);
  checkLedger(planned, findings);
  if (ctx.path === 'kube-ovn') {
    checkKubeOvnNode({ nics, kubeOvn: ctx.kubeOvn, path }, findings);
  }
  return planned;
}

/** Where PMD cores are needed: the NICs' NUMA nodes, and whether VMs come. */
function pmdDemandOf(nics: readonly NicPlan[], vhostUserVms: boolean): PmdDemand {
  const known = nics.flatMap((nic) => (nic.numaNode === undefined ? [] : [nic.numaNode]));
  return {
    nicNumaNodes: [...new Set(known)],
    nicNumaUnknown: nics.some((nic) => nic.numaNode === undefined),
    vhostUserVms,
  };
}

/**
 * NUMA nodes where OVS has DPDK ports and so a mempool: the NICs' nodes
 * (every node with CPUs when a NIC's node is unknown), and the nodes with VM
 * CPUs when vhost-user VMs may run there.
 */
function portNumaNodes(plan: NodePlan, demand: PmdDemand): number[] {
  const host = plan.topology;
  return nodesWithCpus(host).filter((node) => demand.nicNumaNodes.includes(node)
    || demand.nicNumaUnknown
    || (plan.vhostUserVms && !host.cpusOf(node).isDisjointFrom(plan.cpus.vm)));
}
