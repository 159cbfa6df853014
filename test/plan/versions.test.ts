import { Version } from '../../src/plan/versions';
import { valueErrorOf } from '../support/value-error';

describe('Version.parse', () => {
  test.each([
    ['v1.10.7', [1, 10, 7]],
    ['1.32', [1, 32, 0]],
    ['3.1', [3, 1, 0]],
    ['3.1.0-2+deb12u1', [3, 1, 0]],
    ['6.1.0-18-amd64', [6, 1, 0]],
    ['5.16', [5, 16, 0]],
    ['v1.16.2-dpdk', [1, 16, 2]],
    [' 1.33.1 ', [1, 33, 1]],
  ])('reads %j', (text, [major, minor, patch]) => {
    const version = Version.parse(text);
    expect([version.major, version.minor, version.patch]).toEqual([major, minor, patch]);
  });

  test('keeps the text as given', () => {
    expect(Version.parse('v1.10.7').toString()).toBe('v1.10.7');
  });

  test.each(['', '1', 'latest', 'v', '1.x', 'one.two'])('refuses %j', (text) => {
    expect(valueErrorOf(() => Version.parse(text, 'kubelet')).message)
      .toMatch(/^invalid kubelet version/);
  });
});

describe('Version comparisons', () => {
  test('orders by major, then minor, then patch', () => {
    expect(Version.parse('1.9').compare('1.10')).toBe(-1);
    expect(Version.parse('2.0').compare('1.99')).toBe(1);
    expect(Version.parse('3.3.1').compare('3.3')).toBe(1);
    expect(Version.parse('v3.3.0').compare('3.3')).toBe(0);
  });

  test('atLeast includes the version itself', () => {
    expect(Version.parse('1.32').atLeast('1.32')).toBe(true);
    expect(Version.parse('1.31.9').atLeast('1.32')).toBe(false);
  });

  test('below is the opposite of atLeast', () => {
    expect(Version.parse('3.4').below('3.5')).toBe(true);
    expect(Version.parse('3.5').below('3.5')).toBe(false);
  });

  test('majorMinor names the release line', () => {
    expect(Version.of(3, 5, 2).majorMinor).toBe('3.5');
  });
});
