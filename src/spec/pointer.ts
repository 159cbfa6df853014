// JSON pointers of schema errors (`/nodes/0/cpus`), read as spec paths.

/**
 * The segments of a JSON pointer: `/nodes/0/cpus` is `nodes`, `0`, `cpus`.
 *
 * @internal
 */
export function pointerSegments(pointer: string): string[] {
  return pointer.split('/').slice(1).map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

/**
 * Segments as a spec path: `nodes`, `0`, `cpus` is `nodes[0].cpus`.
 *
 * @internal
 */
export function specPath(segments: readonly string[]): string {
  return segments
    .map((s, i) => (/^\d+$/.test(s) ? `[${s}]` : i === 0 ? s : `.${s}`))
    .join('');
}

/**
 * The value at the segments, or undefined when the path leaves the data.
 *
 * @internal
 */
export function valueAt(data: unknown, segments: readonly string[]): unknown {
  return segments.reduce<unknown>((node, segment) =>
    (node !== null && typeof node === 'object'
      ? (node as Record<string, unknown>)[segment] : undefined), data);
}
