import * as fc from 'fast-check';
import { MacAddress } from '../../src/model/mac';
import { valueErrorOf } from '../support/value-error';

describe('MacAddress.parse', () => {
  test.each([
    ['00:00:00:2E:2F:B8', '00:00:00:2e:2f:b8'],
    ['00-00-00-2e-2f-b8', '00:00:00:2e:2f:b8'],
    ['FF:FF:FF:FF:FF:FF', 'ff:ff:ff:ff:ff:ff'],
    [' 02:42:ac:11:00:02\n', '02:42:ac:11:00:02'],
  ])('reads %j as %s', (text, canonical) => {
    expect(MacAddress.parse(text).toString()).toBe(canonical);
  });

  test.each([
    ['', 'it is empty'],
    ['00:00-00:2e:2f:b8', 'it mixes : and - separators'],
    ['00:00:00:2e:2f', 'it has 5 octets where 6 octets are expected'],
    ['00:00:00:2e:2f:b8:01', 'it has 7 octets where 6 octets are expected'],
    ['0000002e2fb8', 'it has no separators where 6 octets are expected'],
    ['0000.002e.2fb8', 'it has no separators where 6 octets are expected'],
    ['00:00:00:2e:2f:b', 'the octet "b" is not two hex digits'],
    ['00:00:00:2e:2f:bg', 'the octet "bg" is not two hex digits'],
    ['00:00:00:2e:2f:b80', 'the octet "b80" is not two hex digits'],
    ['00:00::2e:2f:b8', 'the octet "" is not two hex digits'],
  ])('refuses %j', (text, reason) => {
    const error = valueErrorOf(() => MacAddress.parse(text));
    expect([error.kind, error.reason]).toEqual(['MAC address', reason]);
  });

  test('the message shows the expected form', () => {
    expect(() => MacAddress.parse('00:00:00:2e:2f')).toThrow(
      'invalid MAC address "00:00:00:2e:2f": it has 5 octets where 6 octets are expected. '
      + 'Write six pairs of hex digits separated by colons, like 00:00:00:2e:2f:b8.');
  });
});

describe('MacAddress kinds', () => {
  test('a vendor address is universal unicast', () => {
    const mac = MacAddress.parse('00:00:00:2e:2f:b8');
    expect([mac.isUnicast, mac.isMulticast, mac.isLocallyAdministered])
      .toEqual([true, false, false]);
  });

  test('02: is locally administered unicast', () => {
    const mac = MacAddress.parse('02:00:00:00:00:01');
    expect([mac.isUnicast, mac.isLocallyAdministered]).toEqual([true, true]);
  });

  test('01:00:5e: is multicast', () => {
    expect(MacAddress.parse('01:00:5e:00:00:fb').isMulticast).toBe(true);
  });

  test('broadcast is multicast and locally administered', () => {
    const mac = MacAddress.parse('ff:ff:ff:ff:ff:ff');
    expect([mac.isMulticast, mac.isLocallyAdministered]).toEqual([true, true]);
  });

  test('equals ignores case and separators', () => {
    const a = MacAddress.parse('00-00-00-2E-2F-B8');
    expect(a.equals(MacAddress.parse('00:00:00:2e:2f:b8'))).toBe(true);
  });

  test('different addresses are not equal', () => {
    const a = MacAddress.parse('00:00:00:2e:2f:b8');
    expect(a.equals(MacAddress.parse('00:00:00:2e:2f:b9'))).toBe(false);
  });

  test('JSON holds the canonical form', () => {
    expect(JSON.stringify(MacAddress.parse('00-00-00-2E-2F-B8'))).toBe('"00:00:00:2e:2f:b8"');
  });
});

describe('MacAddress.generate', () => {
  test('the same seed gives the same address', () => {
    expect(MacAddress.generate('default/vm-1/net1').toString())
      .toBe(MacAddress.generate('default/vm-1/net1').toString());
  });

  test('different seeds give different addresses', () => {
    expect(MacAddress.generate('vm-1').equals(MacAddress.generate('vm-2'))).toBe(false);
  });

  test('the address is fixed by the seed, so it survives upgrades', () => {
    // printf vm-1 | sha256sum starts 2d62b0035f34; 0x2d with its low bits set to 10 is 0x2e.
    expect(MacAddress.generate('vm-1').toString()).toBe('2e:62:b0:03:5f:34');
  });

  test('keeps a prefix and fills the rest from the start of the hash', () => {
    expect(MacAddress.generate('vm-1', { prefix: '02:00:00' }).toString())
      .toBe('02:00:00:2d:62:b0');
  });

  test.each([
    ['00:00:00', 'its first octet is not locally administered unicast'],
    ['03', 'its first octet is not locally administered unicast'],
    ['02:00:00:00:00:00', 'it has 6 octets where 1 to 5 octets are expected'],
    ['02:0', 'the octet "0" is not two hex digits'],
    ['', 'it is empty'],
  ])('refuses the prefix %j', (prefix, reason) => {
    const error = valueErrorOf(() => MacAddress.generate('vm-1', { prefix }));
    expect([error.kind, error.reason]).toEqual(['MAC prefix', reason]);
  });

  test('every generated address is locally administered unicast', () => {
    fc.assert(fc.property(fc.string(), seed => {
      const mac = MacAddress.generate(seed);
      return mac.isUnicast && mac.isLocallyAdministered;
    }));
  });

  test('every generated address keeps a valid prefix', () => {
    fc.assert(fc.property(fc.string(), fc.integer({ min: 1, max: 5 }), (seed, length) => {
      const prefix = ['06', 'aa', 'bb', 'cc', 'dd'].slice(0, length).join(':');
      return MacAddress.generate(seed, { prefix }).toString().startsWith(prefix + ':');
    }));
  });
});

describe('MacAddress round trip (property)', () => {
  test('any address reads back from its canonical and dashed forms', () => {
    fc.assert(fc.property(
      fc.array(fc.integer({ min: 0, max: 255 }), { minLength: 6, maxLength: 6 }),
      fc.constantFrom(':', '-'), fc.boolean(),
      (octets, separator, upper) => {
        let text = octets.map(o => o.toString(16).padStart(2, '0')).join(separator);
        text = upper ? text.toUpperCase() : text;
        const mac = MacAddress.parse(text);
        return mac.octets.every((o, i) => o === octets[i])
          && MacAddress.parse(mac.toString()).equals(mac);
      }));
  });
});
