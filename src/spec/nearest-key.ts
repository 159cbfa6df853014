import { distance } from 'fastest-levenshtein';
import { valueAt } from './pointer';
import { clusterSpecSchema } from './schema-file';

/**
 * The known key a misspelt one most likely meant: the same word in another
 * case, or the nearest by edit distance when it is close (one edit for a
 * short key, up to three for a long one). Undefined when no key is close
 * enough to be worth suggesting.
 *
 * @param key the unknown key as written
 * @param known the keys of that object
 * @internal
 */
export function nearestKey(key: string, known: readonly string[]): string | undefined {
  const folded = known.find((k) => k.toLowerCase() === key.toLowerCase());
  if (folded !== undefined) return folded;

  const limit = Math.min(3, Math.max(1, Math.floor(key.length / 3)));
  let best: string | undefined;
  let bestDistance = limit + 1;
  for (const candidate of known) {
    const d = distance(key, candidate);
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  return best;
}

type SchemaNode = {
  readonly $ref?: string;
  readonly properties?: Record<string, SchemaNode>;
  readonly items?: SchemaNode;
  readonly additionalProperties?: SchemaNode | boolean;
  readonly anyOf?: SchemaNode[];
  readonly oneOf?: SchemaNode[];
  readonly allOf?: SchemaNode[];
};

/**
 * The fields the JSON Schema gives the object at a path of the data
 * (`['nodes', '0', 'hugepages']`), over every branch of an `anyOf`.
 *
 * @param schema the whole schema, whose `$ref`s point into its `definitions`
 * @param segments the path of the object
 * @internal
 */
export function knownKeysAt(schema: object, segments: readonly string[]): string[] {
  const root = schema as SchemaNode;
  const resolve = (node: SchemaNode): SchemaNode[] => {
    const target = node.$ref === undefined ? node : refTarget(root, node.$ref);
    if (target === undefined) return [];
    const branches = [...target.anyOf ?? [], ...target.oneOf ?? [], ...target.allOf ?? []];
    return [target, ...branches.flatMap(resolve)];
  };

  let nodes = resolve(root);
  for (const segment of segments) {
    nodes = nodes.flatMap((node) => {
      const next = node.properties?.[segment]
        ?? (/^\d+$/.test(segment) ? node.items : undefined)
        ?? (typeof node.additionalProperties === 'object'
          ? node.additionalProperties : undefined);
      return next === undefined ? [] : resolve(next);
    });
  }
  return [...new Set(nodes.flatMap((node) => Object.keys(node.properties ?? {})))];
}

/** The schema a `#/definitions/Name` reference names. */
function refTarget(root: SchemaNode, ref: string): SchemaNode | undefined {
  return valueAt(root, ref.replace(/^#\//, '').split('/')) as SchemaNode | undefined;
}

let specSchema: object | undefined;

/**
 * {@link knownKeysAt} in the schema of spec files, read once.
 *
 * @internal
 */
export function knownSpecKeysAt(segments: readonly string[]): string[] {
  specSchema ??= clusterSpecSchema();
  return knownKeysAt(specSchema, segments);
}
