import * as fc from 'fast-check';
import { Address4 } from 'ip-address';
import { Cidr, InterfaceAddress, IpAddress } from '../../src/model/ip';
import { valueErrorOf } from '../support/value-error';

const ipv4 = fc.integer({ min: 0, max: 2 ** 32 - 1 })
  .map(n => IpAddress.fromBigInt(BigInt(n), 4));
const ipv6 = fc.bigInt({ min: 0n, max: 2n ** 128n - 1n })
  .map(n => IpAddress.fromBigInt(n, 6));
const addresses = fc.oneof(ipv4, ipv6);

describe('IpAddress.parse', () => {
  test.each([
    ['172.18.0.1', '172.18.0.1', 4],
    ['0.0.0.0', '0.0.0.0', 4],
    ['255.255.255.255', '255.255.255.255', 4],
    [' 10.0.0.1\n', '10.0.0.1', 4],
    ['2001:DB8::1', '2001:db8::1', 6],
    ['2001:0db8:0000:0000:0000:0000:0000:0001', '2001:db8::1', 6],
    ['::', '::', 6],
    ['::1', '::1', 6],
    ['fe80::1:0:0:1', 'fe80::1:0:0:1', 6],
    ['2001:db8:0:0:1:0:0:1', '2001:db8::1:0:0:1', 6],
    ['::ffff:192.0.2.1', '::ffff:192.0.2.1', 6],
  ])('reads %j as %s (IPv%d)', (text, canonical, version) => {
    const ip = IpAddress.parse(text);
    expect([ip.toString(), ip.version]).toEqual([canonical, version]);
  });

  test.each([
    ['', 'it is empty'],
    ['abc', 'it is neither an IPv4 nor an IPv6 address'],
    ['1.2.3', 'it has 3 parts where an IPv4 address has 4'],
    ['1.2.3.4.5', 'it has 5 parts where an IPv4 address has 4'],
    ['256.1.1.1', '"256" is not a number from 0 to 255'],
    ['1.2.3.-1', '"-1" is not a number from 0 to 255'],
    ['1.2..4', '"" is not a number from 0 to 255'],
    ['010.0.0.1', '"010" has a leading zero, which some tools read as octal'],
    ['172.18.0.1/16', 'it has a prefix length, which an address has not'],
    ['fe80::1%eth0', 'it has a zone index'],
    ['gg::1', 'it is not a valid IPv6 address: bad characters detected in address: gg'],
    ['1:2:3:4:5:6:7:8:9', 'it is not a valid IPv6 address: incorrect number of groups found'],
    [':::', 'it is not a valid IPv6 address: address failed regex: :::'],
  ])('refuses %j', (text, reason) => {
    const error = valueErrorOf(() => IpAddress.parse(text));
    expect([error.kind, error.reason]).toEqual(['IP address', reason]);
  });

  test('a prefix length is answered with the address alone', () => {
    expect(() => IpAddress.parse('172.18.0.1/16')).toThrow(
      'invalid IP address "172.18.0.1/16": it has a prefix length, which an address has not. '
      + 'Write the address alone (172.18.0.1), or use a field that takes a network.');
  });

  test('fromBigInt refuses a number beyond the version', () => {
    expect(() => IpAddress.fromBigInt(2n ** 32n, 4)).toThrow(
      'invalid IP address "4294967296": it does not fit in the 32 bits of an IPv4 address.');
  });
});

describe('IpAddress comparison', () => {
  test('equal addresses written differently are equal', () => {
    expect(IpAddress.parse('2001:db8::1').equals(IpAddress.parse('2001:DB8:0::1'))).toBe(true);
  });

  test('IPv4 and the mapped IPv6 address are not equal', () => {
    expect(IpAddress.parse('1.2.3.4').equals(IpAddress.parse('::ffff:1.2.3.4'))).toBe(false);
  });

  test('sorts IPv4 first, then by number', () => {
    const sorted = ['::1', '10.0.0.2', '10.0.0.10', '9.255.255.255']
      .map(text => IpAddress.parse(text)).sort((a, b) => a.compare(b)).map(String);
    expect(sorted).toEqual(['9.255.255.255', '10.0.0.2', '10.0.0.10', '::1']);
  });

  test('JSON holds the canonical form', () => {
    expect(JSON.stringify(IpAddress.parse('2001:DB8::1'))).toBe('"2001:db8::1"');
  });
});

describe('Cidr', () => {
  const net = Cidr.parse('172.18.0.0/16');

  test('network and prefix length', () => {
    expect([`${net.network}`, net.prefixLength, net.version]).toEqual(['172.18.0.0', 16, 4]);
  });

  test('broadcast is the last address', () => {
    expect(`${net.broadcast}`).toBe('172.18.255.255');
  });
  test('netmask is dotted decimal', () => expect(net.netmask).toBe('255.255.0.0'));
  test('size counts every address', () => expect(net.size).toBe(65536n));
  test('hostAt(1) is the first host', () => expect(`${net.hostAt(1)}`).toBe('172.18.0.1'));
  test('hostAt(-2) is the last host', () => {
    expect(`${net.hostAt(-2)}`).toBe('172.18.255.254');
  });
  test('hostAt takes a bigint', () => expect(`${net.hostAt(256n)}`).toBe('172.18.1.0'));
  test('toString is canonical', () => {
    expect(`${Cidr.parse('2001:DB8::/32')}`).toBe('2001:db8::/32');
  });

  test('JSON holds the canonical form', () => {
    expect(JSON.stringify(net)).toBe('"172.18.0.0/16"');
  });

  test('contains an address inside', () => {
    expect(net.contains(IpAddress.parse('172.18.200.3'))).toBe(true);
  });

  test('does not contain an address outside', () => {
    expect(net.contains(IpAddress.parse('172.19.0.0'))).toBe(false);
  });

  test('does not contain an address of the other version', () => {
    expect(Cidr.parse('::/0').contains(IpAddress.parse('1.2.3.4'))).toBe(false);
  });

  test('an IPv6 netmask is written in IPv6 form', () => {
    expect(Cidr.parse('2001:db8::/64').netmask).toBe('ffff:ffff:ffff:ffff::');
  });

  test('/0 holds every address', () => {
    expect(Cidr.parse('0.0.0.0/0').size).toBe(2n ** 32n);
  });

  test('/32 holds one address', () => {
    expect(`${Cidr.parse('10.0.0.1/32').broadcast}`).toBe('10.0.0.1');
  });

  test('overlaps a network inside it', () => {
    expect(net.overlaps(Cidr.parse('172.18.4.0/24'))).toBe(true);
  });

  test('does not overlap a neighbour', () => {
    expect(net.overlaps(Cidr.parse('172.19.0.0/16'))).toBe(false);
  });

  test('containing finds the network of an address', () => {
    expect(`${Cidr.containing(IpAddress.parse('10.1.2.3'), 8)}`).toBe('10.0.0.0/8');
  });

  test('containing refuses a prefix length beyond the version', () => {
    expect(() => Cidr.containing(IpAddress.parse('10.1.2.3'), 33)).toThrow(
      'invalid CIDR "10.1.2.3/33": the prefix length must be a whole number from 0 to 32.');
  });

  test('host bits set name the network that was probably meant', () => {
    expect(() => Cidr.parse('172.18.0.1/16')).toThrow(
      'invalid CIDR "172.18.0.1/16": host bits are set; the network is 172.18.0.0/16. '
      + 'Write 172.18.0.0/16, or use an interface address field if 172.18.0.1 itself matters.');
  });

  test.each([
    ['172.18.0.0', 'it has no prefix length'],
    ['1/2/3', 'it has more than one /'],
    ['172.18.0.0/33', 'the prefix length "33" is not a number from 0 to 32'],
    ['2001:db8::/129', 'the prefix length "129" is not a number from 0 to 128'],
    ['10.0.0.0/08', 'the prefix length "08" is not a number from 0 to 32'],
    ['10.0.0.0/-1', 'the prefix length "-1" is not a number from 0 to 32'],
    ['10.0.0.0/', 'the prefix length "" is not a number from 0 to 32'],
    ['10.0.0.0/ 8', 'the prefix length " 8" is not a number from 0 to 32'],
    ['300.0.0.0/8', '"300" is not a number from 0 to 255'],
    ['/8', 'it has no address before the /'],
    ['2001:db8::1/64', 'host bits are set; the network is 2001:db8::/64'],
  ])('refuses %j', (text, reason) => {
    const error = valueErrorOf(() => Cidr.parse(text));
    expect([error.kind, error.reason]).toEqual(['CIDR', reason]);
  });

  test.each([65536, -65537, 1.5, NaN])('hostAt refuses the index %p', index => {
    expect(() => net.hostAt(index)).toThrow(`invalid address index "${index}": 172.18.0.0/16 `
      + 'holds 65536 addresses, so an index is a whole number from -65536 to 65535.');
  });
});

describe('InterfaceAddress', () => {
  test('keeps the host bits and finds its network', () => {
    const encap = InterfaceAddress.parse('192.168.0.10/20');
    expect([`${encap}`, `${encap.address}`, `${encap.cidr}`, encap.prefixLength])
      .toEqual(['192.168.0.10/20', '192.168.0.10', '192.168.0.0/20', 20]);
  });

  test('reads IPv6', () => {
    const iface = InterfaceAddress.parse('2001:DB8::10/64');
    expect([iface.version, `${iface.cidr}`]).toEqual([6, '2001:db8::/64']);
  });

  test('JSON holds the canonical form', () => {
    expect(JSON.stringify(InterfaceAddress.parse(' 10.0.0.1/8')))
      .toBe('"10.0.0.1/8"');
  });

  test('equals compares address and length', () => {
    const a = InterfaceAddress.parse('10.0.0.1/24');
    expect([a.equals(InterfaceAddress.parse('10.0.0.1/24')),
      a.equals(InterfaceAddress.parse('10.0.0.1/25'))]).toEqual([true, false]);
  });

  test.each([
    ['192.168.0.10', 'it has no prefix length'],
    ['192.168.0.10/40', 'the prefix length "40" is not a number from 0 to 32'],
    ['192.168.0/20', 'it has 3 parts where an IPv4 address has 4'],
  ])('refuses %j', (text, reason) => {
    const error = valueErrorOf(() => InterfaceAddress.parse(text));
    expect([error.kind, error.reason]).toEqual(['interface address', reason]);
  });

  test('a missing length shows the ENCAP_IP form', () => {
    expect(valueErrorOf(() => InterfaceAddress.parse('192.168.0.10')).hint)
      .toBe('Write the address, a slash and the prefix length, like 192.168.0.10/20.');
  });
});

describe('IP round trips (properties)', () => {
  test('an address reads back from its canonical form', () => {
    fc.assert(fc.property(addresses, ip => IpAddress.parse(ip.toString()).equals(ip)));
  });

  test('an IPv4 address is written in dotted decimal, as ip-address writes it', () => {
    fc.assert(fc.property(ipv4, ip =>
      ip.toString() === Address4.fromBigInt(ip.toBigInt()).correctForm()));
  });

  test('an IPv6 address reads back from its full uncompressed form', () => {
    fc.assert(fc.property(fc.bigInt({ min: 0n, max: 2n ** 128n - 1n }), n => {
      const full = n.toString(16).padStart(32, '0').match(/.{4}/g)!.join(':');
      return IpAddress.parse(full).toBigInt() === n;
    }));
  });

  test('a network reads back from its canonical form and holds its addresses', () => {
    fc.assert(fc.property(addresses, fc.integer({ min: 0, max: 128 }), (ip, length) => {
      const cidr = Cidr.containing(ip, Math.min(length, ip.version === 4 ? 32 : 128));
      return Cidr.parse(cidr.toString()).equals(cidr) && cidr.contains(ip)
        && cidr.contains(cidr.broadcast) && cidr.hostAt(-1).equals(cidr.broadcast);
    }));
  });

  test('an interface address of an address and a length is what parse reads', () => {
    fc.assert(fc.property(addresses, fc.integer({ min: -1, max: 129 }), (ip, length) => {
      const text = `${ip}/${length}`;
      const parsed = (() => {
        try {
          return InterfaceAddress.parse(text);
        } catch (e) {
          return (e as Error).message;
        }
      })();
      const made = (() => {
        try {
          return InterfaceAddress._of(ip, length);
        } catch (e) {
          return (e as Error).message;
        }
      })();
      expect(made).toEqual(parsed);
    }));
  });

  test('an interface address reads back and lies in its network', () => {
    fc.assert(fc.property(ipv4, fc.integer({ min: 0, max: 32 }), (ip, length) => {
      const text = `${ip}/${length}`;
      const iface = InterfaceAddress.parse(text);
      return iface.toString() === text && iface.cidr.contains(iface.address);
    }));
  });
});
