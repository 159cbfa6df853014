import { ClusterPlan } from '../../plan/types';
import { ManifestObject } from '../types';
import { renderKubeOvnOverrides } from './kube-ovn-daemonset';
import { renderNetworkAttachmentDefinition } from './nad';
import { renderPlaceholderPods } from './placeholder-pods';
import { renderSubnet } from './subnet';
import { renderVirtualMachine } from './vm';

export * from './cloud-init';
export * from './kube-ovn-daemonset';
export * from './nad';
export * from './placeholder-pods';
export * from './subnet';
export * from './vm';

/**
 * Every manifest of a cluster, in an order that applies cleanly from top to
 * bottom: NADs (VMs need them), Subnets (the Kube-OVN NAD's provider needs
 * one), the OVS-DPDK DaemonSet overrides, the hugepage placeholders (they
 * must be booked before VMs take the pages), the perf test kit's Services,
 * then the VMs. Within a kind the
 * plan's (spec) order is kept, so the output is stable.
 */
export function renderManifests(plan: ClusterPlan): ManifestObject[] {
  return [
    ...plan.networks.map(renderNetworkAttachmentDefinition),
    ...plan.subnets.map(renderSubnet),
    ...renderKubeOvnOverrides(plan),
    ...renderPlaceholderPods(plan),
    ...(plan.perfKit?.manifests ?? []),
    ...plan.vms.map((vm) => renderVirtualMachine(vm, plan)),
  ];
}
