import * as fc from 'fast-check';
import { Size, Threshold } from '../../src/model/size';
import { valueErrorOf } from '../support/value-error';

const GI = 1024 ** 3;
const MI = 1024 ** 2;

describe('Size.parse', () => {
  test.each([
    ['1Gi', GI],
    ['2148Mi', 2148 * MI],
    ['100Mi', 100 * MI],
    ['64Ki', 64 * 1024],
    ['2Ti', 2 * 1024 ** 4],
    ['1Pi', 1024 ** 5],
    ['1k', 1000],
    ['500M', 500e6],
    ['2G', 2e9],
    ['1T', 1e12],
    ['1P', 1e15],
    ['9P', 9e15],
    ['1e3', 1000],
    ['1E3', 1000],
    ['20e-1', 2],
    ['1.5Gi', 1.5 * GI],
    ['0.5Ki', 512],
    ['.5Ki', 512],
    ['1.Ki', 1024],
    ['1000m', 1],
    ['1000000u', 1],
    ['1000000000n', 1],
    ['1073741824', GI],
    ['+1Gi', GI],
    ['0', 0],
    ['0Gi', 0],
  ])('reads %j', (text, bytes) => {
    expect(Size.parse(text).bytes).toBe(bytes);
  });

  test('takes a number as bytes', () => {
    expect(Size.parse(GI).toQuantity()).toBe('1Gi');
  });

  test.each([
    ['', 'it is empty'],
    ['1 Gi', 'it contains whitespace'],
    [' 1Gi', 'it contains whitespace'],
    ['-1Gi', 'a memory size cannot be negative'],
    ['Gi', 'it does not start with a number'],
    ['.', 'it does not start with a number'],
    ['+-1', 'it does not start with a number'],
    ['GB', 'it does not start with a number'],
    ['1GB', '"GB" is not a unit Kubernetes knows'],
    ['1GiB', '"GiB" is not a unit Kubernetes knows'],
    ['1K', '"K" is not a unit Kubernetes knows'],
    ['1gi', '"gi" is not a unit Kubernetes knows'],
    ['1Xi', '"Xi" is not a unit Kubernetes knows'],
    ['1constructor', '"constructor" is not a unit Kubernetes knows'],
    ['1.5', 'it is not a whole number of bytes'],
    ['0.1Ki', 'it is not a whole number of bytes'],
    ['100m', 'it is not a whole number of bytes'],
    ['1e-1', 'it is not a whole number of bytes'],
    ['1e31', 'the exponent 31 is out of range'],
    ['1Ei', 'it is 8Pi or more, beyond the largest size this library counts'],
    ['15e-1', 'it is not a whole number of bytes'],
    ['8Pi', 'it is 8Pi or more, beyond the largest size this library counts'],
    ['10P', 'it is 8Pi or more, beyond the largest size this library counts'],
  ])('refuses %j', (text, reason) => {
    const error = valueErrorOf(() => Size.parse(text));
    expect(error.reason).toBe(reason);
    expect(error.kind).toBe('size');
  });

  test('a GB suffix is answered with the two units Kubernetes has', () => {
    expect(() => Size.parse('1GB')).toThrow(
      'invalid size "1GB": "GB" is not a unit Kubernetes knows. '
      + 'Write Gi for powers of 1024 or G for powers of 1000; Kubernetes does not read "GB".');
  });

  test('a K suffix is answered with Ki or lower-case k', () => {
    expect(valueErrorOf(() => Size.parse('1K')).hint).toMatch(/^Write Ki .* or k /);
  });

  test('an unknown suffix lists the units', () => {
    expect(valueErrorOf(() => Size.parse('1Xi')).hint).toMatch(/Ki, Mi, Gi, Ti, Pi/);
  });

  test('a fraction in milli is answered with the mebibyte spelling', () => {
    expect(valueErrorOf(() => Size.parse('512m')).hint).toMatch(/write Mi, like 512Mi/);
  });

  test.each([-1, 1.5, NaN, Infinity])('refuses the number %p', n => {
    expect(() => Size.parse(n)).toThrow('a size is a whole, non-negative number of bytes');
  });

  test('refuses a number of bytes from 8Pi up', () => {
    expect(() => Size.parse(2 ** 53)).toThrow('it is 8Pi or more');
  });
});

describe('Size from other layers', () => {
  test.each([
    ['1024', GI],
    ['0', 0],
    ['2048\n', 2 * GI],
  ])('fromOvsMegabytes reads %j', (text, bytes) => {
    expect(Size.fromOvsMegabytes(text).bytes).toBe(bytes);
  });

  test.each(['1024M', '', '-1', '1.5', '1Gi'])('fromOvsMegabytes refuses %j', text => {
    expect(valueErrorOf(() => Size.fromOvsMegabytes(text)).reason)
      .toBe('an OVS memory amount is a whole number of megabytes');
  });

  test.each([
    ['1G', GI],
    ['2M', 2 * MI],
    ['1048576kB', GI],
    ['2048kB', 2 * MI],
    ['2048K', 2 * MI],
    ['1g', GI],
    ['4096', 4096],
  ])('fromKernel reads %j', (text, bytes) => {
    expect(Size.fromKernel(text).bytes).toBe(bytes);
  });

  test.each(['1GB', '2MB', '', 'G', '1.5G', '-2M'])('fromKernel refuses %j', text => {
    expect(valueErrorOf(() => Size.fromKernel(text)).reason).toBe('it is not a kernel size');
  });

  test('fromKernel answers a Kubernetes spelling with the kernel one', () => {
    expect(() => Size.fromKernel('1Gi')).toThrow(
      'invalid size "1Gi": it is not a kernel size. The kernel writes 1G, not 1Gi.');
  });

  test.each([
    [Size.kibibytes(4), 4096],
    [Size.mebibytes(2), 2 * MI],
    [Size.gibibytes(1), GI],
    [Size.mebibytes(0.5), 512 * 1024],
    [Size.bytes(7), 7],
  ])('factories count bytes (%s)', (size, bytes) => {
    expect(size.bytes).toBe(bytes);
  });

  test('a fractional factory that misses whole bytes is refused', () => {
    expect(() => Size.kibibytes(0.1)).toThrow('invalid size "102.4"');
  });
});

describe('Size formatting', () => {
  test.each([
    ['1Gi', '1Gi'],
    ['2148Mi', '2148Mi'],
    ['1024Mi', '1Gi'],
    ['100Mi', '100Mi'],
    ['1536Mi', '1536Mi'],
    ['1000', '1000'],
    ['1k', '1000'],
    ['0', '0'],
    ['3Pi', '3Pi'],
  ])('toQuantity writes %j as %j', (text, quantity) => {
    expect(Size.parse(text).toQuantity()).toBe(quantity);
  });

  test('toString and JSON are the quantity', () => {
    const size = Size.parse('2Gi');
    expect(`${size} ${JSON.stringify(size)}`).toBe('2Gi "2Gi"');
  });

  test('toMebibytes is exact, with a fraction when needed', () => {
    expect(Size.parse('1536Ki').toMebibytes()).toBe(1.5);
  });

  test('toOvsMegabytes writes whole MiB', () => {
    expect(Size.parse('2Gi').toOvsMegabytes()).toBe('2048');
  });

  test('toOvsMegabytes refuses a size that is not whole MiB', () => {
    expect(() => Size.parse('1536Ki').toOvsMegabytes()).toThrow(
      'invalid size "1536Ki": OVS counts memory in whole MiB. '
      + 'Round the size to a multiple of 1Mi.');
  });

  test.each([
    ['1Gi', '1G'],
    ['2Mi', '2M'],
    ['64Ki', '64K'],
    ['1Ti', '1024G'],
    ['1000', '1000'],
  ])('toKernel writes %j as %j', (text, kernel) => {
    expect(Size.parse(text).toKernel()).toBe(kernel);
  });

  test.each([
    ['1Gi', 'hugepages-1048576kB'],
    ['2Mi', 'hugepages-2048kB'],
  ])('toSysfsName names %j %j', (text, name) => {
    expect(Size.parse(text).toSysfsName()).toBe(name);
  });

  test.each(['0', '1000'])('toSysfsName refuses %j', text => {
    expect(() => Size.parse(text).toSysfsName()).toThrow(
      'a hugepage size is a positive, whole number of KiB');
  });
});

describe('Size arithmetic', () => {
  const one = Size.parse('1Gi');
  const two = Size.parse('2Gi');

  test('plus adds', () => expect(one.plus(two).toQuantity()).toBe('3Gi'));
  test('minus subtracts', () => expect(two.minus(one).toQuantity()).toBe('1Gi'));
  test('times multiplies', () => expect(one.times(3).toQuantity()).toBe('3Gi'));
  test('dividedBy rounds down', () => expect(Size.parse('2560Mi').dividedBy(one)).toBe(2));
  test('isMultipleOf a hugepage size', () => expect(two.isMultipleOf(one)).toBe(true));
  test('is not a multiple otherwise', () => expect(one.isMultipleOf(two)).toBe(false));
  test('only zero is a multiple of zero', () => {
    expect(one.isMultipleOf(Size.ZERO)).toBe(false);
  });
  test('compare orders', () => expect([one.compare(two), two.compare(one)]).toEqual([-1, 1]));
  test('compare finds equal', () => expect(one.compare(Size.parse('1024Mi'))).toBe(0));
  test('equals ignores spelling', () => {
    expect(one.equals(Size.parse('1073741824'))).toBe(true);
  });
  test('ZERO is zero', () => expect(Size.ZERO.isZero).toBe(true));
  test('sum adds all', () => expect(Size.sum([one, two, one]).toQuantity()).toBe('4Gi'));
  test('sum of none is zero', () => expect(Size.sum([]).isZero).toBe(true));

  test('the manual guide balances: 2Gi + 2Gi + 100Mi = 2148Mi + 2Gi', () => {
    const left = Size.sum(['2Gi', '2Gi', '100Mi'].map(s => Size.parse(s)));
    expect(left.equals(Size.parse('2148Mi').plus(two))).toBe(true);
  });

  test('minus refuses a negative result', () => {
    expect(() => one.minus(two)).toThrow(
      'invalid size "1Gi - 2Gi": the result would be negative.');
  });

  test('times refuses a fraction', () => {
    expect(() => one.times(1.5)).toThrow(
      'a size can only be multiplied by a whole, non-negative number');
  });

  test('plus refuses to reach 8Pi', () => {
    expect(() => Size.parse('4Pi').plus(Size.parse('4Pi'))).toThrow(
      'invalid size "4Pi + 4Pi": it is 8Pi or more');
  });

  test('dividedBy refuses zero', () => {
    expect(() => one.dividedBy(Size.ZERO)).toThrow('a size cannot be divided by zero');
  });
});

describe('Size round trips (properties)', () => {
  const sizes = fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }).map(n => Size.bytes(n));
  const mebibytes = fc.integer({ min: 0, max: 2 ** 30 }).map(n => Size.mebibytes(n));

  test('the quantity reads back to the same bytes', () => {
    fc.assert(fc.property(sizes, s => Size.parse(s.toQuantity()).equals(s)));
  });

  test('the kernel spelling reads back to the same bytes', () => {
    fc.assert(fc.property(sizes, s => Size.fromKernel(s.toKernel()).equals(s)));
  });

  test('OVS megabytes read back to the same bytes', () => {
    fc.assert(fc.property(mebibytes, s =>
      Size.fromOvsMegabytes(s.toOvsMegabytes()).equals(s)));
  });

  test('decimal quantities read as their exact bytes', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 9000 }), n =>
      Size.parse(`${n}M`).bytes === n * 1e6 && Size.parse(`${n}e6`).bytes === n * 1e6));
  });

  test('binary quantities read as their exact bytes, or are refused from 8Pi up', () => {
    const units = fc.constantFrom(['', 1n], ['Ki', 2n ** 10n], ['Gi', 2n ** 30n],
      ['Pi', 2n ** 50n], ['Ei', 2n ** 60n]);
    fc.assert(fc.property(fc.bigInt({ min: 0n, max: 10n ** 15n - 1n }), units,
      (n, [unit, factor]) => {
        const exact = n * (factor as bigint);
        const read = () => Size.parse(`${n}${unit}`).bytes;
        return exact <= BigInt(Number.MAX_SAFE_INTEGER) ? read() === Number(exact)
          : valueErrorOf(read).reason.startsWith('it is 8Pi or more');
      }));
  });

  test('plus and times are exact up to 8Pi and refuse to reach it', () => {
    const bytes = fc.bigInt({ min: 0n, max: BigInt(Number.MAX_SAFE_INTEGER) });
    fc.assert(fc.property(bytes, bytes, fc.integer({ min: 0, max: 2 ** 20 }), (a, b, n) => {
      const size = Size.bytes(Number(a));
      const fits = (exact: bigint, result: () => Size) =>
        (exact <= BigInt(Number.MAX_SAFE_INTEGER) ? result().bytes === Number(exact)
          : valueErrorOf(result).reason.startsWith('it is 8Pi or more'));
      return fits(a + b, () => size.plus(Size.bytes(Number(b))))
        && fits(a * BigInt(n), () => size.times(n));
    }));
  });

  test('minus undoes plus', () => {
    fc.assert(fc.property(mebibytes, mebibytes, (a, b) => a.plus(b).minus(b).equals(a)));
  });

  test('dividedBy and times bracket the size', () => {
    fc.assert(fc.property(mebibytes, fc.integer({ min: 1, max: 4096 }), (s, n) => {
      const page = Size.mebibytes(n);
      const count = s.dividedBy(page);
      return page.times(count).compare(s) <= 0 && page.times(count + 1).compare(s) > 0;
    }));
  });
});

describe('Threshold', () => {
  test('reads an absolute size', () => {
    expect(Threshold.parse('100Mi').size?.toQuantity()).toBe('100Mi');
  });

  test.each([
    ['100Mi', 'absolute'],
    ['5%', 'percentage'],
    ['10.5%', 'percentage'],
    ['0%', 'percentage'],
    ['100%', 'percentage'],
  ])('%j is %s', (text, kind) => {
    expect(Threshold.parse(text).kind).toBe(kind);
  });

  test.each(['5%', '10.5%', '100Mi', '0%'])('writes %j back unchanged', text => {
    expect(Threshold.parse(text).toString()).toBe(text);
  });

  test('an absolute threshold resolves to itself', () => {
    expect(Threshold.parse('100Mi').resolve(Size.parse('64Gi')).toQuantity()).toBe('100Mi');
  });

  test('a percentage resolves against capacity', () => {
    expect(Threshold.parse('50%').resolve(Size.parse('2Gi')).toQuantity()).toBe('1Gi');
  });

  test('a percentage rounds through float32 as the kubelet does', () => {
    // float32(0.1) is slightly above 0.1, so the kubelet gets 107374184, not 107374182.
    expect(Threshold.parse('10%').resolve(Size.parse('1Gi')).bytes).toBe(107374184);
  });

  test('a percentage truncates to whole bytes', () => {
    expect(Threshold.parse('50%').resolve(Size.bytes(3)).bytes).toBe(1);
  });

  test('factories build the same thresholds as parse', () => {
    const built = [Threshold.absolute(Size.parse('1Gi')), Threshold.percentage(7.5)];
    expect(built.map(String)).toEqual(['1Gi', '7.5%']);
  });

  test.each([
    ['101%', 'a percentage is a number from 0 to 100 followed by one %'],
    ['-5%', 'a percentage is a number from 0 to 100 followed by one %'],
    ['5%%', 'a percentage is a number from 0 to 100 followed by one %'],
    ['%', 'a percentage is a number from 0 to 100 followed by one %'],
    ['five%', 'a percentage is a number from 0 to 100 followed by one %'],
    ['0', 'it must be positive'],
  ])('refuses %j', (text, reason) => {
    const error = valueErrorOf(() => Threshold.parse(text));
    expect([error.kind, error.reason]).toEqual(['eviction threshold', reason]);
  });

  test('refuses an unreadable size with the size error', () => {
    expect(() => Threshold.parse('100MB')).toThrow('invalid size "100MB"');
  });

  test('refuses a percentage factory outside 0-100', () => {
    expect(() => Threshold.percentage(-1)).toThrow('invalid eviction threshold "-1%"');
  });
});
