import {
  chmodSync, mkdirSync, mkdtempSync, renameSync, rmdirSync, rmSync, writeFileSync,
} from 'fs';
import { basename, dirname, join, resolve, sep } from 'path';
import { describeWriteError, fileInTheWay, isFolder } from './folders';
import { MoveFailure, StagedMove } from './swap';
import { OutputFile } from '../render/types';

/** An output folder that could not be written; the message says where and why. */
export class WriteError extends Error {
  public override readonly name = 'WriteError';
}

/** Options of {@link writeFilesAtomically}. */
export interface WriteOptions {
  /**
   * Writes more files into the staged copy of the output folder (a folder
   * beside it, on the same file system), which then move in with `files`:
   * how `VhostUserApp` has `App.synth()` write the manifests. What it
   * throws is thrown as it is, with nothing written.
   *
   * @default - only `files`
   */
  readonly stageMore?: (folder: string) => void;
}

/**
 * Writes files into a folder all or nothing: they are written to a
 * temporary sibling folder first, then moved into place. Should a move
 * fail, the files already replaced are put back from the backups kept in
 * that temporary folder, so that the output folder is left as it was.
 *
 * Files already in the folder that are not part of `files` are never
 * touched. A folder the output folder does not have yet (`nodes/` on a
 * first synth, or the whole output folder) is moved in whole, in one
 * rename, rather than file by file.
 *
 * @param outdir the output folder (created when missing)
 * @param files paths relative to `outdir`
 * @param options what else goes in with them
 * @throws WriteError naming the path that could not be written and why,
 *   with the output folder as it was; should putting it back fail too, the
 *   message says so and where the previous files are kept
 */
export function writeFilesAtomically(
  outdir: string, files: readonly OutputFile[], options: WriteOptions = {},
): void {
  const target = resolve(outdir);
  const paths = files.map((file) => safeJoin(target, file.path));
  if (files.length === 0 && options.stageMore === undefined) {
    return;
  }
  const blocker = fileInTheWay(target);
  if (blocker !== undefined) {
    throw new WriteError(`cannot write the output folder ${target}: ${blocker} is a file, `
      + 'not a folder');
  }

  const created = attempt(target, () => mkdirSync(dirname(target), { recursive: true }));
  const staging = attempt(target,
    () => mkdtempSync(join(dirname(target), `.${basename(target)}-`)));
  try {
    const staged = join(staging, 'new');
    attempt(target, () => stage(staged, files, paths, target));
    // Errors of the caller's own writer are its own, not write errors.
    options.stageMore?.(staged);
    if (isFolder(target)) {
      moveOrRestore(staged, target, staging);
    } else {
      attempt(target, () => renameSync(staged, target));
    }
  } catch (e) {
    if (!(e instanceof NotRestored)) {
      rmSync(staging, { recursive: true, force: true });
      removeEmptyFolders(dirname(target), created);
    }
    throw e;
  }
  rmSync(staging, { recursive: true, force: true });
}

/** A failure whose undoing failed too: the staging folder holds the backups. */
class NotRestored extends WriteError {}

/**
 * Moves the staged files into the output folder; on a failure, puts back
 * what was already replaced.
 */
function moveOrRestore(staged: string, target: string, staging: string): void {
  const move = new StagedMove(target, join(staging, 'old'));
  try {
    move.moveAll(staged);
  } catch (e) {
    const failed = move.undo();
    const why = `cannot write the output folder ${target}: ${reasonOf(e)}; `;
    if (failed.length === 0) {
      throw new WriteError(`${why}nothing in the folder was changed`);
    }
    throw new NotRestored(`${why}putting back the files already replaced failed too `
      + `(${failed.join(', ')}): the previous files are kept in ${join(staging, 'old')}, `
      + `the new ones in ${staged}`);
  }
}

/** Writes each file under the staging folder, at its place in the output. */
function stage(
  staged: string, files: readonly OutputFile[], paths: readonly string[], target: string,
): void {
  files.forEach((file, i) => {
    const path = join(staged, paths[i].slice(target.length));
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, file.content);
    if (file.executable) chmodSync(path, 0o755);
  });
}

/**
 * Runs a step, turning a system error into one that names the output
 * folder; the folder is unchanged by then.
 */
function attempt<T>(target: string, step: () => T): T {
  try {
    return step();
  } catch (e) {
    const where = (e as NodeJS.ErrnoException).path ?? target;
    throw new WriteError(`cannot write the output folder ${target}: ${where}: `
      + `${describeWriteError(e)}; nothing in the folder was changed`);
  }
}

function reasonOf(e: unknown): string {
  return e instanceof MoveFailure ? e.message : describeWriteError(e);
}

/** Removes the folders `mkdir -p` created for the output folder, now empty. */
function removeEmptyFolders(deepest: string, created: string | undefined): void {
  if (created === undefined) {
    return;
  }
  for (let path = deepest; isUnder(path, created); path = dirname(path)) {
    try {
      rmdirSync(path);
    } catch {
      return;
    }
  }
}

function isUnder(path: string, folder: string): boolean {
  return path === folder || path.startsWith(folder + sep);
}

/** Joins a relative output path under a folder, refusing `..` escapes. */
function safeJoin(root: string, relative: string): string {
  const path = resolve(root, relative);
  if (!path.startsWith(root + sep)) {
    throw new WriteError(`output path "${relative}" leaves the output folder ${root}`);
  }
  return path;
}
