import type { ErrorObject } from 'ajv';
import { Document, isMap, isScalar, isSeq, LineCounter, Node, parseDocument } from 'yaml';
import { ClusterSpec } from './cluster';
import { knownSpecKeysAt, nearestKey } from './nearest-key';
import { pointerSegments, specPath, valueAt } from './pointer';
import { validateSpecSchema } from './schema-validator';
import { pairOf, resolved } from './yaml-merge';
import { syntaxFinding } from './yaml-syntax';
import { Diagnostic, SourceLocation } from '../diagnostics/diagnostic';

/** The result of reading a spec file: a spec when it is well formed, and every finding. */
export interface LoadedSpec {
  /** Undefined when the file has errors. */
  readonly spec?: ClusterSpec;
  /** Syntax and schema findings, with lines. */
  readonly diagnostics: Diagnostic[];
}

export { clusterSpecSchema } from './schema-file';

/**
 * Reads a cluster spec from YAML (or JSON) text. Syntax errors, unknown
 * keys, wrong types and bad enum values all become diagnostics with the
 * YAML path and line; nothing throws.
 *
 * YAML merge keys work as in Kubernetes manifests (`<<: *vm`), and top-level
 * keys that start with `x-` are dropped, as the place to define anchors.
 *
 * @param text the file content
 * @param file the file name to report
 */
export function loadSpec(text: string, file = '<spec>'): LoadedSpec {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, merge: true });
  const at = (offset: number): SourceLocation => {
    const pos = lines.linePos(offset);
    return { file, line: pos.line, column: pos.col };
  };

  if (doc.errors.length > 0) {
    return { diagnostics: doc.errors.map((e) => syntaxFinding(e, doc, at)) };
  }

  const data: unknown = doc.toJS();
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    return { diagnostics: [notAMapping(doc, data, at)] };
  }
  if (validateSpecSchema(data)) {
    return { spec: withoutExtensions(data) as unknown as ClusterSpec, diagnostics: [] };
  }

  const diagnostics = (validateSpecSchema.errors ?? [])
    .filter(isUseful)
    .map((e) => schemaFinding(e, data, (path) => locate(doc, path, at)));
  return { diagnostics: dedupe(diagnostics) };
}

/** The spec without its top-level `x-` keys, which the schema lets through. */
function withoutExtensions(data: object): object {
  return Object.fromEntries(Object.entries(data).filter(([key]) => !key.startsWith('x-')));
}

/** The finding of a file that is empty, or holds something else than a mapping. */
function notAMapping(
  doc: Document, data: unknown, at: (offset: number) => SourceLocation,
): Diagnostic {
  const mapping = 'a cluster spec is a mapping of fields (name, nodes, ...)';
  const contents = doc.contents;
  const empty = contents === null || (isScalar(contents) && contents.source === '');
  const found = Array.isArray(data) ? 'a list'
    : data === null || data === undefined ? `a null (${nullSource(contents)})`
      : `a ${typeof data} (${shown(data)})`;
  return {
    code: 'FILE005',
    severity: 'error',
    path: '',
    message: empty ? `the file is empty: ${mapping}`
      : `${mapping}, but the file holds ${found}`,
    hint: 'start from the built-in example: vhost-user-k8s example > cluster.yaml',
    location: at(contents?.range?.[0] ?? 0),
  };
}

/** How a null was written: `null`, `~`, `Null`. */
function nullSource(contents: unknown): string {
  return isScalar(contents) && typeof contents.source === 'string'
    ? `"${contents.source}"` : 'null';
}

/** A value as the message shows it: JSON, cut short when long. */
function shown(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

/** `anyOf`/`oneOf` summaries repeat the errors of their branches. */
function isUseful(e: ErrorObject): boolean {
  return e.keyword !== 'anyOf' && e.keyword !== 'oneOf' && e.keyword !== 'if';
}

function schemaFinding(
  e: ErrorObject,
  data: unknown,
  where: (segments: string[]) => SourceLocation | undefined,
): Diagnostic {
  const segments = pointerSegments(e.instancePath);
  const value = shown(valueAt(data, segments));
  const path = specPath(segments);
  const base = { severity: 'error' as const, path };

  switch (e.keyword) {
    case 'additionalProperties': {
      const key = String(e.params.additionalProperty);
      const field = path ? `${path}.${key}` : key;
      const meant = nearestKey(key, knownSpecKeysAt(segments));
      return {
        ...base,
        code: 'FILE002',
        path: field,
        message: meant === undefined ? `unknown field "${key}"`
          : `unknown field "${key}": did you mean "${meant}"?`,
        hint: meant === undefined
          ? `remove "${key}" or check its spelling against the schema`
          : `rename "${key}" to "${meant}"`,
        location: where([...segments, key]) ?? where(segments),
      };
    }
    case 'required':
      return {
        ...base,
        code: 'FILE003',
        message: `missing required field "${String(e.params.missingProperty)}"`,
        hint: `add "${String(e.params.missingProperty)}"`,
        location: where(segments),
      };
    case 'enum':
      return {
        ...base,
        code: 'FILE004',
        message: `${value} is not one of the allowed values`,
        hint: `use one of: ${(e.params.allowedValues as unknown[]).join(', ')}`,
        location: where(segments),
      };
    default:
      return {
        ...base,
        code: 'FILE005',
        message: `${value} ${e.message ?? 'is not a valid value'}`,
        hint: 'write the value with the type the schema gives for this field',
        location: where(segments),
      };
  }
}

/** Where in the file the value at the segments is written, when it is. */
function locate(
  doc: Document,
  segments: string[],
  at: (offset: number) => SourceLocation,
): SourceLocation | undefined {
  let node = doc.contents as Node | null | undefined;
  let keyOffset: number | undefined;
  for (const segment of segments) {
    if (isMap(node)) {
      const pair = pairOf(doc, node, segment);
      if (!pair) return keyOffset !== undefined ? at(keyOffset) : undefined;
      keyOffset = (pair.key as Node).range?.[0];
      node = resolved(doc, pair.value) as Node;
    } else if (isSeq(node)) {
      node = node.items[Number(segment)] as Node;
      keyOffset = node?.range?.[0];
    } else {
      break;
    }
  }
  const offset = node?.range?.[0] ?? keyOffset;
  return offset === undefined ? undefined : at(offset);
}

function dedupe(diagnostics: Diagnostic[]): Diagnostic[] {
  const seen = new Set<string>();
  return diagnostics.filter((d) => {
    const key = `${d.code}|${d.path}|${d.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
