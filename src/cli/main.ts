import { readFileSync } from 'fs';
import { join } from 'path';
import { Command, CommanderError, Option } from 'commander';
import { BUILTIN_EXAMPLE_YAML } from './builtin-example';
import { clusterSpecSchema } from '../spec/load';
import { runCheck } from './commands/check';
import { runFacts } from './commands/facts';
import { ReportOptions, runReport } from './commands/report';
import { runSynth } from './commands/synth';
import { DIAGNOSTIC_FORMATS, DiagnosticFormat } from './format';
import { CliFailure, CliIo, ExitCode, processIo } from './io';

const NAME = 'vhost-user-k8s';

const SPEC_ARGUMENT = 'the cluster spec file (YAML or JSON), or - for standard input; '
  + 'the built-in example when left out';

const PERF_KIT_OPTION = 'add the perf test kit: the spec\'s perfKit, or the default kit';

const PERF_NODES_OPTION = 'the perf test kit\'s nodes, comma-separated (adds the kit)';

/** The options of the perf test kit, as commander hands them over. */
interface PerfKitFlags {
  perfKit?: boolean;
  perfNodes?: string;
}

/**
 * Runs the command line tool and returns its exit code: 0 when it did what
 * was asked, 1 when the spec has errors, 2 when it could not work (a file it
 * cannot read or parse, a wrong option, an unexpected fault).
 *
 * Never throws: an unexpected fault is printed as one line, and with its
 * stack trace when `--debug` is given.
 *
 * @param argv the process arguments, `node` and the script first
 * @param io where to write
 */
export async function main(argv: readonly string[], io: CliIo = processIo()): Promise<number> {
  let exitCode: number = ExitCode.OK;
  const program = buildProgram(io, (code) => {
    exitCode = code;
  });
  try {
    await program.parseAsync([...argv], { from: 'node' });
    return exitCode;
  } catch (e) {
    return reportFailure(e, argv.includes('--debug'), io);
  }
}

function buildProgram(io: CliIo, exit: (code: number) => void): Command {
  const program = new Command(NAME)
    .description('Check a vhost-user cluster spec and write its manifests, node scripts '
      + 'and PLAN.md; the same output as the cdk8s constructs.')
    .version(packageVersion(), '-V, --version', 'print the version')
    .helpOption('-h, --help', 'print this help')
    .option('--debug', 'print the stack trace of an unexpected error')
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr })
    .exitOverride()
    .showSuggestionAfterError();

  program.command('synth')
    .description('check a spec and write its output folder; nothing is written when the spec '
      + 'has errors')
    .argument('[spec]', SPEC_ARGUMENT)
    .option('-o, --outdir <dir>', 'the output folder', 'dist')
    .option('--perf-kit', PERF_KIT_OPTION)
    .option('--perf-nodes <nodes>', PERF_NODES_OPTION)
    .action(async (spec: string | undefined, options: { outdir: string } & PerfKitFlags) =>
      exit(await runSynth(spec, options, io)));

  program.command('check')
    .description('run every rule on a spec and print the findings, writing nothing; exit 0 '
      + 'without errors, 1 with errors, 2 when the file cannot be read or parsed')
    .argument('[spec]', SPEC_ARGUMENT)
    .addOption(new Option('--format <format>', 'how findings are printed')
      .choices(DIAGNOSTIC_FORMATS).default('text'))
    .option('--perf-kit', PERF_KIT_OPTION)
    .option('--perf-nodes <nodes>', PERF_NODES_OPTION)
    .action((spec: string | undefined, options: { format: DiagnosticFormat } & PerfKitFlags) =>
      exit(runCheck(spec, options, io)));

  program.command('report')
    .description('read the console logs of a perf test kit\'s clients and write report.md, '
      + 'tables in the shape of the guide\'s report, with SVG charts; exit 1 when the logs '
      + 'hold no result')
    .argument('<logs...>', 'log files (perf/collect.sh saves them), folders of *.log files, '
      + 'or - for standard input')
    .option('-o, --outdir <dir>', 'the report folder', 'perf-report')
    .option('--kit <name>', 'the kit to report on, when the logs hold several')
    .option('--title <text>', 'the title of the report')
    .option('--note <text>', 'a paragraph under the title: where and how it was measured')
    .action((logs: string[], options: ReportOptions & { outdir: string }) =>
      exit(runReport(logs, options, io)));

  program.command('facts')
    .description('print the topology of this machine (NUMA nodes, cores, memory, NICs) '
      + 'and its kernel as the YAML of a node pool\'s topology, nics and kernel')
    .option('--sysfs <dir>', 'the folder sysfs is mounted on', '/sys')
    .option('--cpuinfo <file>', 'the file that names the CPU vendor', '/proc/cpuinfo')
    .option('--osrelease <file>', 'the file that holds the kernel release',
      '/proc/sys/kernel/osrelease')
    .option('--architecture <arch>', 'the CPU architecture, as uname -m prints it '
      + '(default: this machine\'s)')
    .action((options: {
      sysfs: string; cpuinfo: string; osrelease: string; architecture?: string;
    }) => exit(runFacts(options, io)));

  program.command('example')
    .description('print the built-in example spec, to start your own')
    .action(() => io.stdout(BUILTIN_EXAMPLE_YAML));

  program.command('schema')
    .description('print the JSON Schema of spec files, for editors')
    .action(() => io.stdout(`${JSON.stringify(clusterSpecSchema(), undefined, 2)}\n`));

  return program;
}

function reportFailure(e: unknown, debug: boolean, io: CliIo): number {
  if (e instanceof CommanderError) {
    // Commander has printed its own message (or the help, or the version).
    return e.exitCode === 0 ? ExitCode.OK : ExitCode.FAILURE;
  }
  const error = e instanceof Error ? e : new Error(String(e));
  const firstLine = error.message.split('\n')[0];
  if (e instanceof CliFailure) {
    io.stderr(`${NAME}: ${firstLine}\n`);
  } else {
    io.stderr(`${NAME}: unexpected error: ${error.name}: ${firstLine}`
      + (debug ? '\n' : ' (run again with --debug for the stack trace)\n'));
  }
  if (debug && error.stack !== undefined) {
    io.stderr(`${error.stack}\n`);
  }
  return ExitCode.FAILURE;
}

/** The version of this package, from its `package.json`. */
function packageVersion(): string {
  const file = join(__dirname, '..', '..', 'package.json');
  return (JSON.parse(readFileSync(file, 'utf8')) as { version: string }).version;
}
