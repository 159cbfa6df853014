import { KubeOvnNodePlan, NicPlan, OvsPlan } from './types';
import { Findings } from '../diagnostics/findings';
import { ValueError } from '../model/errors';
import { InterfaceAddress } from '../model/ip';
import { HostSpec } from '../spec/host';
import { KubeOvnSpec } from '../spec/network';

/** The label that makes Kube-OVN run `ovs-ovn-dpdk` on a node. */
export const OVS_DP_TYPE_LABEL = ['ovn.kubernetes.io/ovs_dp_type', 'userspace'] as const;

/** Keys of `other_config` whose values Kube-OVN's own default quotes. */
const QUOTED_KEYS = ['dpdk-socket-mem', 'dpdk-socket-limit'];

/** What the Kube-OVN node files are built from. */
export interface KubeOvnNodeInput {
  readonly hosts: readonly HostSpec[];
  readonly nics: readonly NicPlan[];
  readonly ovs: OvsPlan;
  readonly kubeOvn: KubeOvnSpec | undefined;
  /** Path of the node pool, such as `nodes[0]`. */
  readonly where: string;
}

/**
 * The files Kube-OVN's `start-ovs-dpdk-v2.sh` reads on each host, as it reads
 * them:
 *
 * - `/opt/ovs-config/config.cfg`: each line becomes `ovs-vsctl --no-wait set
 *   Open_vSwitch . other_config:<line>` unquoted, so a line is one word: no
 *   spaces, no comments, and comma lists in double quotes as in Kube-OVN's
 *   default `dpdk-socket-mem="1024"`. The file replaces the defaults, so it
 *   carries `dpdk-init` and `dpdk-hugepage-dir` itself.
 * - `/opt/ovs-config/ovs-dpdk-config`, sourced by bash under `set -u`:
 *   `ENCAP_IP` (per host), `DPDK_DEV`, and `BOND_TYPE` and `VLAN_TAG`, which
 *   must be set even when empty or 0. `DPDK_DEV`, `BOND_TYPE` and `VLAN_TAG`
 *   are only read when `br-phy` is first built.
 *
 * A host without a usable `encapIp` is reported (OVS013, OVS014) and gets no
 * `ENCAP_IP` line.
 */
export function planKubeOvnNode(input: KubeOvnNodeInput, findings: Findings): KubeOvnNodePlan {
  const configCfg = input.ovs.otherConfig.map(([key, value]) =>
    [key, QUOTED_KEYS.includes(key) || value.includes(',') ? `"${value}"` : value] as const);

  const devices = input.nics.map((nic) => nic.pci.toString());
  const dpdkDev = devices.length === 1 ? devices[0] : `(${devices.join(' ')})`;
  const shared: Array<readonly [string, string]> = [
    ...(devices.length > 0 ? [['DPDK_DEV', dpdkDev] as const] : []),
    ['BOND_TYPE', input.kubeOvn?.bondType ?? ''],
    ['VLAN_TAG', String(input.kubeOvn?.vlanTag ?? 0)],
  ];

  const hosts = input.hosts.map((host, i) => {
    const encap = readEncapIp(host, `${input.where}.hosts[${i}].encapIp`, findings);
    return {
      name: host.name,
      ovsDpdkConfig: [
        ...(encap !== undefined ? [['ENCAP_IP', encap.toString()] as const] : []),
        ...shared,
      ],
    };
  });

  return { configCfg, hosts, nodeLabel: OVS_DP_TYPE_LABEL };
}

function readEncapIp(
  host: HostSpec, path: string, findings: Findings,
): InterfaceAddress | undefined {
  if (host.encapIp === undefined) {
    findings.error('OVS013', {
      path,
      message: `host ${host.name} has no encapIp; Kube-OVN's start script stops on the unbound `
        + 'ENCAP_IP',
      hint: 'Give the address of the host\'s tunnel endpoint with its prefix length, such as '
        + '192.168.0.10/20.',
    });
    return undefined;
  }

  let address: InterfaceAddress;
  try {
    address = InterfaceAddress.parse(host.encapIp);
  } catch (e) {
    if (!(e instanceof ValueError)) {
      throw e;
    }
    findings.error('OVS014', {
      path,
      message: `encapIp "${host.encapIp}" of host ${host.name} cannot be read: ${e.reason}`,
      hint: 'Write the address with its prefix length, such as 192.168.0.10/20.',
    });
    return undefined;
  }

  const full = address.version === 4 ? 32 : 128;
  if (address.prefixLength >= full) {
    findings.error('OVS014', {
      path,
      message: `encapIp ${address} of host ${host.name} is a /${full}: kube-ovn-cni skips such `
        + 'addresses on br-phy and crash-loops',
      hint: 'Give the prefix length of the tunnel network, such as /24.',
      upstream: 'iface %s has no valid IP address',
    });
    return undefined;
  }
  return address;
}
