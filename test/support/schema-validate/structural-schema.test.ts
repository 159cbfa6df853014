import { compileJsonSchema, toJsonSchema, type StructuralSchema } from './structural-schema';

/** Validates a value against a structural schema, the way schema-validate does. */
function accepts(schema: StructuralSchema, value: unknown): boolean {
  return compileJsonSchema(toJsonSchema(schema))(value);
}

describe('toJsonSchema', () => {
  test('nullable also accepts null', () => {
    const schema = { type: 'string', nullable: true };

    expect([accepts(schema, null), accepts({ type: 'string' }, null)]).toEqual([true, false]);
  });

  test('nullable adds null to an enum', () => {
    expect(accepts({ type: 'string', enum: ['a'], nullable: true }, null)).toBe(true);
  });

  test('x-kubernetes-int-or-string accepts an integer or a string, nothing else', () => {
    const schema = {
      'anyOf': [{ type: 'integer' }, { type: 'string' }],
      'x-kubernetes-int-or-string': true,
    };

    expect([1, '1', true, 1.5].map((v) => accepts(schema, v)))
      .toEqual([true, true, false, false]);
  });

  test('x-kubernetes-int-or-string drops the equivalent anyOf controller-gen writes', () => {
    const schema = {
      'anyOf': [{ type: 'integer' }, { type: 'string' }],
      'x-kubernetes-int-or-string': true,
    };

    expect(toJsonSchema(schema)).toEqual({ type: ['integer', 'string'] });
  });

  test('an object with declared fields rejects others, as the API server prunes them', () => {
    const schema = { type: 'object', properties: { a: { type: 'string' } } };

    expect([accepts(schema, { a: 'x' }), accepts(schema, { b: 'x' })]).toEqual([true, false]);
  });

  test('an object that declares no fields keeps none (an empty struct such as vhostUser)', () => {
    expect(accepts({ type: 'object' }, { anything: 1 })).toBe(false);
  });

  test('x-kubernetes-preserve-unknown-fields keeps undeclared fields', () => {
    const schema = {
      'type': 'object',
      'properties': { a: { type: 'string' } },
      'x-kubernetes-preserve-unknown-fields': true,
    };

    expect(accepts(schema, { b: { deep: [1] } })).toBe(true);
  });

  test('a map (additionalProperties) checks its values', () => {
    const schema = { type: 'object', additionalProperties: { type: 'string' } };

    expect([accepts(schema, { k: 'v' }), accepts(schema, { k: 1 })]).toEqual([true, false]);
  });

  test('anyOf branches add checks without rejecting the fields they omit', () => {
    const schema = {
      type: 'object',
      properties: { a: { type: 'string' }, b: { type: 'string' } },
      anyOf: [{ required: ['a'] }, { properties: { b: { minLength: 2 } } }],
    };

    expect(accepts(schema, { a: 'x', b: 'y' })).toBe(true);
  });

  test('x-kubernetes-list-type set rejects repeated items', () => {
    const schema = {
      'type': 'array',
      'items': { type: 'string' },
      'x-kubernetes-list-type': 'set',
    };

    expect([accepts(schema, ['a', 'b']), accepts(schema, ['a', 'a'])]).toEqual([true, false]);
  });

  test('x-kubernetes-list-type map rejects two items with the same keys', () => {
    const schema = {
      'type': 'array',
      'items': {
        type: 'object',
        properties: { name: { type: 'string' }, port: { type: 'integer' } },
      },
      'x-kubernetes-list-type': 'map',
      'x-kubernetes-list-map-keys': ['name'],
    };

    expect([
      accepts(schema, [{ name: 'a', port: 1 }, { name: 'b', port: 1 }]),
      accepts(schema, [{ name: 'a', port: 1 }, { name: 'a', port: 2 }]),
    ]).toEqual([true, false]);
  });

  test('x-kubernetes-embedded-resource requires apiVersion and kind', () => {
    const schema = {
      'type': 'object',
      'x-kubernetes-embedded-resource': true,
      'x-kubernetes-preserve-unknown-fields': true,
    };

    expect([
      accepts(schema, { apiVersion: 'v1', kind: 'Pod', spec: {} }),
      accepts(schema, { spec: {} }),
    ]).toEqual([true, false]);
  });

  test('OpenAPI\'s boolean exclusiveMinimum excludes the minimum itself', () => {
    const schema = { type: 'integer', minimum: 0, exclusiveMinimum: true };

    expect([accepts(schema, 1), accepts(schema, 0)]).toEqual([true, false]);
  });

  test('format int32 bounds the value', () => {
    const schema = { type: 'integer', format: 'int32' };

    expect([accepts(schema, 2 ** 31 - 1), accepts(schema, 2 ** 31)]).toEqual([true, false]);
  });

  test('format quantity accepts Kubernetes quantities only', () => {
    const schema = { type: 'string', format: 'quantity' };

    expect(['1Gi', '500m', '1e3', '1 Gi', 'Gi'].map((v) => accepts(schema, v)))
      .toEqual([true, true, true, false, false]);
  });

  test('CEL rules are refused rather than silently skipped', () => {
    const schema = {
      type: 'object',
      properties: { spec: { 'type': 'object', 'x-kubernetes-validations': [] } },
    };

    expect(() => toJsonSchema(schema)).toThrow(
      'schema-validate: keyword "x-kubernetes-validations" at (root).spec is not supported');
  });
});
