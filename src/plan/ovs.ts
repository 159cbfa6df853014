import { SocketMemory, socketListText } from './ovs-memory';
import { CpuPlan, NicPlan, OvsPlan } from './types';
import { Version } from './versions';
import { Findings } from '../diagnostics/findings';
import { HostTopology } from '../model/topology';
import { NetworkPath, UserspaceCniSpec } from '../spec/network';
import { OvsSpec } from '../spec/node';

/** Where OVS-DPDK finds the hugetlbfs mount. */
export const HUGEPAGE_DIR = '/dev/hugepages';

/** MTU of DPDK ports when `ovs.mtu` is not given. */
export const DEFAULT_MTU = 1500;

/** Bridge of the Userspace CNI path when `userspaceCni.bridge` is not given. */
export const DEFAULT_USERSPACE_BRIDGE = 'br-int';

/** OVS releases where userspace TSO learnt tunnels. */
export const OVS_TSO = {
  /** VXLAN and Geneve TSO, but only with NIC hardware support. */
  tunnels: '3.3',
  /** A software fallback for tunnelled TSO. */
  tunnelFallback: '3.5',
} as const;

/** Above this many CPUs, Kube-OVN sets 10 handler and 4 revalidator threads. */
const MANY_CPUS = 12;

/** What the OVS plan depends on. */
export interface OvsPlanInput {
  readonly spec: OvsSpec | undefined;
  readonly host: HostTopology;
  readonly cpus: CpuPlan;
  readonly socket: SocketMemory;
  readonly nics: readonly NicPlan[];
  readonly path: NetworkPath;
  readonly ovsVersion: Version;
  readonly userspaceCni?: UserspaceCniSpec;
  /** Path of the `ovs` field, such as `nodes[0].ovs`. */
  readonly where: string;
}

/**
 * The OVS-DPDK settings of a node pool: `Open_vSwitch . other_config` in the
 * order it is applied, the socket memory, and on the Userspace CNI path the
 * `netdev` bridge with one DPDK port per NIC.
 *
 * Userspace TSO defaults to on for the flat Userspace CNI path and, on the
 * Kube-OVN overlay, to on only from OVS 3.5, which segments tunnelled packets
 * in software. `dpdk-lcore-mask` is left out when the CPU plan has no lcore.
 */
export function planOvs(input: OvsPlanInput, findings: Findings): OvsPlan {
  const { spec, cpus, socket } = input;
  const tso = spec?.tso ?? (input.path === 'userspace'
    || input.ovsVersion.atLeast(OVS_TSO.tunnelFallback));
  const many = input.host.cpus().size > MANY_CPUS;
  const handlers = spec?.handlerThreads ?? (many ? 10 : undefined);
  const revalidators = spec?.revalidatorThreads ?? (many ? 4 : undefined);

  const otherConfig: Array<readonly [string, string]> = [['dpdk-init', 'true']];
  if (cpus.lcore !== undefined) {
    otherConfig.push(['dpdk-lcore-mask', cpus.lcore.toMask()]);
  }
  if (!cpus.pmd.isEmpty) {
    otherConfig.push(['pmd-cpu-mask', cpus.pmd.toMask()]);
  }
  otherConfig.push(
    ['dpdk-socket-mem', socketListText(socket.mem)],
    ['dpdk-socket-limit', socketListText(socket.limit)],
    ['dpdk-hugepage-dir', HUGEPAGE_DIR],
    ['userspace-tso-enable', String(tso)],
  );
  if (handlers !== undefined) {
    otherConfig.push(['n-handler-threads', String(handlers)]);
  }
  if (revalidators !== undefined) {
    otherConfig.push(['n-revalidator-threads', String(revalidators)]);
  }

  return {
    otherConfig,
    socketMem: socket.mem,
    socketLimit: socket.limit,
    tso,
    ...(input.path === 'userspace'
      ? {
        bridge: {
          name: input.userspaceCni?.bridge ?? DEFAULT_USERSPACE_BRIDGE,
          failMode: 'standalone' as const,
          ports: input.nics.map((nic) => ({ name: nic.port, pci: nic.pci })),
        },
      }
      : {}),
    podCpuLimit: readCpuLimit(spec?.podCpuLimit, `${input.where}.podCpuLimit`, findings)
      ?? cpus.pmd.size + 1,
    mtu: spec?.mtu ?? DEFAULT_MTU,
  };
}

/**
 * Reads a Kubernetes CPU quantity (`3`, `2.5`, `2500m`) as CPUs (OVS009 when it
 * cannot be read).
 */
function readCpuLimit(
  text: string | undefined, path: string, findings: Findings,
): number | undefined {
  if (text === undefined) {
    return undefined;
  }
  const match = /^(\d+(?:\.\d+)?|\.\d+)(m?)$/.exec(text);
  if (match) {
    return match[2] === 'm' ? Number(match[1]) / 1000 : Number(match[1]);
  }
  findings.error('OVS009', {
    path,
    message: `the CPU limit "${text}" cannot be read`,
    hint: 'Write a Kubernetes CPU quantity such as 3 or 2500m.',
  });
  return undefined;
}
