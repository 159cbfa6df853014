import { IConstruct } from 'constructs';
import { Findings } from '../diagnostics/findings';
import { checkShape } from '../diagnostics/rules/spec-shape';
import { ValueError } from '../model/errors';
import { validateEntrySchema } from '../spec/schema-validator';
import { ClusterSection } from '../spec/sections';

/** A section of the cluster spec whose props a construct checks. @internal */
export type PropsSection = ClusterSection | 'versions';

/** Sections that are arrays of entries in a cluster spec. */
const ARRAY_SECTIONS: readonly PropsSection[] = ['nodes', 'networks', 'subnets', 'vms'];

/**
 * A prop holding a typed value, and the model parser that reads it
 * (`Size.parse`, `CpuSet.parse`, ...). Built with {@link valueProp}.
 *
 * @internal
 */
export interface ValueProp {
  readonly prop: string;
  readonly read: () => unknown;
}

/**
 * A {@link ValueProp} for a value that may be absent.
 *
 * @param prop the prop path, as the user writes it (`cpus.pmd`)
 * @param value the value, or undefined when left out
 * @param parse the model parser; throws `ValueError`
 * @internal
 */
export function valueProp<T>(
  prop: string, value: T | undefined, parse: (value: T) => unknown,
): ValueProp[] {
  return value === undefined ? [] : [{ prop, read: () => parse(value) }];
}

/**
 * Checks a construct's props at the door, before any child is created:
 *
 * - their shape, with the JSON Schema that spec files are read with (unknown
 *   fields, missing required fields, wrong types, values outside an enum);
 * - each typed value, with the model parser the planner reads it with.
 *
 * Rules that need the rest of the cluster run later, when the stack is
 * synthesized. Every problem is listed in one error.
 *
 * @param construct the construct being created
 * @param section the spec section its props stand for
 * @param props the props as given
 * @param values lists the typed values among them; called only when the
 *   shape is right, so that it may read nested props freely
 * @throws Error naming the construct, each prop, the value and the fix
 * @internal
 */
export function checkProps(
  construct: IConstruct,
  section: PropsSection,
  props: unknown,
  values: () => readonly ValueProp[] = () => [],
): void {
  const problems = shapeProblems(section, props);
  if (problems.length === 0) {
    problems.push(...valueProblems(values()));
  }
  if (problems.length === 0) {
    return;
  }
  const kind = construct.constructor.name;
  throw new Error(`Invalid props for ${kind} at '${construct.node.path}':\n`
    + problems.map((p) => `  - ${p}`).join('\n'));
}

function shapeProblems(section: PropsSection, props: unknown): string[] {
  // Props that pass their entry's definition alone pass in a spec too, and
  // nearly all do: a fleet's thousands of VMs skip the spec built around them
  // and the check of the whole spec.
  const entry = section === 'versions' ? undefined : validateEntrySchema[section];
  if (entry?.(props) === true) {
    return [];
  }

  // The props are placed in an otherwise valid cluster spec, so that every
  // finding under their path is about them, worded as for a spec file.
  const array = ARRAY_SECTIONS.includes(section);
  const spec: Record<string, unknown> = { name: 'props', nodes: [] };
  spec[section] = array ? [props] : props;
  const findings = new Findings();
  if (checkShape(spec, findings)) {
    return [];
  }
  const prefix = array ? `${section}[0]` : section;
  return findings.all
    .filter((d) => d.path === prefix || d.path.startsWith(`${prefix}.`))
    .map((d) => {
      const prop = d.path.slice(prefix.length).replace(/^\./, '');
      const local = (text: string) => text.split(prefix).join('props');
      const label = prop === '' ? 'props' : `'${prop}'`;
      return `${label}: ${d.code}: ${local(d.message)}; ${local(d.hint)}`;
    });
}

function valueProblems(values: readonly ValueProp[]): string[] {
  const problems: string[] = [];
  for (const { prop, read } of values) {
    try {
      read();
    } catch (e) {
      if (!(e instanceof ValueError)) {
        throw e;
      }
      problems.push(`'${prop}': ${e.message}`);
    }
  }
  return problems;
}
