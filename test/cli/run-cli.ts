import { spawnSync } from 'child_process';
import { join } from 'path';
import { main } from '../../src/cli/main';

/** The repository root: the working folder of every CLI run. */
export const ROOT = join(__dirname, '..', '..');

/** What a run of the command line tool printed, and how it ended. */
export interface CliRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Options of {@link runCli} and {@link spawnCli}. */
export interface CliRunOptions {
  /**
   * Text given on standard input.
   *
   * @default ''
   */
  readonly stdin?: string;
}

/** Runs `vhost-user-k8s <args>` in this process, as `main` does for the binary. */
export async function runCli(args: string[], options: CliRunOptions = {}): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const code = await main(['node', 'vhost-user-k8s', ...args], {
    stdout: (text) => {
      stdout += text;
    },
    stderr: (text) => {
      stderr += text;
    },
    readStdin: () => options.stdin ?? '',
  });
  return { code, stdout, stderr };
}

/**
 * Runs `vhost-user-k8s <args>` as a process, from the TypeScript sources
 * (`node -r ts-node/register/transpile-only src/cli/bin.ts`), in the
 * repository root.
 */
export function spawnCli(args: string[], options: CliRunOptions = {}): CliRun {
  const run = spawnSync(process.execPath,
    ['-r', 'ts-node/register/transpile-only', join(ROOT, 'src', 'cli', 'bin.ts'), ...args],
    { cwd: ROOT, input: options.stdin ?? '', encoding: 'utf8', timeout: 110_000 });
  if (run.error !== undefined) {
    throw run.error;
  }
  return { code: run.status ?? -1, stdout: run.stdout, stderr: run.stderr };
}
