import { Document, stringify } from 'yaml';

/** A YAML mapping as plain data. */
export type YamlMapping = Record<string, unknown>;

/**
 * The scalar tags of the YAML 1.2 core schema that would read a plain scalar
 * as something other than a string (`true`, `42`, `null`, `.inf`, ...): the
 * `yaml` package quotes a string that one of them matches.
 */
const NON_STRING_TAGS = (() => {
  const { tags, compat } = new Document().schema;
  return [...tags, ...compat ?? []].flatMap((tag) =>
    (tag.default && tag.tag !== 'tag:yaml.org,2002:str' && 'test' in tag && tag.test
      ? [tag.test] : []));
})();

/**
 * The text `stringify(value, { lineWidth: 0 })` of the `yaml` package writes
 * for a mapping, written directly when every value is simple enough: non-empty
 * mappings and lists (no list directly in a list, no object twice), safe
 * integers, booleans, and strings that YAML reads back as the same strings
 * without quotes. Anything else goes to `stringify` itself.
 *
 * The renderers write a few such documents per VM (cloud-init user and network
 * data); `stringify` builds a document tree for each, which costs more than
 * the rest of the VM's rendering together.
 *
 * @param value the mapping
 */
export function toBlockYaml(value: YamlMapping): string {
  const lines: string[] = [];
  const fits = isMapping(value) && writeMapping(value, '', lines, new Set());
  return fits ? `${lines.join('\n')}\n` : stringify(value, { lineWidth: 0 });
}

/** Appends the lines of a mapping; false when a value is not simple enough. */
function writeMapping(
  map: YamlMapping, indent: string, lines: string[], seen: Set<object>,
): boolean {
  const entries = Object.entries(map);
  if (entries.length === 0 || seen.has(map)) {
    return false;
  }
  seen.add(map);
  for (const [key, value] of entries) {
    if (!isPlain(key) || key.length > 1024) {
      return false;
    }
    const scalar = scalarText(value);
    if (scalar !== undefined) {
      lines.push(`${indent}${key}: ${scalar}`);
      continue;
    }
    lines.push(`${indent}${key}:`);
    const nested = isMapping(value) ? writeMapping(value, `${indent}  `, lines, seen)
      : Array.isArray(value) && writeList(value, `${indent}  `, lines, seen);
    if (!nested) {
      return false;
    }
  }
  return true;
}

/** Appends the lines of a list; false when an item is not simple enough. */
function writeList(
  list: readonly unknown[], indent: string, lines: string[], seen: Set<object>,
): boolean {
  if (list.length === 0 || seen.has(list)) {
    return false;
  }
  seen.add(list);
  for (const item of list) {
    const scalar = scalarText(item);
    if (scalar !== undefined) {
      lines.push(`${indent}- ${scalar}`);
      continue;
    }
    // A mapping in a list starts on the dash line: `- key: value`.
    const first = lines.length;
    if (!isMapping(item) || !writeMapping(item, `${indent}  `, lines, seen)) {
      return false;
    }
    lines[first] = `${indent}- ${lines[first].slice(indent.length + 2)}`;
  }
  return true;
}

/** A scalar as `stringify` writes it in block style, or undefined when not simple. */
function scalarText(value: unknown): string | undefined {
  if (typeof value === 'string') {
    return isPlain(value) ? value : undefined;
  }
  if (typeof value === 'boolean') {
    return String(value);
  }
  if (typeof value === 'number' && Number.isSafeInteger(value) && !Object.is(value, -0)) {
    return String(value);
  }
  return undefined;
}

/**
 * Whether `stringify` writes a string as it is, on one line and without
 * quotes: none of the characters it escapes or quotes for, none of YAML's
 * indicators where they would change the meaning, no document marker, and
 * nothing a core schema tag would read as another type.
 */
function isPlain(text: string): boolean {
  return text !== ''
    && !/[\t\n\r\x00-\x1f\x7f-\x9f\u{D800}-\u{DFFF}\u2028\u2029\uFEFF]/u.test(text)
    && !/^[ ,[\]{}#&*!|>'"%@`?:-]|[:] |[ ]#|[ :]$/.test(text)
    && !/^(?:---|\.\.\.)/.test(text)
    && !NON_STRING_TAGS.some((test) => test.test(text));
}

function isMapping(value: unknown): value is YamlMapping {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return false;
  }
  const prototype = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}
