import { Diagnostic, hasErrors } from '../../diagnostics/diagnostic';
import { synthesize } from '../../synth/synthesize';
import { countFindings, DiagnosticFormat, formatJson, formatText } from '../format';
import { CliIo, ExitCode, ExitCodeValue } from '../io';
import { builtinNote, PerfKitSwitch, readSpec, readSpecSource, withPerfKit } from '../spec-input';

/** Options of `vhost-user-k8s check`. */
export interface CheckOptions extends PerfKitSwitch {
  /**
   * How the findings are printed.
   *
   * @default 'text'
   */
  readonly format?: DiagnosticFormat;
}

/**
 * Reads a spec and runs every rule on it, without writing anything. Prints
 * the findings on standard output: as a compiler does followed by a count,
 * or as a JSON array.
 *
 * @param file the spec file, `-` for standard input, or undefined for the
 *   built-in example
 * @returns 0 with no error (warnings allowed), 1 with errors, 2 when the file
 *   cannot be parsed
 * @throws CliFailure when the file cannot be read
 */
export function runCheck(
  file: string | undefined, options: CheckOptions, io: CliIo,
): ExitCodeValue {
  const source = readSpecSource(file, io);
  if (source.builtin) {
    io.stderr(builtinNote('check'));
  }

  const read = readSpec(source);
  const diagnostics: Diagnostic[] = read.locator.addLocations([
    ...read.diagnostics,
    ...(read.spec === undefined ? [] : synthesize(withPerfKit(read.spec, options)).diagnostics),
  ]);

  if (options.format === 'json') {
    io.stdout(formatJson(diagnostics));
  } else {
    io.stdout(formatText(diagnostics, source.name));
    io.stdout(`${source.name}: ${countFindings(diagnostics)}\n`);
  }

  if (!read.parsed) {
    return ExitCode.FAILURE;
  }
  return hasErrors(diagnostics) ? ExitCode.ERRORS : ExitCode.OK;
}
