import { PerfCloudConfigOptions, renderPerfExtraUserData } from './cloud-init';
import {
  checkLabel, checkNodeName, PERF_INTERFACE_TYPES, PERF_PLACEMENTS, PerfInterfaceType, PerfPlacement,
  pairName,
} from './names';
import { PerfRun, PerfRunOptions, planPerfRun } from './run-plan';
import { PerfRole, renderPerfScript } from './script';
import { ValueError } from '../model/errors';
import { Cidr } from '../model/ip';
import { ManifestObject } from '../render/types';
import { VmSpec } from '../spec/vm';

/** The vhost-user network the vhost-user pairs are measured over. */
export interface PerfVhostUserNetwork {
  /** Name of the network (its NAD), in the kit's namespace. */
  readonly network: string;
  /**
   * The network's address range. The kit's VMs take static addresses from its
   * top (the last hosts), away from addresses allocated from the bottom.
   */
  readonly cidr: string;
}

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
  /** The node it must run on. */
  readonly node: string;
  /**
   * The Virtink binding of its pod network. The VM spec has no field for it
   * yet: adapters set `bridge: {}` or `masquerade: {}` on the pod interface.
   */
  readonly podNetworkBinding: 'bridge' | 'masquerade';
  /** The VM, in the spec's terms (node and binding are above). */
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
}

const LABEL_NAME = 'app.kubernetes.io/name';
const LABEL_KIT = 'app.kubernetes.io/instance';
const LABEL_PAIR = 'vhost-user-k8s/perf-pair';
const LABEL_ROLE = 'vhost-user-k8s/perf-role';

/**
 * Plans the kit: for each interface type and placement, a server and a client
 * VM with cloud-init that installs qperf and iperf3 and runs the measuring
 * script. vhost-user pairs measure over static addresses on the vhost-user
 * network; bridge and masquerade pairs over the pod network, where the client
 * finds its server through a headless Service. Every VM also has a pod network
 * interface, for apt. The result is data: adapters turn `spec` into a VM.
 *
 * @throws ValueError naming the option: a bad kit name, no node or more than
 *   two, cross-node with one node, vhost-user without `vhostUser`, a range too
 *   small for the kit's addresses, or a bad run option
 */
export function planPerfKit(options: PerfKitOptions): PerfKitPlan {
  const kit = checkLabel('kit', options.name ?? 'perf', 24);
  if (!/^[a-z]/.test(kit)) {
    throw new ValueError('kit name', kit, 'it must start with a letter (it names Services)',
      'Rename it, for example "perf".');
  }
  const namespace = checkLabel('namespace', options.namespace ?? 'default');
  const nodes = options.nodes.map(checkNodeName);
  if (nodes.length < 1 || nodes.length > 2) {
    throw new ValueError('nodes list', JSON.stringify(nodes),
      'a kit runs on one node (same-node pairs) or two (also cross-node pairs)',
      'Give one or two node names as `kubectl get nodes` prints them.');
  }
  const placements = options.placements
    ?? PERF_PLACEMENTS.filter((p) => p === 'same-node' || nodes.length === 2);
  if (placements.includes('cross-node') && nodes.length < 2) {
    throw new ValueError('placements', 'cross-node',
      'cross-node pairs need two nodes, and one is given',
      'Add a second node name, or measure same-node only.');
  }
  const types = options.interfaceTypes ?? PERF_INTERFACE_TYPES;
  const run = planPerfRun(options.run);
  const addresses = vhostUserAddresses(options.vhostUser, types, placements);

  const context: KitContext = { kit, namespace, nodes, run, options };
  const pairs = types.flatMap((interfaceType) => placements.map((placement) =>
    planPair(context, interfaceType, placement,
      interfaceType === 'vhost-user' ? addresses.splice(0, 2) : [])));
  return {
    name: kit,
    namespace,
    run,
    pairs,
    manifests: pairs.flatMap((p) => (p.service !== undefined ? [p.service] : [])),
  };
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
  context: KitContext, interfaceType: PerfInterfaceType, placement: PerfPlacement,
  addresses: readonly string[],
): PerfPairPlan {
  const { kit, namespace, nodes, run } = context;
  const name = pairName(interfaceType, placement);
  const serverName = `${kit}-${name}-server`;
  const service = addresses.length === 0
    ? headlessService(kit, namespace, name, serverName, run) : undefined;
  const peer = addresses[0] ?? `${service!.metadata.name}.${namespace}.svc`;
  const vm = (role: PerfRole, node: string, ip: string | undefined) =>
    planVm(context, { interfaceType, pair: name, peer, role, node, ip });

  const client = vm('client', placement === 'same-node' ? nodes[0] : nodes[1], addresses[1]);
  return {
    name,
    interfaceType,
    placement,
    peer,
    server: vm('server', nodes[0], addresses[0]),
    client,
    ...(service !== undefined ? { service } : {}),
    collect: `kubectl logs -n ${namespace} -l virtink.io/vm.name=${client.spec.name} `
      + `-c cloud-hypervisor --tail=-1 > ${name}.log`,
  };
}

interface VmPlace {
  readonly interfaceType: PerfInterfaceType;
  readonly pair: string;
  readonly peer: string;
  readonly role: PerfRole;
  readonly node: string;
  readonly ip: string | undefined;
}

function planVm(context: KitContext, place: VmPlace): PerfVmPlan {
  const { kit, namespace, run, options } = context;
  const { pair, role, ip } = place;
  const script = renderPerfScript({ kit, pair, role, peer: place.peer, run });
  return {
    role,
    node: place.node,
    podNetworkBinding: place.interfaceType === 'masquerade' ? 'masquerade' : 'bridge',
    script,
    spec: {
      name: `${kit}-${pair}-${role}`,
      namespace,
      cpus: options.cpus ?? 1,
      memory: options.memory ?? '1Gi',
      ...(options.image !== undefined ? { image: options.image } : {}),
      podNetwork: true,
      interfaces: ip !== undefined ? [{ network: options.vhostUser!.network, ip }] : [],
      cloudInit: { extraUserData: renderPerfExtraUserData({ ...options.console, script }) },
      labels: { ...kitLabels(kit, pair), [LABEL_ROLE]: role },
    },
  };
}

function kitLabels(kit: string, pair: string): Record<string, string> {
  return { [LABEL_NAME]: 'vhost-user-k8s-perf', [LABEL_KIT]: kit, [LABEL_PAIR]: pair };
}

/** Two addresses per vhost-user pair (server, client), from the top of the range. */
function vhostUserAddresses(
  network: PerfVhostUserNetwork | undefined,
  types: readonly PerfInterfaceType[], placements: readonly PerfPlacement[],
): string[] {
  if (!types.includes('vhost-user')) {
    return [];
  }
  if (network === undefined) {
    throw new ValueError('vhostUser', 'undefined',
      'measuring vhost-user needs the vhost-user network and its address range',
      'Set vhostUser: { network: "<NAD name>", cidr: "<range>" }, '
      + 'or leave vhost-user out of interfaceTypes.');
  }
  checkLabel('vhostUser.network', network.network);
  const cidr = Cidr.parse(network.cidr);
  const needed = 2 * placements.length;
  if (cidr.size < BigInt(needed + 3)) {
    throw new ValueError('vhostUser.cidr', network.cidr,
      `the kit takes ${needed} addresses from the top of the range, besides the network, `
      + 'broadcast and gateway addresses', 'Give a range of at least /29.');
  }
  return Array.from({ length: needed }, (_, i) => cidr.hostAt(-2 - i).toString());
}

function headlessService(
  kit: string, namespace: string, pair: string, server: string, run: PerfRun,
): ManifestObject {
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: {
      name: `${kit}-${pair}`,
      namespace,
      labels: kitLabels(kit, pair),
    },
    spec: {
      // Headless: the name resolves to the server pod's address, which the
      // guest holds (bridge) or receives through Virtink's DNAT (masquerade).
      clusterIP: 'None',
      publishNotReadyAddresses: true,
      selector: { 'virtink.io/vm.name': server },
      ports: [
        { name: 'qperf', protocol: 'TCP', port: run.qperfPort },
        { name: 'iperf3', protocol: 'TCP', port: run.iperf3Port },
        { name: 'iperf3-udp', protocol: 'UDP', port: run.iperf3Port },
      ],
    },
  };
}
