import { Document, stringify } from 'yaml';

/** A YAML mapping as plain data. */
export type YamlMapping = Record<string, unknown>;

/** Options of {@link toBlockYaml}. */
export interface BlockYamlOptions {
  /**
   * The `lineWidth` option of `stringify`: longer scalars are folded. 0 folds
   * nothing.
   *
   * @default 0
   */
  readonly lineWidth?: number;
}

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
 * The text `stringify(value, { lineWidth })` of the `yaml` package writes for
 * a mapping, written directly when every value is simple enough: non-empty
 * mappings and lists (no list directly in a list, no object twice), safe
 * integers, booleans, strings that YAML reads back as the same strings
 * without quotes, and strings it would read as another type (`"true"`,
 * `"42"`), which go in double quotes. With a line width, every line must be
 * shorter, so that nothing would be folded. Anything else goes to `stringify`
 * itself.
 *
 * The renderers write a few such documents per VM (cloud-init user and network
 * data) and per node pool (the kubelet keys); `stringify` builds a document
 * tree for each, which costs more than the rest of the VM's rendering together.
 *
 * @param value the mapping
 * @param options as for `stringify`
 */
export function toBlockYaml(value: YamlMapping, options: BlockYamlOptions = {}): string {
  const lineWidth = options.lineWidth ?? 0;
  const writer = new BlockWriter();
  if (isMapping(value) && writer.mapping(value, '', '')) {
    // Joined once, so that the text is one flat string rather than a tree of
    // the pieces, which every manifest would keep until it is serialized.
    const text = writer.parts.join('');
    if (lineWidth <= 0 || text.split('\n').every((line) => line.length < lineWidth)) {
      return text;
    }
  }
  return stringify(value, { lineWidth });
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
      const written = blockKey(key);
      if (written === undefined) {
        return false;
      }
      const value = map[key];
      const scalar = scalarText(value);
      if (scalar !== undefined) {
        this.parts.push(lead, written, ': ', scalar, '\n');
      } else {
        this.parts.push(lead, written, ':\n');
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
    return stringText(value);
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
 * A string as {@link toBlockYaml} writes it as a value, or undefined when it
 * would leave the whole document to `stringify`.
 *
 * @internal
 */
export function blockScalar(text: string): string | undefined {
  return stringText(text);
}

/**
 * A string as {@link toBlockYaml} writes it as a key, or undefined when it
 * would leave the whole document to `stringify`.
 *
 * @internal
 */
export function blockKey(key: string): string | undefined {
  return key.length > 1024 ? undefined : keyText(key);
}

/**
 * A string as `stringify` writes it on one line: as it is, when nothing of
 * {@link NOT_PLAIN} is in it and no core schema tag would read it as another
 * type; in double quotes, when a tag would (or it is empty) and the quotes
 * need no escape inside; else undefined.
 */
function stringText(text: string): string | undefined {
  if (text === '') {
    return '""';
  }
  if (NOT_PLAIN.test(text)) {
    return undefined;
  }
  if (!NON_STRING.some((test) => test.test(text))) {
    return text;
  }
  return /["\\]/.test(text) ? undefined : `"${text}"`;
}

/**
 * {@link stringText} of a key. The keys of the documents repeat (`match`,
 * `set-name`, ...) while their values differ, so the answers for keys are
 * kept, up to a bound.
 */
function keyText(key: string): string | undefined {
  if (KEYS.has(key)) {
    return KEYS.get(key);
  }
  const written = stringText(key);
  if (KEYS.size < 4096) {
    KEYS.set(key, written);
  }
  return written;
}

const KEYS = new Map<string, string | undefined>();

function isMapping(value: unknown): value is YamlMapping {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return false;
  }
  const prototype = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}
