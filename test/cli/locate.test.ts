import { pathSegments, SpecLocator } from '../../src/cli/locate';

const text = [
  'name: demo', //                       line 1
  'nodes:', //                           line 2
  '  - name: dpdk', //                   line 3
  '    ovs:', //                         line 4
  '      socketMem: "1024"', //          line 5
  '    nics:', //                        line 6
  '      - pci: "0000:af:00.0"', //      line 7
  '      - pci: "0000:af:00.1"', //      line 8
  '',
].join('\n');
const locator = SpecLocator.fromText(text, 'demo.yaml');

describe('pathSegments', () => {
  test('splits a field path at dots and list indexes', () => {
    expect(pathSegments('nodes[0].nics[12].pci')).toEqual(['nodes', '0', 'nics', '12', 'pci']);
  });
});

describe('SpecLocator', () => {
  test('places a map field at its key', () => {
    expect(locator.locate('nodes[0].ovs.socketMem'))
      .toEqual({ file: 'demo.yaml', line: 5, column: 7 });
  });

  test('places a list item at its first character', () => {
    expect(locator.locate('nodes[0].nics[1]')?.line).toBe(8);
  });

  test('places a field left out at the nearest field written', () => {
    expect(locator.locate('nodes[0].ovs.socketLimit')?.line).toBe(4);
  });

  test('places an index past the end of a list at the list', () => {
    expect(locator.locate('nodes[0].nics[5].pci')?.line).toBe(6);
  });

  test('places a merged field where its anchor defines it, and an own field at its key', () => {
    const merged = SpecLocator.fromText([
      'x-vm: &vm', //                      line 1
      '  cpus: 2', //                      line 2
      'vms:', //                           line 3
      '  - <<: *vm', //                    line 4
      '    name: vm-1', //                 line 5
      '    cpus: 4', //                    line 6
      '  - { <<: *vm, name: vm-2 }', //    line 7
      '',
    ].join('\n'), 'vm.yaml');
    expect([merged.locate('vms[0].cpus')?.line, merged.locate('vms[1].cpus')?.line,
      merged.locate('vms[1].name')?.line]).toEqual([6, 2, 7]);
  });

  test('has no place for the whole spec', () => {
    expect(locator.locate('')).toBeUndefined();
  });

  test('keeps the place a finding has when its field is not written', () => {
    const given = { file: 'demo.yaml', line: 2, column: 1 };
    const [placed] = locator.addLocations([{
      code: 'X001',
      severity: 'error',
      path: 'nodes[0].kubelet',
      message: 'm',
      hint: 'h',
      location: given,
    }]);
    expect(placed.location).toBe(given);
  });

  test('moves a finding to the key of its field when the field is written', () => {
    const [placed] = locator.addLocations([{
      code: 'X001',
      severity: 'error',
      path: 'nodes[0].ovs',
      message: 'm',
      hint: 'h',
      location: { file: 'demo.yaml', line: 5, column: 7 },
    }]);
    expect(placed.location?.line).toBe(4);
  });
});
