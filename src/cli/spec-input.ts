import { readFileSync } from 'fs';
import { BUILTIN_EXAMPLE_NAME, BUILTIN_EXAMPLE_YAML } from './builtin-example';
import { CliFailure, CliIo, describeFsError } from './io';
import { SpecLocator } from './locate';
import { Diagnostic } from '../diagnostics/diagnostic';
import { ClusterSpec } from '../spec/cluster';
import { loadSpec } from '../spec/load';

/** The code `loadSpec` gives YAML syntax errors: the file cannot be parsed. */
const YAML_SYNTAX_CODE = 'FILE001';

/** A spec's text and the name it is reported under. */
export interface SpecSource {
  /** The file as the user named it, `<stdin>`, or `<built-in example>`. */
  readonly name: string;
  /** The whole text. */
  readonly text: string;
  /** Whether no file was given and the built-in example is used. */
  readonly builtin: boolean;
}

/**
 * The spec to work on: the file given, standard input for `-`, or the
 * built-in example when no file is given.
 *
 * @throws CliFailure naming the file and why it cannot be read
 */
export function readSpecSource(file: string | undefined, io: CliIo): SpecSource {
  if (file === undefined) {
    return { name: BUILTIN_EXAMPLE_NAME, text: BUILTIN_EXAMPLE_YAML, builtin: true };
  }
  if (file === '-') {
    return { name: '<stdin>', text: io.readStdin(), builtin: false };
  }
  try {
    return { name: file, text: readFileSync(file, 'utf8'), builtin: false };
  } catch (e) {
    throw new CliFailure(`cannot read the spec file ${file}: ${describeFsError(e)}`);
  }
}

/** A spec file read and checked, with every finding placed in the file. */
export interface ReadSpec {
  /** The spec, when the file has no syntax or schema error. */
  readonly spec?: ClusterSpec;
  /** The findings so far, with lines. */
  readonly diagnostics: Diagnostic[];
  /** False when the text is not valid YAML. */
  readonly parsed: boolean;
  /** Places the findings of later steps (planning) in the file. */
  readonly locator: SpecLocator;
}

/** Reads the YAML of a spec and checks it against the schema. */
export function readSpec(source: SpecSource): ReadSpec {
  const loaded = loadSpec(source.text, source.name);
  return {
    ...(loaded.spec !== undefined && { spec: loaded.spec }),
    diagnostics: loaded.diagnostics,
    parsed: !loaded.diagnostics.some((d) => d.code === YAML_SYNTAX_CODE),
    locator: SpecLocator.fromText(source.text, source.name),
  };
}

/** The line printed (on standard error) when the built-in example is used. */
export function builtinNote(command: string): string {
  return `No spec file given: ${command} uses the built-in example, the Kube-OVN cluster `
    + 'of the vhost-user guide.\n'
    + 'Run `vhost-user-k8s example > cluster.yaml` to start your own, then '
    + `\`vhost-user-k8s ${command} cluster.yaml\`.\n`;
}

/** The command line's way to add the perf test kit to a spec. */
export interface PerfKitSwitch {
  /**
   * Add the perf test kit: the spec's `perfKit`, or the default kit.
   *
   * @default false
   */
  readonly perfKit?: boolean;

  /**
   * The kit's nodes, comma-separated; adds the kit too.
   *
   * @default - the spec's `perfKit.nodes`, else the kit's default nodes
   */
  readonly perfNodes?: string;
}

/**
 * The spec with the perf test kit the switch asks for, so that a cluster's
 * spec file needs no test VMs to measure it: `--perf-kit` adds `perfKit: {}`
 * when the spec has none, `--perf-nodes a,b` sets its nodes.
 */
export function withPerfKit(spec: ClusterSpec, options: PerfKitSwitch): ClusterSpec {
  if (options.perfKit !== true && options.perfNodes === undefined) {
    return spec;
  }
  const nodes = options.perfNodes?.split(',').map((node) => node.trim())
    .filter((node) => node !== '');
  return {
    ...spec,
    perfKit: { ...spec.perfKit, ...(nodes !== undefined && { nodes }) },
  };
}

/** The field that `--perf-nodes` sets. */
const PERF_NODES_FIELD = 'perfKit.nodes';

/**
 * The findings, those about the kit's nodes told as faults of
 * `--perf-nodes` when the flag gave the nodes: the user wrote no
 * `perfKit.nodes`, or the flag overrode it. Run before the findings are
 * placed in the file: a flag has no line.
 */
export function blamingPerfFlags(
  diagnostics: readonly Diagnostic[], options: PerfKitSwitch,
): Diagnostic[] {
  const flag = options.perfNodes;
  if (flag === undefined) {
    return [...diagnostics];
  }
  return diagnostics.map((d) => {
    if (d.path !== PERF_NODES_FIELD && !d.path.startsWith(`${PERF_NODES_FIELD}[`)) {
      return d;
    }
    const rest = d.message.indexOf(' cannot be used: ');
    const message = d.message.startsWith(`${PERF_NODES_FIELD} `) && rest > 0
      ? `--perf-nodes ${JSON.stringify(flag)}${d.message.slice(rest)}` : d.message;
    return { ...d, path: '--perf-nodes', message };
  });
}
