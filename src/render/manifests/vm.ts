import { InterfaceAddress } from '../../model/ip';
import { Size } from '../../model/size';
import { ClusterPlan, NetworkPlan, VmPlan } from '../../plan/types';
import { ManifestObject } from '../types';
import { renderCloudInit } from './cloud-init';
import { LIBRARY, managedLabels } from './common';
import { OVS_DP_TYPE_LABEL } from './kube-ovn-daemonset';
import { POD_INTERFACE, podInterfaceMac } from './pod-interface';

/**
 * Memory Virtink adds to the pod of a VM with dedicated CPUs, beside the
 * guest memory (`memoryOverhead` in its webhook). Hugepage-backed guest
 * memory is not counted in `memory`: it is requested as `hugepages-<size>`.
 */
export const VIRTINK_MEMORY_OVERHEAD = Size.mebibytes(256);

/** {@link VIRTINK_MEMORY_OVERHEAD} as every VM's `memory` resource spells it. */
const MEMORY_OVERHEAD_QUANTITY = VIRTINK_MEMORY_OVERHEAD.toQuantity();

/** The annotation every generated VM carries. */
export const GENERATED_BY_ANNOTATION = `${LIBRARY}.io/generated-by`;

/**
 * Written by Virtink's controller on the VM pod; a value on the VM is
 * overwritten, so it is never rendered.
 */
const MULTUS_NETWORKS_ANNOTATION = 'k8s.v1.cni.cncf.io/networks';

/** The provider whose MAC annotation Virtink writes itself (hard-coded). */
const VIRTINK_KUBE_OVN_PROVIDER = 'ovn-dpdk.default.ovn';

/** Names of the disks and volumes of a generated VM. */
const ROOT_DISK = 'root';
const CLOUD_INIT_DISK = 'cloud-init';

/**
 * The Virtink VirtualMachine of a planned VM: dedicated CPUs, hugepage-backed
 * memory, one `vhostUser` interface per NIC on its Multus network (plus the
 * pod network, bound with `bridge` or `masquerade`, when asked), cloud-init, and resources
 * computed as Virtink's webhook demands them.
 *
 * @see https://github.com/smartxworks/virtink/blob/main/docs/
 */
export function renderVirtualMachine(vm: VmPlan, plan: ClusterPlan): ManifestObject {
  const cloudInit = renderCloudInit(vm, plan.networks);
  const disks = [{ name: ROOT_DISK }];
  const volumes: Record<string, unknown>[] = [{
    name: ROOT_DISK,
    containerDisk: { image: vm.image },
  }];
  if (cloudInit !== undefined) {
    disks.push({ name: CLOUD_INIT_DISK });
    volumes.push({ name: CLOUD_INIT_DISK, cloudInit });
  }

  return {
    apiVersion: 'virt.virtink.smartx.com/v1alpha1',
    kind: 'VirtualMachine',
    metadata: {
      name: vm.name,
      namespace: vm.namespace,
      labels: managedLabels(vm.spec.labels),
      annotations: vmAnnotations(vm, plan),
    },
    spec: {
      runPolicy: vm.runPolicy,
      ...placement(vm, plan),
      resources: vmResources(vm),
      instance: {
        cpu: {
          sockets: vm.sockets,
          coresPerSocket: vm.coresPerSocket,
          dedicatedCPUPlacement: true,
        },
        memory: {
          size: vm.memory.toQuantity(),
          hugepages: { pageSize: vm.pageSize.toQuantity() },
        },
        disks,
        interfaces: vmInterfaces(vm),
      },
      volumes,
      networks: vmNetworks(vm),
    },
  };
}

/**
 * Requests and limits exactly as Virtink's webhook checks them for a VM
 * with dedicated CPUs and hugepages: `cpu` = sockets × cores per socket,
 * `memory` = the 256Mi overhead alone, `hugepages-<page size>` = the guest
 * memory, requests equal to limits (Guaranteed QoS, so the static CPU manager
 * gives it whole CPUs).
 */
export function vmResources(vm: VmPlan): { requests: Resources; limits: Resources } {
  const resources: Resources = {
    cpu: vm.sockets * vm.coresPerSocket,
    memory: MEMORY_OVERHEAD_QUANTITY,
  };
  resources[`hugepages-${vm.pageSize.toQuantity()}`] = vm.memory.toQuantity();
  return { requests: resources, limits: { ...resources } };
}

/** Resource quantities by resource name. */
export type Resources = Record<string, string | number>;

function vmInterfaces(vm: VmPlan): Record<string, unknown>[] {
  const interfaces: Record<string, unknown>[] = [];
  if (vm.podNetwork) {
    const pod: Record<string, unknown> = {
      name: POD_INTERFACE, mac: podInterfaceMac(vm).toString(),
    };
    pod[vm.podNetworkBinding] = {};
    interfaces.push(pod);
  }
  for (const nic of vm.interfaces) {
    interfaces.push({ name: nic.name, mac: nic.mac.toString(), vhostUser: {} });
  }
  return interfaces;
}

// The pod network comes first: Virtink names the Multus interfaces
// net<index in spec.networks>, so the order is part of the contract.
function vmNetworks(vm: VmPlan): Record<string, unknown>[] {
  const networks: Record<string, unknown>[] = vm.podNetwork
    ? [{ name: POD_INTERFACE, pod: {} }] : [];
  for (const nic of vm.interfaces) {
    networks.push({ name: nic.name, multus: { networkName: nic.network } });
  }
  return networks;
}

/**
 * The user's annotations, the one naming this library (Virtink's controller
 * writes into the VM's annotation map without a nil check, so it must never
 * be empty), and on Kube-OVN the `<provider>.kubernetes.io/*` annotations
 * Virtink does not write itself.
 */
function vmAnnotations(vm: VmPlan, plan: ClusterPlan): Record<string, string> {
  const annotations: Record<string, string> = { ...vm.spec.annotations };
  annotations[GENERATED_BY_ANNOTATION] = LIBRARY;
  if (MULTUS_NETWORKS_ANNOTATION in annotations) {
    delete annotations[MULTUS_NETWORKS_ANNOTATION];
  }
  for (const nic of vm.interfaces) {
    const network = networkOf(plan, vm, nic.network);
    if (network?.path !== 'kube-ovn') {
      continue;
    }
    Object.assign(annotations, kubeOvnAnnotations(network, nic.mac.toString(), nic.address));
  }
  return annotations;
}

/**
 * Virtink writes `ovn-dpdk.default.ovn.kubernetes.io/mac_address` from the
 * interface MAC itself, whatever the NAD's provider. For that provider the
 * annotation would be redundant (and overwritten); for any other provider
 * Kube-OVN would otherwise allocate a random MAC that the guest NIC does not
 * have, and OVN would drop its frames. A planned static address is pinned
 * the same way, so that Kube-OVN's IPAM hands out the address the guest has.
 */
function kubeOvnAnnotations(
  network: NetworkPlan, mac: string, address: InterfaceAddress | undefined,
): Record<string, string> {
  const provider = network.provider;
  if (provider === undefined) {
    return {};
  }
  const result: Record<string, string> = {};
  if (provider !== VIRTINK_KUBE_OVN_PROVIDER) {
    result[`${provider}.kubernetes.io/mac_address`] = mac;
  }
  if (address !== undefined) {
    result[`${provider}.kubernetes.io/ip_address`] = address.address.toString();
  }
  return result;
}

function networkOf(plan: ClusterPlan, vm: VmPlan, name: string): NetworkPlan | undefined {
  for (const network of plan.networks) {
    if (network.name === name && network.namespace === vm.namespace) {
      return network;
    }
  }
  return undefined;
}

/**
 * Where the VM may run: its host, the hosts of its pool, or of every pool it fits, by
 * `kubernetes.io/hostname` affinity. The plan names the hosts, so no label
 * has to be applied to nodes first. On Kube-OVN the OVS-DPDK node label is
 * also selected; Virtink adds it to the pod itself, and writing it here
 * shows the rule in the manifest.
 */
function placement(vm: VmPlan, plan: ClusterPlan): Record<string, unknown> {
  const hosts = candidateHosts(vm, plan);
  const nodeSelector = plan.path === 'kube-ovn' ? Object.fromEntries([ovsDpdkNodeLabel(plan)])
    : undefined;
  const affinity = hosts.length === 0 ? undefined : {
    nodeAffinity: {
      requiredDuringSchedulingIgnoredDuringExecution: {
        nodeSelectorTerms: [{
          matchExpressions: [{ key: 'kubernetes.io/hostname', operator: 'In', values: hosts }],
        }],
      },
    },
  };
  return nodeSelector === undefined ? affinity === undefined ? {} : { affinity }
    : affinity === undefined ? { nodeSelector } : { nodeSelector, affinity };
}

/** The label of OVS-DPDK nodes the Kube-OVN node plans apply. */
function ovsDpdkNodeLabel(plan: ClusterPlan): readonly [string, string] {
  return plan.nodes.find((node) => node.kubeOvn !== undefined)?.kubeOvn?.nodeLabel
    ?? [OVS_DP_TYPE_LABEL, 'userspace'];
}

/** The VM's host; else the hosts of its pool, of the pools it fits, or of every pool. */
export function candidateHosts(vm: VmPlan, plan: ClusterPlan): string[] {
  if (vm.host !== undefined) {
    return [vm.host];
  }
  const fitting = vm.nodePool !== undefined ? []
    : vm.placement.filter((p) => p.fitsOn.length > 0).map((p) => p.nodePool);
  const pools = vm.nodePool !== undefined ? [vm.nodePool]
    : fitting.length > 0 ? fitting
      : plan.nodes.map((node) => node.name);

  // Thousands of VMs share a few pool lists: their hosts are found once.
  let known = HOSTS_OF_POOLS.get(plan);
  if (known === undefined) {
    known = new Map();
    HOSTS_OF_POOLS.set(plan, known);
  }
  // A pool's name alone, or the list as JSON (which starts with a bracket).
  const key = pools.length === 1 ? `=${pools[0]}` : JSON.stringify(pools);
  let hosts = known.get(key);
  if (hosts === undefined) {
    hosts = [...new Set(plan.nodes
      .filter((node) => pools.includes(node.name))
      .flatMap((node) => node.hosts.map((host) => host.name)))];
    known.set(key, hosts);
  }
  return [...hosts];
}

/** The hosts of each list of pools ({@link candidateHosts}), by plan. */
const HOSTS_OF_POOLS = new WeakMap<ClusterPlan, Map<string, readonly string[]>>();
