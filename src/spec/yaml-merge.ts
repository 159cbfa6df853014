import { Document, isAlias, isMap, isScalar, isSeq, Node } from 'yaml';

/** A key and its value in a YAML mapping. */
export type YamlPair = { readonly key: unknown; readonly value: unknown };

/** How deep merges of merges are followed; a cycle of aliases ends there. */
const MAX_MERGE_DEPTH = 8;

/**
 * The pair of a key in a mapping, or in the mappings it merges (`<<: *vm`,
 * `<<: [*a, *b]`): a value that came from an anchor is found where the
 * anchor defines it. The mapping's own key wins, as in the merged data.
 *
 * @param doc the document, to resolve aliases in
 * @param map the mapping (anything else has no pairs)
 * @param key the key as the data spells it
 * @internal
 */
export function pairOf(doc: Document, map: unknown, key: string, depth = 0): YamlPair | undefined {
  if (!isMap(map) || depth > MAX_MERGE_DEPTH) return undefined;
  const own = map.items.find((p) => !isMergeKey(p.key)
    && String((p.key as Node | null)?.toJSON?.()) === key);
  if (own) return own;

  for (const merge of map.items.filter((p) => isMergeKey(p.key))) {
    const sources = isSeq(merge.value) ? merge.value.items : [merge.value];
    for (const source of sources) {
      const target = isAlias(source) ? source.resolve(doc) : source;
      const found = pairOf(doc, target, key, depth + 1);
      if (found) return found;
    }
  }
  return undefined;
}

/** `<<`, which a parser with merge keys on reads as a symbol, not a string. */
function isMergeKey(key: unknown): boolean {
  return isScalar(key) && (typeof key.value === 'symbol' || key.value === '<<');
}

/**
 * The node an alias stands for (`interfaces: *nics`), or the node itself.
 *
 * @internal
 */
export function resolved(doc: Document, node: unknown): unknown {
  return isAlias(node) ? node.resolve(doc) : node;
}
