import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { OVS_BIN, OVS_SCHEMA } from './ovs-availability';
import { runCommand, spawnTracked, TrackedProcess, waitFor } from './processes';

export * from './ovs-availability';

/** Options for {@link startOvsSandbox}. */
export interface OvsSandboxOptions {
  /**
   * Write {@link OvsSandbox.dpdkSandboxConfig} (DPDK without hugepages) into
   * `Open_vSwitch . other_config` before ovs-vswitchd starts.
   * @default true
   */
  readonly dpdk?: boolean;
  /**
   * More `other_config` keys written before ovs-vswitchd starts; they win over the
   * DPDK sandbox keys.
   * @default - none
   */
  readonly otherConfig?: Readonly<Record<string, string>>;
  /**
   * Start ovs-vswitchd-dpdk at once. Pass false to let a test (or the bootstrap script
   * under test) write the configuration first, then call `startVswitchd()`.
   * @default true
   */
  readonly startVswitchd?: boolean;
  /**
   * Run ovs-vswitchd in a network namespace of its own (`unshare --net`). Its TAP
   * devices (`ovs-netdev`, one per bridge) then vanish with it, and several sandboxes
   * can run at once: in one namespace a second netdev datapath fails with
   * `creating tap device failed: Device or resource busy`.
   * @default true
   */
  readonly isolateNetwork?: boolean;
  /**
   * How long each daemon may take to become ready.
   * @default 60_000
   */
  readonly readyTimeoutMs?: number;
  /**
   * Timeout of one ovs-vsctl call (its `--timeout`), in seconds.
   * @default 30
   */
  readonly vsctlTimeoutSeconds?: number;
}

/** Options for {@link OvsSandbox.startVswitchd}. */
export interface StartVswitchdOptions {
  /**
   * Wait until `Open_vSwitch . dpdk_initialized` is true.
   * @default - when `other_config:dpdk-init` is "true" at start
   */
  readonly waitForDpdk?: boolean;
}

type Daemon = 'ovsdb-server' | 'ovs-vswitchd';

const sandboxes = new Set<OvsSandbox>();

/**
 * A private Open vSwitch: ovsdb-server and Debian's ovs-vswitchd-dpdk with every file
 * (database, sockets, pid files, logs, vhost-user sockets) under one temporary
 * directory, DPDK running without hugepages or PCI devices. Every process is tracked by
 * PID; `stop()` kills them and removes the directory and DPDK's runtime files.
 */
export class OvsSandbox {
  /**
   * Starts a sandbox; see {@link startOvsSandbox}. On failure everything started so
   * far is stopped before the error is thrown.
   */
  public static async start(options: OvsSandboxOptions = {}): Promise<OvsSandbox> {
    const sandbox = new OvsSandbox(options);
    try {
      await sandbox.startOvsdb();
      await sandbox.setOtherConfig({
        ...(options.dpdk ?? true ? sandbox.dpdkSandboxConfig : {}),
        ...options.otherConfig,
      });
      if (options.startVswitchd ?? true) await sandbox.startVswitchd();
      return sandbox;
    } catch (error) {
      await sandbox.stop();
      throw error;
    }
  }

  /** The sandbox directory: OVS rundir, dbdir, logdir and sysconfdir at once. */
  public readonly dir: string;

  /** The environment that points ovs-vsctl, ovs-ofctl and ovs-appctl at this sandbox. */
  public readonly env: NodeJS.ProcessEnv;

  /** The database remote, `unix:<dir>/db.sock` (also ovs-vsctl's default under env). */
  public readonly db: string;

  /** DPDK `--file-prefix` of ovs-vswitchd; its runtime files: /var/run/dpdk/<it>. */
  public readonly filePrefix: string;

  /** Directory for vhost-user sockets, inside the sandbox. */
  public readonly vhostDir: string;

  private ovsdb: TrackedProcess | undefined;
  private vswitchd: TrackedProcess | undefined;
  private stopping: Promise<void> | undefined;

  private constructor(private readonly options: OvsSandboxOptions) {
    this.dir = mkdtempSync(join(tmpdir(), 'ovs-sb-'));
    this.filePrefix = basename(this.dir);
    this.vhostDir = join(this.dir, 'vhost');
    mkdirSync(this.vhostDir);
    this.db = `unix:${join(this.dir, 'db.sock')}`;
    this.env = {
      ...process.env,
      OVS_RUNDIR: this.dir,
      OVS_DBDIR: this.dir,
      OVS_LOGDIR: this.dir,
      OVS_SYSCONFDIR: this.dir,
    };
    sandboxes.add(this);
  }

  /**
   * `other_config` that lets ovs-vswitchd-dpdk initialise DPDK here: no hugepages
   * (`--legacy-mem` is required with `--no-huge`, else OVS 3.1 adds `--in-memory`, which
   * EAL rejects), no PCI scan, a private file prefix, the control thread on CPU 0 and
   * one PMD on CPU 1, per-port mempools (~45 MB for a vhost port instead of a 262144-mbuf
   * shared pool that does not fit in `-m 512`), and PMDs that sleep when idle.
   */
  public get dpdkSandboxConfig(): Record<string, string> {
    const pmdCpu = cpus().length > 1 ? 1 : 0;
    return {
      'dpdk-init': 'true',
      'dpdk-extra': '--no-huge -m 512 --legacy-mem --no-pci ' +
        `--file-prefix=${this.filePrefix}`,
      'dpdk-lcore-mask': '0x1',
      'pmd-cpu-mask': `0x${(2 ** pmdCpu).toString(16)}`,
      'per-port-memory': 'true',
      'pmd-maxsleep': '10000',
    };
  }

  /** The PIDs of the daemons that are running. */
  public get pids(): { readonly ovsdbServer?: number; readonly ovsVswitchd?: number } {
    return {
      ovsdbServer: this.ovsdb?.running ? this.ovsdb.pid : undefined,
      ovsVswitchd: this.vswitchd?.running ? this.vswitchd.pid : undefined,
    };
  }

  /** A vhost-user socket path in {@link vhostDir}; fails past the 107-byte limit. */
  public socketPath(name: string): string {
    const path = join(this.vhostDir, name);
    if (Buffer.byteLength(path) > 107) {
      throw new Error(
        `vhost-user socket path ${path} is ${Buffer.byteLength(path)} bytes; a unix ` +
          'socket path holds at most 107. Set TMPDIR to a shorter directory.',
      );
    }
    return path;
  }

  /** Runs the real ovs-vsctl against this sandbox's database; resolves with stdout. */
  public async vsctl(...args: string[]): Promise<string> {
    const seconds = this.options.vsctlTimeoutSeconds ?? 30;
    const out = await runCommand(OVS_BIN.vsctl,
      [`--db=${this.db}`, `--timeout=${seconds}`, ...args],
      { env: this.env, timeoutMs: seconds * 1000 + 5000 });
    return out.trimEnd();
  }

  /** Runs ovs-ofctl (finds `<bridge>.mgmt` through OVS_RUNDIR); resolves with stdout. */
  public async ofctl(...args: string[]): Promise<string> {
    return (await runCommand(OVS_BIN.ofctl, args, { env: this.env })).trimEnd();
  }

  /** Runs ovs-appctl against one daemon's control socket; resolves with stdout. */
  public async appctl(daemon: Daemon, ...args: string[]): Promise<string> {
    const target = join(this.dir, `${daemon}.ctl`);
    return (await runCommand(OVS_BIN.appctl, ['-t', target, ...args],
      { env: this.env })).trimEnd();
  }

  /** Sets `Open_vSwitch . other_config` keys; works whether or not vswitchd runs. */
  public async setOtherConfig(config: Readonly<Record<string, string>>): Promise<void> {
    const pairs = Object.entries(config)
      .map(([key, value]) => `other_config:${key}=${JSON.stringify(value)}`);
    if (pairs.length === 0) return;
    await this.vsctl('--no-wait', 'set', 'Open_vSwitch', '.', ...pairs);
  }

  /** The last lines of a daemon's log file, for error messages. */
  public logTail(daemon: Daemon, lines = 40): string {
    const file = join(this.dir, `${daemon}.log`);
    if (!existsSync(file)) return `(no ${file})`;
    const all = readFileSync(file, 'utf8').trimEnd().split('\n');
    return `last ${Math.min(lines, all.length)} lines of ${file}:\n` +
      all.slice(-lines).join('\n');
  }

  private async startOvsdb(): Promise<void> {
    const conf = join(this.dir, 'conf.db');
    await runCommand(OVS_BIN.ovsdbTool, ['create', conf, OVS_SCHEMA], { env: this.env });
    this.ovsdb = spawnTracked(OVS_BIN.ovsdbServer, [
      conf,
      `--remote=p${this.db}`,
      '--remote=db:Open_vSwitch,Open_vSwitch,manager_options',
      ...this.daemonFiles('ovsdb-server'),
    ], { env: this.env });
    const ovsdb = this.ovsdb;
    await waitFor('ovsdb-server to listen on ' + this.db, () => {
      this.assertRunning(ovsdb, 'ovsdb-server');
      return existsSync(join(this.dir, 'db.sock')) || undefined;
    }, { timeoutMs: this.readyTimeoutMs, explain: () => this.logTail('ovsdb-server') });
    await this.vsctl('--no-wait', 'init');
  }

  /**
   * Starts ovs-vswitchd-dpdk and waits until it has applied the database and, when
   * DPDK is to be initialised, until `dpdk_initialized` is true. If it dies on the
   * way (EAL rejects its arguments: it aborts), the error carries its log tail.
   *
   * `dpdk-init=true` written while ovs-vswitchd runs initialises DPDK on the spot,
   * once; other DPDK keys (dpdk-extra, masks, memory) are read only at that moment, so
   * changing them afterwards needs {@link restartVswitchd}.
   */
  public async startVswitchd(options: StartVswitchdOptions = {}): Promise<void> {
    if (this.vswitchd?.running) {
      throw new Error(`ovs-vswitchd is already running in ${this.dir} (PID ` +
        `${this.vswitchd.pid}); use restartVswitchd()`);
    }
    const dpdkInit = await this.vsctl('--no-wait', '--if-exists', 'get', 'Open_vSwitch',
      '.', 'other_config:dpdk-init');
    const waitForDpdk = options.waitForDpdk ?? /^"?true"?$/i.test(dpdkInit);

    // ovs-vswitchd copies next_cfg into cur_cfg each time it has applied the database
    // (that is how ovs-vsctl waits for it); raising next_cfg first makes that visible.
    const cfg = Number(await this.vsctl('--no-wait', 'get', 'Open_vSwitch', '.',
      'next_cfg')) + 1;
    await this.vsctl('--no-wait', 'set', 'Open_vSwitch', '.', `next_cfg=${cfg}`);

    const args = [this.db, ...this.daemonFiles('ovs-vswitchd')];
    const isolate = this.options.isolateNetwork ?? true;
    const vswitchd = isolate
      ? spawnTracked('/usr/bin/unshare', ['--net', '--', OVS_BIN.vswitchdDpdk, ...args],
        { env: this.env, name: 'ovs-vswitchd-dpdk' })
      : spawnTracked(OVS_BIN.vswitchdDpdk, args, { env: this.env });
    this.vswitchd = vswitchd;

    const explain = (): string => this.logTail('ovs-vswitchd');
    const timeoutMs = this.readyTimeoutMs;
    await waitFor('ovs-vswitchd to apply the database', async () => {
      this.assertRunning(vswitchd, 'ovs-vswitchd-dpdk');
      const cur = await this.vsctl('get', 'Open_vSwitch', '.', 'cur_cfg');
      return Number(cur) >= cfg || undefined;
    }, { timeoutMs, intervalMs: 200, explain });
    if (!waitForDpdk) return;
    await waitFor('Open_vSwitch . dpdk_initialized=true', async () => {
      this.assertRunning(vswitchd, 'ovs-vswitchd-dpdk');
      const value = await this.vsctl('get', 'Open_vSwitch', '.', 'dpdk_initialized');
      return value === 'true' || undefined;
    }, { timeoutMs, intervalMs: 200, explain });
  }

  /** Stops ovs-vswitchd (SIGTERM, then SIGKILL); the database stays. */
  public async stopVswitchd(): Promise<void> {
    await this.vswitchd?.stop();
  }

  /** Stops and starts ovs-vswitchd, so that it reads the DPDK settings again. */
  public async restartVswitchd(options: StartVswitchdOptions = {}): Promise<void> {
    await this.stopVswitchd();
    await this.startVswitchd(options);
  }

  /**
   * Kills every process of the sandbox by PID and removes its directory and DPDK's
   * runtime files. Safe to call more than once, and after a failed start.
   */
  public stop(): Promise<void> {
    this.stopping ??= (async () => {
      await this.vswitchd?.stop();
      await this.ovsdb?.stop();
      this.removeFiles();
      sandboxes.delete(this);
    })();
    return this.stopping;
  }

  /** Removes the files synchronously: the last resort of the process 'exit' hook. */
  public removeFiles(): void {
    rmSync(this.dir, { recursive: true, force: true });
    rmSync(join('/var/run/dpdk', this.filePrefix), { recursive: true, force: true });
  }

  private get readyTimeoutMs(): number {
    return this.options.readyTimeoutMs ?? 60_000;
  }

  private daemonFiles(daemon: Daemon): string[] {
    return [
      `--pidfile=${join(this.dir, `${daemon}.pid`)}`,
      `--unixctl=${join(this.dir, `${daemon}.ctl`)}`,
      `--log-file=${join(this.dir, `${daemon}.log`)}`,
      '-vconsole:off',
    ];
  }

  private assertRunning(p: TrackedProcess, name: string): void {
    const exit = p.exit;
    if (exit === undefined) return;
    const how = exit.signal
      ? `was killed by ${exit.signal}`
      : `exited with code ${exit.code}`;
    throw new Error(`${name} (PID ${p.pid}) ${how} while starting in ${this.dir}\n` +
      this.logTail(name.startsWith('ovsdb') ? 'ovsdb-server' : 'ovs-vswitchd'));
  }
}

/**
 * Starts a private Open vSwitch with DPDK (see {@link OvsSandbox}). By default it writes
 * the no-hugepage DPDK settings and waits until `dpdk_initialized` is true. On failure
 * everything started so far is stopped before the error is thrown.
 */
export function startOvsSandbox(options: OvsSandboxOptions = {}): Promise<OvsSandbox> {
  return OvsSandbox.start(options);
}

/** Stops every sandbox not yet stopped; meant for `afterAll(stopAllOvsSandboxes)`. */
export async function stopAllOvsSandboxes(): Promise<void> {
  await Promise.all([...sandboxes].map((s) => s.stop()));
}

// The processes themselves are killed by processes.ts; this removes their files.
process.once('exit', () => {
  for (const s of sandboxes) s.removeFiles();
});
