import { clusterSpecSchema } from '../../src/spec/load';
import { knownKeysAt, nearestKey } from '../../src/spec/nearest-key';

describe('nearestKey', () => {
  const keys = ['size', 'pagesPerNumaNode', 'memory', 'cpus'];

  test.each([
    ['pagesPerNumanode', 'pagesPerNumaNode'],
    ['memroy', 'memory'],
    ['cpu', 'cpus'],
    ['Size', 'size'],
  ])('takes %s for %s', (key, meant) => {
    expect(nearestKey(key, keys)).toBe(meant);
  });

  test('suggests nothing when no key is close', () => {
    expect(nearestKey('colour', keys)).toBeUndefined();
  });
});

describe('knownKeysAt', () => {
  test('gives the fields of the object at a path of the data', () => {
    expect(knownKeysAt(clusterSpecSchema(), ['nodes', '0', 'hugepages']))
      .toContain('pagesPerNumaNode');
  });

  test('gives the top-level fields for the empty path', () => {
    expect(knownKeysAt(clusterSpecSchema(), [])).toEqual(expect.arrayContaining(['name', 'vms']));
  });
});
