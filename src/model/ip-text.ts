// Reading the text of an IP address into its number. Internal to the model:
// `IpAddress` is the public face.
import { Address6 } from 'ip-address';
import { ValueError } from './errors';

/** Reads dotted decimal, naming the first part that is wrong. */
export function readIpv4(text: string, body: string): bigint {
  const parts = body.split('.');
  const wrong = (reason: string) => new ValueError('IP address', text, reason,
    'Write four numbers from 0 to 255 without leading zeros, like 172.18.0.1.');
  if (parts.length === 1) {
    throw wrong('it is neither an IPv4 nor an IPv6 address');
  }
  if (parts.length !== 4) {
    throw wrong(`it has ${parts.length} parts where an IPv4 address has 4`);
  }
  const bad = parts.find(part => !/^\d{1,3}$/.test(part) || Number(part) > 255);
  if (bad !== undefined) {
    throw wrong(`"${bad}" is not a number from 0 to 255`);
  }
  const padded = parts.find(part => /^0\d/.test(part));
  if (padded !== undefined) {
    throw wrong(`"${padded}" has a leading zero, which some tools read as octal`);
  }
  return parts.reduce((sum, part) => sum * 256n + BigInt(part), 0n);
}

/** Reads an IPv6 address with the ip-address package, passing on its reason. */
export function readIpv6(text: string, body: string): bigint {
  try {
    return new Address6(body).bigInt();
  } catch (e) {
    const detail = e instanceof Error ? e.message.replace(/\.$/, '') : String(e);
    throw new ValueError('IP address', text,
      `it is not a valid IPv6 address: ${detail.charAt(0).toLowerCase()}${detail.slice(1)}`,
      'Write eight groups of hex digits, with :: for one run of zeros, like 2001:db8::1.');
  }
}
