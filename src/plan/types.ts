import { Diagnostic } from '../diagnostics/diagnostic';
import type { PerfKitPlan } from '../perfkit/pairs';
import { ClusterSpec, NetworkPath } from '../spec';
import { NetworkPlan, SubnetPlan } from './network-types';
import { NodePlan, OvsDpdkPodPlan } from './node-types';
import { PoolPlacement, VmPlan } from './vm-types';

export * from './node-types';
export * from './network-types';
export * from './vm-types';

/**
 * Every number of every layer, derived once from a `ClusterSpec`. Renderers
 * read only this: a value that appears in two layers comes from one field.
 */
export interface ClusterPlan {
  /** The spec the plan was derived from. */
  readonly spec: ClusterSpec;

  /** The networking path the cluster uses. */
  readonly path: NetworkPath;

  /** Kubelet version the plan targets (`major.minor`). */
  readonly kubeletVersion: string;

  /** OVS version the plan targets (`major.minor`). */
  readonly ovsVersion: string;

  /** Kube-OVN version on the Kube-OVN path. */
  readonly kubeOvnVersion?: string;

  /** One plan per node pool, in spec order. */
  readonly nodes: NodePlan[];

  /** One plan per network, in spec order. */
  readonly networks: NetworkPlan[];

  /** One plan per subnet, in spec order. */
  readonly subnets: SubnetPlan[];

  /** One plan per VM, in spec order. */
  readonly vms: VmPlan[];

  /** What the placement preview puts on each node pool, in pool order. */
  readonly placement: PoolPlacement[];

  /**
   * Kube-OVN path: what the one `ovs-ovn-dpdk` DaemonSet requests on every
   * host, for the manifests' override and every pool's ledger.
   *
   * @default - none: the Userspace CNI path, a cluster without pools, or pools
   *   of different hugepage sizes (HUGE008)
   */
  readonly ovsDpdkPod?: OvsDpdkPodPlan;

  /** The perf test kit, when the spec has one; its VMs are in `vms`, after the others. */
  readonly perfKit?: PerfKitPlan;
}

/** The result of planning: a plan when the model could be read, and every finding. */
export interface PlanResult {
  /** Undefined only when the model is too broken to derive anything. */
  readonly plan?: ClusterPlan;

  /** Every finding of every rule, errors and warnings. */
  readonly diagnostics: Diagnostic[];
}
