import * as fc from 'fast-check';
import { CpuSet } from '../../src/model/cpuset';
import { valueErrorOf } from '../support/value-error';

const cpuSets = fc.uniqueArray(fc.integer({ min: 0, max: 300 }), { maxLength: 60 })
  .map(cpus => CpuSet.of(...cpus));

describe('CpuSet.fromList', () => {
  test.each([
    ['0-1,8-11', [0, 1, 8, 9, 10, 11]],
    ['3', [3]],
    ['', []],
    ['  \n', []],
    ['0-3\n', [0, 1, 2, 3]],
    ['8,0-1,1', [0, 1, 8]],
    ['0, 2', [0, 2]],
    ['5-5', [5]],
    ['007', [7]],
    ['0-8:2', [0, 2, 4, 6, 8]],
    ['1-62:20', [1, 21, 41, 61]],
    ['0-9:2/4', [0, 1, 4, 5, 8, 9]],
    ['0-15:1/8', [0, 8]],
    ['8191', [8191]],
  ])('reads %j', (text, cpus) => {
    expect(CpuSet.fromList(text).toArray()).toEqual(cpus);
  });

  test.each([
    ['0-', 'the range 0- has no last CPU'],
    ['3-1', 'the range 3-1 runs backwards'],
    ['a', '"a" is not a CPU number or range'],
    ['1,,2', 'it has an empty item between commas'],
    [',', 'it has an empty item between commas'],
    ['1,', 'it has an empty item between commas'],
    ['-1', 'CPU numbers cannot be negative (found -1)'],
    ['0--1', '"0--1" is not a CPU number or range'],
    ['1 2', '"1 2" is not a CPU number or range'],
    ['1.5', '"1.5" is not a CPU number or range'],
    ['0-8:0', 'the stride in 0-8:0 is not usable'],
    ['0-8:3/2', 'the stride in 0-8:3/2 is not usable'],
    ['0-8:1/0', 'the stride in 0-8:1/0 is not usable'],
    ['3:2', 'the stride in 3:2 needs a range before it'],
    ['8192', 'CPU 8192 is beyond 8191, the largest CPU number Linux supports'],
    ['0-100000', 'CPU 100000 is beyond 8191, the largest CPU number Linux supports'],
  ])('refuses %j', (text, reason) => {
    const error = valueErrorOf(() => CpuSet.fromList(text));
    expect(error.reason).toBe(reason);
    expect(error.kind).toBe('CPU set');
    expect(error.input).toBe(text);
  });

  test('the message names the input, the problem and the fix on one line', () => {
    expect(() => CpuSet.fromList('3-1')).toThrow(
      'invalid CPU set "3-1": the range 3-1 runs backwards. Write the smaller CPU first: 1-3.');
  });

  test('a bare hex mask passed as a list suggests the 0x spelling', () => {
    const hint = valueErrorOf(() => CpuSet.fromList('f00')).hint;
    expect(hint).toMatch(/^If this is a hex mask, write it with 0x \(0xf00\)\./);
  });
});

describe('CpuSet.fromMask', () => {
  test.each([
    ['0xf00', [8, 9, 10, 11]],
    ['F00', [8, 9, 10, 11]],
    ['0XF', [0, 1, 2, 3]],
    ['0x0', []],
    ['0', []],
    ['0x1', [0]],
    ['00000000,0000ffff', [...Array(16).keys()]],
    ['1,00000000', [32]],
    ['0x00000001,00000000\n', [32]],
    ['0x000000000002', [1]],
  ])('reads %j', (text, cpus) => {
    expect(CpuSet.fromMask(text).toArray()).toEqual(cpus);
  });

  test('reads the widest mask Linux supports', () => {
    const mask = '0x8' + '0'.repeat(2047);
    expect(CpuSet.fromMask(mask).toArray()).toEqual([8191]);
  });

  test.each([
    ['0x', 'it has no hex digits after 0x'],
    ['', 'it is empty'],
    ['0xg', '"g" is not a hex digit'],
    ['0x-1', '"-" is not a hex digit'],
    ['0xf 0', '" " is not a hex digit'],
    ['ff,ff', 'its commas do not separate groups of 8 hex digits'],
    ['0x,00000000', 'its commas do not separate groups of 8 hex digits'],
    ['000000000,00000000', 'its commas do not separate groups of 8 hex digits'],
    ['0x1' + '0'.repeat(2048),
      'the mask sets CPU 8192, beyond 8191, the largest CPU number Linux supports'],
  ])('refuses %j', (text, reason) => {
    expect(valueErrorOf(() => CpuSet.fromMask(text)).reason).toBe(reason);
  });

  test('a long input is cut short in the message but kept whole on the error', () => {
    const text = '0x1' + '0'.repeat(2048);
    const error = valueErrorOf(() => CpuSet.fromMask(text));
    expect(error.message).toContain('"0x1' + '0'.repeat(77) + '…"');
    expect(error.input).toBe(text);
  });
});

describe('CpuSet.parse', () => {
  test('reads 0x-prefixed text as a mask', () => {
    expect(CpuSet.parse('0x10').toList()).toBe('4');
  });

  test('reads text without 0x as a list, even when it could be a mask', () => {
    expect(CpuSet.parse('10').toList()).toBe('10');
  });

  test('reads a mask after leading whitespace', () => {
    expect(CpuSet.parse(' 0x3').toList()).toBe('0-1');
  });
});

describe('CpuSet factories', () => {
  test('of sorts and removes duplicates', () => {
    expect(CpuSet.of(3, 1, 3, 2).toArray()).toEqual([1, 2, 3]);
  });

  test.each([-1, 1.5, 8192, NaN])('of refuses %p', cpu => {
    expect(() => CpuSet.of(cpu)).toThrow(
      `invalid CPU set "${cpu}": a CPU number is a whole number from 0 to 8191.`);
  });

  test('range includes both ends', () => {
    expect(CpuSet.range(2, 5).toList()).toBe('2-5');
  });

  test('range refuses a backwards range', () => {
    expect(() => CpuSet.range(5, 2)).toThrow(
      'invalid CPU set "5-2": the range runs backwards. Write the smaller CPU first: 2-5.');
  });

  test('EMPTY has no CPUs', () => {
    expect(CpuSet.EMPTY.isEmpty).toBe(true);
  });
});

describe('CpuSet queries and formatting', () => {
  const set = CpuSet.parse('0-1,8-11');

  test('size counts CPUs', () => expect(set.size).toBe(6));
  test('has finds a member', () => expect(set.has(9)).toBe(true));
  test('has misses a non-member', () => expect(set.has(7)).toBe(false));
  test('first is the lowest CPU', () => expect(set.first()).toBe(0));
  test('last is the highest CPU', () => expect(set.last()).toBe(11));
  test('first of the empty set is undefined', () => {
    expect(CpuSet.EMPTY.first()).toBeUndefined();
  });
  test('last of the empty set is undefined', () => {
    expect(CpuSet.EMPTY.last()).toBeUndefined();
  });
  test('toList joins runs into ranges', () => expect(set.toList()).toBe('0-1,8-11'));
  test('toMask writes lowercase hex', () => expect(set.toMask()).toBe('0xf03'));
  test('toMask of the empty set is 0x0', () => expect(CpuSet.EMPTY.toMask()).toBe('0x0'));
  test('toString is the list form', () => expect(`${set}`).toBe('0-1,8-11'));
  test('JSON holds the list form', () => {
    expect(JSON.stringify({ set })).toBe('{"set":"0-1,8-11"}');
  });
  test('iterates in ascending order', () => expect([...CpuSet.of(5, 2)]).toEqual([2, 5]));

  test('toArray returns a copy the caller may change', () => {
    set.toArray().push(99);
    expect(set.has(99)).toBe(false);
  });

  test('set operations on the example from the manual guide', () => {
    const all = CpuSet.range(0, 15);
    const pmd = CpuSet.parse('0xf00');
    expect(all.difference(pmd).toList()).toBe('0-7,12-15');
  });

  test('sets of 8192 CPUs', () => {
    const evens = CpuSet.fromList('0-8191:2');
    const odds = CpuSet.fromList('1-8191:2');
    const all = evens.union(odds);
    expect(all.toList()).toBe('0-8191');
    expect(CpuSet.fromMask(all.toMask()).difference(evens).intersect(odds).equals(odds))
      .toBe(true);
  });
});

describe('CpuSet algebra (properties)', () => {
  test('union is commutative and contains both sides', () => {
    fc.assert(fc.property(cpuSets, cpuSets, (a, b) => {
      const u = a.union(b);
      return u.equals(b.union(a)) && a.isSubsetOf(u) && b.isSubsetOf(u);
    }));
  });

  test('intersection holds exactly the CPUs in both', () => {
    fc.assert(fc.property(cpuSets, cpuSets, (a, b) => {
      const expected = a.toArray().filter(cpu => b.has(cpu));
      const both = a.intersect(b);
      return both.equals(CpuSet.of(...expected)) && both.equals(b.intersect(a));
    }));
  });

  test('difference is disjoint from what was removed and rebuilds the set', () => {
    fc.assert(fc.property(cpuSets, cpuSets, (a, b) => {
      const d = a.difference(b);
      return d.isDisjointFrom(b) && d.union(a.intersect(b)).equals(a);
    }));
  });

  test('de Morgan: removing a union equals removing each in turn', () => {
    fc.assert(fc.property(cpuSets, cpuSets, cpuSets, (a, b, c) =>
      a.difference(b.union(c)).equals(a.difference(b).difference(c))));
  });

  test('intersection distributes over union', () => {
    fc.assert(fc.property(cpuSets, cpuSets, cpuSets, (a, b, c) =>
      a.intersect(b.union(c)).equals(a.intersect(b).union(a.intersect(c)))));
  });

  test('a is a subset of b exactly when a ∩ b = a', () => {
    fc.assert(fc.property(cpuSets, cpuSets, (a, b) =>
      a.isSubsetOf(b) === a.intersect(b).equals(a)));
  });

  test('disjoint exactly when no CPU of a is in b', () => {
    fc.assert(fc.property(cpuSets, cpuSets, (a, b) =>
      a.isDisjointFrom(b) === !a.toArray().some(cpu => b.has(cpu))));
  });

  test('the list form round-trips', () => {
    fc.assert(fc.property(cpuSets, a => CpuSet.parse(a.toList()).equals(a)));
  });

  test('the mask form round-trips', () => {
    fc.assert(fc.property(cpuSets, a => CpuSet.parse(a.toMask()).equals(a)));
  });

  test('the mask agrees with BigInt arithmetic', () => {
    fc.assert(fc.property(cpuSets, a => {
      const expected = a.toArray().reduce((sum, cpu) => sum + 2n ** BigInt(cpu), 0n);
      return a.toMask() === `0x${expected.toString(16)}`;
    }));
  });

  test('the sysfs grouped mask reads like the plain one', () => {
    fc.assert(fc.property(cpuSets, a => {
      const digits = a.toMask().slice(2);
      const hex = digits.padStart(Math.ceil(digits.length / 8) * 8, '0');
      const grouped = hex.match(/.{8}/g)!.join(',');
      return CpuSet.fromMask(grouped).equals(a);
    }));
  });

  test('a stride lists every step-th CPU of the range', () => {
    fc.assert(fc.property(
      fc.integer({ min: 0, max: 200 }), fc.integer({ min: 0, max: 200 }),
      fc.integer({ min: 1, max: 20 }),
      (first, length, step) => {
        const last = first + length;
        const cpus = CpuSet.fromList(`${first}-${last}:${step}`).toArray();
        return cpus.every((cpu, i) => cpu === first + i * step)
          && cpus[cpus.length - 1] + step > last;
      }));
  });
});
