import {
  chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, renameSync, rmSync,
  statSync, writeFileSync,
} from 'fs';
import { basename, dirname, join, resolve, sep } from 'path';
import { OutputFile } from '../render/types';

/**
 * Writes files into a folder all at once: they are written to a temporary
 * sibling folder first and moved into place only when every write
 * succeeded, so that a failure leaves the previous output untouched.
 *
 * Files already in the folder that are not part of `files` are kept. A
 * folder the output folder does not have yet (`nodes/` on a first synth) is
 * moved in whole, in one rename, rather than file by file.
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
    if (files.length > 0) {
      mkdirSync(target, { recursive: true });
      moveInto(staging, target);
    }
  } finally {
    if (existsSync(staging)) rmSync(staging, { recursive: true, force: true });
  }
}

/**
 * Moves every entry of one folder into another: each entry the other lacks,
 * or that is not a folder in both, in one rename; a folder both have, entry
 * by entry.
 */
function moveInto(from: string, to: string): void {
  for (const entry of readdirSync(from, { withFileTypes: true })) {
    const source = join(from, entry.name);
    const destination = join(to, entry.name);
    if (entry.isDirectory() && isFolder(destination)) {
      moveInto(source, destination);
    } else {
      renameSync(source, destination);
    }
  }
}

/** Whether a path is a folder, or a link to one. */
function isFolder(path: string): boolean {
  return statSync(path, { throwIfNoEntry: false })?.isDirectory() ?? false;
}

/** Joins a relative output path under a folder, refusing `..` escapes. */
function safeJoin(root: string, relative: string): string {
  const path = resolve(root, relative);
  if (!path.startsWith(root + sep)) {
    throw new Error(`output path "${relative}" leaves the output folder ${root}`);
  }
  return path;
}
