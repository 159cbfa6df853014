import { PerfBlock, PerfLogRun, readConsoleLog } from './console-log';
import { PerfInterfaceType, PerfPlacement, readPairName } from './names';
import { parseIperf3 } from './parse-iperf3';
import { parseQperf } from './parse-qperf';
import { PerfProtocol, PerfTool } from './run-plan';
import { Bandwidth, Latency } from './units';
import { Size } from '../model/size';

/** A log to read: a `kubectl logs` output, a console capture, the script's output. */
export interface PerfLog {
  /** Its name for messages, such as the file name. */
  readonly source: string;
  /** Its whole text. */
  readonly text: string;
}

/** A step that measured: every value it should give was read. */
export interface PerfMeasured {
  readonly status: 'measured';
  /** qperf: `bw` (TCP) or `recv_bw` (UDP); iperf3: the receiver's rate. */
  readonly bandwidth: Bandwidth;
  /** qperf only: one-way latency. */
  readonly latency?: Latency;
  /** iperf3 UDP only: datagrams lost, in percent. */
  readonly lostPercent?: number;
}

/** A step that ran and failed, or whose output is cut short. */
export interface PerfFailed {
  readonly status: 'failed';
  /** Why, in one or two sentences, quoting the tool where it spoke. */
  readonly reason: string;
}

/** A step the client planned (its START marker lists it) that never began. */
export interface PerfNotRun {
  readonly status: 'not-run';
  /** Why, such as "the server never answered". */
  readonly reason: string;
}

/** What became of one step. A failure is never a zero. */
export type PerfOutcome = PerfMeasured | PerfFailed | PerfNotRun;

/** One step of one pair. */
export interface PerfResult {
  readonly kit: string;
  readonly pair: string;
  /** From the pair name; undefined for a pair name the kit does not make. */
  readonly interfaceType?: PerfInterfaceType;
  /** From the pair name; undefined for a pair name the kit does not make. */
  readonly placement?: PerfPlacement;
  readonly tool: PerfTool;
  readonly protocol: PerfProtocol;
  readonly size: Size;
  /** The log it was read from. */
  readonly source: string;
  readonly outcome: PerfOutcome;
}

/** When one client run measured, by the guest's clock. */
export interface PerfRunTimes {
  readonly kit: string;
  readonly pair: string;
  /** The log it was read from. */
  readonly source: string;
  /** When its first measuring step began, seconds since the epoch. */
  readonly from: number;
  /** When it finished (DONE), or its last step began when the log ends first. */
  readonly until: number;
}

/** Everything read from a set of logs. */
export interface PerfResults {
  /** One result per kit, pair and step; a later run of a pair replaces an earlier one. */
  readonly results: readonly PerfResult[];
  /** Logs and runs that gave nothing to report, one sentence each. */
  readonly problems: readonly string[];
  /**
   * When each client run measured, for runs whose markers carry times; one
   * per kit and pair, the later run replacing the earlier as for `results`.
   *
   * @default - none
   */
  readonly runs?: readonly PerfRunTimes[];
}

const STEP = /^(qperf|iperf3)\/(tcp|udp)\/([1-9]\d*)$/;
const TIMEOUT_EXITS = new Set([124, 137]);

/**
 * Reads the results of the measuring script from logs. Each client run gives
 * one result per step its START marker planned (and per step found without
 * one): measured, failed (an END with a non-zero exit, an error from the
 * tool, a zero, no END marker) or not run (the server never answered, or the
 * log ends first). Server runs give no results.
 */
export function parsePerfLogs(logs: readonly PerfLog[]): PerfResults {
  const byStep = new Map<string, PerfResult>();
  const times = new Map<string, PerfRunTimes>();
  const problems: string[] = [];
  for (const log of logs) {
    const runs = readConsoleLog(log.text, log.source);
    if (runs.length === 0) {
      problems.push(`${log.source}: no perf kit markers found; is this the console log `
        + 'of a client VM (kubectl logs <vm pod> -c cloud-hypervisor)?');
    }
    for (const run of runs.filter((r) => r.start?.role !== 'server')) {
      const results = runResults(run);
      if (results.length === 0) {
        problems.push(`${log.source}: pair ${run.kit}/${run.pair} planned no steps`);
      }
      for (const result of results) {
        byStep.set(`${run.kit}/${run.pair}/${stepKey(result)}`, result);
      }
      const measured = timesOf(run);
      if (measured !== undefined) {
        times.set(`${run.kit}/${run.pair}`, measured);
      } else {
        times.delete(`${run.kit}/${run.pair}`);
      }
    }
  }
  return { results: [...byStep.values()], problems, runs: [...times.values()] };
}

/** When a run measured: from its first tool step to DONE (or its last step). */
function timesOf(run: PerfLogRun): PerfRunTimes | undefined {
  const starts = run.blocks.filter((b) => STEP.test(b.step) && b.startedAt !== undefined)
    .map((b) => b.startedAt as number);
  if (starts.length === 0) {
    return undefined;
  }
  return {
    kit: run.kit,
    pair: run.pair,
    source: run.source,
    from: Math.min(...starts),
    until: run.doneAt ?? Math.max(...starts),
  };
}

function runResults(run: PerfLogRun): PerfResult[] {
  const pair = readPairName(run.pair);
  const wait = run.blocks.find((b) => b.step === 'wait');
  const waitProblem = wait === undefined || wait.exit === 0 ? undefined
    : wait.exit === undefined ? 'the log ends while the client still waits for its server'
      : `the server never answered: ${allLines(wait.lines) || `exit status ${wait.exit}`}`;

  return plannedSteps(run).map(({ tool, protocol, bytes }) => {
    const id = `${tool}/${protocol}/${bytes}`;
    const block = run.blocks.filter((b) => b.step === id).pop();
    let outcome: PerfOutcome;
    if (block !== undefined) {
      outcome = blockOutcome(block, tool, protocol);
    } else if (waitProblem !== undefined) {
      outcome = { status: 'not-run', reason: waitProblem };
    } else {
      outcome = {
        status: 'not-run',
        reason: run.done
          ? 'the client finished without running it'
          : 'the log ends before this step (cut short, or the run is still going)',
      };
    }
    return {
      kit: run.kit,
      pair: run.pair,
      ...pair,
      tool,
      protocol,
      size: Size.bytes(bytes),
      source: run.source,
      outcome,
    };
  });
}

/** The steps of the START marker's lists, then any other step found. */
function plannedSteps(run: PerfLogRun): { tool: PerfTool; protocol: PerfProtocol; bytes: number }[] {
  const ids: string[] = [];
  for (const tool of ['qperf', 'iperf3'] as const) {
    for (const protocol of ['tcp', 'udp'] as const) {
      const list = run.start?.[`${tool}-${protocol}`] ?? '';
      ids.push(...list.split(',').filter((s) => s !== '').map((s) => `${tool}/${protocol}/${s}`));
    }
  }
  ids.push(...run.blocks.map((b) => b.step));
  const unique = [...new Set(ids)].map((id) => STEP.exec(id)).filter((m) => m !== null);
  return unique.map((m) => ({
    tool: m[1] as PerfTool, protocol: m[2] as PerfProtocol, bytes: Number(m[3]),
  }));
}

function blockOutcome(block: PerfBlock, tool: PerfTool, protocol: PerfProtocol): PerfOutcome {
  if (block.exit === undefined) {
    return {
      status: 'failed',
      reason: 'the output stops inside this step, with no END marker '
        + '(the log is cut short, or the VM stopped mid-step)',
    };
  }
  const reading = tool === 'qperf'
    ? parseQperf(block.lines, protocol)
    : parseIperf3(block.lines, protocol);
  if (TIMEOUT_EXITS.has(block.exit)) {
    return { status: 'failed', reason: `${tool} ran past its time limit and was stopped` };
  }
  if (block.exit !== 0) {
    const said = reading.problems[0] ?? firstLine(block.lines);
    return {
      status: 'failed',
      reason: `${tool} exited with status ${block.exit}${said !== undefined ? `: ${said}` : ''}`,
    };
  }
  if (reading.problems.length > 0 || reading.bandwidth === undefined) {
    return { status: 'failed', reason: reading.problems.join('; ') };
  }
  return {
    status: 'measured',
    bandwidth: reading.bandwidth,
    ...('latency' in reading && reading.latency !== undefined
      ? { latency: reading.latency } : {}),
    ...('lostPercent' in reading && reading.lostPercent !== undefined
      ? { lostPercent: reading.lostPercent } : {}),
  };
}

function stepKey(result: PerfResult): string {
  return `${result.tool}/${result.protocol}/${result.size.bytes}`;
}

function allLines(lines: readonly string[]): string {
  return lines.map((l) => l.trim()).filter((l) => l !== '').join(' ');
}

function firstLine(lines: readonly string[]): string | undefined {
  return lines.map((l) => l.trim()).find((l) => l !== '');
}
