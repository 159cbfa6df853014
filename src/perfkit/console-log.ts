import { readMarker } from './markers';

/** One step's raw output, as found between its markers. */
export interface PerfBlock {
  /** The step's path inside its run: `wait`, `qperf/tcp/64`. */
  readonly step: string;
  /** The lines between BEGIN and END (or the end of the log), without `\r`. */
  readonly lines: readonly string[];
  /** The exit status from the END marker; undefined when no END followed. */
  readonly exit?: number;
  /** When the step began (the BEGIN marker's `time`, seconds since the epoch), if given. */
  readonly startedAt?: number;
}

/** One run of the measuring script, as found in a log. */
export interface PerfLogRun {
  /** Where the log came from (a file name), for messages. */
  readonly source: string;
  /** The kit name, the first word of the marker paths. */
  readonly kit: string;
  /** The pair name, the second word. */
  readonly pair: string;
  /** The fields of the START marker (`role`, `peer`, `qperf-tcp`, ...), if one was seen. */
  readonly start?: Readonly<Record<string, string>>;
  /** The steps found, in log order. */
  readonly blocks: readonly PerfBlock[];
  /** Whether the DONE marker was seen: the client finished. */
  readonly done: boolean;
  /** When the client finished (the DONE marker's `time`), if given. */
  readonly doneAt?: number;
}

// RFC 3339 with nanoseconds, as `kubectl logs --timestamps` writes it.
const TIMESTAMP = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d) /;
const KUBECTL_PREFIX = /^\[pod\/[^\]\s]+\] /;

interface OpenRun {
  source: string;
  kit: string;
  pair: string;
  start?: Record<string, string>;
  blocks: PerfBlock[];
  done: boolean;
  doneAt?: number;
}

/**
 * Finds the runs in a console log (a `kubectl logs` output, a serial console
 * capture, a file of the script's output). Text outside the markers (boot
 * messages, server output) is skipped. A START marker opens a new run of its
 * pair; steps seen without a START are kept in a run without `start`. A BEGIN
 * that no END closes keeps the lines up to the next marker of its pair or the
 * end of the log, and has no `exit`.
 *
 * `kubectl logs --timestamps` and `--prefix` are understood: the timestamp is
 * dropped, and the lines of each `[pod/<name>/<container>]` are read as a log
 * of their own, so that the output of several pods may be interleaved.
 *
 * @param text the whole log
 * @param source its name, kept for messages
 */
export function readConsoleLog(text: string, source: string): PerfLogRun[] {
  const streams = new Map<string, string[]>();
  for (const raw of text.split('\n')) {
    const line = raw.replace(/\r/g, '').replace(TIMESTAMP, '');
    const prefix = KUBECTL_PREFIX.exec(line)?.[0] ?? '';
    const lines = streams.get(prefix) ?? [];
    lines.push(line.slice(prefix.length).replace(TIMESTAMP, ''));
    streams.set(prefix, lines);
  }
  return [...streams].flatMap(([prefix, lines]) =>
    readStream(lines, prefix === '' ? source : `${source} ${prefix.trim()}`));
}

function readStream(lines: readonly string[], source: string): PerfLogRun[] {
  const runs: OpenRun[] = [];
  const current = new Map<string, OpenRun>();
  let open: { run: OpenRun; step: string; lines: string[]; startedAt?: number } | undefined;

  const runOf = (path: string, fresh: boolean): OpenRun | undefined => {
    const [kit, pair] = path.split('/');
    if (kit === undefined || pair === undefined) {
      return undefined;
    }
    const key = `${kit}/${pair}`;
    let run = current.get(key);
    if (run === undefined || fresh) {
      run = { source, kit, pair, blocks: [], done: false };
      runs.push(run);
      current.set(key, run);
    }
    return run;
  };
  const closeOpen = (exit?: number) => {
    if (open !== undefined) {
      const { step, lines: found, startedAt } = open;
      open.run.blocks.push({
        step, lines: found, exit, ...(startedAt !== undefined && { startedAt }),
      });
      open = undefined;
    }
  };

  for (const line of lines) {
    const marker = readMarker(line);
    if (marker === undefined) {
      open?.lines.push(line);
      continue;
    }
    const step = marker.path.split('/').slice(2).join('/');
    if (marker.event === 'END' && open !== undefined && marker.path === pathOf(open)) {
      const exit = Number(marker.fields.exit);
      closeOpen(Number.isInteger(exit) ? exit : undefined);
      continue;
    }
    closeOpen();
    if (marker.event === 'START') {
      const run = runOf(marker.path, true);
      if (run !== undefined) {
        run.start = { ...marker.fields };
      }
    } else if (marker.event === 'BEGIN' && step !== '') {
      const run = runOf(marker.path, false);
      const startedAt = timeOf(marker.fields);
      if (run !== undefined) {
        open = { run, step, lines: [], ...(startedAt !== undefined && { startedAt }) };
      }
    } else if (marker.event === 'DONE') {
      const run = runOf(marker.path, false);
      const doneAt = timeOf(marker.fields);
      if (run !== undefined) {
        run.done = true;
        if (doneAt !== undefined) {
          run.doneAt = doneAt;
        }
      }
    }
  }
  closeOpen();
  return runs;
}

function pathOf(open: { run: OpenRun; step: string }): string {
  return `${open.run.kit}/${open.run.pair}/${open.step}`;
}

/** The `time` field of a marker, when it is a whole number of seconds. */
function timeOf(fields: Readonly<Record<string, string>>): number | undefined {
  const time = Number(fields.time);
  return fields.time !== undefined && Number.isInteger(time) ? time : undefined;
}
