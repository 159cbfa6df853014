import { Findings } from '../diagnostics/findings';
import { checkEncapIps, checkKubeOvnSettings } from '../diagnostics/rules/kube-ovn-node';
import { checkUserspaceCni } from '../diagnostics/rules/network';
import { checkNames, checkNetworkPath } from '../diagnostics/rules/spec';
import { checkShape } from '../diagnostics/rules/spec-shape';
import { ValueError } from '../model/errors';
import { InterfaceAddress, IpAddress } from '../model/ip';
import { ClusterSpec, NetworkPath } from '../spec';
import { resolveVersions, ResolvedVersions } from './defaults';
import { planOvsDpdkPod } from './kube-ovn-pod';
import { planNetworks } from './network';
import { planNode } from './node';
import { withOvsPod, withVmDemand } from './node-ledger';
import { attributeToKit, perfKitNodes, planClusterPerfKit } from './perf-kit';
import { PoolCapacity, placeVms } from './placement';
import { planSubnets } from './subnet';
import { ClusterPlan, NodePlan, PlanResult } from './types';
import { planVms } from './vm';

/**
 * Plans a whole cluster: every number of every layer, derived once, and every
 * finding of every rule, reported together.
 *
 * In order: the spec's shape (SPEC001) and, when it holds, the path, names and
 * versions; a plan per node pool and, on Kube-OVN, what the one `ovs-ovn-dpdk`
 * DaemonSet requests on every host, booked in each pool's ledger; the
 * networks, the DHCP subnets, the perf
 * test kit and the VMs (the kit's after the cluster's own); the placement
 * preview of the VMs on the pools' NUMA nodes; and last the pools' hugepage
 * ledgers with the VMs' demand.
 *
 * Never throws, whatever it is given: a value that is not a cluster spec is
 * reported, and a fault of this library is reported as SPEC000.
 *
 * @returns a plan unless the spec is too broken to derive one (a shape fault,
 *   no path, or SPEC000), and every finding; synthesis stops on any error
 */
export function planCluster(spec: ClusterSpec): PlanResult {
  const findings = new Findings();
  try {
    const plan = planChecked(spec, findings);
    return { ...(plan && { plan }), diagnostics: findings.all };
  } catch (e) {
    findings.error('SPEC000', {
      path: '',
      message: `planning stopped on an unexpected error: ${errorText(e)}`,
      hint: 'this is a fault of vhost-user-k8s, not of the spec: please report it with the '
        + 'spec that caused it',
    });
    return { diagnostics: findings.all };
  }
}

function planChecked(value: unknown, findings: Findings): ClusterPlan | undefined {
  if (!checkShape(value, findings)) {
    return undefined;
  }
  const spec = value;
  const path = checkNetworkPath(spec, findings);
  checkNames(spec, findings);
  if (path !== undefined) {
    checkEncapIps(spec.nodes, path, findings);
  }
  if (spec.nodes.length === 0) {
    findings.error('SPEC008', {
      path: 'nodes',
      message: 'the cluster has no node pool, so VMs have nowhere to run',
      hint: 'describe the OVS-DPDK nodes in `nodes`',
    });
  }
  const versions = resolveVersions(spec, findings);
  if (path === undefined) {
    return undefined;
  }
  if (path === 'userspace' && spec.userspaceCni !== undefined) {
    checkUserspaceCni(spec.userspaceCni, findings);
  }
  if (path === 'kube-ovn') {
    checkKubeOvnSettings(spec.kubeOvn, findings);
  }

  const pools = planPools(spec, path, versions, findings);
  const ovsDpdkPod = path === 'kube-ovn' ? planOvsDpdkPod(pools, findings) : undefined;
  const planned = ovsDpdkPod === undefined ? pools
    : pools.map((pool) => withOvsPod(pool, ovsDpdkPod.hugepages, findings));
  const networks = planNetworks(spec.networks ?? [], {
    path,
    ...(spec.userspaceCni && { userspaceCni: spec.userspaceCni }),
    pools: planned.map((pool) => ({ name: pool.name, bridge: pool.ovs.bridge?.name })),
    subnets: spec.subnets ?? [],
  }, findings);
  const subnets = planSubnets(spec.subnets ?? [], {
    networks,
    tunnelType: spec.kubeOvn?.tunnelType ?? 'geneve',
    ...(planned.length > 0 && { portMtu: Math.min(...planned.map((pool) => pool.ovs.mtu)) }),
    encapIps: encapIpsOf(spec),
  }, findings);
  const hosts = spec.nodes.flatMap((pool) => (pool.hosts ?? [{ name: pool.name }])
    .map((host) => ({ pool: pool.name, name: host.name })));
  const kit = spec.perfKit === undefined ? undefined
    : planClusterPerfKit(spec, spec.perfKit, { networks, subnets, pools: planned, hosts }, findings);

  // The kit's VMs are planned and placed after the cluster's own; what the
  // rules find about them is moved to the fields of perfKit.
  const vmFindings = new Findings();
  const userVms = spec.vms ?? [];
  const vms = planVms([...userVms, ...(kit?.vms ?? [])], {
    path,
    networks,
    subnets,
    poolNames: spec.nodes.map((pool) => pool.name),
    hosts,
    pageSizes: planned.map((pool) => ({ pool: pool.name, size: pool.hugepages.size })),
  }, vmFindings);
  const placement = placeVms(vms, planned.map(capacityOf), vmFindings);
  findings.addAll(attributeToKit(vmFindings.all, userVms.length, kit?.vms ?? []));
  const nodes = planned.map((pool) => withVmDemand(pool,
    placement.demand.get(pool.name) ?? new Map(), findings, placement.hostDemand.get(pool.name)));

  return {
    spec,
    path,
    kubeletVersion: versions.kubelet.majorMinor,
    ovsVersion: versions.ovs.majorMinor,
    ...(versions.kubeOvn && { kubeOvnVersion: versions.kubeOvn.toString() }),
    nodes,
    networks,
    subnets,
    vms: placement.vms,
    placement: placement.pools,
    ...(ovsDpdkPod && { ovsDpdkPod }),
    ...(kit && { perfKit: kit.plan }),
  };
}

/** Plans every pool; a pool whose topology cannot be read is left out. */
function planPools(
  spec: ClusterSpec, path: NetworkPath, versions: ResolvedVersions, findings: Findings,
): NodePlan[] {
  const vms = spec.vms ?? [];
  const kitNodes = spec.perfKit === undefined ? [] : perfKitNodes(spec, spec.perfKit);
  return spec.nodes.flatMap((pool, index) => {
    const plan = planNode(pool, index, {
      path,
      kubeletVersion: versions.kubelet,
      ovsVersion: versions.ovs,
      ...(spec.kubeOvn && { kubeOvn: spec.kubeOvn }),
      ...(spec.userspaceCni && { userspaceCni: spec.userspaceCni }),
      vhostUserVmsPossible: vms.some((vm) => vm.nodePool === undefined
        || vm.nodePool === pool.name)
        || (pool.hosts ?? [{ name: pool.name }]).some((host) => kitNodes.includes(host.name)),
    }, findings);
    return plan === undefined ? [] : [plan];
  });
}

function capacityOf(pool: NodePlan): PoolCapacity {
  return {
    name: pool.name,
    index: pool.index,
    hosts: pool.hosts.map((host) => host.name),
    pageSize: pool.hugepages.size,
    pagesSized: !pool.hugepages.fixed,
    numaNodes: pool.capacity,
    ...(pool.hostCapacity !== undefined && { hostHugepages: pool.hostCapacity }),
    cpuMultiple: pool.kubelet.fullPcpusOnly ? pool.topology.threadsPerCore : 1,
  };
}

/** The tunnel address of every host that gives a readable one (the node rules check them). */
function encapIpsOf(spec: ClusterSpec): Array<{ host: string; address: IpAddress }> {
  return spec.nodes.flatMap((pool) => (pool.hosts ?? []).flatMap((host) => {
    try {
      return host.encapIp === undefined ? []
        : [{ host: host.name, address: InterfaceAddress.parse(host.encapIp).address }];
    } catch (e) {
      if (e instanceof ValueError) {
        return [];
      }
      throw e;
    }
  }));
}

function errorText(e: unknown): string {
  if (e instanceof Error) {
    return `${e.name}: ${e.message}`;
  }
  try {
    return String(e);
  } catch {
    return 'a value that cannot be printed';
  }
}
