import { Diagnostic } from '../diagnostics/diagnostic';

/** How `check` prints its findings. */
export type DiagnosticFormat = 'text' | 'json';

/** Every value of {@link DiagnosticFormat}, for the option's choices. */
export const DIAGNOSTIC_FORMATS: readonly DiagnosticFormat[] = ['text', 'json'];

/**
 * Findings as a compiler prints them, one block per finding: the place, the
 * field path, the severity and code, and the message; then the consumer's own
 * message when there is one, and the fix.
 *
 * ```
 * spec.yaml:15:7: nodes[0].ovs.socketMem: error OVS005: NUMA node 1: ...
 *   upstream: ...
 *   fix: Give whole pages, such as 1024.
 * ```
 *
 * A finding with no place in the file (about the whole spec) starts with the
 * file name alone and comes first; the others follow in file order, and
 * findings at the same place in the order the rules reported them.
 *
 * @param file the spec file as the user named it
 */
export function formatText(diagnostics: readonly Diagnostic[], file: string): string {
  return sorted(diagnostics).map((d) => {
    const loc = d.location;
    const place = loc === undefined ? file : `${loc.file}:${loc.line}:${loc.column}`;
    const path = d.path === '' ? '' : ` ${d.path}:`;
    const upstream = d.upstream === undefined ? '' : `  upstream: ${d.upstream}\n`;
    return `${place}:${path} ${d.severity} ${d.code}: ${d.message}\n${upstream}`
      + `  fix: ${d.hint}\n`;
  }).join('');
}

/**
 * Findings as a JSON array of `Diagnostic` objects (`code`, `severity`,
 * `path`, `message`, `hint`, and `upstream` and `location` when known), in
 * the same order as the text form, followed by a newline.
 */
export function formatJson(diagnostics: readonly Diagnostic[]): string {
  return `${JSON.stringify(sorted(diagnostics), undefined, 2)}\n`;
}

/** `2 errors and 1 warning`, `no errors and 3 warnings`, `no problems`. */
export function countFindings(diagnostics: readonly Diagnostic[]): string {
  const errors = diagnostics.filter((d) => d.severity === 'error').length;
  const warnings = diagnostics.length - errors;
  if (errors + warnings === 0) {
    return 'no problems';
  }
  const count = (n: number, word: string) =>
    (n === 0 ? `no ${word}s` : `${n} ${word}${n === 1 ? '' : 's'}`);
  return warnings === 0 ? count(errors, 'error') : `${count(errors, 'error')} and `
    + `${count(warnings, 'warning')}`;
}

/** File order; `Array.prototype.sort` is stable, so ties keep the rules' order. */
function sorted(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  const place = (d: Diagnostic) => (d.location === undefined ? [0, 0]
    : [d.location.line, d.location.column]);
  return [...diagnostics].sort((a, b) => {
    const [la, ca] = place(a);
    const [lb, cb] = place(b);
    return la - lb || ca - cb;
  });
}
