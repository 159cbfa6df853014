import {
  Document, isMap, isPair, isScalar, isSeq, Node, visit, YAMLError,
} from 'yaml';
import { Diagnostic, SourceLocation } from '../diagnostics/diagnostic';

/** Where an offset of the file is, as a diagnostic shows it. */
export type Locator = (offset: number) => SourceLocation;

/**
 * The FILE001 finding of one YAML parse error. A duplicate key is named,
 * with the line of its first occurrence, since the parser says only that
 * map keys must be unique.
 *
 * @internal
 */
export function syntaxFinding(e: YAMLError, doc: Document, at: Locator): Diagnostic {
  const base = {
    code: 'FILE001',
    severity: 'error' as const,
    path: '',
    location: at(e.pos[0]),
  };
  const duplicate = e.code === 'DUPLICATE_KEY' ? duplicateKeyAt(doc, e.pos[0]) : undefined;
  if (duplicate === undefined) {
    return {
      ...base,
      message: `the file is not valid YAML: ${e.message.split('\n')[0]}`,
      hint: 'fix the YAML syntax at the line shown',
    };
  }

  const first = at(duplicate.firstOffset).line;
  return {
    ...base,
    path: duplicate.path,
    message: `the file is not valid YAML: the key "${duplicate.key}" is given twice `
      + `in one mapping, at line ${first} and again at line ${base.location.line}`,
    hint: `keep one "${duplicate.key}" (line ${first} or line ${base.location.line}) `
      + 'and delete the other',
  };
}

interface DuplicateKey {
  readonly key: string;
  readonly path: string;
  readonly firstOffset: number;
}

/** The key that starts at an offset, its spec path, and its first occurrence. */
function duplicateKeyAt(doc: Document, offset: number): DuplicateKey | undefined {
  let found: DuplicateKey | undefined;
  visit(doc, {
    Pair(_, pair, ancestors) {
      const key = pair.key as Node | null;
      if (!isScalar(key) || key.range?.[0] !== offset) return undefined;
      const map = ancestors[ancestors.length - 1];
      if (!isMap(map)) return undefined;
      const text = String(key.value);
      const first = map.items.find((p) => isScalar(p.key) && String(p.key.value) === text);
      const firstOffset = (first?.key as Node | undefined)?.range?.[0] ?? offset;
      found = { key: text, path: pathOf([...ancestors, pair]), firstOffset };
      return visit.BREAK;
    },
  });
  return found;
}

/** `nodes[0].hugepages` of the ancestors of a pair, the pair included. */
function pathOf(ancestors: readonly unknown[]): string {
  let path = '';
  ancestors.forEach((node, i) => {
    const child = ancestors[i + 1];
    if (isSeq(node) && child !== undefined) {
      path += `[${node.items.indexOf(child as Node)}]`;
    } else if (isPair(node) && isScalar(node.key)) {
      path += path ? `.${String(node.key.value)}` : String(node.key.value);
    }
  });
  return path;
}
