import { statSync } from 'fs';
import { dirname } from 'path';

/** Whether a path is a folder, or a link to one. */
export function isFolder(path: string): boolean {
  return statSync(path, { throwIfNoEntry: false })?.isDirectory() ?? false;
}

/**
 * The path, among a folder to be and the folders above it, that exists and
 * is not a folder (a file where `mkdir -p` would need a folder).
 *
 * @param folder an absolute path
 * @returns that path, or undefined when the folder can be created
 */
export function fileInTheWay(folder: string): string | undefined {
  for (let path = folder; ; path = dirname(path)) {
    const found = statOrMissing(path);
    if (found === 'folder' || found === 'unknown') {
      // An unreadable path is left to the write, which says why it fails.
      return undefined;
    }
    if (found === 'other') {
      return path;
    }
    if (dirname(path) === path) {
      return undefined;
    }
  }
}

/** What a path is, without throwing when it or a folder above it is missing. */
function statOrMissing(path: string): 'folder' | 'other' | 'missing' | 'unknown' {
  try {
    return statSync(path).isDirectory() ? 'folder' : 'other';
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') {
      return 'missing';
    }
    return 'unknown';
  }
}

/** `EACCES` and friends in the words of the person at the keyboard. */
export function describeWriteError(e: unknown): string {
  switch ((e as NodeJS.ErrnoException | undefined)?.code) {
    case 'EACCES':
    case 'EPERM': return 'permission denied';
    case 'EROFS': return 'the file system is read-only';
    case 'ENOSPC': return 'no space left on the device';
    case 'EDQUOT': return 'the disk quota is used up';
    case 'EISDIR': return 'it is a folder, where the output has a file';
    case 'ENOTDIR': return 'a part of the path is not a folder';
    case 'ENOTEMPTY':
    case 'EEXIST': return 'a folder of that name is in the way';
    case 'ENOENT': return 'no such file or folder';
    default: return e instanceof Error ? e.message : String(e);
  }
}
