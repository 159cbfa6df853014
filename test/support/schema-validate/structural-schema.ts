import Ajv, { type ValidateFunction } from 'ajv';

/** A node of a Kubernetes structural schema (a CRD's openAPIV3Schema or below). */
export type StructuralSchema = { readonly [keyword: string]: unknown };

/** A JSON Schema (draft-07) node, ready for ajv. */
export type JsonSchema = { [keyword: string]: unknown };

/** Keywords whose meaning is the same in OpenAPI v3 and JSON Schema draft-07. */
const COPIED = new Set([
  'type', 'required', 'enum', 'minimum', 'maximum', 'multipleOf', 'format',
  'minLength', 'maxLength', 'pattern', 'minItems', 'maxItems', 'uniqueItems',
  'minProperties', 'maxProperties',
]);

/**
 * Keywords that change nothing about which values are valid: documentation, defaults
 * (applied by the server before validation), and merge strategies for server-side apply.
 */
const ANNOTATIONS = new Set([
  'description', 'title', 'default', 'example', 'externalDocs',
  'x-kubernetes-map-type', 'x-kubernetes-list-map-keys',
]);

/** Keywords read by the post-processing steps of {@link toJsonSchema}. */
const EXTENSIONS = new Set([
  'nullable', 'exclusiveMinimum', 'exclusiveMaximum',
  'x-kubernetes-int-or-string', 'x-kubernetes-preserve-unknown-fields',
  'x-kubernetes-embedded-resource', 'x-kubernetes-list-type',
]);

/**
 * Where a node sits: a declaring node rejects the fields it does not declare; a node
 * inside allOf/anyOf/oneOf/not (and below it) only adds value checks to fields declared
 * beside the junctor, so it never rejects fields on its own.
 */
type Position = 'declaring' | 'junctor';

/**
 * Converts a Kubernetes structural schema to JSON Schema draft-07 with the API server's
 * meaning:
 *
 * - `nullable: true` also accepts null;
 * - `x-kubernetes-int-or-string` accepts an integer or a string (and drops the
 *   equivalent anyOf that controller-gen writes beside it);
 * - an object that declares its fields, or declares none, rejects undeclared fields unless
 *   `x-kubernetes-preserve-unknown-fields` is set: the API server prunes those fields
 *   (warning by default, rejecting under `fieldValidation=Strict`, which is kubectl's
 *   `--validate=strict` default), so they never reach the controller;
 * - `x-kubernetes-embedded-resource` requires apiVersion and kind;
 * - `x-kubernetes-list-type: set` requires unique items, `map` unique key tuples;
 * - OpenAPI's boolean `exclusiveMinimum`/`exclusiveMaximum` become draft-07 numbers.
 *
 * CEL rules (`x-kubernetes-validations`) and any other keyword not listed above throw,
 * so that a new upstream construct is noticed instead of silently ignored.
 *
 * @param node the structural schema node
 * @param at the field path of the node, for error messages
 * @param position whether the node declares fields or only adds checks
 */
export function toJsonSchema(
  node: StructuralSchema,
  at = '(root)',
  position: Position = 'declaring',
): JsonSchema {
  const out: JsonSchema = {};
  for (const [keyword, value] of Object.entries(node)) {
    if (COPIED.has(keyword)) {
      out[keyword] = value;
    } else if (keyword === 'properties') {
      out.properties = Object.fromEntries(Object.entries(asRecord(value, at, keyword))
        .map(([name, child]) => [
          name, toJsonSchema(asNode(child, at), `${at}.${name}`, position),
        ]));
    } else if (keyword === 'items') {
      out.items = toJsonSchema(asNode(value, at), `${at}[*]`, position);
    } else if (keyword === 'additionalProperties') {
      out.additionalProperties = typeof value === 'boolean'
        ? value
        : toJsonSchema(asNode(value, at), `${at}[*]`, position);
    } else if (keyword === 'allOf' || keyword === 'anyOf' || keyword === 'oneOf') {
      out[keyword] = asArray(value, at, keyword)
        .map((branch) => toJsonSchema(asNode(branch, at), at, 'junctor'));
    } else if (keyword === 'not') {
      out.not = toJsonSchema(asNode(value, at), at, 'junctor');
    } else if (!ANNOTATIONS.has(keyword) && !EXTENSIONS.has(keyword)) {
      throw new Error(`schema-validate: keyword "${keyword}" at ${at} is not supported; `
        + 'teach toJsonSchema (test/support/schema-validate/structural-schema.ts) '
        + 'what the API server does with it');
    }
  }

  applyIntOrString(node, out);
  applyExclusiveBounds(node, out);
  applyListType(node, out, at);
  applyEmbeddedResource(node, out);
  applyNullable(node, out);
  if (position === 'declaring' && isObjectNode(out)
    && node['x-kubernetes-preserve-unknown-fields'] !== true
    && out.additionalProperties === undefined) {
    out.additionalProperties = false;
  }
  return out;
}

/**
 * Compiles converted schemas. Every error is reported (not only the first); a junctor
 * branch may require a field it does not itself declare (a common "one of these fields"
 * idiom); `int32`/`int64` are range-checked: the API server does not check them, but the
 * controller's Go client fails to decode an out-of-range number, so the object is
 * accepted and then never acted on.
 */
export function compileJsonSchema(schema: JsonSchema): ValidateFunction {
  return AJV.compile(schema);
}

const INT32 = 2 ** 31;
const INT64 = 2 ** 63;
const AJV = new Ajv({
  allErrors: true, strict: true, strictTypes: false, strictRequired: false, verbose: true,
});
AJV.addFormat('int32', { type: 'number', validate: (n) => isIntegerIn(n, INT32) });
AJV.addFormat('int64', { type: 'number', validate: (n) => isIntegerIn(n, INT64) });
AJV.addFormat('date-time', /^\d{4}-\d\d-\d\d[Tt ]\d\d:\d\d:\d\d(\.\d+)?([Zz]|[+-]\d\d:\d\d)$/);
AJV.addFormat('quantity', /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+|[KMGTPE]i|[numkMGTPE])?$/);
AJV.addKeyword({
  keyword: 'listMapKeys',
  type: 'array',
  schemaType: 'array',
  error: {
    message: ({ schema }) => `must not repeat an item with the same ${schema.join(' and ')}`,
  },
  validate: (keys: string[], items: unknown[]) => {
    const seen = items.map((item) => JSON.stringify(keys.map((k) => fieldOf(item, k))));
    return new Set(seen).size === seen.length;
  },
});

function isIntegerIn(n: number, bound: number): boolean {
  return Number.isInteger(n) && n >= -bound && n < bound;
}

function fieldOf(item: unknown, key: string): unknown {
  return typeof item === 'object' && item !== null
    ? (item as Record<string, unknown>)[key]
    : undefined;
}

function applyIntOrString(node: StructuralSchema, out: JsonSchema): void {
  if (node['x-kubernetes-int-or-string'] !== true) {
    return;
  }
  out.type = ['integer', 'string'];
  const branches = JSON.stringify(out.anyOf ?? null);
  if (branches === '[{"type":"integer"},{"type":"string"}]') {
    delete out.anyOf;
  }
}

function applyExclusiveBounds(node: StructuralSchema, out: JsonSchema): void {
  for (const [exclusive, bound] of [
    ['exclusiveMinimum', 'minimum'], ['exclusiveMaximum', 'maximum'],
  ] as const) {
    if (node[exclusive] === true && typeof node[bound] === 'number') {
      out[exclusive] = node[bound];
      delete out[bound];
    }
  }
}

function applyListType(node: StructuralSchema, out: JsonSchema, at: string): void {
  const listType = node['x-kubernetes-list-type'];
  if (listType === 'set') {
    out.uniqueItems = true;
  } else if (listType === 'map') {
    const keys = node['x-kubernetes-list-map-keys'];
    if (!Array.isArray(keys) || keys.length === 0) {
      throw new Error(`schema-validate: list-type map at ${at} has no list-map-keys`);
    }
    out.listMapKeys = keys;
  }
}

function applyEmbeddedResource(node: StructuralSchema, out: JsonSchema): void {
  if (node['x-kubernetes-embedded-resource'] !== true) {
    return;
  }
  out.properties = {
    apiVersion: { type: 'string' },
    kind: { type: 'string' },
    metadata: { type: 'object' },
    ...(out.properties as JsonSchema | undefined),
  };
  const required = (out.required as string[] | undefined) ?? [];
  out.required = [...new Set(['apiVersion', 'kind', ...required])];
}

function applyNullable(node: StructuralSchema, out: JsonSchema): void {
  if (node.nullable !== true) {
    return;
  }
  if (typeof out.type === 'string') {
    out.type = [out.type, 'null'];
  } else if (Array.isArray(out.type)) {
    out.type = [...out.type, 'null'];
  }
  if (Array.isArray(out.enum)) {
    out.enum = [...out.enum, null];
  }
}

function isObjectNode(out: JsonSchema): boolean {
  return out.type === 'object' || (out.type === undefined && out.properties !== undefined);
}

function asNode(value: unknown, at: string): StructuralSchema {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new Error(`schema-validate: expected a schema object at ${at}`);
  }
  return value as StructuralSchema;
}

function asRecord(value: unknown, at: string, keyword: string): StructuralSchema {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new Error(`schema-validate: "${keyword}" at ${at} must be a map`);
  }
  return value as StructuralSchema;
}

function asArray(value: unknown, at: string, keyword: string): unknown[] {
  if (!Array.isArray(value)) {
    throw new Error(`schema-validate: "${keyword}" at ${at} must be a list`);
  }
  return value;
}
