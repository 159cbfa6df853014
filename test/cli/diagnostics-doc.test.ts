import { existsSync, readFileSync } from 'fs';
import { DOC_FILE, loadCodeCatalogue, renderDiagnosticsDoc } from '../../scripts/diagnostics-doc';
import { CodeDoc } from '../../src/diagnostics/codes/types';

const catalogue = loadCodeCatalogue();

describe('docs/diagnostics.md', () => {
  test('is up to date with src/diagnostics/codes '
    + '(run: npx ts-node --transpile-only scripts/generate-diagnostics-doc.ts)', () => {
    const current = existsSync(DOC_FILE) ? readFileSync(DOC_FILE, 'utf8') : '';
    expect(current === renderDiagnosticsDoc(catalogue)).toBe(true);
  });

  test('has a section for every code of the catalogue', () => {
    const headings = renderDiagnosticsDoc(catalogue).match(/^### \S+$/gm) ?? [];
    expect(headings).toEqual(catalogue.map((doc) => `### ${doc.code}`));
  });

  test('quotes the consumer\'s message of a code', () => {
    const doc: CodeDoc = {
      code: 'TEST001',
      severity: 'warning',
      title: 'A title',
      description: 'Why.',
      upstream: 'it said `no`',
    };
    expect(renderDiagnosticsDoc([doc])).toContain("The consumer's message: `` it said `no` ``");
  });
});

describe('the code catalogue', () => {
  test('lists the codes of every layer, spec files first', () => {
    expect([...new Set(catalogue.map((doc) => doc.code.replace(/\d+$/, '')))]).toEqual([
      'FILE', 'SPEC', 'TOPO', 'CPU', 'HUGE', 'KERNEL', 'KUBELET', 'NIC', 'OVS', 'NET', 'SUBNET',
      'VM', 'PERF',
    ]);
  });

});
