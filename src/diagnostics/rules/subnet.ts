import { Cidr, IpAddress } from '../../model/ip';
import { SubnetSpec } from '../../spec';
import { Findings } from '../findings';
import { isDnsSubdomain, SUBDOMAIN_UPSTREAM, subdomainProblem } from './names';
import { readValue } from './read';

/** Kube-OVN's default VPC, which every subnet here belongs to. */
export const DEFAULT_VPC = 'ovn-cluster';

/** Names Kube-OVN gives its own subnets at install (`--default-ls`, `--node-switch`). */
const KUBE_OVN_SUBNETS = ['ovn-default', 'join'];

/** Ranges `util.CIDRGlobalUnicast` refuses, with the word its message uses. */
const RESERVED: ReadonlyArray<readonly [string, string, string]> = [
  ['255.255.255.255/32', 'v4 broadcast', '255.255.255.255/32'],
  ['224.0.0.0/4', 'v4 multicast', '224.0.0.0/4'],
  ['127.0.0.0/8', 'v4 loopback', '127.0.0.1/8'],
  ['0.0.0.0/32', 'v4 localnet', '0.0.0.0/32'],
  ['169.254.0.0/16', 'v4 link local', '169.254.0.0/16'],
];

/** `install.sh` defaults: pod, service and join CIDRs of a Kube-OVN cluster. */
const INSTALL_DEFAULTS: ReadonlyArray<readonly [string, string]> = [
  ['10.16.0.0/16', 'POD_CIDR (the ovn-default subnet)'],
  ['10.96.0.0/12', 'SVC_CIDR (Service addresses)'],
  ['100.64.0.0/16', 'JOIN_CIDR (the join subnet)'],
];

/** Bytes the overlay adds to each frame, by tunnel type (Kube-OVN's MTU defaults). */
export const TUNNEL_OVERHEAD = { geneve: 100, vxlan: 50, stt: 72 } as const;

/**
 * Subnet name rules (SUBNET001): a DNS-1123 subdomain not starting with a
 * digit (the v1.15 CRD pattern, dropped in v1.16 but still wise), and not a
 * name Kube-OVN uses itself.
 */
export function checkSubnetName(name: string, index: number, findings: Findings): void {
  const path = `subnets[${index}].name`;
  const quoted = JSON.stringify(name);
  const problem = !isDnsSubdomain(name) ? `is not a DNS-1123 subdomain: ${subdomainProblem(name)}`
    : /^[0-9]/.test(name) ? 'starts with a digit, which the Kube-OVN v1.15 CRD refuses'
      : name === DEFAULT_VPC ? 'is the name of the default VPC, which Kube-OVN refuses'
        : KUBE_OVN_SUBNETS.includes(name)
          ? 'is the name of a subnet Kube-OVN creates at install, which this one would replace'
          : undefined;
  if (problem !== undefined) {
    findings.error('SUBNET001', {
      path,
      message: `subnet name ${quoted} ${problem}`,
      hint: 'use lowercase letters, digits and -, starting with a letter, such as "sn-dhcp"',
      upstream: /^[0-9]/.test(name) || !isDnsSubdomain(name) ? SUBDOMAIN_UPSTREAM
        : name === DEFAULT_VPC ? `subnet ${name} and vpc ${name} cannot have the same name`
          : undefined,
    });
  }
}

/**
 * Reads the range (SUBNET003): IPv4 only (the DHCP options are DHCPv4), room
 * for a gateway and guests, and none of the ranges Kube-OVN refuses.
 */
export function readSubnetCidr(
  spec: SubnetSpec, index: number, findings: Findings,
): Cidr | undefined {
  const path = `subnets[${index}].cidr`;
  const cidr = readValue(() => Cidr.parse(spec.cidr), 'SUBNET003', path, findings);
  if (cidr === undefined) {
    return undefined;
  }
  const refuse = (message: string, hint: string, upstream?: string) => {
    findings.error('SUBNET003', { path, message, hint, upstream });
    return undefined;
  };
  if (cidr.version !== 4) {
    return refuse(`cidr ${cidr} is IPv6, but subnets here serve DHCPv4 only`,
      'use an IPv4 range; IPv6 guests need their address from cloud-init');
  }
  if (cidr.prefixLength > 30) {
    return refuse(`cidr ${cidr} leaves no room for a gateway, a DHCP server and guests`,
      'use a /30 or wider range', cidr.prefixLength === 32
        ? `subnet ${cidr} is configured with /32 or /128 netmask` : undefined);
  }
  for (const [range, word, written] of RESERVED) {
    if (cidr.overlaps(Cidr.parse(range))) {
      return refuse(`cidr ${cidr} overlaps the ${word} range ${range}`,
        'use a private range such as 172.18.0.0/16',
        `${cidr} conflict with ${word} cidr ${written}`);
    }
  }
  return cidr;
}

/**
 * An address of the range that guests use (SUBNET004, SUBNET007): inside it,
 * not the network or broadcast address.
 */
export function checkHostAddress(
  address: IpAddress, cidr: Cidr, code: string, path: string, what: string,
  findings: Findings,
): boolean {
  const problem = !cidr.contains(address) ? `is not in cidr ${cidr}`
    : address.equals(cidr.network) ? `is the network number ip in cidr ${cidr}`
      : address.equals(cidr.broadcast) ? `is the broadcast ip in cidr ${cidr}` : undefined;
  if (problem === undefined) {
    return true;
  }
  findings.error(code, {
    path,
    message: `${what} ${address} ${problem}`,
    hint: `use a host address of ${cidr}, such as ${cidr.hostAt(1)}`,
    upstream: `${address} ${problem}`,
  });
  return false;
}

/** The subnet MTU must be one Kube-OVN's v1.15 CRD accepts, 68 to 65535 (SUBNET008). */
export function checkMtuRange(mtu: number, index: number, findings: Findings): boolean {
  if (Number.isInteger(mtu) && mtu >= 68 && mtu <= 65535) {
    return true;
  }
  findings.error('SUBNET008', {
    path: `subnets[${index}].mtu`,
    message: `mtu ${mtu} is not a whole number from 68 to 65535`,
    hint: 'leave mtu out for Kube-OVN\'s overlay default, or give the guest MTU in bytes',
  });
  return false;
}

/**
 * The guest MTU must fit the overlay: the DPDK port MTU minus the tunnel
 * header (SUBNET009), or large frames are dropped between hosts.
 */
export function checkOverlayMtu(
  mtu: number, index: number, portMtu: number, tunnel: keyof typeof TUNNEL_OVERHEAD,
  findings: Findings,
): void {
  const limit = portMtu - TUNNEL_OVERHEAD[tunnel];
  if (mtu > limit) {
    findings.warn('SUBNET009', {
      path: `subnets[${index}].mtu`,
      message: `mtu ${mtu} is above ${limit}, the DPDK port MTU ${portMtu} minus the `
        + `${TUNNEL_OVERHEAD[tunnel]} bytes of a ${tunnel} header: larger frames between `
        + 'hosts are dropped',
      hint: `lower mtu to ${limit}, or raise ovs.mtu of the node pools (jumbo frames on the `
        + 'underlay)',
    });
  }
}

/**
 * Subnets of one VPC must not overlap (SUBNET010); all these are in the
 * default VPC. Reported on the later subnet.
 */
export function checkOverlaps(
  subnets: ReadonlyArray<{ name: string; index: number; cidr: Cidr }>, findings: Findings,
): void {
  subnets.forEach((subnet, i) => {
    const earlier = subnets.slice(0, i).find((other) => other.cidr.overlaps(subnet.cidr));
    if (earlier !== undefined) {
      findings.error('SUBNET010', {
        path: `subnets[${subnet.index}].cidr`,
        message: `cidr ${subnet.cidr} of subnet ${subnet.name} overlaps ${earlier.cidr} of `
          + `subnet ${earlier.name}, in the same VPC ${DEFAULT_VPC}`,
        hint: 'give each subnet a range of its own',
        upstream: `subnet ${subnet.name} cidr ${subnet.cidr} is conflict with subnet `
          + `${earlier.name} cidr ${earlier.cidr}`,
      });
    }
  });
}

/**
 * Warns about ranges that overlap Kube-OVN's install defaults (SUBNET011) or
 * hold a host's tunnel address (SUBNET012).
 */
export function checkClusterRanges(
  cidr: Cidr, index: number,
  encapIps: ReadonlyArray<{ host: string; address: IpAddress }>, findings: Findings,
): void {
  const path = `subnets[${index}].cidr`;
  for (const [range, what] of INSTALL_DEFAULTS) {
    if (cidr.overlaps(Cidr.parse(range))) {
      findings.warn('SUBNET011', {
        path,
        message: `cidr ${cidr} overlaps ${range}, Kube-OVN's default ${what}`,
        hint: 'use another range, unless the cluster was installed with a different '
          + `${what.split(' ')[0]}`,
      });
    }
  }
  const inside = encapIps.filter((encap) => cidr.contains(encap.address));
  if (inside.length > 0) {
    findings.warn('SUBNET012', {
      path,
      message: `cidr ${cidr} holds the tunnel address ${inside[0].address} of host `
        + `${inside[0].host}: every node would route it into the overlay it carries`,
      hint: 'keep the subnet apart from the ENCAP_IP network of the hosts',
    });
  }
}
