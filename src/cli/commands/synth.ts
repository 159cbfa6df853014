import { join } from 'path';
import { Diagnostic, hasErrors } from '../../diagnostics/diagnostic';
import { countFindings, formatText } from '../format';
import { CliFailure, CliIo, ExitCode, ExitCodeValue } from '../io';
import { writingOutput } from '../output';
import {
  blamingPerfFlags, builtinNote, PerfKitSwitch, readSpec, readSpecSource, withPerfKit,
} from '../spec-input';

/** Options of `vhost-user-k8s synth`. */
export interface SynthOptions extends PerfKitSwitch {
  /**
   * The output folder.
   *
   * @default 'dist'
   */
  readonly outdir?: string;
}

/**
 * Reads a spec, checks it, and writes its manifests, node files and
 * `PLAN.md` through the cdk8s app (`synthesizeApp`), so that the output is
 * byte for byte what `cdk8s synth` writes for the same cluster.
 *
 * The app writes the output folder all or nothing. With an error in the
 * spec nothing is written.
 * Findings go to standard error, the list of files written to standard
 * output.
 *
 * @param file the spec file, `-` for standard input, or undefined for the
 *   built-in example
 * @returns 0 when written, 1 when the spec has errors, 2 when the file
 *   cannot be parsed
 * @throws CliFailure when a file cannot be read or written, or cdk8s is
 *   not installed
 */
export async function runSynth(
  file: string | undefined, options: SynthOptions, io: CliIo,
): Promise<ExitCodeValue> {
  const outdir = options.outdir ?? 'dist';
  const source = readSpecSource(file, io);
  if (source.builtin) {
    io.stderr(builtinNote('synth'));
  }

  const read = readSpec(source);
  if (read.spec === undefined) {
    reportFindings(read.locator.addLocations(read.diagnostics), source.name, io);
    return read.parsed ? ExitCode.ERRORS : ExitCode.FAILURE;
  }

  const { synthesizeApp } = await importCdk8sApp();
  const spec = withPerfKit(read.spec, options);
  const { files, diagnostics } = writingOutput(outdir, () => synthesizeApp(spec, { outdir }));
  const located = read.locator.addLocations(blamingPerfFlags(diagnostics, options));
  reportFindings(located, source.name, io);
  if (hasErrors(located)) {
    return ExitCode.ERRORS;
  }

  io.stdout(`Wrote ${files.length} files to ${outdir}:\n`
    + files.map((path) => `  ${path}\n`).join('')
    + `Read ${join(outdir, 'PLAN.md')} first: it explains every number.\n`);
  return ExitCode.OK;
}

/** cdk8s and constructs are peer dependencies: say how to install them. */
async function importCdk8sApp(): Promise<typeof import('../../cdk8s/app')> {
  try {
    return await import('../../cdk8s/app');
  } catch (e) {
    const missing = /Cannot find module '(cdk8s|constructs)'/.exec(String(e))?.[1];
    if ((e as NodeJS.ErrnoException).code === 'MODULE_NOT_FOUND' && missing !== undefined) {
      throw new CliFailure(`synth writes its output through cdk8s, and the package "${missing}" `
        + 'is not installed: run `npm install cdk8s constructs` beside vhost-user-k8s');
    }
    throw e;
  }
}

function reportFindings(diagnostics: readonly Diagnostic[], name: string, io: CliIo): void {
  if (diagnostics.length === 0) {
    return;
  }
  io.stderr(formatText(diagnostics, name));
  const outcome = hasErrors(diagnostics) ? ': nothing was written' : '';
  io.stderr(`${name}: ${countFindings(diagnostics)}${outcome}\n`);
}
