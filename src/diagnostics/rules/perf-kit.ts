import { ValueError } from '../../model/errors';
import { planPerfRun, PerfRunOptions } from '../../perfkit/run-plan';
import { NetworkPlan, SubnetPlan } from '../../plan/types';
import { PerfKitSpec } from '../../spec';
import { Findings } from '../findings';
import { quoteList } from './names';
import { PoolHost } from './vm-network';

/**
 * Where a fault of the kit's planner belongs: its code and the field, by the
 * kind of value the `ValueError` names.
 */
const KIND_FIELDS: ReadonlyArray<[kind: string, code: string, path: string]> = [
  ['kit name', 'PERF001', 'perfKit.name'],
  ['namespace name', 'PERF001', 'perfKit.namespace'],
  ['node name', 'PERF003', 'perfKit.nodes'],
  ['nodes list', 'PERF003', 'perfKit.nodes'],
  ['placements', 'PERF003', 'perfKit.placements'],
  ['placements list', 'PERF003', 'perfKit.placements'],
  ['interfaceTypes list', 'PERF003', 'perfKit.interfaceTypes'],
  ['vhostUser', 'PERF004', 'perfKit.network'],
  ['vhostUser.cidr', 'PERF004', 'perfKit.network'],
  ['vhostUser.network name', 'PERF004', 'perfKit.network'],
  ['turnMargin', 'PERF005', 'perfKit.turnMargin'],
  ['serveFor', 'PERF005', 'perfKit.run.serveFor'],
  ['consoleDevice', 'PERF006', 'perfKit.console.consoleDevice'],
  ['logFile', 'PERF006', 'perfKit.console.logFile'],
];

/**
 * Reports a fault the kit's planner found (PERF001 to PERF006), at the field
 * it is about.
 *
 * @throws the error itself when it is of a kind the kit does not make: a
 *   fault of this library, which planning reports as SPEC000
 */
export function reportKitFault(e: ValueError, findings: Findings): void {
  const field = KIND_FIELDS.find(([kind]) => kind === e.kind);
  if (field === undefined) {
    throw e;
  }
  const [, code, path] = field;
  findings.error(code, {
    path,
    message: `${path} ${readable(e.input)} cannot be used: ${e.reason}`,
    hint: e.hint,
  });
}

/**
 * The input as the spec would hold it: a list of words as `[a, b]`, as YAML
 * writes it (the planner hands lists over as JSON), anything else quoted.
 */
function readable(input: string): string {
  if (input.startsWith('[')) {
    try {
      const items: unknown = JSON.parse(input);
      if (Array.isArray(items) && items.every((item) => typeof item === 'string')) {
        return `[${items.join(', ')}]`;
      }
    } catch {
      // Not JSON after all: quoted as it is below.
    }
  }
  return JSON.stringify(input);
}

/**
 * Each option of `perfKit.run` on its own (PERF005): message sizes, times and
 * ports, so that each fault names its field.
 *
 * @returns whether every option can be used
 */
export function checkKitRun(kit: PerfKitSpec, findings: Findings): boolean {
  let ok = true;
  for (const [option, value] of Object.entries(kit.run ?? {})) {
    try {
      planPerfRun({ [option]: value } as PerfRunOptions);
    } catch (e) {
      if (!(e instanceof ValueError)) {
        throw e;
      }
      ok = false;
      const path = `perfKit.run.${option}`;
      findings.error('PERF005', {
        path,
        message: `${path} ${JSON.stringify(e.input)} cannot be used: ${e.reason}`,
        hint: e.hint,
      });
    }
  }
  return ok;
}

/**
 * Every node of the kit is a host of the cluster (PERF002).
 *
 * @returns whether they all are
 */
export function checkKitNodes(
  nodes: readonly string[], hosts: readonly PoolHost[], given: boolean, findings: Findings,
): boolean {
  const names = hosts.map((h) => h.name);
  const unknown = nodes.map((node, i) => [node, i] as const)
    .filter(([node]) => !names.includes(node));
  for (const [node, i] of unknown) {
    findings.error('PERF002', {
      path: given ? `perfKit.nodes[${i}]` : 'perfKit',
      message: `kit node ${JSON.stringify(node)} is not a host of any node pool`
        + (names.length > 0 ? `; the cluster has ${quoteList(names)}` : ''),
      hint: 'name hosts of `nodes` (their `hosts[].name`, as `kubectl get nodes` prints them)',
    });
  }
  return unknown.length === 0;
}

/** The network of the vhost-user pairs and the addresses its range holds. */
export interface KitNetwork {
  readonly network: string;
  readonly cidr: string;
  /** Addresses of the range the kit must not take. */
  readonly reserved: readonly string[];
}

/**
 * The network the vhost-user pairs measure over (PERF004): `perfKit.network`,
 * or the only network in the kit's namespace, with its range: its `cidr`, or
 * the range of the DHCP subnet serving it.
 */
export function findKitNetwork(
  kit: PerfKitSpec, namespace: string, networks: readonly NetworkPlan[],
  subnets: readonly SubnetPlan[], findings: Findings,
): KitNetwork | undefined {
  const here = networks.filter((n) => n.namespace === namespace);
  const path = kit.network !== undefined ? 'perfKit.network' : 'perfKit';
  const fault = (message: string, hint: string) => {
    findings.error('PERF004', { path, message, hint });
    return undefined;
  };
  const skip = 'or leave vhost-user out of perfKit.interfaceTypes';

  const network = kit.network !== undefined ? here.find((n) => n.name === kit.network)
    : here.length === 1 ? here[0] : undefined;
  if (network === undefined) {
    return kit.network !== undefined
      ? fault(`network ${JSON.stringify(kit.network)} does not exist in namespace ${namespace}`,
        `name a network of \`networks\` in namespace ${namespace}, ${skip}`)
      : fault(here.length === 0
        ? `the kit measures vhost-user, and namespace ${namespace} has no network`
        : `namespace ${namespace} has ${here.length} networks (`
          + `${quoteList(here.map((n) => n.name))}), and the kit measures over one`,
      `name it in perfKit.network, ${skip}`);
  }

  const subnet = subnets.find((s) => s.network.name === network.name
    && s.network.namespace === network.namespace);
  if (network.staticRange !== undefined) {
    const gateway = network.staticRange.gateway;
    return {
      network: network.name,
      cidr: network.staticRange.cidr.toString(),
      reserved: gateway !== undefined ? [gateway.toString()] : [],
    };
  }
  if (subnet !== undefined) {
    return {
      network: network.name,
      cidr: subnet.cidr,
      reserved: [
        subnet.gateway.toString(), subnet.dhcp.serverId.toString(), ...subnet.excludeIps,
      ],
    };
  }
  return fault(`network ${network.name} has no address range, and the vhost-user pairs need `
    + 'static addresses to measure to', `give the network a cidr, ${skip}`);
}
