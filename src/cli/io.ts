import { readFileSync } from 'fs';

/**
 * Where the command line tool writes, so that tests can run it in-process
 * and read what it printed.
 */
export interface CliIo {
  /** Writes results: diagnostics of `check`, the file list of `synth`, facts. */
  readonly stdout: (text: string) => void;
  /** Writes notes, warnings of `synth`, and failures. */
  readonly stderr: (text: string) => void;
  /** Reads the whole standard input, for a spec given as `-`. */
  readonly readStdin: () => string;
}

/** The exit codes of every command. */
export const ExitCode = {
  /** The command did what was asked; warnings may have been printed. */
  OK: 0,
  /** The spec has errors: diagnostics were printed and nothing was written. */
  ERRORS: 1,
  /**
   * The tool could not do its work: a file that cannot be read or parsed, a
   * wrong option, or an unexpected fault.
   */
  FAILURE: 2,
} as const;

/** One of {@link ExitCode}. */
export type ExitCodeValue = (typeof ExitCode)[keyof typeof ExitCode];

/**
 * A failure the tool explains in one line (a file it cannot read, a folder
 * it cannot write), as opposed to a fault of the tool itself.
 */
export class CliFailure extends Error {
  public constructor(message: string) {
    super(message);
    this.name = 'CliFailure';
  }
}

/** Standard output, standard error and standard input of this process. */
export function processIo(): CliIo {
  return {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    readStdin: () => readFileSync(0, 'utf8'),
  };
}

/** `ENOENT` and friends in the words of the person at the keyboard. */
export function describeFsError(e: unknown): string {
  const code = (e as NodeJS.ErrnoException | undefined)?.code;
  switch (code) {
    case 'ENOENT': return 'no such file or folder';
    case 'EISDIR': return 'it is a folder, not a file';
    case 'ENOTDIR': return 'a part of the path is not a folder';
    case 'EACCES':
    case 'EPERM': return 'permission denied';
    default: return e instanceof Error ? e.message : String(e);
  }
}
