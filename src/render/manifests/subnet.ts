import { Cidr } from '../../model/ip';
import { SubnetPlan } from '../../plan/types';
import { ManifestObject } from '../types';
import { managedLabels } from './common';

/** The logical router of Kube-OVN's default VPC. */
const DEFAULT_VPC = 'ovn-cluster';

/**
 * The Kube-OVN Subnet that serves DHCP to the vhost-user NICs of one
 * network.
 *
 * Every field the Kube-OVN controller would fill in (`protocol`, `vpc`,
 * `gatewayType`, `default`, the gateway in `excludeIps`) is written with the
 * value the controller computes, so that the object it rewrites equals the
 * object in Git and GitOps tools see no drift.
 *
 * @see https://kubeovn.github.io/docs/stable/en/guide/subnet/
 */
export function renderSubnet(subnet: SubnetPlan): ManifestObject {
  const spec: Record<string, unknown> = {
    cidrBlock: subnet.cidr,
    protocol: protocolOf(subnet.cidr),
    gateway: subnet.gateway.toString(),
    excludeIps: [...subnet.excludeIps],
    provider: subnet.provider,
    vpc: DEFAULT_VPC,
    gatewayType: 'distributed',
    default: false,
    natOutgoing: subnet.natOutgoing,
    // A vhost-user NIC has no interface inside the pod (kube-ovn#1890), so
    // nothing there could answer the CNI's gateway probe.
    disableGatewayCheck: true,
    enableDHCP: true,
    dhcpV4Options: subnet.dhcpV4Options,
  };
  // Left out when empty, as Kube-OVN stores it.
  if (subnet.namespaces.length > 0) {
    spec.namespaces = [...subnet.namespaces];
  }
  if (subnet.mtu !== undefined) {
    spec.mtu = subnet.mtu;
  }

  return {
    apiVersion: 'kubeovn.io/v1',
    kind: 'Subnet',
    metadata: { name: subnet.name, labels: managedLabels() },
    spec,
  };
}

/**
 * The `protocol` Kube-OVN derives from a CIDR block (`IPv4`, `IPv6`, or `Dual`
 * for a comma-separated pair), which it overwrites whatever is written.
 */
export function protocolOf(cidrBlock: string): 'IPv4' | 'IPv6' | 'Dual' {
  const families = new Set(cidrBlock.split(',').map((cidr) => Cidr.parse(cidr.trim()).version));
  if (families.size > 1) {
    return 'Dual';
  }
  return families.has(6) ? 'IPv6' : 'IPv4';
}
