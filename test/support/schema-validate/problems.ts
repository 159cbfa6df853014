import type { ErrorObject } from 'ajv';

/** One fault in a manifest: the field path (`spec.networks[0].name`) and what is wrong. */
export interface Problem {
  /** Field path in the style of the API server's messages; empty for the whole object. */
  readonly path: string;
  /** What is wrong, with the value found where that helps. */
  readonly message: string;
}

/** Renders a problem as `path: message`. */
export function formatProblem(problem: Problem): string {
  return problem.path === '' ? problem.message : `${problem.path}: ${problem.message}`;
}

/**
 * Joins a field path and a key: `spec` + `config` gives `spec.config`, a key that is not
 * a plain word is quoted (`metadata.labels["kubernetes.io/os"]`) and a number in an
 * array gives `volumes[0]`.
 */
export function childPath(parent: string, key: string | number): string {
  if (typeof key === 'number') {
    return `${parent}[${key}]`;
  }
  if (/^[A-Za-z_][\w-]*$/.test(key)) {
    return parent === '' ? key : `${parent}.${key}`;
  }
  return `${parent}[${JSON.stringify(key)}]`;
}

/**
 * Describes a value found in a manifest for an error message: its JSON type, and the
 * value itself when it is short (`string "1"`, `number 70000`, `object`).
 */
export function describeValue(value: unknown): string {
  if (value === null) {
    return 'null';
  }
  if (Array.isArray(value)) {
    return 'array';
  }
  if (typeof value === 'object') {
    return 'object';
  }
  const text = JSON.stringify(value) ?? String(value);
  return `${typeof value} ${text.length > 60 ? `${text.slice(0, 57)}...` : text}`;
}

/**
 * Turns ajv errors (from our CRD schemas or from kubernetes-models) into problems with
 * field paths. The branches of an anyOf/oneOf collapse into one problem per field, and
 * each problem is reported once.
 *
 * @param errors the errors ajv reported
 * @param data the validated object, to tell array indices from map keys
 */
export function problemsFromAjv(errors: readonly ErrorObject[], data: unknown): Problem[] {
  const branchesOf = junctionBranches(errors);
  const branches = new Set([...branchesOf.values()].flat());

  const problems = errors.filter((e) => !branches.has(e)).map((error): Problem => {
    const path = fieldPath(data, error.instancePath);
    const params = error.params as Record<string, unknown>;
    if (error.keyword === 'required') {
      return {
        path: childPath(path, String(params.missingProperty)),
        message: 'required field is missing',
      };
    }
    if (error.keyword === 'additionalProperties') {
      return {
        path: childPath(path, String(params.additionalProperty)),
        message: 'unknown field: the schema does not declare it, so the API server '
          + 'drops it (or rejects the object under strict field validation)',
      };
    }
    const forms = [...new Set((branchesOf.get(error) ?? []).map(rule))];
    const found = describeValue(valueAt(data, error.instancePath));
    return forms.length > 0
      ? { path, message: `must match one of: ${forms.join(' | ')}; found ${found}` }
      : { path, message: `${rule(error)}, found ${found}` };
  });
  return unique(problems);
}

/**
 * Finds the branch errors of each anyOf/oneOf error: ajv reports them just before it, at
 * the same field. Schema paths cannot tell, as kubernetes-models reports them relative
 * to each sub-schema.
 */
function junctionBranches(errors: readonly ErrorObject[]): Map<ErrorObject, ErrorObject[]> {
  const result = new Map<ErrorObject, ErrorObject[]>();
  errors.forEach((error, index) => {
    if (error.keyword !== 'anyOf' && error.keyword !== 'oneOf') {
      return;
    }
    const branches: ErrorObject[] = [];
    for (let i = index - 1; i >= 0 && errors[i].instancePath === error.instancePath; i--) {
      if (errors[i].keyword === 'anyOf' || errors[i].keyword === 'oneOf') {
        break;
      }
      branches.unshift(errors[i]);
    }
    result.set(error, branches);
  });
  return result;
}

/** The rule an error states, without the value found. */
function rule(error: ErrorObject): string {
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'type':
      return `must be ${String(params.type).replace(/,/g, ' or ')}`;
    case 'enum':
      return `must be one of ${listValues(params.allowedValues)}`;
    case 'format':
      return formatRule(String(params.format));
    case 'pattern':
      return params.pattern === QUANTITY_PATTERN
        ? formatRule('quantity')
        : `must match ${String(params.pattern)}`;
    case 'not': {
      const excluded = (error.schema as { enum?: unknown } | undefined)?.enum;
      return Array.isArray(excluded)
        ? `must not be one of ${listValues(excluded)}`
        : error.message ?? 'is excluded by the schema';
    }
    default:
      return error.message ?? error.keyword;
  }
}

/** The pattern controller-gen writes for a resource.Quantity field. */
const QUANTITY_PATTERN = '^(\\+|-)?(([0-9]+(\\.[0-9]*)?)|(\\.[0-9]+))'
  + '(([KMGTPE]i)|[numkMGTPE]|([eE](\\+|-)?(([0-9]+(\\.[0-9]*)?)|(\\.[0-9]+))))?$';

/** Removes repeated problems (same path and message), keeping the first. */
export function unique(problems: readonly Problem[]): Problem[] {
  const seen = new Set<string>();
  return problems.filter((p) => {
    const key = formatProblem(p);
    return seen.has(key) ? false : (seen.add(key), true);
  });
}

function formatRule(format: string): string {
  switch (format) {
    case 'int32':
      return 'must be an integer from -2147483648 to 2147483647 (format int32)';
    case 'int64':
      return 'must be a 64-bit integer (format int64)';
    case 'quantity':
      return 'must be a Kubernetes quantity such as 256Mi, 1Gi or 500m';
    case 'date-time':
      return 'must be an RFC 3339 date-time such as 2024-01-31T12:00:00Z';
    default:
      return `must match format "${format}"`;
  }
}

function listValues(values: unknown): string {
  return Array.isArray(values) ? values.map((v) => JSON.stringify(v)).join(', ') : '?';
}

function pointerSegments(pointer: string): string[] {
  return pointer === ''
    ? []
    : pointer.slice(1).split('/').map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

function fieldPath(data: unknown, pointer: string): string {
  let path = '';
  let node = data;
  for (const segment of pointerSegments(pointer)) {
    path = childPath(path, Array.isArray(node) ? Number(segment) : segment);
    node = step(node, segment);
  }
  return path;
}

function valueAt(data: unknown, pointer: string): unknown {
  return pointerSegments(pointer).reduce(step, data);
}

function step(node: unknown, segment: string): unknown {
  return typeof node === 'object' && node !== null
    ? (node as Record<string, unknown>)[segment]
    : undefined;
}
