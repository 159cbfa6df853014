import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { Subnet } from '../imports/kubeovn.io';
import { Cidr, IpAddress } from '../model/ip';
import { MacAddress } from '../model/mac';
import { SubnetSpec } from '../spec';
import { joinCluster } from './members';
import { checkProps, valueProp } from './props';
import { RenderedObject } from './rendered-object';

/**
 * Props of {@link DhcpSubnet}: exactly a `SubnetSpec`, one entry of a cluster
 * spec file's `subnets:`.
 */
export interface DhcpSubnetProps extends SubnetSpec {}

/**
 * A Kube-OVN Subnet that serves DHCP to the vhost-user NICs of one Kube-OVN
 * network, with the fields the Kube-OVN controller would fill in written out,
 * so that GitOps tools see no drift.
 *
 * The object is in the construct tree from the start (`ApiObject.of(subnet)`
 * finds it); its content is rendered when the stack is synthesized.
 *
 * @see https://kubeovn.github.io/docs/stable/en/guide/subnet/
 * @see https://kubeovn.github.io/docs/stable/en/advance/dhcp/
 */
export class DhcpSubnet extends Construct {
  /** The Subnet name (cluster-scoped). */
  public readonly name: string;

  /** The Subnet. */
  public readonly apiObject: ApiObject;

  /**
   * @param scope a `VhostUserCluster`, or a construct inside one
   * @param id the construct id
   * @param props the subnet
   * @throws Error when a prop has the wrong shape or an unreadable value
   */
  public constructor(scope: Construct, id: string, props: DhcpSubnetProps) {
    super(scope, id);
    checkProps(this, 'subnets', props, () => [
      ...valueProp('cidr', props.cidr, Cidr.parse),
      ...valueProp('gateway', props.gateway, IpAddress.parse),
      ...valueProp('dhcp.serverId', props.dhcp?.serverId, IpAddress.parse),
      ...valueProp('dhcp.serverMac', props.dhcp?.serverMac, MacAddress.parse),
      ...valueProp('dhcp.router', props.dhcp?.router, IpAddress.parse),
      ...(props.dhcp?.dnsServers ?? []).flatMap((server, i) =>
        valueProp(`dhcp.dnsServers[${i}]`, server, IpAddress.parse)),
    ]);

    this.name = props.name;
    const cluster = joinCluster(this, 'subnets', props);
    this.apiObject = new RenderedObject(this, 'Resource', {
      gvk: Subnet.GVK,
      name: this.name,
      source: (key) => cluster._manifest(key),
    });
  }
}
