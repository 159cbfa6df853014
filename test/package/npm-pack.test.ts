import { execFileSync } from 'child_process';
import { join } from 'path';

const root = join(__dirname, '..', '..');

/** The paths `npm pack` puts in the package, without running its prepack. */
function packedFiles(): string[] {
  const out = execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'],
    { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  return (JSON.parse(out) as [{ files: { path: string }[] }])[0].files.map((f) => f.path);
}

describe('npm pack', () => {
  const files = packedFiles();

  test('packs the docs, bin/ and schema/ beside lib/, and none of the tooling', () => {
    // lib/ is there once compiled, which npm pack's prepack does.
    const tops = new Set(files.map((path) => path.split('/')[0]));
    tops.delete('lib');
    expect([...tops].sort()).toEqual([
      'API.md', 'LICENSE', 'README.md', 'bin', 'docs', 'package.json', 'schema',
    ]);
  });

  test('packs only the compiled code and its types from lib/', () => {
    const lib = files.filter((path) => path.startsWith('lib/'));
    expect(lib.filter((path) => !/\.(js|d\.ts)$/.test(path))).toEqual([]);
  });
});
