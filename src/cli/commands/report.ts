import { readdirSync, readFileSync, statSync } from 'fs';
import { join } from 'path';
import { parsePerfLogs, PerfLog, PerfResults } from '../../perfkit/parse';
import { renderPerfReport } from '../../perfkit/report';
import { OutputFile } from '../../render/types';
import { CliFailure, CliIo, describeFsError, ExitCode, ExitCodeValue } from '../io';
import { writeOutput } from '../output';

/** Options of `vhost-user-k8s report`. */
export interface ReportOptions {
  /**
   * The folder the report and its charts are written to.
   *
   * @default 'perf-report'
   */
  readonly outdir?: string;

  /**
   * The kit to report on, when the logs hold several.
   *
   * @default - the only kit in the logs
   */
  readonly kit?: string;

  /**
   * Title of the report.
   *
   * @default - 'Network performance: kit <kit>'
   */
  readonly title?: string;

  /**
   * A paragraph under the title: where and how the numbers were taken.
   *
   * @default - none
   */
  readonly note?: string;
}

/**
 * Reads the console logs of a perf test kit's clients (files saved by
 * `perf/collect.sh`, `kubectl logs` output, or standard input for `-`; a
 * folder stands for its `*.log` files) and writes `report.md`, tables in the
 * shape of the guide's report, with SVG charts of latency and bandwidth by
 * message size under `charts/`. A step that failed or did not run is
 * reported as such, never as a zero.
 *
 * The report goes to the output folder all at once; standard output lists
 * its files and counts the steps, standard error names the logs without
 * results.
 *
 * @param sources log files, folders, or `-`
 * @returns 0 when written, 1 when the logs hold no result (nothing written)
 * @throws CliFailure when a log cannot be read, the logs hold several kits
 *   and none is chosen, or the folder cannot be written
 */
export function runReport(
  sources: readonly string[], options: ReportOptions, io: CliIo,
): ExitCodeValue {
  const outdir = options.outdir ?? 'perf-report';
  const logs = sources.flatMap((source) => readLogs(source, io));
  const results = parsePerfLogs(logs);
  for (const problem of results.problems) {
    io.stderr(`note: ${problem}\n`);
  }
  if (results.results.length === 0) {
    io.stderr(`no perf kit results in ${logs.map((l) => l.source).join(', ') || 'no log'}: `
      + 'nothing was written. Give the clients\' logs (perf/collect.sh saves them).\n');
    return ExitCode.ERRORS;
  }

  const files = render(results, options);
  writeOutput(outdir, files);
  io.stdout(`Wrote ${files.length} files to ${outdir}:\n`
    + files.map((f) => `  ${f.path}\n`).join('')
    + `${summary(results, options.kit)}\n`);
  return ExitCode.OK;
}

function render(results: PerfResults, options: ReportOptions): OutputFile[] {
  try {
    return renderPerfReport(results, {
      ...(options.kit !== undefined && { kit: options.kit }),
      ...(options.title !== undefined && { title: options.title }),
      ...(options.note !== undefined && { note: options.note }),
    });
  } catch (e) {
    // The report refuses a choice of kits, and says how to make it.
    throw new CliFailure(`${(e as Error).message} (--kit <name>)`);
  }
}

/** `13 steps: 11 measured, 1 failed, 1 not run`. */
function summary(results: PerfResults, kit: string | undefined): string {
  const mine = results.results.filter((r) => kit === undefined || r.kit === kit);
  const count = (status: string) => mine.filter((r) => r.outcome.status === status).length;
  return `${mine.length} steps: ${count('measured')} measured, ${count('failed')} failed, `
    + `${count('not-run')} not run.`;
}

/** The logs a source stands for: a file, each `*.log` of a folder, or standard input. */
function readLogs(source: string, io: CliIo): PerfLog[] {
  if (source === '-') {
    return [{ source: '<stdin>', text: io.readStdin() }];
  }
  try {
    if (statSync(source).isDirectory()) {
      const names = readdirSync(source).filter((name) => name.endsWith('.log')).sort();
      if (names.length === 0) {
        throw new CliFailure(`the folder ${source} holds no *.log file; give the logs `
          + 'perf/collect.sh saved, or their files');
      }
      return names.map((name) => ({
        source: name, text: readFileSync(join(source, name), 'utf8'),
      }));
    }
    return [{ source, text: readFileSync(source, 'utf8') }];
  } catch (e) {
    if (e instanceof CliFailure) {
      throw e;
    }
    throw new CliFailure(`cannot read the log ${source}: ${describeFsError(e)}`);
  }
}
