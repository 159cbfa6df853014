import { resolve } from 'path';
import { CliFailure } from './io';
import { OutputFile } from '../render/types';
import { fileInTheWay } from '../synth/folders';
import { writeFilesAtomically } from '../synth/write';

/**
 * Writes a command's files into its output folder, all or nothing: on a
 * failure the folder is left as it was.
 *
 * @param outdir the folder given with `-o`
 * @param files paths relative to `outdir`
 * @throws CliFailure naming the path that could not be written and why
 */
export function writeOutput(outdir: string, files: readonly OutputFile[]): void {
  const blocker = fileInTheWay(resolve(outdir));
  if (blocker !== undefined) {
    const what = blocker === resolve(outdir) ? 'it' : blocker;
    throw new CliFailure(`cannot write the output folder ${outdir}: ${what} is a file, `
      + 'not a folder; give another -o');
  }

  try {
    writeFilesAtomically(outdir, files);
  } catch (e) {
    throw new CliFailure(e instanceof Error ? e.message : String(e));
  }
}
