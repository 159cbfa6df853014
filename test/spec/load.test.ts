import { loadSpec } from '../../src/spec/load';

const minimal = `
name: lab
userspaceCni: {}
nodes:
  - name: pool-a
    topology:
      uniform: { numaNodes: 1, coresPerNumaNode: 8, memoryPerNumaNode: 64Gi }
`;

describe('loadSpec', () => {
  test('reads a well-formed spec without findings', () => {
    const loaded = loadSpec(minimal, 'lab.yaml');
    expect(loaded.diagnostics).toEqual([]);
    expect(loaded.spec?.nodes[0].name).toBe('pool-a');
  });

  test('reports an unknown key with its path and line', () => {
    const text = minimal.replace('    topology:', '    topolgy: {}\n    topology:');
    const [d] = loadSpec(text, 'lab.yaml').diagnostics;
    expect(d).toMatchObject({
      code: 'FILE002',
      path: 'nodes[0].topolgy',
      message: 'unknown field "topolgy": did you mean "topology"?',
      hint: 'rename "topolgy" to "topology"',
      location: { file: 'lab.yaml', line: 6 },
    });
  });

  test('suggests the known key of that object that differs only in case', () => {
    const text = minimal.replace('64Gi }', '64Gi }\n    hugepages: { pagesPerNumanode: 4 }');
    expect(loadSpec(text).diagnostics[0].message)
      .toBe('unknown field "pagesPerNumanode": did you mean "pagesPerNumaNode"?');
  });

  test('suggests nothing for an unknown key far from every known one', () => {
    const text = minimal.replace('name: lab', 'name: lab\nfavouriteColour: blue');
    expect(loadSpec(text).diagnostics[0]).toMatchObject({
      message: 'unknown field "favouriteColour"',
      hint: 'remove "favouriteColour" or check its spelling against the schema',
    });
  });

  test('merges YAML merge keys, and ignores top-level x- keys that hold the anchors', () => {
    const text = `${minimal}networks: [{ name: net, cidr: 10.0.0.0/24 }]
x-vm: &vm { cpus: 2, memory: 4Gi, interfaces: [{ network: net }] }
vms:
  - { <<: *vm, name: vm-1 }
  - { <<: *vm, name: vm-2, cpus: 4 }
`;
    const loaded = loadSpec(text);
    expect(loaded.diagnostics).toEqual([]);
    expect(loaded.spec?.vms?.map((vm) => `${vm.name} ${vm.cpus} ${vm.memory}`))
      .toEqual(['vm-1 2 4Gi', 'vm-2 4 4Gi']);
    expect(Object.keys(loaded.spec ?? {})).not.toContain('x-vm');
  });

  test('places a fault of a merged field at the anchor that defines it', () => {
    const text = `${minimal}x-vm: &vm
  cpus: two
vms:
  - { <<: *vm, name: vm-1, memory: 4Gi, interfaces: [] }
`;
    expect(loadSpec(text).diagnostics[0]).toMatchObject({
      code: 'FILE005', path: 'vms[0].cpus', location: { line: 9 },
    });
  });

  test('keeps unknown x- keys below the top level unknown', () => {
    const text = minimal.replace('  - name: pool-a', '  - name: pool-a\n    x-note: hi');
    expect(loadSpec(text).diagnostics.map((d) => `${d.code} ${d.path}`))
      .toEqual(['FILE002 nodes[0].x-note']);
  });

  test('reports every fault at once', () => {
    const text = minimal
      .replace('numaNodes: 1', 'numaNodes: one')
      .replace('name: lab', 'name: lab\nvms: [{ name: vm1 }]');
    const codes = loadSpec(text).diagnostics.map((d) => `${d.code} ${d.path}`);
    expect(codes).toEqual(expect.arrayContaining([
      'FILE005 nodes[0].topology.uniform.numaNodes',
      'FILE003 vms[0]',
    ]));
    expect(codes.length).toBeGreaterThanOrEqual(3);
  });

  test('reports a bad enum value with the allowed values', () => {
    const text = minimal.replace('64Gi }', '64Gi, siblings: paired }');
    const [d] = loadSpec(text).diagnostics;
    expect(d.code).toBe('FILE004');
    expect(d.hint).toBe('use one of: split, adjacent');
  });

  test('names the bad value of an enum', () => {
    const text = minimal.replace('64Gi }', '64Gi, siblings: paired }');
    expect(loadSpec(text).diagnostics[0].message).toBe('"paired" is not one of the allowed values');
  });

  test('names the value of the wrong type', () => {
    const text = minimal.replace('numaNodes: 1', 'numaNodes: one');
    expect(loadSpec(text).diagnostics[0].message).toBe('"one" must be number');
  });

  test.each([
    ['', 'the file is empty: a cluster spec is a mapping of fields (name, nodes, ...)'],
    ['# only a comment\n', 'the file is empty: a cluster spec is a mapping of fields '
      + '(name, nodes, ...)'],
    ['- name: lab\n', 'a cluster spec is a mapping of fields (name, nodes, ...), but the file '
      + 'holds a list'],
    ['null\n', 'a cluster spec is a mapping of fields (name, nodes, ...), but the file '
      + 'holds a null ("null")'],
    ['~\n', 'a cluster spec is a mapping of fields (name, nodes, ...), but the file '
      + 'holds a null ("~")'],
    ['lab\n', 'a cluster spec is a mapping of fields (name, nodes, ...), but the file holds '
      + 'a string ("lab")'],
  ])('says what a file that is not a mapping holds: %j', (text, message) => {
    expect(loadSpec(text, 'x.yaml').diagnostics).toEqual([expect.objectContaining({
      code: 'FILE005', path: '', message, location: expect.objectContaining({ line: 1 }),
    })]);
  });

  test('turns a YAML syntax error into a diagnostic with a line', () => {
    const [d] = loadSpec('name: [unclosed\nnodes: []\n', 'bad.yaml').diagnostics;
    expect(d.code).toBe('FILE001');
    expect(d.location?.file).toBe('bad.yaml');
  });

  test('names a duplicate key, its field and the lines of both', () => {
    const text = minimal.replace('  - name: pool-a', '  - name: pool-a\n    name: pool-b');
    expect(loadSpec(text, 'dup.yaml').diagnostics).toEqual([expect.objectContaining({
      code: 'FILE001',
      path: 'nodes[0].name',
      message: 'the file is not valid YAML: the key "name" is given twice in one mapping, '
        + 'at line 5 and again at line 6',
      hint: 'keep one "name" (line 5 or line 6) and delete the other',
      location: expect.objectContaining({ line: 6 }),
    })]);
  });
});
