import { PerfCloudConfigOptions, renderPerfExtraUserData } from './cloud-init';
import { consoleLogCommand } from './collect';
import {
  headlessService, kitLabels, PerfVhostUserNetwork, vhostUserAddresses,
} from './kit-network';
import {
  checkKitName, checkLabel, checkNodeName, PERF_INTERFACE_TYPES, PERF_PLACEMENTS,
  PerfInterfaceType, PerfPlacement, pairName,
} from './names';
import { measuringTime, PerfRun, PerfRunOptions, planPerfRun } from './run-plan';
import { PerfRole, renderPerfScript } from './script';
import { ValueError } from '../model/errors';
import { ManifestObject } from '../render/types';
import { VmSpec } from '../spec/vm';

/**
 * When the clients of a kit measure: `in-turn`, one pair after the other, so
 * that no pair shares links, PMD cores or node CPUs with another while it
 * measures (as the guide measured); `together`, each as soon as its server
 * answers, which is faster and measures a busy cluster instead.
 */
export type PerfSchedule = 'in-turn' | 'together';

/** A test kit: pairs of VMs per interface type, on one node and across two. */
export interface PerfKitOptions {
  /**
   * Name of the kit: a DNS-1035 label of at most 24 characters, the first
   * word of every VM, Service and marker name.
   *
   * @default 'perf'
   */
  readonly name?: string;
  /**
   * Namespace of the VMs and Services.
   *
   * @default 'default'
   */
  readonly namespace?: string;
  /**
   * The node names (`kubectl get nodes`). Servers run on the first; the
   * client of a cross-node pair on the second.
   */
  readonly nodes: readonly string[];
  /**
   * The interface types to measure.
   *
   * @default - all three: vhost-user, bridge and masquerade
   */
  readonly interfaceTypes?: readonly PerfInterfaceType[];
  /**
   * The placements to measure.
   *
   * @default - same-node, and cross-node when two nodes are given
   */
  readonly placements?: readonly PerfPlacement[];
  /** The vhost-user network; required when vhost-user is measured. @default - none */
  readonly vhostUser?: PerfVhostUserNetwork;
  /** What the clients measure. @default - the guide's sizes, 10 s per test */
  readonly run?: PerfRunOptions;
  /**
   * When the clients measure. In turn, the client of the n-th pair starts
   * n turns after its server first answers; a turn is the time one client
   * needs, estimated from the run, plus `turnMargin`.
   *
   * @default 'in-turn'
   */
  readonly schedule?: PerfSchedule;
  /**
   * Seconds added to each turn, for the VMs that boot and install their
   * packages at different speeds.
   *
   * @default 120
   */
  readonly turnMargin?: number;
  /** vCPUs of each VM, dedicated. @default 1 (as in the guide) */
  readonly cpus?: number;
  /** Guest memory of each VM, hugepage-backed. @default '1Gi' (as in the guide) */
  readonly memory?: string;
  /** Container disk image with cloud-init and apt. @default - the VM spec's default (Ubuntu) */
  readonly image?: string;
  /** Where the guests print their results. @default - see `perfCloudConfig` */
  readonly console?: Omit<PerfCloudConfigOptions, 'script'>;
}

/** One VM of a pair. */
export interface PerfVmPlan {
  readonly role: PerfRole;
  /** The VM, in the spec's terms: its `host` and `podNetworkBinding` are set. */
  readonly spec: VmSpec;
  /** The measuring script it runs (also inside `spec.cloudInit`). */
  readonly script: string;
}

/** Two VMs and how the client reaches the server. */
export interface PerfPairPlan {
  /** `<interface type>-<placement>`, the second word of the markers. */
  readonly name: string;
  readonly interfaceType: PerfInterfaceType;
  readonly placement: PerfPlacement;
  /** The address the client measures to. */
  readonly peer: string;
  /** Seconds the client waits for its turn once its server answers. */
  readonly startDelay: number;
  readonly server: PerfVmPlan;
  readonly client: PerfVmPlan;
  /** Pod-network pairs: the headless Service that names the server. */
  readonly service?: ManifestObject;
  /** The command that saves the client's console log to `<pair>.log`. */
  readonly collect: string;
}

/** The whole kit. */
export interface PerfKitPlan {
  readonly name: string;
  readonly namespace: string;
  readonly run: PerfRun;
  readonly pairs: readonly PerfPairPlan[];
  /** Objects besides the VMs: the Services. */
  readonly manifests: readonly ManifestObject[];
  /**
   * Seconds from the first server answering to the last client done, as
   * estimated from the run and the schedule.
   */
  readonly estimatedTime: number;
}

const LABEL_ROLE = 'vhost-user-k8s/perf-role';

/**
 * Plans the kit: for each interface type and placement, a server and a client
 * VM with cloud-init that installs qperf and iperf3 and runs the measuring
 * script. vhost-user pairs measure over static addresses on the vhost-user
 * network; bridge and masquerade pairs over the pod network, where the client
 * finds its server through a headless Service. Every VM also has a pod network
 * interface, for apt. The result is data: adapters turn `spec` into a VM.
 *
 * In turn (the default), each client waits its turn after its server first
 * answers; each server serves at least until its client is done, however
 * late its turn comes.
 *
 * @throws ValueError naming the option: a bad kit name, no node, more than
 *   two or the same twice, cross-node with one node, an empty or repeating
 *   list of interface types or placements, vhost-user without `vhostUser`, a
 *   range too small for the kit's addresses, a bad run option, or a given
 *   `run.serveFor` that ends before the last turn
 */
export function planPerfKit(options: PerfKitOptions): PerfKitPlan {
  const kit = checkKitName(options.name ?? 'perf');
  const namespace = checkLabel('namespace', options.namespace ?? 'default');
  const nodes = checkNodes(options.nodes);
  const placements = choices('placements', options.placements
    ?? PERF_PLACEMENTS.filter((p) => p === 'same-node' || nodes.length === 2),
  PERF_PLACEMENTS);
  if (placements.includes('cross-node') && nodes.length < 2) {
    throw new ValueError('placements', 'cross-node',
      'cross-node pairs need two nodes, and one is given',
      'Add a second node name, or measure same-node only.');
  }
  const types = choices('interfaceTypes', options.interfaceTypes ?? PERF_INTERFACE_TYPES,
    PERF_INTERFACE_TYPES);
  const run = planPerfRun(options.run);
  const addresses = vhostUserAddresses(options.vhostUser, types, placements);
  const turn = turnLength(run, options);

  const context: KitContext = { kit, namespace, nodes, run, options };
  const layout = types.flatMap((interfaceType) => placements.map((placement) =>
    ({ interfaceType, placement })));
  const pairs = layout.map(({ interfaceType, placement }, i) =>
    planPair(context, { interfaceType, placement, startDelay: i * turn },
      interfaceType === 'vhost-user' ? addresses.splice(0, 2) : []));
  return {
    name: kit,
    namespace,
    run,
    pairs,
    manifests: pairs.flatMap((p) => (p.service !== undefined ? [p.service] : [])),
    estimatedTime: Math.max(...pairs.map((p) => p.startDelay)) + measuringTime(run),
  };
}

/** Seconds between the starts of two pairs' clients; 0 when they measure together. */
function turnLength(run: PerfRun, options: PerfKitOptions): number {
  if ((options.schedule ?? 'in-turn') === 'together') {
    return 0;
  }
  const margin = options.turnMargin ?? 120;
  if (!Number.isInteger(margin) || margin < 0 || margin > 86400) {
    throw new ValueError('turnMargin', String(margin),
      'it must be a whole number of seconds from 0 to 86400',
      'Give the seconds between two turns as a whole number.');
  }
  return measuringTime(run) + margin;
}

function checkNodes(given: readonly string[]): string[] {
  const nodes = given.map(checkNodeName);
  if (nodes.length < 1 || nodes.length > 2) {
    throw new ValueError('nodes list', JSON.stringify(nodes),
      'a kit runs on one node (same-node pairs) or two (also cross-node pairs)',
      'Give one or two node names as `kubectl get nodes` prints them.');
  }
  if (nodes.length === 2 && nodes[0] === nodes[1]) {
    throw new ValueError('nodes list', JSON.stringify(nodes),
      'the two nodes are one, so cross-node pairs would run on one node',
      'Give two different nodes, or one for same-node pairs only.');
  }
  return nodes;
}

/** A list of choices: not empty, each allowed, none twice. */
function choices<T extends string>(
  option: string, given: readonly T[], allowed: readonly T[],
): T[] {
  const bad = given.find((value) => !allowed.includes(value));
  const twice = given.find((value, i) => given.indexOf(value) !== i);
  if (given.length === 0 || bad !== undefined || twice !== undefined) {
    throw new ValueError(`${option} list`, JSON.stringify(given),
      given.length === 0 ? 'it is empty'
        : bad !== undefined ? `${JSON.stringify(bad)} is not one of ${allowed.join(', ')}`
          : `${twice} is given twice`,
      `List some of ${allowed.join(', ')}, each once, or leave ${option} out for all.`);
  }
  return [...given];
}

/** What every pair of a kit shares. */
interface KitContext {
  readonly kit: string;
  readonly namespace: string;
  readonly nodes: readonly string[];
  readonly run: PerfRun;
  readonly options: PerfKitOptions;
}

/**
 * One pair. `addresses` holds the server's and the client's vhost-user
 * address for a vhost-user pair, and nothing for a pod-network pair.
 */
function planPair(
  context: KitContext, slot: PairSlot, addresses: readonly string[],
): PerfPairPlan {
  const { kit, namespace, nodes, run } = context;
  const { interfaceType, placement, startDelay } = slot;
  const name = pairName(interfaceType, placement);
  const serverName = `${kit}-${name}-server`;
  const service = addresses.length === 0
    ? headlessService(kit, namespace, name, serverName, run) : undefined;
  const peer = addresses[0] ?? `${service!.metadata.name}.${namespace}.svc`;
  const vm = (role: PerfRole, node: string, ip: string | undefined) =>
    planVm(context, { interfaceType, pair: name, peer, role, node, ip, startDelay });

  const client = vm('client', placement === 'same-node' ? nodes[0] : nodes[1], addresses[1]);
  return {
    name,
    interfaceType,
    placement,
    peer,
    startDelay,
    server: vm('server', nodes[0], addresses[0]),
    client,
    ...(service !== undefined ? { service } : {}),
    collect: `${consoleLogCommand(namespace, client.spec.name)} > ${name}.log`,
  };
}

/** A pair's interface type, placement and turn. */
interface PairSlot {
  readonly interfaceType: PerfInterfaceType;
  readonly placement: PerfPlacement;
  readonly startDelay: number;
}

interface VmPlace {
  readonly interfaceType: PerfInterfaceType;
  readonly pair: string;
  readonly peer: string;
  readonly role: PerfRole;
  readonly node: string;
  readonly ip: string | undefined;
  readonly startDelay: number;
}

function planVm(context: KitContext, place: VmPlace): PerfVmPlan {
  const { kit, namespace, run, options } = context;
  const { pair, role, ip, startDelay } = place;
  const script = renderPerfScript({
    kit,
    pair,
    role,
    peer: place.peer,
    run: role === 'server' ? { ...run, serveFor: serveFor(context, pair, startDelay) } : run,
    ...(role === 'client' && { startDelay }),
  });
  return {
    role,
    script,
    spec: {
      name: `${kit}-${pair}-${role}`,
      namespace,
      cpus: options.cpus ?? 1,
      memory: options.memory ?? '1Gi',
      ...(options.image !== undefined ? { image: options.image } : {}),
      host: place.node,
      podNetwork: true,
      podNetworkBinding: place.interfaceType === 'masquerade' ? 'masquerade' : 'bridge',
      interfaces: ip !== undefined ? [{ network: options.vhostUser!.network, ip }] : [],
      cloudInit: { extraUserData: renderPerfExtraUserData({ ...options.console, script }) },
      labels: { ...kitLabels(kit, pair), [LABEL_ROLE]: role },
    },
  };
}

/**
 * How long a server serves: until its client may be done at the latest (the
 * wait for the server, the turn, the run and a margin). A `run.serveFor`
 * given is kept, and must be that long.
 */
function serveFor(context: KitContext, pair: string, startDelay: number): number {
  const { run, options } = context;
  const margin = options.turnMargin ?? 120;
  const needed = run.waitForPeer + startDelay + measuringTime(run) + margin;
  const given = options.run?.serveFor;
  if (given === undefined) {
    return Math.max(run.serveFor, needed);
  }
  if (given < needed) {
    throw new ValueError('serveFor', String(given),
      `the server of pair ${pair} would stop before its client is done: the client may wait `
      + `${run.waitForPeer} s for it and ${startDelay} s for its turn, then measures for about `
      + `${measuringTime(run)} s`,
      `Set serveFor to ${needed} or more, or leave it out to have it computed.`);
  }
  return given;
}

