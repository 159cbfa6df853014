/**
 * The lines that frame the raw results in a console log. The measuring script
 * prints them and the parser reads them, both from the constants here:
 *
 * ```
 * ==== vhost-user-k8s perf START perf/vhost-user-same-node role=client peer=10.0.0.2 ... ====
 * ==== vhost-user-k8s perf BEGIN perf/vhost-user-same-node/qperf/tcp/64 time=1717243200 ====
 * tcp_lat:
 *     latency  =  11.6 us
 * ...
 * ==== vhost-user-k8s perf END perf/vhost-user-same-node/qperf/tcp/64 exit=0 ====
 * ==== vhost-user-k8s perf DONE perf/vhost-user-same-node time=1717243580 ====
 * ```
 *
 * `time` is the guest's clock in seconds since the epoch, so that the report
 * can tell runs that measured at the same time.
 */

/** What opens every marker line. */
export const MARKER_OPEN = '==== vhost-user-k8s perf';

/** What closes every marker line. */
export const MARKER_CLOSE = '====';

/**
 * The kinds of marker: `START` (the run and what it will measure), `BEGIN` and
 * `END` (one step, with its exit status), `DONE` (the client finished),
 * `READY` and `STOP` (the servers are up, and have been stopped).
 */
export type MarkerEvent = 'START' | 'BEGIN' | 'END' | 'DONE' | 'READY' | 'STOP';

const EVENTS: readonly MarkerEvent[] = ['START', 'BEGIN', 'END', 'DONE', 'READY', 'STOP'];

/** One marker line, read. */
export interface Marker {
  /** The kind of marker. */
  readonly event: MarkerEvent;
  /** `<kit>/<pair>` for the run, `<kit>/<pair>/<step>` for one step. */
  readonly path: string;
  /** The `key=value` words after the path. */
  readonly fields: Readonly<Record<string, string>>;
}

// A marker may follow other text on its line: a serial console gives no guarantee
// that a line starts clean (a login prompt, a kernel message without newline).
const MARKER_LINE = new RegExp(
  `${escape(MARKER_OPEN)} (${EVENTS.join('|')}) (\\S+)((?: [^\\s=]+=\\S*)*) ${escape(MARKER_CLOSE)}\\s*$`);

/**
 * The marker line for `event`. The path and the values must be single words
 * and the keys lowercase words: the script's fields are names, addresses and numbers.
 *
 * @throws Error for whitespace in the path or a value, or a key of another form
 */
export function formatMarker(
  event: MarkerEvent, path: string, fields: Record<string, string | number> = {},
): string {
  const bad = [path, ...Object.values(fields).map(String)].find((word) => /\s/.test(word))
    ?? (path === '' ? path : undefined)
    ?? Object.keys(fields).find((key) => !/^[a-z0-9-]+$/.test(key));
  if (bad !== undefined) {
    throw new Error(`perf marker word ${JSON.stringify(bad)} must be one word without `
      + 'whitespace (keys: lowercase letters, digits and "-"). Use names, addresses '
      + 'and numbers.');
  }
  const words = Object.entries(fields).map(([key, value]) => `${key}=${value}`);
  return [MARKER_OPEN, event, path, ...words, MARKER_CLOSE].join(' ');
}

/** Reads a marker line; undefined for any other line. */
export function readMarker(line: string): Marker | undefined {
  const match = MARKER_LINE.exec(line.replace(/\r/g, ''));
  if (match === null) {
    return undefined;
  }
  const fields: Record<string, string> = {};
  for (const word of match[3].trim().split(' ').filter((w) => w !== '')) {
    const at = word.indexOf('=');
    fields[word.slice(0, at)] = word.slice(at + 1);
  }
  return { event: match[1] as MarkerEvent, path: match[2], fields };
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
