import { ChildProcess, execFile, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { basename } from 'node:path';

/** How a tracked process ended. */
export interface ProcessExit {
  /** Exit code, or null when a signal ended the process. */
  readonly code: number | null;
  /** The signal that ended the process, or null when it exited by itself. */
  readonly signal: NodeJS.Signals | null;
}

/** Options for {@link spawnTracked}. */
export interface SpawnTrackedOptions {
  /**
   * Environment of the process.
   * @default - the environment of the test process
   */
  readonly env?: NodeJS.ProcessEnv;
  /**
   * Working directory.
   * @default - the working directory of the test process
   */
  readonly cwd?: string;
  /**
   * Keep stdout and stderr in memory (see {@link TrackedProcess.output}).
   * @default false - output is discarded
   */
  readonly captureOutput?: boolean;
  /**
   * Name used in error messages.
   * @default - the base name of the command
   */
  readonly name?: string;
}

/** Options for {@link TrackedProcess.stop}. */
export interface StopOptions {
  /**
   * The signal sent first.
   * @default 'SIGTERM'
   */
  readonly signal?: NodeJS.Signals;
  /**
   * How long to wait after the first signal before sending SIGKILL.
   * @default 10_000
   */
  readonly graceMs?: number;
}

// Output kept per process; older text is dropped so a chatty process cannot eat memory.
const MAX_OUTPUT_CHARS = 4_000_000;

const live = new Set<TrackedProcess>();
let exitHookInstalled = false;

// setpriv sets the parent-death signal and execs the command, so a process that the
// test worker leaves behind (worker killed, crash) is killed by the kernel.
const SETPRIV = '/usr/bin/setpriv';

/**
 * A child process started by a test and tracked by PID until it has been reaped.
 * Every tracked process is killed when the test process exits.
 */
export class TrackedProcess {
  /** The PID of the command itself (setpriv and unshare exec, they do not fork). */
  public readonly pid: number;

  /** Name used in error messages. */
  public readonly name: string;

  /** Settles once the process has ended and been reaped. */
  public readonly exited: Promise<ProcessExit>;

  private exitInfo: ProcessExit | undefined;
  private text = '';

  /** @internal */
  constructor(child: ChildProcess, name: string, captureOutput: boolean) {
    if (child.pid === undefined) {
      throw new Error(`${name}: the process did not start (no PID was assigned)`);
    }
    this.pid = child.pid;
    this.name = name;
    if (captureOutput) {
      child.stdout?.on('data', (chunk: Buffer) => this.append(chunk));
      child.stderr?.on('data', (chunk: Buffer) => this.append(chunk));
    }
    this.exited = new Promise((resolve) => {
      child.once('exit', (code, signal) => {
        this.exitInfo = { code, signal };
        live.delete(this);
        resolve(this.exitInfo);
      });
    });
  }

  /** How the process ended, or undefined while it runs. */
  public get exit(): ProcessExit | undefined {
    return this.exitInfo;
  }

  /** Whether the process is still running (not yet reaped). */
  public get running(): boolean {
    return this.exitInfo === undefined;
  }

  /** Captured stdout and stderr, interleaved in arrival order. */
  public get output(): string {
    return this.text;
  }

  /** Sends a signal to the PID, unless the process has already been reaped. */
  public signal(signal: NodeJS.Signals): void {
    if (!this.running) return;
    try {
      process.kill(this.pid, signal);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ESRCH') throw error;
    }
  }

  /** Signals the process, waits for it, and kills it if it outlives the grace period. */
  public async stop(options: StopOptions = {}): Promise<ProcessExit> {
    this.signal(options.signal ?? 'SIGTERM');
    const graceMs = options.graceMs ?? 10_000;
    const timer = setTimeout(() => this.signal('SIGKILL'), graceMs);
    try {
      return await this.exited;
    } finally {
      clearTimeout(timer);
    }
  }

  private append(chunk: Buffer): void {
    this.text += chunk.toString('utf8');
    if (this.text.length > MAX_OUTPUT_CHARS) {
      this.text = this.text.slice(this.text.length - MAX_OUTPUT_CHARS / 2);
    }
  }
}

/**
 * Starts a command that runs until the test stops it, and tracks it by PID. Where
 * util-linux's setpriv exists the command also gets SIGKILL as its parent-death
 * signal, so it cannot outlive a test worker that is killed.
 */
export function spawnTracked(
  command: string,
  args: readonly string[],
  options: SpawnTrackedOptions = {},
): TrackedProcess {
  if (command.startsWith('/') && !existsSync(command)) {
    throw new Error(`Cannot start ${command}: no such file (is its package installed?)`);
  }
  installExitHook();
  const capture = options.captureOutput ?? false;
  const [file, argv] = existsSync(SETPRIV)
    ? [SETPRIV, ['--pdeathsig', 'KILL', '--', command, ...args]]
    : [command, [...args]];
  const child = spawn(file, argv, {
    env: options.env ?? process.env,
    cwd: options.cwd,
    stdio: ['ignore', capture ? 'pipe' : 'ignore', capture ? 'pipe' : 'ignore'],
  });
  child.on('error', () => undefined); // a failed spawn also emits 'exit'
  const tracked = new TrackedProcess(child, options.name ?? basename(command), capture);
  live.add(tracked);
  return tracked;
}

/** The tracked processes not yet reaped. */
export function liveProcesses(): readonly TrackedProcess[] {
  return [...live];
}

/** Stops every tracked process (SIGTERM, then SIGKILL after the grace period). */
export async function stopAllProcesses(options: StopOptions = {}): Promise<void> {
  await Promise.all([...live].map((p) => p.stop(options)));
}

function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  // 'exit' handlers must be synchronous: a plain kill by PID is.
  process.once('exit', () => {
    for (const p of live) p.signal('SIGKILL');
  });
}

/** Options for {@link runCommand}. */
export interface RunCommandOptions {
  /**
   * Environment of the command.
   * @default - the environment of the test process
   */
  readonly env?: NodeJS.ProcessEnv;
  /**
   * Kill the command (SIGKILL) and fail after this long.
   * @default 60_000
   */
  readonly timeoutMs?: number;
}

/**
 * Runs a short command to completion and resolves with its stdout. A non-zero exit, a
 * signal or the timeout rejects with the command line, the exit status and stderr.
 */
export function runCommand(
  command: string,
  args: readonly string[],
  options: RunCommandOptions = {},
): Promise<string> {
  const timeoutMs = options.timeoutMs ?? 60_000;
  return new Promise((resolve, reject) => {
    execFile(
      command,
      [...args],
      {
        env: options.env ?? process.env,
        timeout: timeoutMs,
        killSignal: 'SIGKILL',
        maxBuffer: 64 * 1024 * 1024,
      },
      (error, stdout, stderr) => {
        if (!error) {
          resolve(stdout);
          return;
        }
        const status = error.killed
          ? `was killed after ${timeoutMs} ms`
          : `exited with ${error.code ?? error.signal}`;
        const detail = stderr.trim() || stdout.trim() || error.message;
        reject(new Error(`\`${[command, ...args].join(' ')}\` ${status}:\n${detail}`));
      },
    );
  });
}

/** Options for {@link waitFor}. */
export interface WaitForOptions {
  /** Give up after this long. */
  readonly timeoutMs: number;
  /**
   * Pause between two probes.
   * @default 100
   */
  readonly intervalMs?: number;
  /**
   * Extra text for the timeout error, such as a log tail; called once, on timeout.
   * @default - none
   */
  readonly explain?: () => string;
}

/**
 * Polls `probe` until it returns a value other than undefined, and resolves with it.
 * An error thrown by the probe ends the wait at once (use it for "the daemon died").
 * Rejects with `Timed out after N ms waiting for <what>` and the explanation.
 */
export async function waitFor<T>(
  what: string,
  probe: () => Promise<T | undefined> | T | undefined,
  options: WaitForOptions,
): Promise<T> {
  const deadline = Date.now() + options.timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() >= deadline) {
      const extra = options.explain?.() ?? '';
      throw new Error(
        `Timed out after ${options.timeoutMs} ms waiting for ${what}` +
          (extra ? `\n${extra}` : ''),
      );
    }
    await new Promise((r) => setTimeout(r, options.intervalMs ?? 100));
  }
}
