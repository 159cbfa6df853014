import { lstatSync, mkdirSync, readdirSync, renameSync, Stats } from 'fs';
import { dirname, join, relative } from 'path';
import { describeWriteError, isFolder } from './folders';

/** A path of the output folder that could not be written, and why. */
export class MoveFailure extends Error {
  /**
   * @param path the absolute path that failed
   * @param reason why, in words
   */
  public constructor(public readonly path: string, public readonly reason: string) {
    super(`${path}: ${reason}`);
    this.name = 'MoveFailure';
  }
}

/** One rename done, to be done backwards on a failure. */
interface Rename {
  readonly from: string;
  readonly to: string;
}

/**
 * Moves a staged tree into an output folder rename by rename, keeping each
 * file it replaces in a backup folder, so that a failure half-way can put
 * the output folder back as it was.
 *
 * A staged folder that the output folder lacks moves in one rename; a
 * folder both have, entry by entry. Entries of the output folder that are
 * not staged are never touched.
 */
export class StagedMove {
  private readonly done: Rename[] = [];

  /**
   * @param target the output folder
   * @param backups a folder on the file system of `target`, for the files
   *   replaced; created when the first one is
   */
  public constructor(private readonly target: string, private readonly backups: string) {}

  /**
   * Moves every entry of a staged folder into the output folder.
   *
   * @throws MoveFailure naming the first path that could not be moved
   */
  public moveAll(staged: string): void {
    this.moveInto(staged, this.target);
  }

  /**
   * Puts back every file replaced and takes out every file moved in, last
   * first; a rename that fails is skipped, so that the others still happen.
   *
   * @returns the renames that failed, `path: reason` each
   */
  public undo(): string[] {
    const failed: string[] = [];
    for (const { from, to } of [...this.done].reverse()) {
      try {
        renameSync(to, from);
      } catch (e) {
        failed.push(`${to}: ${describeWriteError(e)}`);
      }
    }
    this.done.length = 0;
    return failed;
  }

  private moveInto(from: string, to: string): void {
    for (const entry of readdirSync(from, { withFileTypes: true })) {
      const source = join(from, entry.name);
      const destination = join(to, entry.name);
      const existing = this.lstat(destination);
      if (existing === undefined) {
        this.rename(source, destination);
      } else if (entry.isDirectory()) {
        if (!isFolder(destination)) {
          throw new MoveFailure(destination,
            'it is a file, where the output has a folder (move it away)');
        }
        this.moveInto(source, destination);
      } else if (existing.isDirectory()) {
        throw new MoveFailure(destination,
          'it is a folder, where the output has a file (move it away)');
      } else {
        this.backUp(destination);
        this.rename(source, destination);
      }
    }
  }

  private lstat(path: string): Stats | undefined {
    try {
      return lstatSync(path, { throwIfNoEntry: false });
    } catch (e) {
      throw new MoveFailure(path, describeWriteError(e));
    }
  }

  /** Moves a file of the output folder to the backups, at the same relative path. */
  private backUp(path: string): void {
    const backup = join(this.backups, relative(this.target, path));
    try {
      mkdirSync(dirname(backup), { recursive: true });
    } catch (e) {
      throw new MoveFailure(dirname(backup), describeWriteError(e));
    }
    // A file that cannot be moved aside is named by its place in the output.
    this.rename(path, backup, path);
  }

  private rename(from: string, to: string, blame: string = to): void {
    try {
      renameSync(from, to);
    } catch (e) {
      throw new MoveFailure(blame, describeWriteError(e));
    }
    this.done.push({ from, to });
  }
}
