// Cluster args for the Pulumi tests, from the manual guide's clusters.
import { VhostUserClusterArgs } from '../../src/pulumi';
import { ClusterSpec } from '../../src/spec';
import { manualGuideKubeOvn } from '../fixtures/specs/manual-guide-kube-ovn';
import { manualGuideUserspace } from '../fixtures/specs/manual-guide-userspace';

/** The args of a cluster spec: the spec less its name, which the component gives. */
export function argsOf(spec: ClusterSpec): VhostUserClusterArgs {
  const { name: _name, ...args } = JSON.parse(JSON.stringify(spec)) as ClusterSpec;
  return args;
}

/** The guide's Kube-OVN cluster: one host, the `ovn-dpdk` network, its DHCP subnet, a VM. */
export function kubeOvnArgs(): VhostUserClusterArgs {
  return argsOf(manualGuideKubeOvn);
}

/**
 * The guide's Userspace CNI cluster: two hosts of two NUMA nodes, the
 * `ovs-dpdk` network and a VM, here with 2 vCPUs (whole cores).
 */
export function userspaceArgs(): VhostUserClusterArgs {
  const args = argsOf(manualGuideUserspace);
  return { ...args, vms: args.vms!.map((vm) => ({ ...vm, cpus: 2 })) };
}
