import { specEntryOf } from '../../src/spec';

describe('specEntryOf', () => {
  test('an array entry is named by its section and index', () => {
    expect(specEntryOf('vms[2].interfaces[0].network')).toEqual({ section: 'vms', index: 2 });
  });

  test('a path that is the entry itself is about the entry', () => {
    expect(specEntryOf('nodes[1]')).toEqual({ section: 'nodes', index: 1 });
  });

  test('the single-valued sections are entry 0', () => {
    expect(specEntryOf('kubeOvn.version')).toEqual({ section: 'kubeOvn', index: 0 });
    expect(specEntryOf('userspaceCni')).toEqual({ section: 'userspaceCni', index: 0 });
    expect(specEntryOf('perfKit.nodes[1]')).toEqual({ section: 'perfKit', index: 0 });
  });

  test('cluster-wide paths are about no entry', () => {
    expect(['', 'name', 'versions.ovs', 'nodes', 'networks'].map(specEntryOf))
      .toEqual([undefined, undefined, undefined, undefined, undefined]);
  });

  test('a longer field name that starts like a section is not that section', () => {
    expect(specEntryOf('kubeOvnExtra.x')).toBeUndefined();
  });
});
