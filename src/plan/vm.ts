import {
  DEFAULT_NAMESPACE, DEFAULT_RUN_POLICY, DEFAULT_VM_IMAGE, POD_NETWORK_NAME,
} from './defaults';
import { KUBE_OVN_SOCKET_NAME, KUBE_OVN_SOCKET_VOLUME } from './network';
import { NetworkPlan, SubnetPlan, VmInterfacePlan, VmPlan } from './types';
import { assignAddresses, assignMacs, NicDraft } from './vm-addresses';
import { Findings } from '../diagnostics/findings';
import {
  checkImage, checkInterfaceName, checkRunPolicy, checkSocketPath, checkWholePages, readCpus,
  readMemory, readPageSize, MAX_INTERFACE_NAME,
} from '../diagnostics/rules/vm';
import { checkCloudInit, checkMetadata } from '../diagnostics/rules/vm-metadata';
import {
  checkHost, checkKubeOvnVm, checkNetworkFound, checkNodePool, checkPodNetworkBinding, PoolHost,
} from '../diagnostics/rules/vm-network';
import { MacAddress } from '../model/mac';
import { sha256 } from '../model/sha256';
import { Size } from '../model/size';
import { NetworkPath, VmInterfaceSpec, VmSpec } from '../spec';

/** What VM planning needs from the rest of the cluster. */
export interface VmContext {
  /** The path the cluster enables. */
  readonly path: NetworkPath;
  /** The planned networks. */
  readonly networks: readonly NetworkPlan[];
  /** The planned subnets. */
  readonly subnets: readonly SubnetPlan[];
  /** Every pool name of the spec, planned or not. */
  readonly poolNames: readonly string[];
  /** Every host of every pool of the spec, planned or not. */
  readonly hosts: readonly PoolHost[];
  /** The hugepage size of each planned pool. */
  readonly pageSizes: ReadonlyArray<{ readonly pool: string; readonly size: Size }>;
}

/** An object of `T` while it is being built. */
type Writable<T> = { -readonly [K in keyof T]: T[K] };

/** What is known of a NIC before MACs and addresses are assigned. */
type NicShape = Omit<VmInterfacePlan, 'mac' | 'address'>;

/** A VM whose shape is known and whose NICs wait for their MACs and addresses. */
interface VmDraft {
  /** Whether CPUs, memory and page size could all be derived. */
  readonly complete: boolean;
  /** The plan, its interfaces still to come. */
  readonly plan: VmPlan;
  readonly nics: ReadonlyArray<{ readonly draft: NicDraft; readonly nic: NicShape }>;
}

/**
 * Plans every VM: CPU topology, hugepage-backed memory, the vhost-user NICs
 * with MACs unique in the cluster and stable static addresses, and every
 * Virtink and CNI rule that applies. A VM whose CPUs, memory or page size
 * cannot be derived is reported and left out; its NICs still take part in the
 * uniqueness checks. Placement is added by `placeVms`.
 */
export function planVms(
  vms: readonly VmSpec[], context: VmContext, findings: Findings,
): VmPlan[] {
  const drafts = vms.map((vm, index) => draftVm(vm, index, context, findings));
  const nics = drafts.flatMap((d) => d.nics.map((n) => n.draft));
  const podMacs = drafts.filter((d) => d.plan.podNetwork).map((d) => podMacOf(d.plan));
  const macs = assignMacs(nics, podMacs, findings);
  const addresses = assignAddresses(nics, context.subnets, findings);

  const planned: VmPlan[] = [];
  for (const { complete, plan, nics: drafted } of drafts) {
    if (!complete) {
      continue;
    }
    for (const { draft, nic } of drafted) {
      const iface: Writable<VmInterfacePlan> = { ...nic, mac: macs.get(draft) as MacAddress };
      const address = addresses.get(draft);
      if (address !== undefined) {
        iface.address = address;
      }
      plan.interfaces.push(iface);
    }
    planned.push(plan);
  }
  return planned;
}

function draftVm(spec: VmSpec, index: number, context: VmContext, findings: Findings): VmDraft {
  const namespace = spec.namespace ?? DEFAULT_NAMESPACE;
  const podNetwork = spec.podNetwork ?? context.path === 'userspace';
  const image = spec.image ?? DEFAULT_VM_IMAGE;
  checkRunPolicy(spec, index, findings);
  checkImage(image, index, findings);
  checkMetadata(spec.labels ?? {}, spec.annotations ?? {}, index, findings);
  if (spec.cloudInit !== undefined) {
    checkCloudInit(spec.cloudInit, index, findings);
  }
  checkPodNetworkBinding(spec, index, podNetwork, findings);
  const poolOk = spec.nodePool !== undefined
    && checkNodePool(spec.nodePool, index, context.poolNames, findings);
  const hostPool = spec.host !== undefined && (spec.nodePool === undefined || poolOk)
    ? checkHost(spec, index, context.hosts, findings) : undefined;
  const nodePool = hostPool ?? (poolOk ? spec.nodePool : undefined);
  const pinned = nodePool !== undefined;
  if (context.path === 'kube-ovn') {
    checkKubeOvnVm(spec, index, namespace, findings);
  }

  const cpus = readCpus(spec, index, findings);
  const memory = readMemory(spec, index, findings);
  const candidates = context.pageSizes.filter((p) => !pinned || p.pool === nodePool);
  const pageSize = readPageSize(spec, index, candidates, findings);
  const whole = memory !== undefined && pageSize !== undefined
    && checkWholePages(memory, pageSize, index, findings);

  // The plan the VM ends with, built once: the interfaces are added when the
  // MACs and addresses of every NIC are known, the optional fields after the
  // others rather than spread in (the slow path of a literal).
  const plan: Writable<VmPlan> = {
    spec,
    index,
    name: spec.name,
    namespace,
    sockets: cpus?.sockets ?? 0,
    coresPerSocket: cpus?.coresPerSocket ?? 0,
    cpus: cpus?.cpus ?? 0,
    memory: memory ?? Size.ZERO,
    pageSize: pageSize ?? Size.ZERO,
    podNetwork,
    podNetworkBinding: spec.podNetworkBinding ?? 'bridge',
    runPolicy: spec.runPolicy ?? DEFAULT_RUN_POLICY,
    image,
    interfaces: [],
    placement: [],
  };
  if (pinned) {
    plan.nodePool = nodePool;
  }
  if (hostPool !== undefined) {
    plan.host = spec.host;
  }
  return {
    complete: cpus !== undefined && whole,
    plan,
    nics: draftNics(spec, index, namespace, podNetwork, context, findings),
  };
}

function draftNics(
  spec: VmSpec, index: number, namespace: string, podNetwork: boolean, context: VmContext,
  findings: Findings,
): VmDraft['nics'] {
  if (spec.interfaces.length === 0) {
    findings.warn('VM021', {
      path: `vms[${index}].interfaces`,
      message: `VM ${spec.name} has no vhost-user interface`,
      hint: 'attach it to a network with `interfaces: [{ network: <name> }]`, or run it with '
        + 'another tool: vhost-user is what this VM would be built for',
    });
  }
  const names = new Map<string, string>(podNetwork
    ? [[POD_NETWORK_NAME, 'the pod network'], ['eth0', 'the pod NIC in the guest']] : []);
  return spec.interfaces.map((nic, j) => {
    const path = `vms[${index}].interfaces[${j}]`;
    const name = nic.name ?? defaultInterfaceName(nic.network);
    if (checkInterfaceName(name, nic.name === undefined ? `${path}.network` : `${path}.name`,
      names, findings)) {
      names.set(name, `${path}`);
    }
    const network = checkNetworkFound(nic.network, namespace, `${path}.network`,
      context.networks, context.path, findings);
    const cniInterface = `net${j + (podNetwork ? 1 : 0)}`;
    const socketPath = socketPathOf(context.path, cniInterface);
    checkSocketPath(socketPath, context.path === 'userspace' ? 12 : 36, path, findings);
    return {
      draft: draftOf(nic, path, `${namespace}/${spec.name}/${nic.network}`, network),
      nic: { name, network: nic.network, cniInterface, socketPath },
    };
  });
}

function draftOf(
  nic: VmInterfaceSpec, path: string, seed: string, network: NetworkPlan | undefined,
): NicDraft {
  const draft: Writable<NicDraft> = { path, seed };
  if (network !== undefined) {
    draft.network = network;
  }
  if (nic.mac !== undefined) {
    draft.mac = nic.mac;
  }
  if (nic.ip !== undefined) {
    draft.ip = nic.ip;
  }
  return draft;
}

/**
 * The interface name of a NIC that gives none: the network name, or when
 * that is longer than 15 characters its first 10 and a 4-digit hash, so that
 * two long names with a common start still differ.
 */
export function defaultInterfaceName(network: string): string {
  if (network.length <= MAX_INTERFACE_NAME) {
    return network;
  }
  const hash = sha256(network).toString('hex').slice(0, 4);
  return `${network.slice(0, 10).replace(/-+$/, '')}-${hash}`;
}

/**
 * Where the vhost-user socket of a NIC lives on the host, `<id>` standing
 * for what the CNI takes from the pod. Userspace CNI: Virtink's pod has no
 * `shared-dir` volume, so the plugin uses its default directory and names
 * the socket `<container ID[:12]>-<ifName>`. Kube-OVN: kube-ovn-cni
 * bind-mounts the pod's socket volume under a directory named by the pod UID.
 */
export function socketPathOf(path: NetworkPath, cniInterface: string): string {
  if (path !== 'userspace') {
    return KUBE_OVN_SOCKET_PATH;
  }
  // One string for every NIC on the same interface: thousands of NICs share a few.
  let socket = USERSPACE_SOCKET_PATHS.get(cniInterface);
  if (socket === undefined) {
    socket = ['/usr/local/var/run/openvswitch/<id>/<id>-', cniInterface].join('');
    if (USERSPACE_SOCKET_PATHS.size < 64) {
      USERSPACE_SOCKET_PATHS.set(cniInterface, socket);
    }
  }
  return socket;
}

const KUBE_OVN_SOCKET_PATH =
  `/var/run/openvswitch/vhost_sockets/<id>/${KUBE_OVN_SOCKET_VOLUME}/${KUBE_OVN_SOCKET_NAME}`;

const USERSPACE_SOCKET_PATHS = new Map<string, string>();

/**
 * The MAC of the pod NIC of a VM: derived, like the vhost-user MACs, from
 * `<namespace>/<vm>/pod`. It is planned, so that no vhost-user NIC takes it,
 * and written into the VM and its network data; the one made for a VM's spec
 * is kept for all three.
 *
 * @internal
 */
export function podMacOf(vm: Pick<VmPlan, 'spec' | 'name' | 'namespace'>): MacAddress {
  const known = POD_MACS.get(vm.spec);
  if (known !== undefined && known.name === vm.name && known.namespace === vm.namespace) {
    return known.mac;
  }
  const mac = MacAddress.generate(`${vm.namespace}/${vm.name}/${POD_NETWORK_NAME}`);
  POD_MACS.set(vm.spec, { name: vm.name, namespace: vm.namespace, mac });
  return mac;
}

/** The pod MAC last made for each VM spec, with the name and namespace it was made for. */
const POD_MACS = new WeakMap<VmSpec, {
  readonly name: string;
  readonly namespace: string;
  readonly mac: MacAddress;
}>();
