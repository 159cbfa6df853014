import { Severity } from '../diagnostic';

/**
 * The documentation of one diagnostic code. Each layer lists its codes in a
 * file of its own under `src/diagnostics/codes/`; `docs/diagnostics.md` is
 * generated from these lists, and a test checks that every code a rule
 * emits is listed.
 */
export interface CodeDoc {
  /** Stable code: a layer prefix and a number, for example `CPU003`. */
  readonly code: string;
  /** Default severity. */
  readonly severity: Severity;
  /** One line: the rule. */
  readonly title: string;
  /** Why the rule exists, which consumer enforces it, and the usual fix. */
  readonly description: string;
  /**
   * The consumer's own message for the fault, quoted exactly.
   *
   * @default - none
   */
  readonly upstream?: string;
}
