import { ValueError } from './errors';
import { sha256 } from './sha256';

const OCTETS = 6;
const HINT = 'Write six pairs of hex digits separated by colons, like 00:00:00:2e:2f:b8.';
const PREFIX_HINT =
  'Write one to five pairs of hex digits separated by colons, like 02:00:00.';

/** Every octet as two lowercase hex digits, `00` to `ff`. */
const HEX = Array.from({ length: 256 }, (_, octet) => octet.toString(16).padStart(2, '0'));

/** Options for {@link MacAddress.generate}. */
export interface GenerateMacOptions {
  /**
   * Leading octets to keep as written, one to five of them, such as `02:00:00`.
   * The first octet must be locally administered and unicast (its second-lowest
   * bit set, its lowest bit clear), as in `02`, `06`, `0a` or `fe`.
   *
   * @default - every octet comes from the hash; the first is then made locally
   * administered and unicast
   */
  readonly prefix?: string;
}

/**
 * An Ethernet MAC address, such as a VM interface's `macAddress` or the
 * `server_mac` of a Kube-OVN DHCP option.
 *
 * Reads colon or dash separated octets in either case; writes lowercase with
 * colons, as Linux and Kube-OVN do.
 *
 * @example
 * MacAddress.parse('00-00-00-2E-2F-B8').toString();  // '00:00:00:2e:2f:b8'
 * MacAddress.generate('vm-1/eth1').isLocallyAdministered; // true
 */
export class MacAddress {
  /**
   * Reads `00:00:00:2E:2F:B8` or `00-00-00-2e-2f-b8`.
   *
   * @throws ValueError for mixed or missing separators, a wrong number of octets,
   * or an octet that is not two hex digits
   */
  public static parse(text: string): MacAddress {
    return new MacAddress(readOctets('MAC address', text, OCTETS));
  }

  /**
   * A stable, locally administered unicast address derived from `seed` by
   * SHA-256: the same seed always gives the same address, so that a VM keeps
   * its MAC from one synth to the next. Use a seed that is unique in the
   * cluster, such as `<namespace>/<vm>/<interface>`.
   *
   * @throws ValueError when `options.prefix` is not one to five octets, or its
   * first octet is not locally administered unicast
   */
  public static generate(seed: string, options: GenerateMacOptions = {}): MacAddress {
    const hash = sha256(seed);
    if (options.prefix === undefined) {
      return MacAddress._fromDigest(hash);
    }

    const prefix = readOctets('MAC prefix', options.prefix, 'prefix');
    if (prefix[0] % 4 !== 2) {
      throw new ValueError('MAC prefix', options.prefix,
        'its first octet is not locally administered unicast',
        'Start the prefix with an octet such as 02, 06, 0a or fe, so that generated '
        + 'addresses cannot collide with a vendor\'s.');
    }
    return new MacAddress([...prefix, ...hash.subarray(0, OCTETS - prefix.length)]);
  }

  /**
   * What `generate` makes of a seed whose SHA-256 digest is `digest`, for a
   * caller that needs the digest too.
   *
   * @internal
   */
  public static _fromDigest(digest: Uint8Array): MacAddress {
    const first = digest[0] - (digest[0] % 4) + 2;
    return new MacAddress([first, digest[1], digest[2], digest[3], digest[4], digest[5]]);
  }

  /** The six octets, most significant first. */
  public readonly octets: readonly number[];

  /** The text form: a fleet's MACs are written several times each. */
  private readonly text: string;

  private constructor(octets: readonly number[]) {
    this.octets = Object.freeze([...octets]);
    this.text = this.octets.map((octet) => HEX[octet]).join(':');
  }

  /** Whether frames to this address go to one station (first octet's lowest bit clear). */
  public get isUnicast(): boolean {
    return this.octets[0] % 2 === 0;
  }

  /** Whether this is a group (multicast or broadcast) address. */
  public get isMulticast(): boolean {
    return !this.isUnicast;
  }

  /**
   * Whether the address was assigned locally rather than by a vendor (second
   * lowest bit of the first octet set).
   */
  public get isLocallyAdministered(): boolean {
    return Math.floor(this.octets[0] / 2) % 2 === 1;
  }

  /** Whether both are the same address, however they were written. */
  public equals(other: MacAddress): boolean {
    return this.octets.every((octet, i) => octet === other.octets[i]);
  }

  /** Lowercase, colon separated: `00:00:00:2e:2f:b8`. */
  public toString(): string {
    return this.text;
  }

  /** The canonical form, so that addresses read well inside JSON and diagnostics. */
  public toJSON(): string {
    return this.toString();
  }
}

/**
 * Reads hex octets separated by `:` or `-`: exactly `count` of them, or one to
 * five for a prefix.
 */
function readOctets(kind: string, text: string, count: number | 'prefix'): number[] {
  const body = text.trim();
  const expected = count === 'prefix' ? '1 to 5' : `${count}`;
  const hint = count === 'prefix' ? PREFIX_HINT : HINT;
  if (body === '') {
    throw new ValueError(kind, text, 'it is empty', hint);
  }
  if (body.includes(':') && body.includes('-')) {
    throw new ValueError(kind, text, 'it mixes : and - separators',
      'Use colons throughout, like 00:00:00:2e:2f:b8.');
  }

  const parts = body.split(body.includes('-') ? '-' : ':');
  const fits = count === 'prefix' ? parts.length <= OCTETS - 1 : parts.length === count;
  if (!fits) {
    const found = parts.length === 1 ? 'no separators' : `${parts.length} octets`;
    throw new ValueError(kind, text, `it has ${found} where ${expected} octets are expected`,
      hint);
  }

  const bad = parts.find(part => !/^[0-9a-f]{2}$/i.test(part));
  if (bad !== undefined) {
    throw new ValueError(kind, text, `the octet "${bad}" is not two hex digits`, hint);
  }
  return parts.map(part => parseInt(part, 16));
}
