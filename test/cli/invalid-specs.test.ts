import { readdirSync, readFileSync } from 'fs';
import { join } from 'path';
import { parse } from 'yaml';
import { runCli, ROOT } from './run-cli';
import { loadCodeCatalogue } from '../../scripts/diagnostics-doc';

// Every diagnostic code a spec file can reach has a small failing spec
// test/fixtures/specs-invalid/<CODE>.yaml; the others are listed in
// unreachable.yaml with the reason.

const DIR = join(ROOT, 'test', 'fixtures', 'specs-invalid');
const catalogue = loadCodeCatalogue();
const fixtures = readdirSync(DIR).filter((f) => /^[A-Z]+\d+\.yaml$/.test(f))
  .map((f) => f.replace(/\.yaml$/, '')).sort();
const unreachable = parse(readFileSync(join(DIR, 'unreachable.yaml'), 'utf8')) as
  Record<string, unknown>;

describe('the failing specs of test/fixtures/specs-invalid', () => {
  test('cover every code of the catalogue that a spec file can reach', () => {
    const covered = new Set([...fixtures, ...Object.keys(unreachable)]);
    expect(catalogue.map((doc) => doc.code).filter((code) => !covered.has(code))).toEqual([]);
  });

  test('name only codes of the catalogue', () => {
    const known = new Set(catalogue.map((doc) => doc.code));
    expect([...fixtures, ...Object.keys(unreachable)].filter((code) => !known.has(code)))
      .toEqual([]);
  });

  test('leave no code both unreachable and covered by a failing spec', () => {
    expect(fixtures.filter((code) => code in unreachable)).toEqual([]);
  });

  test('give a reason for every unreachable code', () => {
    expect(Object.entries(unreachable).filter(([, reason]) =>
      typeof reason !== 'string' || reason.length < 40).map(([code]) => code)).toEqual([]);
  });

  test.each(fixtures)('%s.yaml is reported with its code and severity, at a line', async (code) => {
    const run = await runCli(['check', join(DIR, `${code}.yaml`), '--format', 'json']);
    const found = (JSON.parse(run.stdout) as Array<{
      code: string; severity: string; location?: { line: number };
    }>).filter((d) => d.code === code);
    const severity = catalogue.find((doc) => doc.code === code)?.severity;
    expect(found.map((d) => `${d.severity} at line ${d.location?.line ?? 'none'}`))
      .toContainEqual(expect.stringMatching(new RegExp(`^${severity} at line \\d+$`)));
  });
});
