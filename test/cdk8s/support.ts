// Small builders for the cdk8s tests: the manual guide's clusters, by hand
// or from their spec fixtures.
import { Testing } from 'cdk8s';
import { Construct } from 'constructs';
import {
  DhcpSubnet, KubeOvnDpdk, OvsDpdkNode, UserspaceCni, VhostUserCluster, VhostUserNetwork,
  VhostUserVm,
} from '../../src/cdk8s';
import { manualGuideKubeOvn } from '../fixtures/specs/manual-guide-kube-ovn';
import { manualGuideUserspace } from '../fixtures/specs/manual-guide-userspace';

/** The guide's Kube-OVN node pool, one NUMA node. */
export const KUBE_OVN_NODE = manualGuideKubeOvn.nodes[0];

/** The guide's Userspace CNI node pool, two hosts of two NUMA nodes. */
export const USERSPACE_NODE = manualGuideUserspace.nodes[0];

/** The guide's VM on the Kube-OVN network. */
export const KUBE_OVN_VM = manualGuideKubeOvn.vms![0];

/** An object as cdk8s synthesizes it. */
export type Synthesized = { kind: string; metadata: { name: string; namespace?: string } } & any;

/** A Kube-OVN cluster with the guide's node and nothing else, under a fresh app. */
export function kubeOvnCluster(id = 'lab'): VhostUserCluster {
  const cluster = new VhostUserCluster(Testing.app(), id);
  new KubeOvnDpdk(cluster, 'KubeOvn', { version: 'v1.10.7' });
  new OvsDpdkNode(cluster, 'dpdk', KUBE_OVN_NODE);
  return cluster;
}

/** A Userspace CNI cluster with the guide's node and nothing else, under a fresh app. */
export function userspaceCluster(id = 'lab'): VhostUserCluster {
  const cluster = new VhostUserCluster(Testing.app(), id);
  new UserspaceCni(cluster, 'UserspaceCni');
  new OvsDpdkNode(cluster, 'dpdk', USERSPACE_NODE);
  return cluster;
}

/** The guide's DHCP subnet of the Kube-OVN network. */
export const KUBE_OVN_SUBNET = manualGuideKubeOvn.subnets![0];

/** Adds the guide's `ovn-dpdk` network, its DHCP subnet and the VM to a Kube-OVN cluster. */
export function addGuideVm(scope: Construct): VhostUserVm {
  new VhostUserNetwork(scope, 'ovn-dpdk', { name: 'ovn-dpdk' });
  new DhcpSubnet(scope, 'sn-dhcp', KUBE_OVN_SUBNET);
  return new VhostUserVm(scope, 'vm', KUBE_OVN_VM);
}

/** The one synthesized object of that kind and name. */
export function objectOf(objects: Synthesized[], kind: string, name: string): Synthesized {
  const found = objects.filter((o) => o.kind === kind && o.metadata.name === name);
  if (found.length !== 1) {
    throw new Error(`expected one ${kind} ${name}, found ${found.length}`);
  }
  return found[0];
}

/** `kind/name` of each object, in output order. */
export function kindsAndNames(objects: Synthesized[]): string[] {
  return objects.map((o) => `${o.kind}/${o.metadata.name}`);
}

/** The message of the error a function throws. */
export function errorOf(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    return (e as Error).message;
  }
  throw new Error('expected an error, none was thrown');
}
