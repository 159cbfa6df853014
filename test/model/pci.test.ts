import * as fc from 'fast-check';
import { PciAddress } from '../../src/model/pci';
import { valueErrorOf } from '../support/value-error';

describe('PciAddress.parse', () => {
  test.each([
    ['0000:af:00.0', '0000:af:00.0'],
    ['af:00.0', '0000:af:00.0'],
    ['0000:AF:00.1', '0000:af:00.1'],
    ['AF:1F.7', '0000:af:1f.7'],
    ['0001:00:02.0', '0001:00:02.0'],
    ['10000:e1:00.0', '10000:e1:00.0'],
    [' 0000:3b:00.0\n', '0000:3b:00.0'],
  ])('reads %j as %s', (text, canonical) => {
    expect(PciAddress.parse(text).toString()).toBe(canonical);
  });

  test('splits the address into its numbers', () => {
    const pci = PciAddress.parse('0002:af:1e.3');
    expect([pci.domain, pci.bus, pci.device, pci.function]).toEqual([2, 0xaf, 0x1e, 3]);
  });

  test.each([
    ['', 'it is empty'],
    ['0000:af:00', 'it has no function number after a dot'],
    ['af', 'it has no function number after a dot'],
    ['0000:ag:00.0', 'it has characters other than hex digits, colons and a dot'],
    ['0000-af-00.0', 'it has characters other than hex digits, colons and a dot'],
    ['af.0', 'it has 0 colons where 1 or 2 are expected'],
    ['0:0000:af:00.0', 'it has 3 colons where 1 or 2 are expected'],
    ['0:af:00.0', 'its parts do not have the expected number of digits'],
    ['000:af:00.0', 'its parts do not have the expected number of digits'],
    ['0000:a:00.0', 'its parts do not have the expected number of digits'],
    ['0000:af:0.0', 'its parts do not have the expected number of digits'],
    ['0000:af:00.00', 'its parts do not have the expected number of digits'],
    ['0000:af:20.0', 'the device number 20 is above 1f, the largest a PCI bus has'],
    ['0000:af:00.8', 'the function number 8 is above 7, the largest PCI allows'],
  ])('refuses %j', (text, reason) => {
    const error = valueErrorOf(() => PciAddress.parse(text));
    expect([error.kind, error.reason]).toEqual(['PCI address', reason]);
  });

  test('the message shows the expected form', () => {
    expect(() => PciAddress.parse('af:00')).toThrow(
      'invalid PCI address "af:00": it has no function number after a dot. '
      + 'Write it as lspci -D prints it, domain:bus:device.function, '
      + 'like 0000:af:00.0 (or af:00.0 for domain 0000).');
  });
});

describe('PciAddress comparison', () => {
  test('the short and full forms are equal', () => {
    expect(PciAddress.parse('af:00.0').equals(PciAddress.parse('0000:AF:00.0'))).toBe(true);
  });

  test('different functions are not equal', () => {
    expect(PciAddress.parse('af:00.0').equals(PciAddress.parse('af:00.1'))).toBe(false);
  });

  test('sorts as lspci lists devices', () => {
    const sorted = ['0001:00:00.0', 'af:00.1', '3b:00.0', 'af:00.0']
      .map(text => PciAddress.parse(text))
      .sort((a, b) => a.compare(b))
      .map(String);
    expect(sorted).toEqual(['0000:3b:00.0', '0000:af:00.0', '0000:af:00.1', '0001:00:00.0']);
  });

  test('JSON holds the canonical form', () => {
    expect(JSON.stringify(PciAddress.parse('AF:00.0'))).toBe('"0000:af:00.0"');
  });
});

describe('PciAddress round trip (property)', () => {
  const hex = (value: number, width: number) => value.toString(16).padStart(width, '0');

  test('any valid address reads back from its canonical form', () => {
    fc.assert(fc.property(
      fc.integer({ min: 0, max: 0xffff }), fc.integer({ min: 0, max: 0xff }),
      fc.integer({ min: 0, max: 0x1f }), fc.integer({ min: 0, max: 7 }), fc.boolean(),
      (domain, bus, device, fn, upper) => {
        let text = `${hex(domain, 4)}:${hex(bus, 2)}:${hex(device, 2)}.${fn}`;
        text = upper ? text.toUpperCase() : text;
        const pci = PciAddress.parse(text);
        return pci.toString() === text.toLowerCase()
          && PciAddress.parse(pci.toString()).equals(pci)
          && pci.device === device && pci.function === fn;
      }));
  });
});
