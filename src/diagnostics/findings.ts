import { Diagnostic } from './diagnostic';

/** What a rule says about one fault. */
export interface FindingOptions {
  /** Field path in the spec, for example `nodes[0].cpus.pmd`. */
  readonly path: string;
  /** What was found, naming the value. */
  readonly message: string;
  /** How to fix it. */
  readonly hint: string;
  /**
   * The consumer's own message for the fault.
   *
   * @default - none
   */
  readonly upstream?: string;
}

/**
 * Collects the findings of many rules, so that every rule runs and every
 * problem is reported together.
 */
export class Findings {
  private readonly items: Diagnostic[] = [];

  /** Records an error: synthesis will stop. */
  public error(code: string, options: FindingOptions): void {
    this.items.push({ code, severity: 'error', ...options });
  }

  /** Records a warning: reported, synthesis goes on. */
  public warn(code: string, options: FindingOptions): void {
    this.items.push({ code, severity: 'warning', ...options });
  }

  /** Adds findings collected elsewhere. */
  public addAll(diagnostics: readonly Diagnostic[]): void {
    this.items.push(...diagnostics);
  }

  /** Every finding so far, in the order recorded. */
  public get all(): Diagnostic[] {
    return [...this.items];
  }

  /** Whether an error was recorded. */
  public get hasErrors(): boolean {
    return this.items.some((d) => d.severity === 'error');
  }
}
