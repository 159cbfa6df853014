import { rmSync } from 'node:fs';
import { basename, join } from 'node:path';
import { DPDK_TESTPMD } from './ovs-availability';
import { spawnTracked, TrackedProcess, waitFor } from './processes';

/** testpmd's `--forward-mode` values the tests use. */
export type TestpmdForwardMode = 'io' | 'txonly' | 'rxonly' | 'macswap';

/** Options for {@link startTestpmd}. */
export interface TestpmdOptions {
  /**
   * The vhost-user socket testpmd creates and listens on (`net_virtio_user` with
   * `server=1`): the role QEMU or Cloud Hypervisor plays for a VM, facing an OVS
   * `dpdkvhostuserclient` port whose `options:vhost-server-path` is this path.
   * @default - required unless `vdev` is given
   */
  readonly socketPath?: string;
  /**
   * The EAL `--vdev` argument, replacing the vhost-user device (`net_null0` gives a
   * port that needs no peer).
   * @default - `net_virtio_user0,path=<socketPath>,server=1,queues=1`
   */
  readonly vdev?: string;
  /**
   * MAC address of the vhost-user device (`mac=` of `net_virtio_user`), as Virtink
   * gives Cloud Hypervisor the VM interface's MAC.
   * @default - one DPDK generates
   */
  readonly mac?: string;
  /**
   * Destination MAC of the packets testpmd builds in `txonly` mode and for
   * `--tx-first` (`--eth-peer=0,<mac>`).
   * @default - 02:00:00:00:00:00
   */
  readonly peerMac?: string;
  /** What the forwarding lcore does with the port. */
  readonly forwardMode: TestpmdForwardMode;
  /**
   * Send one burst before forwarding (`--tx-first`). In `io` mode, facing a peer that
   * sends nothing back, that is exactly `burst` packets: a deterministic count.
   * @default false
   */
  readonly txFirst?: boolean;
  /**
   * Packets per burst (`--burst`).
   * @default 32
   */
  readonly burst?: number;
  /**
   * The CPU both lcores (main and forwarding) are pinned to (`--lcores=0@N,1@N`).
   * @default 0
   */
  readonly cpu?: number;
  /**
   * Seconds between two port statistics prints (`--stats-period`). Without it a
   * non-interactive testpmd reads EOF on stdin and quits at once.
   * @default 1
   */
  readonly statsPeriodSeconds?: number;
  /**
   * Upper bound on the run: testpmd gets SIGINT after this long (as `timeout -s INT`).
   * @default 120_000
   */
  readonly maxRunMs?: number;
}

/** Packet rates of testpmd's port 0 over one statistics period. */
export interface TestpmdPortRates {
  /** Packets received per second ("Rx-pps"). */
  readonly rxPps: number;
  /** Packets sent per second ("Tx-pps"). */
  readonly txPps: number;
}

/** Packet counters of testpmd's port 0. */
export interface TestpmdPortStats {
  /** Packets received. */
  readonly rxPackets: number;
  /** Packets sent. */
  readonly txPackets: number;
}

let started = 0;
const running = new Set<Testpmd>();

/**
 * A running dpdk-testpmd: no hugepages (`--no-huge -m 64`, memfd-backed memory that
 * vhost-user can share), no PCI scan, a private `--file-prefix`, tracked by PID.
 */
export class Testpmd {
  /**
   * Starts testpmd. It returns at once; with a vhost-user device testpmd then blocks
   * in accept() until the OVS port connects (see {@link waitUntilForwarding}).
   */
  public static start(options: TestpmdOptions): Testpmd {
    if ((options.socketPath === undefined) === (options.vdev === undefined)) {
      throw new Error('startTestpmd: give exactly one of socketPath (a vhost-user ' +
        'socket) and vdev (an EAL --vdev argument)');
    }
    return new Testpmd(options);
  }

  /** DPDK `--file-prefix`; its runtime files are in /var/run/dpdk/<it> until stop(). */
  public readonly filePrefix: string;

  /** Name in error messages: the socket's base name, or the vdev. */
  public readonly name: string;

  private readonly process: TrackedProcess;
  private readonly timer: NodeJS.Timeout;
  private stopping: Promise<TestpmdPortStats> | undefined;

  private constructor(private readonly options: TestpmdOptions) {
    this.filePrefix = `testpmd-${process.pid}-${++started}`;
    const vdev = options.vdev ??
      `net_virtio_user0,path=${options.socketPath},server=1,queues=1` +
        (options.mac ? `,mac=${options.mac}` : '');
    this.name = options.socketPath ? basename(options.socketPath) : vdev;
    const cpu = options.cpu ?? 0;
    const eal = [
      `--lcores=0@${cpu},1@${cpu}`, // a main lcore and one forwarding lcore; not with -l
      '--no-pci',
      '--no-huge', // EAL alone; --in-memory would be rejected next to it
      '-m', '64',
      '--no-telemetry',
      `--file-prefix=${this.filePrefix}`,
      `--vdev=${vdev}`,
    ];
    const app = [
      `--forward-mode=${options.forwardMode}`,
      '--auto-start',
      `--stats-period=${options.statsPeriodSeconds ?? 1}`,
      '--total-num-mbufs=8192', // the default pool (155456 mbufs) does not fit in -m 64
      `--burst=${options.burst ?? 32}`,
      ...(options.txFirst ? ['--tx-first'] : []),
      ...(options.peerMac ? [`--eth-peer=0,${options.peerMac}`] : []),
    ];
    // stdbuf: testpmd's stdout is a pipe here, and block buffering would hide progress.
    this.process = spawnTracked('/usr/bin/stdbuf',
      ['-oL', DPDK_TESTPMD, ...eal, '--', ...app],
      { captureOutput: true, name: `dpdk-testpmd (${this.name})` });
    const maxRunMs = options.maxRunMs ?? 120_000;
    this.timer = setTimeout(() => this.process.signal('SIGINT'), maxRunMs);
    running.add(this);
    void this.process.exited.then(() => clearTimeout(this.timer));
  }

  /** The PID of dpdk-testpmd. */
  public get pid(): number {
    return this.process.pid;
  }

  /** Everything testpmd printed so far. */
  public get output(): string {
    return this.process.output;
  }

  /**
   * Waits until testpmd forwards on its port, which for a vhost-user server means the
   * OVS client has connected. Fails early, with the output, if testpmd exits.
   */
  public async waitUntilForwarding(timeoutMs = 60_000): Promise<void> {
    await waitFor(`testpmd on ${this.name} to start forwarding`, () => {
      this.assertRunning();
      return /packet forwarding - ports=[1-9]/.test(this.output) || undefined;
    }, {
      timeoutMs,
      explain: () => (this.options.socketPath
        ? `No vhost-user client connected to ${this.options.socketPath}: testpmd waits ` +
          'in accept() until an OVS dpdkvhostuserclient port with this ' +
          'options:vhost-server-path connects.\n'
        : '') + this.outputTail(),
    });
  }

  /** The counters of the latest periodic statistics print, if any. */
  public latestStats(): TestpmdPortStats | undefined {
    return parseLatestPortStats(this.output);
  }

  /** The rates of every periodic statistics print so far, oldest first. */
  public rates(): TestpmdPortRates[] {
    return parsePortRates(this.output);
  }

  /** Polls the periodic statistics until `accept` holds; resolves with them. */
  public async waitForStats(
    what: string,
    accept: (stats: TestpmdPortStats) => boolean,
    timeoutMs = 60_000,
  ): Promise<TestpmdPortStats> {
    return waitFor(`testpmd on ${this.name}: ${what}`, () => {
      this.assertRunning();
      const stats = this.latestStats();
      return stats && accept(stats) ? stats : undefined;
    }, { timeoutMs, intervalMs: 250, explain: () => this.outputTail() });
  }

  /**
   * Stops testpmd with SIGINT (SIGKILL after 20 s), removes its runtime files and its
   * vhost-user socket, and resolves with the final forward statistics it prints on the
   * way out. Safe to call more than once.
   */
  public stop(): Promise<TestpmdPortStats> {
    this.stopping ??= (async () => {
      clearTimeout(this.timer);
      await this.process.stop({ signal: 'SIGINT', graceMs: 20_000 });
      rmSync(join('/var/run/dpdk', this.filePrefix), { recursive: true, force: true });
      if (this.options.socketPath) rmSync(this.options.socketPath, { force: true });
      running.delete(this);
      const stats = parseFinalStats(this.output);
      if (stats === undefined) {
        throw new Error(`testpmd on ${this.name} printed no final forward statistics ` +
          `(exit ${JSON.stringify(this.process.exit)})\n${this.outputTail()}`);
      }
      return stats;
    })();
    return this.stopping;
  }

  private assertRunning(): void {
    const exit = this.process.exit;
    if (exit === undefined) return;
    throw new Error(`dpdk-testpmd on ${this.name} (PID ${this.pid}) ended early ` +
      `(code ${exit.code}, signal ${exit.signal})\n${this.outputTail()}`);
  }

  private outputTail(lines = 40): string {
    const all = this.output.trimEnd().split('\n');
    return `last ${Math.min(lines, all.length)} lines of testpmd output:\n` +
      all.slice(-lines).join('\n');
  }
}

/** Starts dpdk-testpmd; see {@link Testpmd.start}. Stop it with `stop()`. */
export function startTestpmd(options: TestpmdOptions): Testpmd {
  return Testpmd.start(options);
}

/**
 * Stops every testpmd not yet stopped, ignoring missing statistics; meant for
 * `afterAll`, so that a failed test leaves no testpmd behind.
 */
export async function stopAllTestpmds(): Promise<void> {
  await Promise.all([...running].map((t) => t.stop().catch(() => undefined)));
}

/**
 * The counters of the last complete periodic "NIC statistics for port 0" block
 * (`--stats-period` output), or undefined when none has been printed yet.
 */
export function parseLatestPortStats(output: string): TestpmdPortStats | undefined {
  const block =
    /NIC statistics for port 0[^\n]*\n\s*RX-packets:\s+(\d+)[\s\S]*?TX-packets:\s+(\d+)/g;
  let last: RegExpExecArray | undefined;
  for (let m = block.exec(output); m !== null; m = block.exec(output)) last = m;
  return last && { rxPackets: Number(last[1]), txPackets: Number(last[2]) };
}

/**
 * The "Throughput (since last show)" rates of every periodic statistics block, oldest
 * first. testpmd measures each over the time since the block before, with its own
 * clock, so the first one covers the time since forwarding started.
 */
export function parsePortRates(output: string): TestpmdPortRates[] {
  const block = /Rx-pps:\s+(\d+)[^\n]*\n\s*Tx-pps:\s+(\d+)/g;
  return [...output.matchAll(block)]
    .map((m) => ({ rxPps: Number(m[1]), txPps: Number(m[2]) }));
}

/**
 * The counters of the "Accumulated forward statistics for all ports" block testpmd
 * prints when it stops forwarding, or undefined when it is absent.
 */
export function parseFinalStats(output: string): TestpmdPortStats | undefined {
  const start = output.lastIndexOf('Accumulated forward statistics');
  if (start < 0) return undefined;
  const block = output.slice(start);
  const rx = /RX-packets:\s+(\d+)\s+RX-dropped/.exec(block);
  const tx = /TX-packets:\s+(\d+)\s+TX-dropped/.exec(block);
  if (!rx || !tx) return undefined;
  return { rxPackets: Number(rx[1]), txPackets: Number(tx[1]) };
}
