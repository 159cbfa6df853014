// Compiles src/ and bench/ once, without type checks, into .bench/build, so
// that each measured run is a plain `node` process: no TypeScript compiler in
// its memory, no compilation in its time.
import {
  mkdirSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync,
} from 'fs';
import { dirname, join, relative } from 'path';
// The bench is never shipped (.npmignore leaves bench/ out): dev tooling.
// eslint-disable-next-line import/no-extraneous-dependencies
import { ModuleKind, ScriptTarget, transpileModule } from 'typescript';

/** The project root (the folder above bench/). */
export const ROOT = join(__dirname, '..');

/** Where the benchmark keeps its build, inputs and outputs (git-ignored). */
export const WORK = join(ROOT, '.bench');

/**
 * Transpiles every `.ts` file of src/ and bench/ to `.bench/build/<path>.js`.
 *
 * @returns the path of the compiled file of a bench/ script
 */
export function buildForBench(): (script: string) => string {
  const out = join(WORK, 'build');
  rmSync(out, { recursive: true, force: true });
  for (const file of ['src', 'bench'].flatMap((dir) => tsFiles(join(ROOT, dir)))) {
    const { outputText } = transpileModule(readFileSync(file, 'utf8'), {
      fileName: file,
      compilerOptions: {
        module: ModuleKind.CommonJS,
        target: ScriptTarget.ES2022,
        esModuleInterop: true,
        experimentalDecorators: true,
      },
    });
    const target = join(out, relative(ROOT, file)).replace(/\.ts$/, '.js');
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, outputText);
  }
  // src/spec/load.ts reads the spec schema from <root>/schema.
  symlinkSync(join(ROOT, 'schema'), join(out, 'schema'));
  return (script) => join(out, 'bench', `${script}.js`);
}

function tsFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) {
      return tsFiles(path);
    }
    return name.endsWith('.ts') && !name.endsWith('.d.ts') ? [path] : [];
  });
}
