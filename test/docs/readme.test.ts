import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * The README's quick start is code a new user copies first: it must run, and
 * write what the README says it writes.
 */
const ROOT = join(__dirname, '../..');
const README = readFileSync(join(ROOT, 'README.md'), 'utf8');

/** The first fenced block of a language under a heading of the README. */
function codeUnder(heading: string, language: string): string {
  const section = README.split(`### ${heading}\n`)[1] ?? '';
  const block = section.split(`\`\`\`${language}\n`)[1]?.split('```')[0];
  if (block === undefined) {
    throw new Error(`README.md has no ${language} block under "### ${heading}"`);
  }
  return block;
}

describe('the README quick start, as a cdk8s app', () => {
  let dir: string;

  beforeAll(() => {
    dir = mkdtempSync(join(__dirname, '.readme-app-'));
    const app = codeUnder('As a cdk8s app', 'ts')
      .replace('\'vhost-user-k8s/cdk8s\'', JSON.stringify(join(ROOT, 'src/cdk8s')));
    writeFileSync(join(dir, 'main.ts'), app);
    process.env.CDK8S_OUTDIR = join(mkdtempSync(join(tmpdir(), 'readme-')), 'dist');
  });

  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
    delete process.env.CDK8S_OUTDIR;
  });

  test('synthesizes the files the README lists, with no error', async () => {
    await jest.isolateModulesAsync(async () => {
      await import(join(dir, 'main.ts'));
    });

    const outdir = process.env.CDK8S_OUTDIR!;
    const written = readdirSync(outdir, { recursive: true, encoding: 'utf8' });
    expect(written).toEqual(expect.arrayContaining([
      'lab.k8s.yaml', 'PLAN.md', 'nodes/dpdk/bootstrap.sh', 'nodes/dpdk/verify.sh',
    ]));
  });
});
