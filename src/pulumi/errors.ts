import * as pulumi from '@pulumi/pulumi';
import { Diagnostic, formatDiagnostic } from '../diagnostics/diagnostic';

/**
 * Thrown by a `VhostUserCluster` whose model has errors, before any resource
 * is registered. It carries every finding, errors and warnings.
 *
 * A `RunError`: Pulumi prints its message (every error with its field,
 * value and fix) and ends the program, without the stack trace it prints for
 * other errors, since the fault is in the program's input, not its code.
 *
 * @see https://www.pulumi.com/docs/reference/pkg/nodejs/pulumi/pulumi/classes/RunError.html
 */
export class ClusterModelError extends pulumi.RunError {
  /** Every finding of the cluster, errors and warnings. */
  public readonly diagnostics: readonly Diagnostic[];

  /**
   * @param cluster the component's Pulumi name
   * @param diagnostics every finding; at least one is an error
   * @param standIns the fields whose values were not known yet when the
   *   cluster was checked, and were checked with stand-ins
   */
  public constructor(
    cluster: string, diagnostics: readonly Diagnostic[], standIns: readonly string[] = [],
  ) {
    const errors = diagnostics.filter((d) => d.severity === 'error');
    const note = standIns.length === 0 ? ''
      : `\n(checked before these Inputs were known, with stand-ins: ${standIns.join(', ')})`;
    super(`VhostUserCluster '${cluster}': ${errors.length} error(s) in the cluster model:\n`
      + `${errors.map(formatDiagnostic).join('\n')}${note}`);
    this.name = 'ClusterModelError';
    this.diagnostics = diagnostics;
  }
}
