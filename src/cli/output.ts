import { resolve } from 'path';
import { CliFailure } from './io';
import { OutputFile } from '../render/types';
import { fileInTheWay } from '../synth/folders';
import { writeFilesAtomically, WriteError } from '../synth/write';

/**
 * Writes a command's files into its output folder, all or nothing: on a
 * failure the folder is left as it was.
 *
 * @param outdir the folder given with `-o`
 * @param files paths relative to `outdir`
 * @throws CliFailure naming the path that could not be written and why
 */
export function writeOutput(outdir: string, files: readonly OutputFile[]): void {
  writingOutput(outdir, () => writeFilesAtomically(outdir, files));
}

/**
 * Runs a step that writes the output folder (all or nothing), after
 * checking that the folder can be one.
 *
 * @param outdir the folder given with `-o`
 * @param write the step; its `WriteError`s become one-line failures
 * @throws CliFailure naming the path that could not be written and why
 */
export function writingOutput<T>(outdir: string, write: () => T): T {
  const blocker = fileInTheWay(resolve(outdir));
  if (blocker !== undefined) {
    const what = blocker === resolve(outdir) ? 'it' : blocker;
    throw new CliFailure(`cannot write the output folder ${outdir}: ${what} is a file, `
      + 'not a folder; give another -o');
  }

  try {
    return write();
  } catch (e) {
    if (e instanceof WriteError) {
      throw new CliFailure(e.message);
    }
    throw e;
  }
}
