import { Diagnostic } from '../../src/diagnostics/diagnostic';
import { Findings } from '../../src/diagnostics/findings';

/** Runs `fn` with a fresh collector; returns its result and every finding. */
export function collect<T>(fn: (findings: Findings) => T): { result: T; diagnostics: Diagnostic[] } {
  const findings = new Findings();
  const result = fn(findings);
  return { result, diagnostics: findings.all };
}

/** The findings of one code, so that a test asserts the one it is about. */
export function withCode(diagnostics: readonly Diagnostic[], code: string): Diagnostic[] {
  return diagnostics.filter((d) => d.code === code);
}

/** `CODE path` of every finding, for compact assertions. */
export function codesAndPaths(diagnostics: readonly Diagnostic[]): string[] {
  return diagnostics.map((d) => `${d.code} ${d.path}`);
}
