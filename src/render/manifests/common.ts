// Values every rendered manifest shares.

/** Name of this library, as it appears in labels and annotations. */
export const LIBRARY = 'vhost-user-k8s';

/** Labels on every object this library creates (never on partial overrides). */
export function managedLabels(extra: Record<string, string> = {}): Record<string, string> {
  return { 'app.kubernetes.io/managed-by': LIBRARY, ...extra };
}

/**
 * A JSON value with a canonical key order: `cniVersion`, `name` and `type`
 * first (what a reader looks for), then the other keys in alphabetical
 * order, at every depth. Objects with a `toJSON` method (model values such as
 * sizes and addresses) are replaced by what it returns.
 */
export function canonicalJson(value: unknown): unknown {
  const plain = hasToJson(value) ? value.toJSON() : value;
  if (Array.isArray(plain)) {
    return plain.map(canonicalJson);
  }
  if (plain === null || typeof plain !== 'object') {
    return plain;
  }
  const record = plain as Record<string, unknown>;
  const result: Record<string, unknown> = {};
  for (const key of Object.keys(record).sort(byCniKeyOrder)) {
    if (record[key] !== undefined) {
      result[key] = canonicalJson(record[key]);
    }
  }
  return result;
}

const LEADING_KEYS = ['cniVersion', 'name', 'type'];

function byCniKeyOrder(a: string, b: string): number {
  const rank = (key: string) => {
    const index = LEADING_KEYS.indexOf(key);
    return index === -1 ? LEADING_KEYS.length : index;
  };
  return rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0);
}

function hasToJson(value: unknown): value is { toJSON(): unknown } {
  return typeof value === 'object' && value !== null
    && typeof (value as { toJSON?: unknown }).toJSON === 'function';
}
