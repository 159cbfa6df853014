import { ValueError } from './errors';

const KIND = 'PCI address';
const HINT = 'Write it as lspci -D prints it, domain:bus:device.function, '
  + 'like 0000:af:00.0 (or af:00.0 for domain 0000).';

/** `[domain:]bus:device.function`; each part is checked for range after the match. */
const FORM = /^(?:([0-9a-f]{4,8}):)?([0-9a-f]{2}):([0-9a-f]{2})\.([0-9a-f])$/i;

/**
 * The PCI address of a device, such as the NIC that OVS-DPDK binds
 * (`dpdk-devargs=0000:af:00.0`).
 *
 * Reads the full form `0000:af:00.0` and the short `af:00.0` (domain `0000`),
 * in either case; always writes the full lowercase form, as sysfs and DPDK do.
 *
 * @example
 * PciAddress.parse('AF:00.1').toString(); // '0000:af:00.1'
 */
export class PciAddress {
  /**
   * Reads `domain:bus:device.function` (domain 4 to 8 hex digits, for the
   * 5-digit domains Intel VMD creates) or the short `bus:device.function`.
   *
   * @throws ValueError for any other form, a device above 1f or a function above 7
   */
  public static parse(text: string): PciAddress {
    const match = FORM.exec(text.trim());
    if (!match) {
      throw new ValueError(KIND, text, describe(text.trim()), HINT);
    }

    const [domain, bus, device, fn] = [match[1] ?? '0', match[2], match[3], match[4]]
      .map(hex => parseInt(hex, 16));
    if (device > 0x1f) {
      throw new ValueError(KIND, text,
        `the device number ${match[3]} is above 1f, the largest a PCI bus has`,
        'Copy the address from lspci -D; the part after the second colon is 00 to 1f.');
    }
    if (fn > 7) {
      throw new ValueError(KIND, text,
        `the function number ${match[4]} is above 7, the largest PCI allows`,
        'Copy the address from lspci -D; the digit after the dot is 0 to 7.');
    }
    return new PciAddress(domain, bus, device, fn);
  }

  /** The PCI domain (segment), usually 0. */
  public readonly domain: number;

  /** The bus number, 0 to 0xff. */
  public readonly bus: number;

  /** The device (slot) number, 0 to 0x1f. */
  public readonly device: number;

  /** The function number, 0 to 7; each port of a multi-port NIC is one function. */
  public readonly function: number;

  private constructor(domain: number, bus: number, device: number, fn: number) {
    this.domain = domain;
    this.bus = bus;
    this.device = device;
    this.function = fn;
  }

  /** Whether both name the same device function. */
  public equals(other: PciAddress): boolean {
    return this.compare(other) === 0;
  }

  /** Orders addresses as lspci lists them: by domain, bus, device, function. */
  public compare(other: PciAddress): -1 | 0 | 1 {
    const a = [this.domain, this.bus, this.device, this.function];
    const b = [other.domain, other.bus, other.device, other.function];
    const i = a.findIndex((value, index) => value !== b[index]);
    return i < 0 ? 0 : a[i] < b[i] ? -1 : 1;
  }

  /** The canonical form: `0000:af:00.0`, lowercase, domain padded to 4 digits. */
  public toString(): string {
    const hex = (value: number, width: number) => value.toString(16).padStart(width, '0');
    return `${hex(this.domain, 4)}:${hex(this.bus, 2)}:${hex(this.device, 2)}`
      + `.${this.function.toString(16)}`;
  }

  /** The canonical form, so that addresses read well inside JSON and diagnostics. */
  public toJSON(): string {
    return this.toString();
  }
}

/** Names the first thing wrong with text that does not match the form. */
function describe(text: string): string {
  if (text === '') {
    return 'it is empty';
  }
  if (!text.includes('.')) {
    return 'it has no function number after a dot';
  }
  if (/[^0-9a-f:.]/i.test(text)) {
    return 'it has characters other than hex digits, colons and a dot';
  }
  const colons = text.split(':').length - 1;
  if (colons < 1 || colons > 2) {
    return `it has ${colons} colons where 1 or 2 are expected`;
  }
  return 'its parts do not have the expected number of digits';
}
