import { readFileSync } from 'fs';
import Ajv from 'ajv';
import { currentSpecValidator, SCHEMA_FILE, VALIDATOR_FILE } from '../../scripts/spec-validator';
import { validateEntrySchema, validateSpecSchema } from '../../src/spec/schema-validator';

describe('the compiled spec validator', () => {
  test('is up to date with schema/cluster-spec.schema.json '
    + '(run: npx projen schema)', () => {
    expect(readFileSync(VALIDATOR_FILE, 'utf8') === currentSpecValidator()).toBe(true);
  });

  test('finds the faults ajv finds when it compiles the schema at run time', () => {
    const compiled = new Ajv({ allErrors: true, strict: false })
      .compile(JSON.parse(readFileSync(SCHEMA_FILE, 'utf8')));
    const spec = {
      name: 'lab',
      nodes: [{ name: 'a', topology: { uniform: { numaNodes: '2' } }, extra: 1 }],
      vms: [{ name: 'vm', memory: 4, interfaces: [{}], runPolicy: 'Sometimes' }],
    };

    expect(validateSpecSchema(spec)).toBe(false);
    compiled(spec);
    expect(validateSpecSchema.errors).toEqual(compiled.errors);
  });

  test('passes a well-formed spec', () => {
    expect(validateSpecSchema({ name: 'lab', nodes: [], userspaceCni: {} })).toBe(true);
  });

  test.each([
    ['vms', { name: 'vm', memory: '2Gi', interfaces: [{ network: 'net' }] }],
    ['vms', { name: 'vm', memory: 4, interfaces: [{}], runPolicy: 'Sometimes' }],
    ['vms', { name: 'vm', memory: '2Gi', interfaces: [], cloudInit: { password: 1 } }],
    ['nodes', { name: 'a', topology: { lscpu: '0,0,0,0' } }],
    ['nodes', { name: 'a', topology: { uniform: { numaNodes: '2' } }, extra: 1 }],
    ['networks', { name: 'net', cidr: '10.0.0.0/24' }],
    ['networks', { name: 'net', path: 'sriov' }],
    ['subnets', { name: 'sub', network: 'net', cidr: '10.0.0.0/24' }],
    ['subnets', { name: 'sub', network: 'net' }],
  ] as const)('an entry of %s passes alone exactly when a spec holding it passes (%#)',
    (section, entry) => {
      const inSpec = validateSpecSchema({ name: 'lab', nodes: [], [section]: [entry] });

      expect(validateEntrySchema[section]?.(entry)).toBe(inSpec);
    });
});
