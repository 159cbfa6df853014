import type { ErrorObject } from 'ajv';
import { ClusterSpec } from '../../spec';
import { knownSpecKeysAt, nearestKey } from '../../spec/nearest-key';
import { pointerSegments, specPath, valueAt } from '../../spec/pointer';
import { validateSpecSchema } from '../../spec/schema-validator';
import { Findings } from '../findings';

/**
 * Checks that a value has the shape of a `ClusterSpec` (SPEC001), with the
 * JSON Schema that spec files are read with: object types, required fields,
 * no unknown fields, enum values, finite numbers. Planning reads only specs
 * that pass, so that no planner meets a string where it expects an array.
 *
 * TypeScript callers rarely fail this check; it guards JavaScript callers and
 * values built at run time.
 *
 * @returns whether the value can be planned
 */
export function checkShape(value: unknown, findings: Findings): value is ClusterSpec {
  if (validateSpecSchema(value)) {
    return true;
  }
  const seen = new Set<string>();
  for (const error of validateSpecSchema.errors ?? []) {
    if (['anyOf', 'oneOf', 'if'].includes(error.keyword)) {
      continue;
    }
    const { path, message, hint } = describe(error, value);
    const key = `${path}|${message}`;
    if (!seen.has(key)) {
      seen.add(key);
      findings.error('SPEC001', { path, message, hint });
    }
  }
  return false;
}

/** A shape fault in words. */
interface Described {
  readonly path: string;
  readonly message: string;
  readonly hint: string;
}

function describe(error: ErrorObject, root: unknown): Described {
  const segments = pointerSegments(error.instancePath);
  const path = specPath(segments);
  const what = path === '' ? 'the cluster spec' : path;
  const found = show(valueAt(root, segments));

  switch (error.keyword) {
    case 'type':
      return {
        path,
        message: `${what} must be ${article(String(error.params.type))}, found ${found}`,
        hint: `write ${what} as ${article(String(error.params.type))}`,
      };
    case 'required': {
      const field = String(error.params.missingProperty);
      return {
        path: path === '' ? field : `${path}.${field}`,
        message: `${what} has no ${JSON.stringify(field)}, which is required`,
        hint: `add ${JSON.stringify(field)}`,
      };
    }
    case 'additionalProperties': {
      const field = String(error.params.additionalProperty);
      const meant = nearestKey(field, knownSpecKeysAt(segments));
      return {
        path: path === '' ? field : `${path}.${field}`,
        message: `${what} has the unknown field ${JSON.stringify(field)}`
          + (meant === undefined ? '' : `: did you mean ${JSON.stringify(meant)}?`),
        hint: meant === undefined
          ? `remove ${JSON.stringify(field)} or check its spelling against the spec types`
          : `rename ${JSON.stringify(field)} to ${JSON.stringify(meant)}`,
      };
    }
    case 'enum':
    case 'const':
      return {
        path,
        message: `${what} is ${found}, which is not an allowed value`,
        hint: `use one of: ${allowed(error).join(', ')}`,
      };
    default:
      return {
        path,
        message: `${what} is ${found}: ${error.message ?? 'invalid value'}`,
        hint: 'write the value with the type the spec types give for this field',
      };
  }
}

function allowed(error: ErrorObject): string[] {
  const values = error.keyword === 'const'
    ? [error.params.allowedValue]
    : (error.params.allowedValues as unknown[]);
  return values.map((v) => JSON.stringify(v));
}

/** A short, safe rendering of any value for a message. */
function show(value: unknown): string {
  if (value === null) {
    return 'null';
  }
  if (Array.isArray(value)) {
    return `an array of ${value.length}`;
  }
  switch (typeof value) {
    case 'string':
      return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
    case 'number':
    case 'boolean':
    case 'bigint':
      return `${typeof value} ${String(value)}`;
    case 'object':
      return 'an object';
    default:
      return typeof value;
  }
}

function article(type: string): string {
  return /^[aeiou]/.test(type) ? `an ${type}` : `a ${type}`;
}
