// The cdk8s examples (examples/<name>/, each a cdk8s app) run by the real
// `cdk8s synth`, which starts `npx ts-node main.ts` (type checked) in the
// example's folder with $CDK8S_OUTDIR set.
import { execFile } from 'child_process';
import { mkdtempSync, readdirSync, statSync } from 'fs';
import { tmpdir } from 'os';
import { join, relative, resolve } from 'path';
import { promisify } from 'util';

const ROOT = resolve(__dirname, '..', '..');
const CDK8S = join(ROOT, 'node_modules', '.bin', 'cdk8s');

/**
 * Runs `cdk8s synth` on an example into a fresh folder.
 *
 * @param example the folder name under examples/
 * @returns the output folder
 */
export async function synthExample(example: string): Promise<string> {
  const outdir = join(mkdtempSync(join(tmpdir(), `vhost-user-${example}-`)), 'dist');
  await promisify(execFile)(CDK8S, ['synth', '--no-check-upgrade', '--output', outdir], {
    cwd: join(ROOT, 'examples', example),
    env: { ...process.env, npm_config_update_notifier: 'false' },
  });
  return outdir;
}

/** Every file under a folder, relative to it, sorted. */
export function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((path) => statSync(join(dir, path)).isFile())
    .map((path) => relative(dir, join(dir, path)))
    .sort();
}
