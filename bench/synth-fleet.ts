// Fleet-scale synthesis benchmark (issue 8):
//
//   npm run bench [-- --runs 5] [--vms 500,5000]
//
// The fleet (bench/fleet.ts): 100 hosts of 2 NUMA nodes × 32 cores × 2
// threads with two DPDK NICs each, 4 networks over both paths, and 5,000 VMs
// (2-8 vCPUs, 2-16Gi on 1Gi pages); then the same hosts and networks with
// 500 VMs. A cluster enables one path, so the fleet is two clusters, one per
// path, each in its own VhostUserApp (an app writes one cluster's node files):
// Kube-OVN with its one network `ovn-dpdk` and a DHCP subnet, and Userspace
// CNI with three networks that VMs get static addresses from.
//
// For each size, runs alternate between:
//
// - ours: the construct tree built from the specs and `VhostUserApp.synth()`
//   (planning, every rule, the manifests, node files and PLAN.md);
// - baseline: the same manifest objects, read back from our output, as bare
//   cdk8s ApiObjects through `App.synth()`, and the same node files written
//   with plain fs calls. Its output is checked to be byte for byte ours.
//
// Each run is a fresh `node` process on code compiled beforehand, so that
// compiling is not measured and runs share no heap. The time covers building
// the trees, synthesis and every write, with inputs already in memory; the
// memory is the process's peak resident set size. Figures are medians.
import { spawnSync } from 'child_process';
import {
  mkdirSync, readFileSync, rmSync, statSync, writeFileSync,
} from 'fs';
import { join } from 'path';
import { listFiles, readFleetOutput } from './baseline';
import { buildForBench, WORK } from './build';
import { fleetSpecs } from './fleet';
import { RunResult } from './measure';
import { Figures, jsonLine, medianOf, SizeFigures, table } from './report';

function main(argv: readonly string[]): void {
  const option = (name: string, fallback: string) =>
    (argv.includes(name) ? argv[argv.indexOf(name) + 1] ?? '' : fallback);
  const runs = Number(option('--runs', '5'));
  const vmCounts = option('--vms', '500,5000').split(',').map(Number);
  if (!Number.isInteger(runs) || runs < 1) {
    throw new Error(`--runs takes a whole number of runs, got ${option('--runs', '')}`);
  }
  if (vmCounts.some((n) => !Number.isInteger(n) || n <= 0)) {
    throw new Error('--vms takes VM counts separated by commas, '
      + `got ${option('--vms', '')}`);
  }

  const script = buildForBench()('measure');
  const sizes = vmCounts.map((vms) => measureSize(script, vms, runs));
  const figures: Figures = { runs, sizes };
  console.log(`\n${table(figures)}\n`);
  console.log(jsonLine(figures));
}

function measureSize(script: string, vms: number, runs: number): SizeFigures {
  const out = join(WORK, 'out', String(vms));
  const clusters = fleetSpecs({ vms }).map((spec) => spec.name);

  // A first run of each side, not counted: it makes the baseline's input
  // and checks that the baseline writes what ours writes.
  runOnce(script, ['ours', String(vms), join(out, 'ours')]);
  const input = join(WORK, `input-${vms}.json`);
  writeFileSync(input, JSON.stringify(readFleetOutput(join(out, 'ours'), clusters)));
  runOnce(script, ['baseline', input, join(out, 'baseline')]);
  checkSameOutput(join(out, 'ours'), join(out, 'baseline'));

  const ours: RunResult[] = [];
  const baseline: RunResult[] = [];
  for (let i = 0; i < runs; i++) {
    ours.push(runOnce(script, ['ours', String(vms), join(out, 'ours')]));
    baseline.push(runOnce(script, ['baseline', input, join(out, 'baseline')]));
    const text = (r: RunResult) => `${r.ms.toFixed(0)} ms (CPU ${r.cpuMs.toFixed(0)} ms)`;
    console.log(`${vms} VMs, run ${i + 1}/${runs}: ours ${text(ours[i])}, `
      + `baseline ${text(baseline[i])}`);
  }
  return { vms, ours: medianOf(ours), baseline: medianOf(baseline) };
}

/** One measured run in a fresh process, into an emptied output folder. */
function runOnce(script: string, args: string[]): RunResult {
  const outdir = args[args.length - 1];
  rmSync(outdir, { recursive: true, force: true });
  mkdirSync(outdir, { recursive: true });
  const child = spawnSync(process.execPath, [script, ...args], {
    encoding: 'utf8', maxBuffer: 16 * 1024 * 1024,
  });
  if (child.status !== 0) {
    const status = child.status ?? child.signal;
    throw new Error(`${args[0]} run failed (${status}):\n${child.stderr}`);
  }
  return JSON.parse(child.stdout.trim().split('\n').pop() as string) as RunResult;
}

function checkSameOutput(ours: string, baseline: string): void {
  const files = listFiles(ours);
  const theirs = listFiles(baseline);
  const mode = (path: string) => statSync(path).mode.toString(8);
  const differ = files.filter((f) => !theirs.includes(f)
    || !readFileSync(join(ours, f)).equals(readFileSync(join(baseline, f)))
    || mode(join(ours, f)) !== mode(join(baseline, f)));
  if (differ.length > 0 || theirs.length !== files.length) {
    throw new Error(`the baseline does not write what ours writes: ${differ.slice(0, 5)
      .join(', ')} (${files.length} files against ${theirs.length})`);
  }
}

main(process.argv.slice(2));
