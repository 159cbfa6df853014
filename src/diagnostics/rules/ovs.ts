import { Size } from '../../model/size';
import { OVS_TSO } from '../../plan/ovs';
import { mempoolSize, roundUpToPages } from '../../plan/ovs-memory';
import { CpuPlan, OvsPlan } from '../../plan/types';
import { Version } from '../../plan/versions';
import { NetworkPath } from '../../spec/network';
import { Findings } from '../findings';

/** Lowest and highest MTU of an OVS-DPDK port. */
const MTU_RANGE = [68, 9702] as const;

/** What the OVS rules need to know besides the plan. */
export interface OvsRuleContext {
  readonly cpus: CpuPlan;
  readonly pageSize: Size;
  /** NUMA nodes with DPDK ports: NIC nodes, and nodes where vhost-user VMs run. */
  readonly portNumaNodes: readonly number[];
  readonly networkPath: NetworkPath;
  readonly ovsVersion: Version;
  /** Tunnel type of the Kube-OVN overlay. */
  readonly tunnelType?: string;
  /** Path of the `ovs` field, such as `nodes[0].ovs`. */
  readonly path: string;
}

/**
 * Checks the OVS-DPDK settings of a node pool: socket memory per NUMA node
 * (OVS003, OVS004, OVS005, OVS012), userspace TSO over the Kube-OVN tunnel
 * (OVS006, OVS007), the pod CPU limit (OVS008), thread counts (OVS010), the MTU
 * (OVS011) and the uplinks of the Userspace CNI bridge (OVS019).
 */
export function checkOvs(plan: OvsPlan, ctx: OvsRuleContext, findings: Findings): void {
  checkSocketMemory(plan, ctx, findings);

  if (plan.tso && ctx.networkPath === 'kube-ovn') {
    const tunnel = `the Kube-OVN ${ctx.tunnelType ?? 'geneve'} overlay`;
    if (ctx.ovsVersion.below(OVS_TSO.tunnels)) {
      findings.error('OVS006', {
        path: `${ctx.path}.tso`,
        message: `userspace-tso-enable is on over ${tunnel}, but OVS ${ctx.ovsVersion} cannot `
          + 'segment tunnelled packets and drops them',
        hint: `Turn ovs.tso off, or use OVS ${OVS_TSO.tunnelFallback} or later.`,
      });
    } else if (ctx.ovsVersion.below(OVS_TSO.tunnelFallback)) {
      findings.warn('OVS007', {
        path: `${ctx.path}.tso`,
        message: `userspace-tso-enable is on over ${tunnel}; OVS ${ctx.ovsVersion} segments `
          + 'tunnelled packets only on NICs with tunnel TSO and drops them elsewhere',
        hint: `Check the NICs for tunnel TSO, or use OVS ${OVS_TSO.tunnelFallback} or later.`,
      });
    }
  }

  const needed = ctx.cpus.pmd.size + 1;
  if (plan.podCpuLimit < needed) {
    findings.error('OVS008', {
      path: `${ctx.path}.podCpuLimit`,
      message: `the OVS-DPDK pod CPU limit ${plan.podCpuLimit} is below the ${ctx.cpus.pmd.size} `
        + `PMD CPUs plus one (${needed}): the busy-polling PMD threads are throttled`,
      hint: `Set podCpuLimit to ${needed} or more, or leave it out.`,
    });
  }

  const threadFields: Record<string, string> = {
    'n-handler-threads': 'handlerThreads',
    'n-revalidator-threads': 'revalidatorThreads',
  };
  for (const [key, value] of plan.otherConfig) {
    if (threadFields[key] !== undefined && !/^[1-9]\d*$/.test(value)) {
      findings.error('OVS010', {
        path: `${ctx.path}.${threadFields[key]}`,
        message: `${key} is ${value}, not a whole number of 1 or more`,
        hint: 'Give a whole number such as 4, or leave it out.',
      });
    }
  }

  if (!validMtu(plan.mtu)) {
    findings.error('OVS011', {
      path: `${ctx.path}.mtu`,
      message: `the MTU ${plan.mtu} is outside what OVS-DPDK ports take (${MTU_RANGE[0]} to `
        + `${MTU_RANGE[1]})`,
      hint: 'Use 1500, or up to 9000 for jumbo frames.',
    });
  }

  if (plan.bridge !== undefined && plan.bridge.ports.length > 1) {
    findings.warn('OVS019', {
      path: `${ctx.path.replace(/\.ovs$/, '')}.nics`,
      message: `${plan.bridge.ports.length} DPDK ports (${plan.bridge.ports
        .map((port) => port.name).join(', ')}) join the standalone bridge ${plan.bridge.name}: `
        + 'on one layer-2 network they form a loop',
      hint: 'Connect the NICs to different networks, or give the bridge one uplink.',
    });
  }
}

function validMtu(mtu: number): boolean {
  return Number.isInteger(mtu) && mtu >= MTU_RANGE[0] && mtu <= MTU_RANGE[1];
}

function checkSocketMemory(plan: OvsPlan, ctx: OvsRuleContext, findings: Findings): void {
  // An MTU out of range is OVS011's business; size the pools for 1500 then.
  const need = mempoolSize(validMtu(plan.mtu) ? plan.mtu : 1500);
  plan.socketMem.forEach((mem, node) => {
    const limit = plan.socketLimit[node] ?? Size.ZERO;
    if (!limit.isZero && mem.compare(limit) > 0) {
      findings.error('OVS003', {
        path: `${ctx.path}.socketLimit`,
        message: `NUMA node ${node}: dpdk-socket-mem ${mem.toOvsMegabytes()} is above `
          + `dpdk-socket-limit ${limit.toOvsMegabytes()}`,
        hint: 'Raise the limit to at least the memory, or give 0 for no limit.',
      });
    }
    if (ctx.portNumaNodes.includes(node) && mem.compare(need) < 0) {
      findings.error('OVS004', {
        path: `${ctx.path}.socketMem`,
        message: `NUMA node ${node}: dpdk-socket-mem ${mem.toOvsMegabytes()} is below the `
          + `${need.toOvsMegabytes()} MiB mempool OVS creates for MTU ${plan.mtu} ports there`,
        hint: `Give NUMA node ${node} at least ${need.toOvsMegabytes()} MiB, such as 1024.`,
      });
    }
    if (!mem.isMultipleOf(ctx.pageSize)) {
      findings.error('OVS005', {
        path: `${ctx.path}.socketMem`,
        message: `NUMA node ${node}: dpdk-socket-mem ${mem.toOvsMegabytes()} is not a whole `
          + `number of ${ctx.pageSize} hugepages`,
        hint: `Give whole pages, such as ${roundUpToPages(mem, ctx.pageSize).toOvsMegabytes()}.`,
      });
    }
  });

  if (plan.socketLimit.some((limit, node) => limit.isZero && !plan.socketMem[node]?.isZero)) {
    findings.warn('OVS012', {
      path: `${ctx.path}.socketLimit`,
      message: 'dpdk-socket-limit is 0 (no limit) on a NUMA node where OVS takes memory: it may '
        + 'grow into the hugepages of VMs',
      hint: 'Give a limit, such as the socket memory itself.',
    });
  }
}
