// Figures of the benchmark: medians, ratios, the table and the JSON line.
import { RunResult } from './measure';

/**
 * The targets of the benchmark (issue 8): ours / baseline in time and peak
 * memory for the fleet (the largest size), and the time of the largest size
 * over the time of the smallest (10× the VMs).
 */
export const TARGETS = { time: 1.25, memory: 1.5, scaling: 11 } as const;

/** Medians of one fleet size. */
export interface SizeFigures {
  readonly vms: number;
  readonly ours: RunResult;
  readonly baseline: RunResult;
}

/** Everything the benchmark reports. */
export interface Figures {
  readonly runs: number;
  readonly sizes: readonly SizeFigures[];
}

/** The median of each field over runs. */
export function medianOf(runs: readonly RunResult[]): RunResult {
  return {
    ms: median(runs.map((r) => r.ms)),
    cpuMs: median(runs.map((r) => r.cpuMs)),
    maxRssMiB: median(runs.map((r) => r.maxRssMiB)),
  };
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

function ratios(size: SizeFigures): { time: number; cpu: number; memory: number } {
  return {
    time: size.ours.ms / size.baseline.ms,
    cpu: size.ours.cpuMs / size.baseline.cpuMs,
    memory: size.ours.maxRssMiB / size.baseline.maxRssMiB,
  };
}

/** time(largest) / time(smallest), ours and baseline. */
function scaling(figures: Figures): { ours: number; baseline: number } | undefined {
  const { sizes } = figures;
  if (sizes.length < 2) {
    return undefined;
  }
  const [small, large] = [sizes[0], sizes[sizes.length - 1]];
  return {
    ours: large.ours.ms / small.ours.ms,
    baseline: large.baseline.ms / small.baseline.ms,
  };
}

/** The figures as a Markdown table, with the scaling and the verdict below. */
export function table(figures: Figures): string {
  const fixed = (n: number, digits: number) => n.toFixed(digits);
  const lines = [
    '| VMs | | time ms | CPU ms | peak RSS MiB |',
    '| ---: | --- | ---: | ---: | ---: |',
    ...figures.sizes.flatMap((size) => {
      const r = ratios(size);
      const row = (what: string, time: string, cpu: string, memory: string) =>
        `| ${what === 'ours' ? size.vms : ''} | ${what} | ${time} | ${cpu} | ${memory} |`;
      return [
        row('ours', fixed(size.ours.ms, 0), fixed(size.ours.cpuMs, 0),
          fixed(size.ours.maxRssMiB, 0)),
        row('baseline', fixed(size.baseline.ms, 0), fixed(size.baseline.cpuMs, 0),
          fixed(size.baseline.maxRssMiB, 0)),
        row('ours / baseline', fixed(r.time, 2), fixed(r.cpu, 2), fixed(r.memory, 2)),
      ];
    }),
  ];
  const s = scaling(figures);
  if (s !== undefined) {
    const small = figures.sizes[0].vms;
    const large = figures.sizes[figures.sizes.length - 1].vms;
    lines.push('', `time(${large}) / time(${small}): ours ${fixed(s.ours, 2)}, `
      + `baseline ${fixed(s.baseline, 2)}`);
  }
  lines.push('', ...verdict(figures)
    .map((m) => `- ${m.what}: ${m.met ? 'met' : 'missed'}`));
  return lines.join('\n');
}

/** The figures as one JSON line, for tracking. */
export function jsonLine(figures: Figures): string {
  const round = (n: number) => Math.round(n * 1000) / 1000;
  const run = (r: RunResult) =>
    ({ ms: round(r.ms), cpuMs: round(r.cpuMs), maxRssMiB: round(r.maxRssMiB) });
  const s = scaling(figures);
  return JSON.stringify({
    bench: 'synth-fleet',
    node: process.version,
    runs: figures.runs,
    sizes: figures.sizes.map((size) => {
      const r = ratios(size);
      return {
        vms: size.vms,
        ours: run(size.ours),
        baseline: run(size.baseline),
        ratio: { time: round(r.time), cpu: round(r.cpu), memory: round(r.memory) },
      };
    }),
    ...(s && { scaling: { ours: round(s.ours), baseline: round(s.baseline) } }),
    targetsMet: verdict(figures).every((m) => m.met),
  });
}

function verdict(figures: Figures): Array<{ what: string; met: boolean }> {
  const fleet = figures.sizes[figures.sizes.length - 1];
  const r = ratios(fleet);
  const s = scaling(figures);
  const [small, large] = [figures.sizes[0].vms, fleet.vms];
  return [
    {
      what: `time at ${large} VMs, ours / baseline ≤ ${TARGETS.time}`,
      met: r.time <= TARGETS.time,
    },
    {
      what: `peak memory at ${large} VMs, ours / baseline ≤ ${TARGETS.memory}`,
      met: r.memory <= TARGETS.memory,
    },
    ...(s ? [{
      what: `ours, time(${large}) / time(${small}) ≤ ${TARGETS.scaling}`,
      met: s.ours <= TARGETS.scaling,
    }] : []),
  ];
}
