import { Document, stringify } from 'yaml';

/** A YAML mapping as plain data. */
export type YamlMapping = Record<string, unknown>;

/**
 * The scalar tags of the YAML 1.2 core schema that would read a plain scalar
 * as something other than a string (`true`, `42`, `null`, `.inf`, ...): the
 * `yaml` package quotes a string that one of them matches. Their tests are
 * joined into one expression, so that a string is tried once.
 */
const NON_STRING = (() => {
  const { tags, compat } = new Document().schema;
  const tests = [...tags, ...compat ?? []].flatMap((tag) =>
    (tag.default && tag.tag !== 'tag:yaml.org,2002:str' && 'test' in tag && tag.test
      ? [tag.test] : []));
  return tests.every((test) => test.flags === '')
    ? [new RegExp(tests.map((test) => `(?:${test.source})`).join('|'))] : tests;
})();

/**
 * What makes `stringify` quote or escape a string, or write it otherwise
 * than on one line: the characters it escapes, YAML's indicators where they
 * would change the meaning, and a document marker at the start.
 */
const NOT_PLAIN =
  /[\t\n\r\x00-\x1f\x7f-\x9f\u{D800}-\u{DFFF}\u2028\u2029\uFEFF]|^[ ,[\]{}#&*!|>'"%@`?:-]|: | #|[ :]$|^(?:---|\.\.\.)/u;

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
  const writer = new BlockWriter();
  // Joined once, so that the text is one flat string rather than a tree of
  // the pieces, which every manifest would keep until it is serialized.
  return isMapping(value) && writer.mapping(value, '', '') ? writer.parts.join('')
    : stringify(value, { lineWidth: 0 });
}

/** Block YAML, line by line; each method says false when a value is not simple enough. */
class BlockWriter {
  public readonly parts: string[] = [];
  /** The mappings and lists written so far (a document holds a handful). */
  private readonly seen: object[] = [];

  /** A mapping: its first line starts with `first`, the others with `indent`. */
  public mapping(map: YamlMapping, indent: string, first: string): boolean {
    const keys = Object.keys(map);
    if (keys.length === 0 || this.seen.includes(map)) {
      return false;
    }
    this.seen.push(map);
    let lead = first;
    for (const key of keys) {
      if (key.length > 1024 || !isPlainKey(key)) {
        return false;
      }
      const value = map[key];
      const scalar = scalarText(value);
      if (scalar !== undefined) {
        this.parts.push(lead, key, ': ', scalar, '\n');
      } else {
        this.parts.push(lead, key, ':\n');
        const inner = `${indent}  `;
        const nested = isMapping(value) ? this.mapping(value, inner, inner)
          : Array.isArray(value) && this.list(value, inner);
        if (!nested) {
          return false;
        }
      }
      lead = indent;
    }
    return true;
  }

  /** A list, each item on a dash line: a mapping in it starts there, `- key: value`. */
  public list(list: readonly unknown[], indent: string): boolean {
    if (list.length === 0 || this.seen.includes(list)) {
      return false;
    }
    this.seen.push(list);
    for (const item of list) {
      const scalar = scalarText(item);
      if (scalar !== undefined) {
        this.parts.push(indent, '- ', scalar, '\n');
      } else if (!isMapping(item) || !this.mapping(item, `${indent}  `, `${indent}- `)) {
        return false;
      }
    }
    return true;
  }
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
 * quotes: not empty, nothing of {@link NOT_PLAIN}, and nothing a core schema
 * tag would read as another type.
 */
function isPlain(text: string): boolean {
  return text !== '' && !NOT_PLAIN.test(text) && !NON_STRING.some((test) => test.test(text));
}

/**
 * {@link isPlain} of a key. The keys of the documents repeat (`match`,
 * `set-name`, ...) while their values differ, so the answers for keys are
 * kept, up to a bound.
 */
function isPlainKey(key: string): boolean {
  let plain = PLAIN_KEYS.get(key);
  if (plain === undefined) {
    plain = isPlain(key);
    if (PLAIN_KEYS.size < 4096) {
      PLAIN_KEYS.set(key, plain);
    }
  }
  return plain;
}

const PLAIN_KEYS = new Map<string, boolean>();

function isMapping(value: unknown): value is YamlMapping {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return false;
  }
  const prototype = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}
