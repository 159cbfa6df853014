import { KubeOvnSpec, NetworkSpec, SubnetSpec, UserspaceCniSpec } from './network';
import { NodeSpec } from './node';
import { PerfKitSpec } from './perf-kit';
import { VmSpec } from './vm';

/**
 * A whole cluster: the single model every layer is derived from. A cluster
 * spec file holds exactly this; the cdk8s and Pulumi stacks build it from
 * their child constructs.
 *
 * A spec file may also hold top-level keys that start with `x-`: they are
 * ignored, and are the place for YAML anchors that other entries merge
 * (`x-vm: &vm {...}`, then `- {<<: *vm, name: vm-1}`).
 */
export interface ClusterSpec {
  /**
   * Name of the cluster, used for the manifest file (`<name>.k8s.yaml`).
   * A DNS-1123 label.
   */
  readonly name: string;

  /**
   * Versions of the components on the nodes; rules that depend on them say so.
   *
   * @default - see `VersionSpec`
   */
  readonly versions?: VersionSpec;

  /** Node pools running OVS-DPDK. */
  readonly nodes: NodeSpec[];

  /**
   * The Kube-OVN OVS-DPDK path. Exactly one of `kubeOvn` and
   * `userspaceCni` is given.
   *
   * @default - not used
   */
  readonly kubeOvn?: KubeOvnSpec;

  /**
   * The Userspace CNI path on an OVS-DPDK bridge.
   *
   * @default - not used
   */
  readonly userspaceCni?: UserspaceCniSpec;

  /**
   * vhost-user networks (Multus NADs).
   *
   * @default - none
   */
  readonly networks?: NetworkSpec[];

  /**
   * Kube-OVN subnets serving DHCP to vhost-user VMs.
   *
   * @default - none
   */
  readonly subnets?: SubnetSpec[];

  /**
   * Virtink VMs.
   *
   * @default - none
   */
  readonly vms?: VmSpec[];

  /**
   * A performance test kit: VM pairs that measure vhost-user, bridge and
   * masquerade on this cluster (`PerfTestKit`).
   *
   * @default - none
   */
  readonly perfKit?: PerfKitSpec;
}

/** Versions of the node components. */
export interface VersionSpec {
  /**
   * Kubelet version. Decides the CPU manager policy options available
   * (`strict-cpu-reservation` needs 1.32 or later).
   *
   * @default '1.32'
   */
  readonly kubelet?: string;

  /**
   * Open vSwitch version on the nodes. Decides `dpdk-lcore-mask` (left out
   * from 3.7) and userspace TSO over tunnels (3.3, 3.5).
   *
   * @default - the OVS of the Kube-OVN image, else '3.1' (Debian 12)
   */
  readonly ovs?: string;
}
