import { ValueError } from '../../model/errors';
import { InterfaceAddress } from '../../model/ip';
import { NicPlan } from '../../plan/types';
import { KubeOvnSpec, NetworkPath } from '../../spec/network';
import { NodeSpec } from '../../spec/node';
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

/**
 * Checks the hosts' tunnel addresses across every pool: on Kube-OVN each host
 * has its own (OVS020), since it becomes that node's `br-phy` address and
 * `ovn-encap-ip`; on the Userspace CNI path nothing reads them (OVS021). An
 * address that cannot be read is the node rules' business (OVS014).
 */
export function checkEncapIps(
  pools: readonly NodeSpec[], path: NetworkPath, findings: Findings,
): void {
  const seen = new Map<string, { host: string; where: string }>();
  pools.forEach((pool, i) => (pool.hosts ?? []).forEach((host, j) => {
    if (host.encapIp === undefined) {
      return;
    }
    const where = `nodes[${i}].hosts[${j}].encapIp`;
    if (path === 'userspace') {
      findings.warn('OVS021', {
        path: where,
        message: `encapIp ${host.encapIp} of host ${host.name} is Kube-OVN's tunnel address; `
          + 'the Userspace CNI path has no tunnel and ignores it',
        hint: 'Remove encapIp from the hosts, or use kubeOvn for an overlay between hosts.',
      });
      return;
    }
    const address = readQuietly(host.encapIp);
    if (address === undefined) {
      return;
    }
    const first = seen.get(address);
    if (first === undefined) {
      seen.set(address, { host: host.name, where });
      return;
    }
    findings.error('OVS020', {
      path: where,
      message: `encapIp ${host.encapIp} of host ${host.name} is also the tunnel address of `
        + `host ${first.host} (${first.where}); Kube-OVN needs one ENCAP_IP per node`,
      hint: 'Give every host its own address on the tunnel network.',
    });
  }));
}

/** The address of an `encapIp`, without its prefix length; undefined when unreadable. */
function readQuietly(text: string): string | undefined {
  try {
    return InterfaceAddress.parse(text).address.toString();
  } catch (e) {
    if (e instanceof ValueError) {
      return undefined;
    }
    throw e;
  }
}
