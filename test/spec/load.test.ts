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
      message: 'unknown field "topolgy"',
      location: { file: 'lab.yaml', line: 6 },
    });
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
});
