import {
  chmodSync, existsSync, mkdirSync, mkdtempSync, renameSync, rmSync, writeFileSync,
} from 'fs';
import { basename, dirname, join, resolve, sep } from 'path';
import { OutputFile } from '../render/types';

/**
 * Writes files into a folder all at once: they are written to a temporary
 * sibling folder first and moved into place only when every write
 * succeeded, so that a failure leaves the previous output untouched.
 *
 * Files already in the folder that are not part of `files` are kept.
 *
 * @param outdir the output folder (created when missing)
 * @param files paths relative to `outdir`
 */
export function writeFilesAtomically(outdir: string, files: readonly OutputFile[]): void {
  const target = resolve(outdir);
  mkdirSync(dirname(target), { recursive: true });
  const staging = mkdtempSync(join(dirname(target), `.${basename(target)}-`));

  try {
    for (const file of files) {
      const path = safeJoin(staging, file.path);
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, file.content);
      if (file.executable) chmodSync(path, 0o755);
    }
    for (const file of files) {
      const to = safeJoin(target, file.path);
      mkdirSync(dirname(to), { recursive: true });
      renameSync(safeJoin(staging, file.path), to);
    }
  } finally {
    if (existsSync(staging)) rmSync(staging, { recursive: true, force: true });
  }
}

/** Joins a relative output path under a folder, refusing `..` escapes. */
function safeJoin(root: string, relative: string): string {
  const path = resolve(root, relative);
  if (!path.startsWith(root + sep)) {
    throw new Error(`output path "${relative}" leaves the output folder ${root}`);
  }
  return path;
}
