import { ValueError } from '../model/errors';
import { Size } from '../model/size';

/** The measuring tools: qperf for latency and bandwidth, iperf3 for bandwidth. */
export type PerfTool = 'qperf' | 'iperf3';

/** The transport protocols measured. */
export type PerfProtocol = 'tcp' | 'udp';

/**
 * One measurement of a run: a tool, a protocol and a message size. qperf
 * measures latency and bandwidth in one step (`tcp_lat tcp_bw`), iperf3
 * bandwidth only.
 */
export interface PerfStep {
  readonly tool: PerfTool;
  readonly protocol: PerfProtocol;
  readonly size: Size;
}

/** What a client measures and how long it may take. */
export interface PerfRunOptions {
  /**
   * TCP message sizes, as `Size` values or quantities (`64`, `1Ki`).
   *
   * @default - the guide's sizes: 1, 64, 1Ki, 16Ki, 128Ki, 1Mi and 128Mi
   */
  readonly tcpMessageSizes?: readonly (Size | string)[];

  /**
   * UDP message sizes, at most 65507 bytes (one IPv4 datagram).
   *
   * @default - the guide's sizes: 1, 64 and 1Ki
   */
  readonly udpMessageSizes?: readonly (Size | string)[];

  /**
   * Seconds each test runs (qperf `-t`, iperf3 `-t`).
   *
   * @default 10
   */
  readonly duration?: number;

  /**
   * Seconds the client waits for its server to answer before it gives up
   * (the server VM installs its packages first).
   *
   * @default 900
   */
  readonly waitForPeer?: number;

  /**
   * Seconds the server keeps serving before it stops by itself.
   *
   * @default 7200
   */
  readonly serveFor?: number;

  /**
   * qperf's listen port (`-lp`), on both sides.
   *
   * @default 19765
   */
  readonly qperfPort?: number;

  /**
   * iperf3's port (`-p`), on both sides.
   *
   * @default 5201
   */
  readonly iperf3Port?: number;
}

/** A run with every option resolved and checked. */
export interface PerfRun {
  /** Every measurement of the client, in the order it runs them. */
  readonly steps: readonly PerfStep[];
  /** Seconds per test. */
  readonly duration: number;
  /** Seconds the client waits for the server. */
  readonly waitForPeer: number;
  /** Seconds the server serves. */
  readonly serveFor: number;
  /** qperf's listen port. */
  readonly qperfPort: number;
  /** iperf3's port. */
  readonly iperf3Port: number;
}

/** The TCP sizes of the guide's report (1 B to 128 MiB). */
export const GUIDE_TCP_SIZES: readonly string[] = ['1', '64', '1Ki', '16Ki', '128Ki', '1Mi', '128Mi'];

/** The UDP sizes of the guide's report (1 B to 1 KiB). */
export const GUIDE_UDP_SIZES: readonly string[] = ['1', '64', '1Ki'];

/** The largest UDP payload of one IPv4 datagram; qperf prints zeros above it. */
const MAX_UDP = 65507;

/** The largest message qperf is asked for here. */
const MAX_TCP = 1024 ** 3;

/** iperf3's limits of `-l`: TCP at most 1 MiB, UDP 16 to 65507 bytes. */
const IPERF3_LIMITS: Record<PerfProtocol, [number, number]> = {
  tcp: [1, 1024 ** 2],
  udp: [16, MAX_UDP],
};

/**
 * Resolves and checks the options of a run. qperf measures every size;
 * iperf3 only the sizes inside its own limits (TCP up to 1 MiB, UDP from 16
 * bytes), so that the report shows no failure that is only a tool's limit.
 *
 * @throws ValueError naming the option, for a size out of range, or a time
 *   or port that is not a positive whole number in range
 */
export function planPerfRun(options: PerfRunOptions = {}): PerfRun {
  const tcp = sizes('tcpMessageSizes', options.tcpMessageSizes ?? GUIDE_TCP_SIZES, MAX_TCP);
  const udp = sizes('udpMessageSizes', options.udpMessageSizes ?? GUIDE_UDP_SIZES, MAX_UDP);
  const inIperf3Limits = (protocol: PerfProtocol) => (size: Size) =>
    size.bytes >= IPERF3_LIMITS[protocol][0] && size.bytes <= IPERF3_LIMITS[protocol][1];

  const steps: PerfStep[] = [
    ...tcp.map((size) => ({ tool: 'qperf', protocol: 'tcp', size }) as const),
    ...udp.map((size) => ({ tool: 'qperf', protocol: 'udp', size }) as const),
    ...tcp.filter(inIperf3Limits('tcp'))
      .map((size) => ({ tool: 'iperf3', protocol: 'tcp', size }) as const),
    ...udp.filter(inIperf3Limits('udp'))
      .map((size) => ({ tool: 'iperf3', protocol: 'udp', size }) as const),
  ];

  const qperfPort = whole('qperfPort', options.qperfPort ?? 19765, 1, 65535);
  const iperf3Port = whole('iperf3Port', options.iperf3Port ?? 5201, 1, 65535);
  if (qperfPort === iperf3Port) {
    throw new ValueError('iperf3Port', String(iperf3Port),
      'qperf and iperf3 both listen on TCP, and the server cannot start both on one port',
      'Give iperf3Port and qperfPort different numbers.');
  }
  return {
    steps,
    duration: whole('duration', options.duration ?? 10, 1, 3600),
    waitForPeer: whole('waitForPeer', options.waitForPeer ?? 900, 0, 86400),
    serveFor: whole('serveFor', options.serveFor ?? 7200, 1, 7 * 86400),
    qperfPort,
    iperf3Port,
  };
}

/** Seconds a step takes besides its tests, in {@link measuringTime}. */
const STEP_OVERHEAD = 5;

/**
 * Seconds a client needs for the steps of a run, a little more than it should
 * take: a qperf step runs two tests, each step gets 5 s for connecting and
 * reporting.
 */
export function measuringTime(run: PerfRun): number {
  return run.steps.reduce((sum, step) =>
    sum + (step.tool === 'qperf' ? 2 : 1) * run.duration + STEP_OVERHEAD, 0);
}

/** The path of a step inside its run: `qperf/tcp/64`. */
export function stepId(step: PerfStep): string {
  return `${step.tool}/${step.protocol}/${step.size.bytes}`;
}

/** The sizes of `steps` for one tool and protocol, in bytes, in run order. */
export function stepSizes(
  steps: readonly PerfStep[], tool: PerfTool, protocol: PerfProtocol,
): number[] {
  return steps.filter((s) => s.tool === tool && s.protocol === protocol)
    .map((s) => s.size.bytes);
}

function sizes(option: string, values: readonly (Size | string)[], max: number): Size[] {
  if (values.length === 0) {
    throw new ValueError(`${option} list`, '[]', 'it is empty',
      `Give at least one size, or leave ${option} out for the guide's sizes.`);
  }
  const result = values.map((value) => (value instanceof Size ? value : Size.parse(value)));
  for (const size of result) {
    if (size.bytes < 1 || size.bytes > max) {
      throw new ValueError(`${option} entry`, size.toQuantity(),
        `a message size must be from 1 to ${max} bytes`,
        max === MAX_UDP
          ? 'A UDP message must fit in one datagram; measure larger messages over TCP.'
          : 'Use a size up to 1Gi.');
    }
  }
  const seen = new Set<number>();
  return result.filter((size) => !seen.has(size.bytes) && seen.add(size.bytes));
}

function whole(option: string, value: number, min: number, max: number): number {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new ValueError(option, String(value),
      `it must be a whole number from ${min} to ${max}`,
      `Set ${option} to a whole number in that range.`);
  }
  return value;
}
