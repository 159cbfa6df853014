// Packets per second through the generated OVS-DPDK bridge (issue 9):
//
//   npm run bench:datapath [-- --runs 5] [--seconds 5] [--receiver-cpu 0]
//
// The setup of test/integration/datapath.test.ts: a one-node Userspace CNI cluster is
// synthesized, its bootstrap.sh applied to a sandboxed ovs-vswitchd-dpdk (DPDK without
// hugepages, the PMD thread on CPU 1), and its two VMs' ports added as the Userspace
// CNI adds them. Then, each run, two fresh dpdk-testpmd processes play the VMs' Cloud
// Hypervisor: one sends 64-byte frames to the other's MAC as fast as it can (txonly),
// the other counts them (rxonly). After a warm-up, a window of `--seconds` is measured:
//
// - sent: the sender's Tx-pps, as testpmd measures it each second;
// - bridge in / out: what OVS took from the sender's port and gave the receiver's
//   (`ovs-ofctl dump-ports`, read at both ends of the window);
// - received: the receiver's Rx-pps, the figure of the benchmark;
// - dropped: what OVS could not hand to the receiver (its port's tx drop counter).
//
// Both testpmd processes run their forwarding lcore on `--receiver-cpu` and CPU 0 by
// default, next to OVS's control threads, and the PMD thread busy-polls CPU 1: with
// 2 CPUs every busy-polling thread shares a CPU, so the figures are noisy and tell
// more about the scheduler than about OVS. The median of several runs is reported,
// with the CPU count beside it.
import { cpus, loadavg } from 'node:os';
import { GeneratedDatapath, OvsPortCounters } from '../test/support/datapath';
import { ovsUnavailableReason } from '../test/support/ovs-availability';
import { Testpmd } from '../test/support/testpmd';

interface BenchOptions {
  readonly runs: number;
  readonly seconds: number;
  readonly receiverCpu: number;
}

/** The packet rates of one run, per second. */
interface RunFigures {
  readonly sent: number;
  readonly bridgeIn: number;
  readonly bridgeOut: number;
  readonly received: number;
  readonly dropped: number;
}

const WARM_UP_MS = 2_000;
const FIELDS = ['sent', 'bridgeIn', 'bridgeOut', 'received', 'dropped'] as const;

async function main(argv: readonly string[]): Promise<void> {
  const options = readOptions(argv);
  const reason = ovsUnavailableReason();
  if (reason !== undefined) {
    throw new Error(`cannot run the data-path benchmark here: ${reason}`);
  }

  const datapath = await GeneratedDatapath.start();
  process.once('SIGINT', () => {
    void datapath.stop().finally(() => process.exit(130));
  });
  const runs: RunFigures[] = [];
  try {
    for (let i = 0; i < options.runs; i++) {
      runs.push(await measureRun(datapath, options));
      console.log(`run ${i + 1}/${options.runs}: ${pps(runs[i].received)} pps received`);
    }
  } finally {
    await datapath.stop();
  }

  // Other work on the machine takes CPU from the busy-polling threads: the load
  // average is reported with the figures.
  const load = Math.round(loadavg()[0] * 100) / 100;
  const median = Object.fromEntries(FIELDS.map((f) => [f, medianOf(runs.map((r) => r[f]))]));
  console.log(`\n${table(runs, median as unknown as RunFigures, options, load)}\n`);
  console.log(JSON.stringify({
    bench: 'datapath-pps',
    cpus: cpus().length,
    cpuModel: cpus()[0]?.model ?? 'unknown',
    loadAverage1m: load,
    runs: options.runs,
    seconds: options.seconds,
    frameBytes: 64,
    receiverCpu: options.receiverCpu,
    medianPps: median,
    receivedPps: runs.map((r) => Math.round(r.received)),
  }));
}

function readOptions(argv: readonly string[]): BenchOptions {
  const option = (name: string, fallback: number): number => {
    const i = argv.indexOf(name);
    const value = i < 0 ? fallback : Number(argv[i + 1]);
    if (!Number.isInteger(value) || value < (name === '--receiver-cpu' ? 0 : 1)) {
      throw new Error(`${name} takes a whole number, got ${argv[i + 1]}`);
    }
    return value;
  };
  return {
    runs: option('--runs', 5),
    seconds: option('--seconds', 5),
    receiverCpu: option('--receiver-cpu', 0),
  };
}

async function measureRun(
  datapath: GeneratedDatapath, options: BenchOptions,
): Promise<RunFigures> {
  const [from, to] = datapath.interfaces;
  // The receiver's one burst first, to the sender, is what a guest's ARP or neighbour
  // solicitation would be: the bridge (NORMAL) learns its MAC and stops flooding.
  const receiver = await datapath.startVm(to, {
    forwardMode: 'rxonly', txFirst: true, peer: from, cpu: options.receiverCpu,
  });
  const sender = await datapath.startVm(from, { forwardMode: 'txonly', peer: to });
  try {
    await sleep(WARM_UP_MS);
    const start = await snapshot(datapath, sender, receiver);
    await sleep(options.seconds * 1000);
    const end = await snapshot(datapath, sender, receiver);

    const seconds = (end.at - start.at) / 1e9;
    const perSecond = (a: number, b: number) => (b - a) / seconds;
    return {
      sent: mean(sender.rates().slice(start.sent, end.sent).map((r) => r.txPps)),
      bridgeIn: perSecond(start.in.rxPackets, end.in.rxPackets),
      bridgeOut: perSecond(start.out.txPackets, end.out.txPackets),
      received: mean(receiver.rates().slice(start.received, end.received)
        .map((r) => r.rxPps)),
      dropped: perSecond(start.out.txDropped, end.out.txDropped),
    };
  } finally {
    await sender.stop();
    await receiver.stop();
  }
}

interface Snapshot {
  /** process.hrtime in nanoseconds. */
  readonly at: number;
  readonly in: OvsPortCounters;
  readonly out: OvsPortCounters;
  /** How many periodic statistics the sender had printed. */
  readonly sent: number;
  /** How many periodic statistics the receiver had printed. */
  readonly received: number;
}

async function snapshot(
  datapath: GeneratedDatapath, sender: Testpmd, receiver: Testpmd,
): Promise<Snapshot> {
  const [from, to] = datapath.interfaces;
  const [input, output] = await Promise.all([
    datapath.portCounters(from), datapath.portCounters(to),
  ]);
  return {
    at: Number(process.hrtime.bigint()),
    in: input,
    out: output,
    sent: sender.rates().length,
    received: receiver.rates().length,
  };
}

function table(
  runs: readonly RunFigures[], median: RunFigures, options: BenchOptions, load: number,
): string {
  const row = (name: string, r: RunFigures) =>
    `| ${name} | ${FIELDS.map((f) => pps(r[f])).join(' | ')} |`;
  return [
    `Data path: 64-byte frames, VM to VM through the generated bridge; ${options.runs} ` +
      `runs of ${options.seconds} s; ${cpus().length} CPUs (${cpus()[0]?.model ?? '?'}), ` +
      `load average ${load}`,
    '',
    '| run | sent pps | bridge in pps | bridge out pps | received pps | dropped pps |',
    '| --- | ---: | ---: | ---: | ---: | ---: |',
    ...runs.map((r, i) => row(String(i + 1), r)),
    row('**median**', median),
  ].join('\n');
}

function pps(n: number): string {
  return Math.round(n).toLocaleString('en-US');
}

function mean(values: readonly number[]): number {
  return values.length === 0 ? 0 : values.reduce((a, b) => a + b, 0) / values.length;
}

function medianOf(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

main(process.argv.slice(2)).catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
