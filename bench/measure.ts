// One measured run, in a process of its own (started by synth-fleet.ts):
//
//   node .bench/build/bench/measure.js ours <vms> <outdir>
//   node .bench/build/bench/measure.js baseline <input.json> <outdir>
//
// The inputs (the fleet's specs, or the objects and files read back from
// ours) are ready before the clock starts; the time covers building the
// construct tree, `synth()` and every file write. The peak memory is the
// whole process's maximum resident set size. The CPU time of the same span is
// reported too: on a shared machine it varies less than the wall time.
// Prints one JSON line.
import { readFileSync } from 'fs';
import { performance } from 'perf_hooks';
import { ClusterOutput, synthBaseline } from './baseline';
import { fleetSpecs } from './fleet';
import { synthFleet } from './ours';

/** What a run reports. */
export interface RunResult {
  /** Wall time. */
  readonly ms: number;
  /** User and system CPU time. */
  readonly cpuMs: number;
  readonly maxRssMiB: number;
}

function main(argv: readonly string[]): RunResult {
  const [mode, input, outdir] = argv;
  let run: () => void;
  if (mode === 'ours') {
    const specs = fleetSpecs({ vms: Number(input) });
    run = () => synthFleet(specs, outdir);
  } else if (mode === 'baseline') {
    const clusters = JSON.parse(readFileSync(input, 'utf8')) as ClusterOutput[];
    run = () => synthBaseline(clusters, outdir);
  } else {
    throw new Error('usage: measure.js ours <vms> <outdir> '
      + '| baseline <input.json> <outdir>');
  }

  const start = performance.now();
  const cpu = process.cpuUsage();
  run();
  const ms = performance.now() - start;
  const { user, system } = process.cpuUsage(cpu);
  const maxRssMiB = process.resourceUsage().maxRSS / 1024;
  return { ms, cpuMs: (user + system) / 1000, maxRssMiB };
}

process.stdout.write(`${JSON.stringify(main(process.argv.slice(2)))}\n`);
