import type { ErrorObject } from 'ajv';
import { childPath, describeValue, formatProblem, problemsFromAjv, unique } from './problems';

function ajvError(
  instancePath: string, keyword: string, params = {}, message?: string,
): ErrorObject {
  return { instancePath, schemaPath: `#/${keyword}`, keyword, params, message };
}

describe('childPath', () => {
  test('joins plain keys with dots and indexes arrays', () => {
    expect(childPath(childPath(childPath('', 'spec'), 'volumes'), 0)).toBe('spec.volumes[0]');
  });

  test('quotes a key that is not a plain word', () => {
    expect(childPath('metadata.labels', 'kubernetes.io/os'))
      .toBe('metadata.labels["kubernetes.io/os"]');
  });

  test('keeps a resource name with a dash as a plain key', () => {
    expect(childPath('limits', 'hugepages-1Gi')).toBe('limits.hugepages-1Gi');
  });
});

describe('describeValue', () => {
  test('names the type and shows a short value', () => {
    expect([describeValue('1'), describeValue(3), describeValue(null), describeValue([])])
      .toEqual(['string "1"', 'number 3', 'null', 'array']);
  });

  test('cuts a long value', () => {
    expect(describeValue('x'.repeat(100))).toBe(`string "${'x'.repeat(56)}...`);
  });
});

describe('problemsFromAjv', () => {
  test('tells an array index from a map key named like a number', () => {
    const data = { list: [{ a: 1 }], map: { 0: { a: 1 } } };
    const errors = [
      ajvError('/list/0/a', 'type', { type: 'string' }),
      ajvError('/map/0/a', 'type', { type: 'string' }),
    ];

    expect(problemsFromAjv(errors, data).map(formatProblem)).toEqual([
      'list[0].a: must be string, found number 1',
      'map["0"].a: must be string, found number 1',
    ]);
  });

  test('puts a missing field and an unknown field at their own paths', () => {
    const errors = [
      ajvError('/spec', 'required', { missingProperty: 'instance' }),
      ajvError('/spec', 'additionalProperties', { additionalProperty: 'extra' }),
    ];

    expect(problemsFromAjv(errors, { spec: { extra: 1 } }).map((p) => p.path))
      .toEqual(['spec.instance', 'spec.extra']);
  });

  test('collapses the branches of a oneOf into one problem', () => {
    const errors = [
      ajvError('/cpu', 'type', { type: 'number' }, 'must be number'),
      ajvError('/cpu', 'format', { format: 'quantity' }),
      ajvError('/cpu', 'oneOf', {}),
    ];

    expect(problemsFromAjv(errors, { cpu: 'x' }).map(formatProblem)).toEqual([
      'cpu: must match one of: must be number | must be a Kubernetes quantity such as 256Mi, '
        + '1Gi or 500m; found string "x"',
    ]);
  });
});

describe('unique', () => {
  test('keeps the first of two identical problems', () => {
    const problem = { path: 'a', message: 'b' };

    expect(unique([problem, { ...problem }, { path: 'a', message: 'c' }])).toHaveLength(2);
  });
});
