/**
 * The catalogue of diagnostic codes (every `CodeDoc[]` exported by
 * src/diagnostics/codes/*.ts) and the text of docs/diagnostics.md made from it.
 */
import { readdirSync } from 'fs';
import { join } from 'path';
import { CodeDoc } from '../src/diagnostics/codes/types';

/** The folder of the catalogue: one file of codes per layer. */
export const CODES_DIR = join(__dirname, '..', 'src', 'diagnostics', 'codes');

/** The generated document. */
export const DOC_FILE = join(__dirname, '..', 'docs', 'diagnostics.md');

/** Layers in the order a spec meets them, with the heading of their section. */
const LAYERS: ReadonlyArray<[prefix: string, heading: string]> = [
  ['FILE', 'Spec files'],
  ['SPEC', 'Spec: path, names and versions'],
  ['TOPO', 'Topology'],
  ['CPU', 'CPUs'],
  ['HUGE', 'Hugepages'],
  ['KERNEL', 'Kernel command line'],
  ['KUBELET', 'Kubelet'],
  ['NIC', 'NICs'],
  ['OVS', 'OVS-DPDK'],
  ['NET', 'Networks'],
  ['SUBNET', 'DHCP subnets'],
  ['VM', 'VMs and placement'],
  ['PERF', 'Performance test kit'],
];

/**
 * Every code of every file under `src/diagnostics/codes/`, sorted by layer
 * and number. A file is read whole: each exported array of `CodeDoc` counts,
 * so a new layer file needs no registration.
 *
 * @throws Error when a code is listed twice
 */
export function loadCodeCatalogue(dir: string = CODES_DIR): CodeDoc[] {
  const codes: CodeDoc[] = [];
  for (const file of readdirSync(dir).sort()) {
    if (!/\.(ts|js)$/.test(file) || /\.d\.ts$/.test(file) || /^(types|index)\./.test(file)) {
      continue;
    }
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const exported = require(join(dir, file)) as Record<string, unknown>;
    for (const value of Object.values(exported)) {
      if (Array.isArray(value) && value.every(isCodeDoc)) {
        codes.push(...value);
      }
    }
  }

  const seen = new Set<string>();
  for (const doc of codes) {
    if (seen.has(doc.code)) {
      throw new Error(`the diagnostic code ${doc.code} is listed twice in ${dir}`);
    }
    seen.add(doc.code);
  }
  return codes.sort((a, b) => layerRank(a.code) - layerRank(b.code)
    || a.code.localeCompare(b.code, 'en', { numeric: true }));
}

/** docs/diagnostics.md: an index table, then a section per layer. */
export function renderDiagnosticsDoc(codes: readonly CodeDoc[]): string {
  const lines = [
    '# Diagnostic codes',
    '',
    '<!-- Generated from src/diagnostics/codes by scripts/generate-diagnostics-doc.ts. -->',
    '<!-- Do not edit: run `npx ts-node --transpile-only scripts/generate-diagnostics-doc.ts`. -->',
    '',
    'Every finding about a cluster has a stable code, a severity, the path of the field',
    'it is about, what was found and how to fix it. An **error** stops synthesis before',
    'anything is written; a **warning** is reported and synthesis goes on. Where the',
    'consumer (kubelet, OVS, Virtink, Kube-OVN) has its own message for the fault, it is',
    'quoted, so that you recognise it in its logs.',
    '',
    'Check a spec file with `vhost-user-k8s check cluster.yaml` (`--format json` for',
    'tools); cdk8s and Pulumi report the same codes at synthesis.',
    '',
    '| code | severity | rule |',
    '| --- | --- | --- |',
    ...codes.map((c) => `| [${c.code}](#${c.code.toLowerCase()}) | ${c.severity} | `
      + `${cell(c.title)} |`),
  ];

  for (const [prefix, heading] of sections(codes)) {
    lines.push('', `## ${heading}`);
    for (const c of codes.filter((doc) => prefixOf(doc.code) === prefix)) {
      lines.push('', `### ${c.code}`, '', `**${c.title}** (${c.severity})`, '', c.description);
      if (c.upstream !== undefined) {
        lines.push('', `The consumer's message: ${inlineCode(c.upstream)}`);
      }
    }
  }
  return `${lines.join('\n')}\n`;
}

function isCodeDoc(value: unknown): value is CodeDoc {
  const doc = value as Partial<CodeDoc> | null;
  return typeof doc === 'object' && doc !== null && typeof doc.code === 'string'
    && (doc.severity === 'error' || doc.severity === 'warning')
    && typeof doc.title === 'string' && typeof doc.description === 'string';
}

function prefixOf(code: string): string {
  return code.replace(/\d+$/, '');
}

function layerRank(code: string): number {
  const rank = LAYERS.findIndex(([prefix]) => prefix === prefixOf(code));
  return rank < 0 ? LAYERS.length : rank;
}

/** The layers that have codes, known ones first, then any other prefix. */
function sections(codes: readonly CodeDoc[]): Array<[string, string]> {
  const prefixes = [...new Set(codes.map((c) => prefixOf(c.code)))];
  return prefixes.map((prefix) =>
    LAYERS.find(([known]) => known === prefix) ?? [prefix, prefix]);
}

/** Table cells may not hold a bare `|`. */
function cell(text: string): string {
  return text.replace(/\|/g, '\\|');
}

/** Inline code that may itself hold backticks. */
function inlineCode(text: string): string {
  const fence = text.includes('`') ? '``' : '`';
  return `${fence}${fence === '``' ? ' ' : ''}${text}${fence === '``' ? ' ' : ''}${fence}`;
}
