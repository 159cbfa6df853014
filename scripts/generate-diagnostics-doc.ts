/**
 * Writes docs/diagnostics.md from the code catalogue (src/diagnostics/codes).
 * With `--check`, writes nothing and exits 1 when the file is out of date.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'fs';
import { dirname, relative } from 'path';
import { DOC_FILE, loadCodeCatalogue, renderDiagnosticsDoc } from './diagnostics-doc';

const text = renderDiagnosticsDoc(loadCodeCatalogue());
const shown = relative(process.cwd(), DOC_FILE);

if (process.argv.includes('--check')) {
  const current = existsSync(DOC_FILE) ? readFileSync(DOC_FILE, 'utf8') : '';
  if (current !== text) {
    process.stderr.write(`${shown} is out of date: run `
      + '`npx ts-node --transpile-only scripts/generate-diagnostics-doc.ts`\n');
    process.exitCode = 1;
  }
} else {
  mkdirSync(dirname(DOC_FILE), { recursive: true });
  writeFileSync(DOC_FILE, text);
  process.stdout.write(`wrote ${shown}\n`);
}
