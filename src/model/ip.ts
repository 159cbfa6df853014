import { Address6 } from 'ip-address';
import { ValueError } from './errors';
import { readIpv4, readIpv6 } from './ip-text';

/** The IP protocol version of an address or network. */
export type IpVersion = 4 | 6;

const BITS: Record<IpVersion, number> = { 4: 32, 6: 128 };

/** How many addresses each version has. */
const SPACE: Record<IpVersion, bigint> = { 4: 2n ** 32n, 6: 2n ** 128n };

/**
 * One IPv4 or IPv6 address, such as a gateway or a DHCP server.
 *
 * Writes the canonical form: dotted decimal for IPv4, the RFC 5952 compressed
 * lowercase form for IPv6 (`2001:db8::1`, `::ffff:192.0.2.1`).
 *
 * @example
 * IpAddress.parse('2001:DB8:0::1').toString(); // '2001:db8::1'
 */
export class IpAddress {
  /**
   * Reads an IPv4 (`172.18.0.1`) or IPv6 (`2001:db8::1`) address.
   *
   * @throws ValueError for an invalid address, an IPv4 octet with a leading zero,
   * a prefix length (`/24`) or a zone index (`%eth0`)
   */
  public static parse(text: string): IpAddress {
    const body = text.trim();
    if (body === '') {
      throw new ValueError('IP address', text, 'it is empty',
        'Write an address such as 172.18.0.1 or 2001:db8::1.');
    }
    if (body.includes('/')) {
      throw new ValueError('IP address', text,
        'it has a prefix length, which an address has not',
        `Write the address alone (${body.split('/')[0]}), `
        + 'or use a field that takes a network.');
    }
    if (body.includes('%')) {
      throw new ValueError('IP address', text, 'it has a zone index',
        `Write the address without %zone (${body.split('%')[0]}).`);
    }

    return body.includes(':')
      ? new IpAddress(6, readIpv6(text, body))
      : new IpAddress(4, readIpv4(text, body));
  }

  /**
   * The address whose number is `value`.
   *
   * @throws ValueError when `value` does not fit in the version's 32 or 128 bits
   */
  public static fromBigInt(value: bigint, version: IpVersion): IpAddress {
    if (value < 0n || value >= SPACE[version]) {
      throw new ValueError('IP address', String(value),
        `it does not fit in the ${BITS[version]} bits of an IPv${version} address`,
        'Check the arithmetic that produced it.');
    }
    return new IpAddress(version, value);
  }

  /** Whether this is an IPv4 or an IPv6 address. */
  public readonly version: IpVersion;

  private readonly value: bigint;

  private constructor(version: IpVersion, value: bigint) {
    this.version = version;
    this.value = value;
  }

  /** The address as a number. */
  public toBigInt(): bigint {
    return this.value;
  }

  /** Whether both are the same address of the same version. */
  public equals(other: IpAddress): boolean {
    return this.compare(other) === 0;
  }

  /** Orders IPv4 before IPv6, then by number. */
  public compare(other: IpAddress): -1 | 0 | 1 {
    if (this.version !== other.version) {
      return this.version < other.version ? -1 : 1;
    }
    return this.value < other.value ? -1 : this.value > other.value ? 1 : 0;
  }

  /** The canonical text form. */
  public toString(): string {
    if (this.version === 4) {
      // Dotted decimal, as ip-address's correctForm() writes it, without its
      // round trip through hex text: a fleet writes tens of thousands of these.
      const n = Number(this.value);
      return `${Math.floor(n / 2 ** 24)}.${Math.floor(n / 2 ** 16) % 256}.`
        + `${Math.floor(n / 256) % 256}.${n % 256}`;
    }
    const address = Address6.fromBigInt(this.value);
    const embedded = address.isMapped4() ? address.embeddedIPv4() : null;
    return embedded ? `::ffff:${embedded.correctForm()}` : address.correctForm();
  }

  /** The canonical form, so that addresses read well inside JSON and diagnostics. */
  public toJSON(): string {
    return this.toString();
  }
}

/**
 * An IP network written as `address/prefix-length`, such as a Kube-OVN Subnet's
 * `cidrBlock` (`172.18.0.0/16`). The address must be the network address itself:
 * host bits set are refused, since they usually mean a typo.
 *
 * @example
 * const net = Cidr.parse('172.18.0.0/16');
 * net.hostAt(1).toString();    // '172.18.0.1'
 * net.broadcast.toString();    // '172.18.255.255'
 * net.netmask;                 // '255.255.0.0'
 */
export class Cidr {
  /**
   * Reads `172.18.0.0/16` or `2001:db8::/64`.
   *
   * @throws ValueError for an invalid address or prefix length, or host bits set
   * (the message names the network address that was probably meant)
   */
  public static parse(text: string): Cidr {
    const [address, prefixLength] = splitPrefix('CIDR', text);
    const cidr = Cidr.containing(address, prefixLength);
    if (!cidr.network.equals(address)) {
      throw new ValueError('CIDR', text, `host bits are set; the network is ${cidr}`,
        `Write ${cidr}, or use an interface address field if ${address} itself matters.`);
    }
    return cidr;
  }

  /** The network of `prefixLength` bits that contains `address`. */
  public static containing(address: IpAddress, prefixLength: number): Cidr {
    const bits = BITS[address.version];
    if (!Number.isInteger(prefixLength) || prefixLength < 0 || prefixLength > bits) {
      throw new ValueError('CIDR', `${address}/${prefixLength}`,
        `the prefix length must be a whole number from 0 to ${bits}`,
        `Use a prefix length that fits an IPv${address.version} address.`);
    }
    const hostSpace = 2n ** BigInt(bits - prefixLength);
    const value = address.toBigInt();
    return new Cidr(IpAddress.fromBigInt(value - (value % hostSpace), address.version),
      prefixLength);
  }

  /** The network address, the first of the network. */
  public readonly network: IpAddress;

  /** How many leading bits name the network. */
  public readonly prefixLength: number;

  /** {@link Cidr.size}, which every host look-up needs. */
  private readonly addresses: bigint;

  private constructor(network: IpAddress, prefixLength: number) {
    this.network = network;
    this.prefixLength = prefixLength;
    this.addresses = 2n ** BigInt(BITS[network.version] - prefixLength);
  }

  /** Whether this is an IPv4 or an IPv6 network. */
  public get version(): IpVersion {
    return this.network.version;
  }

  /** How many addresses the network holds, network and broadcast included. */
  public get size(): bigint {
    return this.addresses;
  }

  /** The last address of the network (the broadcast address for IPv4). */
  public get broadcast(): IpAddress {
    return this.hostAt(-1);
  }

  /** The network mask: dotted decimal for IPv4 (`255.255.0.0`), IPv6 form for IPv6. */
  public get netmask(): string {
    const all = 2n ** BigInt(BITS[this.version]);
    return IpAddress.fromBigInt(all - this.size, this.version).toString();
  }

  /** Whether `ip` lies in this network; an address of the other version never does. */
  public contains(ip: IpAddress): boolean {
    const offset = ip.toBigInt() - this.network.toBigInt();
    return ip.version === this.version && offset >= 0n && offset < this.size;
  }

  /** Whether the two networks share any address. */
  public overlaps(other: Cidr): boolean {
    return this.contains(other.network) || other.contains(this.network);
  }

  /**
   * The address `index` places after the network address: 0 is the network
   * address, 1 the first host. A negative index counts back from the end: -1 is
   * the broadcast address, -2 the last host.
   *
   * @throws ValueError when the index falls outside the network
   */
  public hostAt(index: number | bigint): IpAddress {
    if (typeof index === 'number' && !Number.isSafeInteger(index)) {
      throw this.outside(index);
    }
    const size = this.size;
    const at = BigInt(index);
    const offset = at < 0n ? size + at : at;
    if (offset < 0n || offset >= size) {
      throw this.outside(index);
    }
    return IpAddress.fromBigInt(this.network.toBigInt() + offset, this.version);
  }

  private outside(index: number | bigint): ValueError {
    return new ValueError('address index', String(index),
      `${this} holds ${this.size} addresses, so an index is a whole number from `
      + `${-this.size} to ${this.size - 1n}`,
      'Pick an index inside the network, or widen the network.');
  }

  /** Whether both are the same network. */
  public equals(other: Cidr): boolean {
    return this.network.equals(other.network) && this.prefixLength === other.prefixLength;
  }

  /** The canonical form, `172.18.0.0/16`. */
  public toString(): string {
    return `${this.network}/${this.prefixLength}`;
  }

  /** The canonical form, so that networks read well inside JSON and diagnostics. */
  public toJSON(): string {
    return this.toString();
  }
}

/**
 * An address with the prefix length of its network, as an interface carries it:
 * Kube-OVN's `ENCAP_IP` `192.168.0.10/20`. Host bits are expected here.
 */
export class InterfaceAddress {
  /**
   * Reads `192.168.0.10/20` or `2001:db8::10/64`.
   *
   * @throws ValueError for an invalid address, a missing or invalid prefix length
   */
  public static parse(text: string): InterfaceAddress {
    const [address, prefixLength] = splitPrefix('interface address', text);
    return new InterfaceAddress(address, prefixLength);
  }

  /**
   * What `parse` reads from `<address>/<prefixLength>`, without the text: the
   * planner gives thousands of NICs a host of their network.
   *
   * @throws ValueError for a prefix length the address cannot have
   * @internal
   */
  public static _of(address: IpAddress, prefixLength: number): InterfaceAddress {
    const bits = BITS[address.version];
    if (!Number.isInteger(prefixLength) || prefixLength < 0 || prefixLength > bits) {
      return InterfaceAddress.parse(`${address}/${prefixLength}`);
    }
    return new InterfaceAddress(address, prefixLength);
  }

  /** The address of the interface itself. */
  public readonly address: IpAddress;

  /** The prefix length of the network the interface is on. */
  public readonly prefixLength: number;

  private constructor(address: IpAddress, prefixLength: number) {
    this.address = address;
    this.prefixLength = prefixLength;
  }

  /** Whether this is an IPv4 or an IPv6 address. */
  public get version(): IpVersion {
    return this.address.version;
  }

  /** The network the interface is on: `192.168.0.0/20` for `192.168.0.10/20`. */
  public get cidr(): Cidr {
    return Cidr.containing(this.address, this.prefixLength);
  }

  /** Whether both have the same address and prefix length. */
  public equals(other: InterfaceAddress): boolean {
    return this.address.equals(other.address) && this.prefixLength === other.prefixLength;
  }

  /** The canonical form, `192.168.0.10/20`. */
  public toString(): string {
    return `${this.address}/${this.prefixLength}`;
  }

  /** The canonical form, so that addresses read well inside JSON and diagnostics. */
  public toJSON(): string {
    return this.toString();
  }
}

/** Splits `address/length`, checking both parts; `kind` names the value in errors. */
function splitPrefix(kind: string, text: string): [IpAddress, number] {
  const parts = text.trim().split('/');
  if (parts.length !== 2) {
    throw new ValueError(kind, text,
      parts.length === 1 ? 'it has no prefix length' : 'it has more than one /',
      `Write the address, a slash and the prefix length, like ${example(kind)}.`);
  }

  if (parts[0] === '') {
    throw new ValueError(kind, text, 'it has no address before the /',
      `Write the address, a slash and the prefix length, like ${example(kind)}.`);
  }

  let address: IpAddress;
  try {
    address = IpAddress.parse(parts[0]);
  } catch (e) {
    throw e instanceof ValueError ? new ValueError(kind, text, e.reason, e.hint) : e;
  }

  const bits = BITS[address.version];
  if (!/^(0|[1-9]\d{0,2})$/.test(parts[1]) || Number(parts[1]) > bits) {
    throw new ValueError(kind, text, `the prefix length "${parts[1]}" is not a number `
      + `from 0 to ${bits}`, `Write an IPv${address.version} prefix length such as `
      + `${address.version === 4 ? '/24' : '/64'}, without leading zeros.`);
  }
  return [address, Number(parts[1])];
}

function example(kind: string): string {
  return kind === 'CIDR' ? '172.18.0.0/16' : '192.168.0.10/20';
}
