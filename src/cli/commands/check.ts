import { Diagnostic, hasErrors } from '../../diagnostics/diagnostic';
import { synthesize } from '../../synth/synthesize';
import { countFindings, DiagnosticFormat, formatJson, formatText } from '../format';
import { CliFailure, CliIo, ExitCode, ExitCodeValue } from '../io';
import {
  blamingPerfFlags, builtinNote, PerfKitSwitch, readSpec, readSpecSource, SpecSource,
  withPerfKit,
} from '../spec-input';

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
 *   cannot be parsed, or, with the JSON format, read (a FILE006 finding)
 * @throws CliFailure when the file cannot be read, unless the format is JSON
 */
export function runCheck(
  file: string | undefined, options: CheckOptions, io: CliIo,
): ExitCodeValue {
  let source: SpecSource;
  try {
    source = readSpecSource(file, io);
  } catch (e) {
    if (!(e instanceof CliFailure) || options.format !== 'json') {
      throw e;
    }
    io.stdout(formatJson([unreadable(file ?? '', e)]));
    return ExitCode.FAILURE;
  }
  if (source.builtin) {
    io.stderr(builtinNote('check'));
  }

  const read = readSpec(source);
  const diagnostics: Diagnostic[] = read.locator.addLocations([
    ...read.diagnostics,
    ...(read.spec === undefined ? []
      : blamingPerfFlags(synthesize(withPerfKit(read.spec, options)).diagnostics, options)),
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

/** The finding of a spec file that cannot be read, for the JSON output. */
function unreadable(file: string, e: CliFailure): Diagnostic {
  return {
    code: 'FILE006',
    severity: 'error',
    path: '',
    message: e.message,
    hint: `name a readable spec file instead of ${JSON.stringify(file)} (a relative path `
      + 'starts at the current folder), or give - to read the spec from standard input',
  };
}
