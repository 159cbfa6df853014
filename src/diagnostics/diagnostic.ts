/** How bad a finding is: errors stop synthesis, warnings never do. */
export type Severity = 'error' | 'warning';

/**
 * One finding about a cluster model. Every rule reports through this shape,
 * so that the CLI, the cdk8s stack and the Pulumi components print the same
 * thing.
 */
export interface Diagnostic {
  /** Stable code, documented in `docs/diagnostics.md` (for example `OVS003`). */
  readonly code: string;

  /** `error` stops synthesis; `warning` is reported and synthesis goes on. */
  readonly severity: Severity;

  /**
   * Path of the offending field in the cluster spec, for example
   * `nodes[0].ovs.socketMem`.
   */
  readonly path: string;

  /** What was found, naming the value. */
  readonly message: string;

  /** How to fix it. */
  readonly hint: string;

  /**
   * The message the real consumer (kubelet, OVS, Virtink, Kube-OVN) prints
   * for the same fault, so that users recognise it.
   *
   * @default - none
   */
  readonly upstream?: string;

  /**
   * Where the field is written, when the model came from a file.
   *
   * @default - unknown (the model was built in code)
   */
  readonly location?: SourceLocation;
}

/** A place in a spec file. */
export interface SourceLocation {
  /** The file as the user named it. */
  readonly file: string;
  /** 1-based line. */
  readonly line: number;
  /** 1-based column. */
  readonly column: number;
}

/** Thrown when a cluster has errors; carries every finding, not just the first. */
export class DiagnosticError extends Error {
  /** Every finding, errors and warnings. */
  public readonly diagnostics: readonly Diagnostic[];

  public constructor(diagnostics: readonly Diagnostic[]) {
    const errors = diagnostics.filter((d) => d.severity === 'error');
    super(
      `${errors.length} error(s) in the cluster model:\n` +
        errors.map((d) => formatDiagnostic(d)).join('\n'),
    );
    this.name = 'DiagnosticError';
    this.diagnostics = diagnostics;
  }
}

/** One line per finding, in the style of a compiler: path, code, message, fix. */
export function formatDiagnostic(d: Diagnostic): string {
  const loc = d.location;
  const where = loc ? `${loc.file}:${loc.line}:${loc.column}: ${d.path}` : d.path;
  const upstream = d.upstream ? ` (${d.upstream})` : '';
  return `${where}: ${d.severity} ${d.code}: ${d.message}${upstream}\n  fix: ${d.hint}`;
}

/** Whether any finding is an error. */
export function hasErrors(diagnostics: readonly Diagnostic[]): boolean {
  return diagnostics.some((d) => d.severity === 'error');
}
