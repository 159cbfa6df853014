import { readValue } from './read';
import { Cidr, IpAddress } from '../../model/ip';
import { MacAddress } from '../../model/mac';
import { DhcpOptionsSpec } from '../../spec';
import { Findings } from '../findings';
import { checkHostAddress } from './subnet';

/** An inclusive range of addresses, as an `excludeIps` entry names it. */
export interface AddressRange {
  readonly start: IpAddress;
  readonly end: IpAddress;
}

/** The largest DHCP lease time: 32 bits of seconds (all ones means infinite). */
const MAX_LEASE_TIME = 0xffffffff;

/**
 * Reads `excludeIps` as Kube-OVN's validator does (SUBNET005): each entry an
 * address or `start..end` with at most one `..` and start ≤ end. Entries
 * outside the range, which Kube-OVN silently drops or clips, are warned
 * about (SUBNET006).
 *
 * @returns the valid entries, as given
 */
export function readExcludeIps(
  entries: readonly string[], cidr: Cidr, index: number, findings: Findings,
): AddressRange[] {
  const ranges: AddressRange[] = [];
  entries.forEach((entry, i) => {
    const path = `subnets[${index}].excludeIps[${i}]`;
    const parts = entry.split('..');
    if (parts.length > 2) {
      findings.error('SUBNET005', {
        path,
        message: `excludeIps entry ${JSON.stringify(entry)} has more than one ..`,
        hint: 'write one address, or one range start..end',
        upstream: `${entry} in excludeIps is not a valid ip range`,
      });
      return;
    }
    const [start, end] = parts.map((part) => readValue(() => IpAddress.parse(part),
      'SUBNET005', path, findings));
    if (start === undefined || (parts.length === 2 && end === undefined)) {
      return;
    }
    const range = { start, end: end ?? start };
    if (range.start.version !== range.end.version || range.start.compare(range.end) > 0) {
      findings.error('SUBNET005', {
        path,
        message: `excludeIps entry ${JSON.stringify(entry)} runs backwards or mixes IPv4 and IPv6`,
        hint: `write the lower address first: ${range.end}..${range.start}`,
        upstream: `${entry} in excludeIps is not a valid ip range`,
      });
      return;
    }
    warnOutside(range, entry, cidr, path, findings);
    ranges.push(range);
  });
  return ranges;
}

function warnOutside(
  range: AddressRange, entry: string, cidr: Cidr, path: string, findings: Findings,
): void {
  const startIn = cidr.contains(range.start);
  const endIn = cidr.contains(range.end);
  if (startIn && endIn) {
    return;
  }
  const spans = range.start.version === cidr.version
    && range.start.compare(cidr.network) <= 0 && range.end.compare(cidr.broadcast) >= 0;
  const clipped = startIn || endIn || spans;
  findings.warn('SUBNET006', {
    path,
    message: `excludeIps entry ${JSON.stringify(entry)} ${clipped ? 'reaches' : 'is'} outside `
      + `${cidr}; Kube-OVN ${clipped ? 'clips it to the range' : 'ignores it'} without a word`,
    hint: `write only addresses of ${cidr}`,
  });
}

/**
 * Every excluded range Kube-OVN keeps, as its controller stores them: the
 * given entries plus the addresses that must never go to a guest, with
 * overlapping ranges merged and the result sorted as strings (Go's
 * `sort.Strings`), so that the object it rewrites equals the one written.
 */
export function formatExcludeIps(ranges: readonly AddressRange[]): string[] {
  const sorted = [...ranges].sort((a, b) => a.start.compare(b.start));
  const merged: Array<{ start: IpAddress; end: IpAddress }> = [];
  for (const range of sorted) {
    const last = merged[merged.length - 1];
    if (last !== undefined && last.end.version === range.start.version
      && range.start.compare(last.end) <= 0) {
      last.end = range.end.compare(last.end) > 0 ? range.end : last.end;
    } else {
      merged.push({ ...range });
    }
  }
  return merged
    .map((r) => (r.start.equals(r.end) ? `${r.start}` : `${r.start}..${r.end}`))
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/** The resolved DHCPv4 options; see `DhcpV4Options` in the plan types. */
export interface DhcpValues {
  readonly serverId?: IpAddress;
  readonly serverMac?: MacAddress;
  readonly leaseTime?: number;
  readonly router?: IpAddress;
  readonly dnsServers: IpAddress[];
}

/**
 * Reads the typed DHCPv4 options (SUBNET007): IPv4 addresses, a unicast
 * server MAC, a lease time that fits DHCP's 32 bits, a router on the subnet,
 * and DNS servers written one address per entry.
 *
 * @returns what was given and is valid; undefined fields take their defaults
 */
export function readDhcpOptions(
  spec: DhcpOptionsSpec, cidr: Cidr, index: number, findings: Findings,
): DhcpValues {
  const path = `subnets[${index}].dhcp`;
  const ipv4 = (text: string, field: string) => {
    const address = readValue(() => IpAddress.parse(text), 'SUBNET007', `${path}.${field}`,
      findings);
    if (address !== undefined && address.version !== 4) {
      findings.error('SUBNET007', {
        path: `${path}.${field}`,
        message: `${field} ${address} is IPv6, but these are DHCPv4 options`,
        hint: 'give an IPv4 address',
      });
      return undefined;
    }
    return address;
  };

  const serverId = spec.serverId === undefined ? undefined : ipv4(spec.serverId, 'serverId');
  if (serverId !== undefined) {
    checkServerIdOffRange(serverId, cidr, `${path}.serverId`, findings);
  }
  const router = spec.router === undefined ? undefined : ipv4(spec.router, 'router');
  const routerOk = router !== undefined
    && checkHostAddress(router, cidr, 'SUBNET007', `${path}.router`, 'router', findings);

  return {
    serverId,
    serverMac: spec.serverMac === undefined ? undefined : readServerMac(spec.serverMac, path,
      findings),
    leaseTime: spec.leaseTime === undefined ? undefined
      : readLeaseTime(spec.leaseTime, path, findings),
    router: routerOk ? router : undefined,
    dnsServers: (spec.dnsServers ?? []).flatMap((server, i) => {
      if (/[,;{}]/.test(server)) {
        findings.error('SUBNET007', {
          path: `${path}.dnsServers[${i}]`,
          message: `DNS server ${JSON.stringify(server)} holds , ; or braces; Kube-OVN splits `
            + 'the option string at commas, so OVN would store a broken dns_server and '
            + 'guests get no lease',
          hint: 'give one address per list entry; the {a;b} form is written for you',
          upstream: 'dns_server="{10.210.4.201"',
        });
        return [];
      }
      const address = ipv4(server, `dnsServers[${i}]`);
      return address === undefined ? [] : [address];
    }),
  };
}

/** Where Kube-OVN's own default DHCP server address, 169.254.0.254, lies. */
const LINK_LOCAL = Cidr.parse('169.254.0.0/16');

/**
 * A DHCP server address outside the range should be link-local (SUBNET013):
 * OVN answers requests sent to any `server_id` on the logical switch, but
 * guests route their renewals to it and name it as their server.
 */
function checkServerIdOffRange(
  serverId: IpAddress, cidr: Cidr, path: string, findings: Findings,
): void {
  if (cidr.contains(serverId) || LINK_LOCAL.contains(serverId)) {
    return;
  }
  findings.warn('SUBNET013', {
    path,
    message: `serverId ${serverId} is outside cidr ${cidr} and not link-local: OVN still `
      + 'answers DHCP for it on the logical switch, but guests send their lease renewals to '
      + `${serverId} through their router and name it as their DHCP server, an address `
      + 'another network may own',
    hint: 'leave serverId out for Kube-OVN\'s link-local 169.254.0.254, or use an address of '
      + `${cidr} such as ${cidr.hostAt(-2)} (kept out of the pool)`,
  });
}

function readServerMac(text: string, path: string, findings: Findings): MacAddress | undefined {
  const mac = readValue(() => MacAddress.parse(text), 'SUBNET007', `${path}.serverMac`,
    findings);
  if (mac !== undefined && !mac.isUnicast) {
    findings.error('SUBNET007', {
      path: `${path}.serverMac`,
      message: `serverMac ${mac} is a multicast address; a DHCP server answers from a `
        + 'unicast one',
      hint: 'clear the lowest bit of the first octet, or leave serverMac out for a stable '
        + 'generated address',
    });
    return undefined;
  }
  return mac;
}

function readLeaseTime(value: number, path: string, findings: Findings): number | undefined {
  if (Number.isInteger(value) && value > 0 && value <= MAX_LEASE_TIME) {
    return value;
  }
  findings.error('SUBNET007', {
    path: `${path}.leaseTime`,
    message: `leaseTime ${value} is not a whole number of seconds from 1 to ${MAX_LEASE_TIME}`,
    hint: 'give the lease in seconds, such as 3600',
  });
  return undefined;
}
