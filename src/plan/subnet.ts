import { Findings } from '../diagnostics/findings';
import { readValue } from '../diagnostics/rules/read';
import {
  checkClusterRanges, checkHostAddress, checkMtuRange, checkOverlaps, checkOverlayMtu,
  checkSubnetName, readSubnetCidr, TUNNEL_OVERHEAD,
} from '../diagnostics/rules/subnet';
import {
  AddressRange, formatExcludeIps, readDhcpOptions, readExcludeIps,
} from '../diagnostics/rules/subnet-options';
import { Cidr, IpAddress } from '../model/ip';
import { MacAddress } from '../model/mac';
import { SubnetSpec } from '../spec';
import { DEFAULT_DHCP_LEASE_TIME, DEFAULT_DHCP_SERVER_ID } from './defaults';
import { DhcpV4Options, NetworkPlan, SubnetPlan } from './types';

/** What subnet planning needs from the rest of the cluster. */
export interface SubnetContext {
  /** The planned networks; a subnet serves one Kube-OVN network. */
  readonly networks: readonly NetworkPlan[];
  /** Tunnel type of the overlay. */
  readonly tunnelType: keyof typeof TUNNEL_OVERHEAD;
  /** The smallest DPDK port MTU of the node pools, when any pool was planned. */
  readonly portMtu?: number;
  /** The tunnel endpoint of every host that gives one. */
  readonly encapIps: ReadonlyArray<{ readonly host: string; readonly address: IpAddress }>;
}

/**
 * Plans every DHCP subnet with Kube-OVN's own validation (`util.ValidateSubnet`)
 * and the faults it lets through. A subnet whose network or range cannot be
 * read is reported and left out of the plan.
 */
export function planSubnets(
  subnets: readonly SubnetSpec[], context: SubnetContext, findings: Findings,
): SubnetPlan[] {
  const served = new Map<string, string>();
  const plans = subnets.flatMap((spec, index) => {
    checkSubnetName(spec.name, index, findings);
    const network = findNetwork(spec, index, context.networks, served, findings);
    const cidr = readSubnetCidr(spec, index, findings);
    if (cidr === undefined) {
      return [];
    }
    checkClusterRanges(cidr, index, context.encapIps, findings);
    if (spec.mtu !== undefined && checkMtuRange(spec.mtu, index, findings)
      && context.portMtu !== undefined) {
      checkOverlayMtu(spec.mtu, index, context.portMtu, context.tunnelType, findings);
    }
    if (network === undefined) {
      return [];
    }
    return [planSubnet(spec, index, network, cidr, findings)];
  });
  checkOverlaps(plans.map((plan) => ({
    name: plan.name, index: plan.index, cidr: Cidr.parse(plan.cidr),
  })), findings);
  return plans;
}

function planSubnet(
  spec: SubnetSpec, index: number, network: NetworkPlan, cidr: Cidr, findings: Findings,
): SubnetPlan {
  const path = `subnets[${index}]`;
  const firstHost = cidr.hostAt(1);
  const givenGateway = spec.gateway === undefined ? undefined
    : readValue(() => IpAddress.parse(spec.gateway as string), 'SUBNET004', `${path}.gateway`,
      findings);
  const gateway = givenGateway !== undefined
    && checkHostAddress(givenGateway, cidr, 'SUBNET004', `${path}.gateway`, 'gateway', findings)
    ? givenGateway : firstHost;

  const dhcp = dhcpOptions(spec, cidr, gateway, index, findings);
  const excluded: AddressRange[] = readExcludeIps(spec.excludeIps ?? [], cidr, index, findings);
  for (const address of [gateway, dhcp.serverId]) {
    if (cidr.contains(address)) {
      excluded.push({ start: address, end: address });
    }
  }

  return {
    spec,
    index,
    name: spec.name,
    network: { name: network.name, namespace: network.namespace },
    provider: network.provider ?? '',
    cidr: cidr.toString(),
    gateway,
    excludeIps: formatExcludeIps(excluded),
    dhcp,
    dhcpV4Options: formatDhcpV4Options(dhcp),
    namespaces: [],
    ...(spec.mtu !== undefined && { mtu: spec.mtu }),
    natOutgoing: spec.natOutgoing ?? false,
  };
}

function dhcpOptions(
  spec: SubnetSpec, cidr: Cidr, gateway: IpAddress, index: number, findings: Findings,
): DhcpV4Options {
  const given = readDhcpOptions(spec.dhcp ?? {}, cidr, index, findings);
  const serverId = given.serverId !== undefined && (!cidr.contains(given.serverId)
    || checkHostAddress(given.serverId, cidr, 'SUBNET007', `subnets[${index}].dhcp.serverId`,
      'serverId', findings)) ? given.serverId : undefined;
  return {
    serverId: serverId ?? IpAddress.parse(DEFAULT_DHCP_SERVER_ID),
    serverMac: given.serverMac ?? MacAddress.generate(`kube-ovn-subnet/${spec.name}/dhcp`),
    leaseTime: given.leaseTime ?? DEFAULT_DHCP_LEASE_TIME,
    router: given.router ?? gateway,
    dnsServers: given.dnsServers,
  };
}

/**
 * The `dhcpV4Options` string: `key=value` pairs joined by commas, every
 * option Kube-OVN would otherwise fill in (a random `server_mac` among them)
 * written out, and several DNS servers as `{a;b}`, the only list form that
 * survives Kube-OVN's split at commas. The MTU is left to the subnet's `mtu`,
 * which Kube-OVN turns into the `mtu` option itself.
 */
export function formatDhcpV4Options(dhcp: DhcpV4Options): string {
  const options = [
    `server_id=${dhcp.serverId}`,
    `server_mac=${dhcp.serverMac}`,
    `lease_time=${dhcp.leaseTime}`,
    `router=${dhcp.router}`,
  ];
  if (dhcp.dnsServers.length === 1) {
    options.push(`dns_server=${dhcp.dnsServers[0]}`);
  } else if (dhcp.dnsServers.length > 1) {
    options.push(`dns_server={${dhcp.dnsServers.join(';')}}`);
  }
  return options.join(',');
}

/** The Kube-OVN network a subnet serves (SUBNET002), at most one subnet per network. */
function findNetwork(
  spec: SubnetSpec, index: number, networks: readonly NetworkPlan[],
  served: Map<string, string>, findings: Findings,
): NetworkPlan | undefined {
  const path = `subnets[${index}].network`;
  const named = networks.filter((network) => network.name === spec.network);
  const kubeOvn = named.filter((network) => network.path === 'kube-ovn');
  const network = kubeOvn.find((n) => n.namespace === 'default') ?? kubeOvn[0];
  const refuse = (message: string, hint: string) => {
    findings.error('SUBNET002', { path, message, hint });
    return undefined;
  };
  if (named.length === 0) {
    return refuse(`subnet ${spec.name} serves network ${JSON.stringify(spec.network)}, `
      + 'which the cluster does not define',
    'name a network of `networks`, usually "ovn-dpdk"');
  }
  if (network === undefined) {
    return refuse(`subnet ${spec.name} serves network ${JSON.stringify(spec.network)}, a `
      + 'Userspace CNI network; Kube-OVN subnets serve only Kube-OVN networks',
    'remove the subnet; on the Userspace CNI path, give the network a cidr and guests get '
      + 'static addresses through cloud-init');
  }
  const other = served.get(network.provider ?? '');
  if (other !== undefined) {
    return refuse(`network ${spec.network} is already served by subnet ${other}; with two `
      + 'subnets for one provider the guest\'s address would come from either',
    'keep one subnet per network');
  }
  served.set(network.provider ?? '', spec.name);
  return network;
}
