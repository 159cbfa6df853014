import * as model from '../../src/model';
import { ValueError } from '../../src/model/errors';

describe('ValueError', () => {
  const error = new ValueError('PCI address', 'af:00', 'it has no function number',
    'Write it like 0000:af:00.0.');

  test('the message reads kind, input, reason and hint on one line', () => {
    expect(error.message).toBe(
      'invalid PCI address "af:00": it has no function number. Write it like 0000:af:00.0.');
  });

  test('keeps the parts apart for diagnostics', () => {
    expect([error.kind, error.input, error.reason, error.hint]).toEqual(
      ['PCI address', 'af:00', 'it has no function number', 'Write it like 0000:af:00.0.']);
  });

  test('is an Error named ValueError', () => {
    expect([error instanceof Error, error.name]).toEqual([true, 'ValueError']);
  });

  test('escapes line breaks so that the message stays on one line', () => {
    const multiline = new ValueError('size', '1Gi\n2Gi', 'it has two lines', 'Write one.');
    expect(multiline.message).toBe('invalid size "1Gi\\n2Gi": it has two lines. Write one.');
  });

  test('cuts a long input in the message and keeps it whole in input', () => {
    const long = 'x'.repeat(200);
    const cut = new ValueError('CPU set', long, 'it is long', 'Shorten it.');
    expect([cut.message, cut.input.length]).toEqual(
      [`invalid CPU set "${'x'.repeat(80)}…": it is long. Shorten it.`, 200]);
  });
});

describe('the model index', () => {
  test.each([
    'ValueError', 'CpuSet', 'Size', 'Threshold', 'PciAddress', 'MacAddress',
    'IpAddress', 'Cidr', 'InterfaceAddress',
  ])('exports %s', name => {
    expect(typeof (model as Record<string, unknown>)[name]).toBe('function');
  });
});
