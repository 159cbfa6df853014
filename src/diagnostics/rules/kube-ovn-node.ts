import { NicPlan } from '../../plan/types';
import { KubeOvnSpec } from '../../spec/network';
import { Findings } from '../findings';

/** What the Kube-OVN node rules look at. */
export interface KubeOvnNodeRuleContext {
  readonly nics: readonly NicPlan[];
  readonly kubeOvn: KubeOvnSpec | undefined;
  /** Path of the node pool, such as `nodes[0]`. */
  readonly path: string;
}

/**
 * Checks what Kube-OVN's start script needs to build `br-phy` on a node pool:
 * a DPDK NIC (OVS017), a bond of two or more NICs (OVS015), a warning when
 * extra NICs stay unused (OVS016).
 */
export function checkKubeOvnNode(ctx: KubeOvnNodeRuleContext, findings: Findings): void {
  const bondType = ctx.kubeOvn?.bondType ?? '';
  const count = ctx.nics.length;
  if (count === 0) {
    findings.error('OVS017', {
      path: `${ctx.path}.nics`,
      message: 'the pool has no DPDK NIC, but Kube-OVN builds br-phy from DPDK_DEV and stops '
        + 'without it',
      hint: 'Give the NIC that carries the tunnel traffic in nics.',
    });
  } else if (bondType !== '' && count < 2) {
    findings.error('OVS015', {
      path: `${ctx.path}.nics`,
      message: `kubeOvn.bondType is ${bondType}, but the pool has only ${count} NIC`,
      hint: 'Give two or more NICs for a bond, or leave bondType empty.',
    });
  } else if (bondType === '' && count > 1) {
    findings.warn('OVS016', {
      path: `${ctx.path}.nics`,
      message: `the pool has ${count} NICs but no bond: Kube-OVN adds only the first, `
        + `${ctx.nics[0].pci}, to br-phy`,
      hint: 'Set kubeOvn.bondType to use every NIC, or give only one.',
    });
  }
}

/**
 * Checks the cluster-wide Kube-OVN settings: the VLAN tag of `br-phy` is 0
 * (untagged) to 4094 (OVS018), and no hugepage placeholder pods are asked for,
 * since the `ovs-ovn-dpdk` pod books OVS's pages itself (HUGE009). Run it once
 * per cluster.
 */
export function checkKubeOvnSettings(kubeOvn: KubeOvnSpec | undefined, findings: Findings): void {
  if (kubeOvn?.hugepagePlaceholders === true) {
    findings.warn('HUGE009', {
      path: 'kubeOvn.hugepagePlaceholders',
      message: 'hugepagePlaceholders is true, but on Kube-OVN OVS runs in the ovs-ovn-dpdk pod, '
        + 'whose own hugepages request the kubelet counts; a placeholder would book the same '
        + 'pages twice, so none is written',
      hint: 'Remove kubeOvn.hugepagePlaceholders; the placeholders are for the Userspace CNI '
        + 'path, where OVS runs outside Kubernetes.',
    });
  }
  const vlan = kubeOvn?.vlanTag ?? 0;
  if (!Number.isInteger(vlan) || vlan < 0 || vlan > 4094) {
    findings.error('OVS018', {
      path: 'kubeOvn.vlanTag',
      message: `the VLAN tag ${vlan} is not 0 (untagged) to 4094`,
      hint: 'Give the access VLAN of the tunnel network, or 0.',
    });
  }
}
