import * as fs from 'fs';
import * as path from 'path';
import { ValueError } from './errors';

/**
 * Read access to a sysfs tree. Paths are relative to the sysfs root and use `/`,
 * for example `devices/system/cpu/online`.
 */
export interface SysfsReader {
  /** The text of a file, or `undefined` when there is no such file. */
  readFile(file: string): string | undefined;

  /** The entry names of a directory, sorted, or `undefined` when there is none. */
  listDirectory(directory: string): string[] | undefined;

  /** The target of a symbolic link, or `undefined` when `link` is not a link. */
  readLink(link: string): string | undefined;
}

/** Reads a sysfs tree mounted (or copied) on this machine, `/sys` by default. */
export class FsSysfsReader implements SysfsReader {
  /**
   * @param root the directory sysfs is mounted on
   */
  constructor(public readonly root: string = '/sys') {}

  public readFile(file: string): string | undefined {
    return absentAsUndefined(() => fs.readFileSync(this.resolve(file), 'utf8'));
  }

  public listDirectory(directory: string): string[] | undefined {
    return absentAsUndefined(() => fs.readdirSync(this.resolve(directory)).sort());
  }

  public readLink(link: string): string | undefined {
    return absentAsUndefined(() => fs.readlinkSync(this.resolve(link)));
  }

  private resolve(relative: string): string {
    return path.join(this.root, relative);
  }
}

/** Turns "no such file", "not a directory" and "not a link" into `undefined`. */
function absentAsUndefined<T>(read: () => T): T | undefined {
  try {
    return read();
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR' || code === 'EINVAL') {
      return undefined;
    }
    throw e;
  }
}

/**
 * A sysfs tree held in memory: files with their text and symbolic links with
 * their targets. Directories exist when something is inside them. Links are
 * followed when they appear in the middle of a path, as the kernel's
 * `bus/pci/devices/<pci>` links are.
 */
export class MemorySysfsReader implements SysfsReader {
  private readonly files: ReadonlyMap<string, string>;
  private readonly links: ReadonlyMap<string, string>;

  /**
   * @param files path → text of each file
   * @param links path → target of each symbolic link (relative targets are
   *   resolved from the link's directory)
   */
  constructor(files: Record<string, string>, links: Record<string, string> = {}) {
    this.files = new Map(Object.entries(files).map(([file, text]) => [normalise(file), text]));
    this.links = new Map(Object.entries(links).map(([link, to]) => [normalise(link), to]));
  }

  public readFile(file: string): string | undefined {
    return this.files.get(this.resolve(file));
  }

  public listDirectory(directory: string): string[] | undefined {
    const resolved = this.resolve(directory);
    const prefix = resolved === '' ? '' : `${resolved}/`;
    const names = new Set<string>();
    for (const entry of [...this.files.keys(), ...this.links.keys()]) {
      if (entry.startsWith(prefix) && entry.length > prefix.length) {
        names.add(entry.slice(prefix.length).split('/')[0]);
      }
    }
    return names.size === 0 ? undefined : [...names].sort();
  }

  public readLink(link: string): string | undefined {
    const parts = normalise(link).split('/');
    const name = parts.pop() as string;
    const directory = this.resolve(parts.join('/'));
    return this.links.get(directory === '' ? name : `${directory}/${name}`);
  }

  /** Follows the links on the way to `entry` (40 at most, as Linux does). */
  private resolve(entry: string): string {
    let parts = normalise(entry).split('/').filter((part) => part !== '');
    for (let hops = 0, i = 0; i < parts.length; i++) {
      const here = parts.slice(0, i + 1).join('/');
      const target = this.links.get(here);
      if (target === undefined) {
        continue;
      }
      if (++hops > 40) {
        throw new ValueError('sysfs path', entry, 'it runs through a loop of links',
          'Check the links of the sysfs tree or dump.');
      }
      const base = parts.slice(0, i).join('/');
      parts = normalise(path.posix.join(base, target, ...parts.slice(i + 1))).split('/');
      i = -1;
    }
    return parts.join('/');
  }
}

/** `a/./b/../c/` → `a/c`, without a leading slash. */
function normalise(entry: string): string {
  const normal = path.posix.normalize(`/${entry}`).replace(/^\/+|\/+$/g, '');
  return normal === '.' ? '' : normal;
}

/** Options of {@link parseSysfsDump}. */
export interface SysfsDumpOptions {
  /**
   * The sysfs mount point the dump's paths start with.
   *
   * @default '/sys'
   */
  readonly root?: string;
}

/**
 * Reads a flattened sysfs dump into a {@link MemorySysfsReader}: one entry per
 * line, `<path>:<text>` for a file (`<path>:` for an empty one) and
 * `<path> -> <target>` for a symbolic link. Blank lines are skipped.
 *
 * The path ends at the first `:` after its last `/`, so file names may not hold
 * a `:` (sysfs ones do not) and file texts may not hold a `/`; directory names
 * may (`0000:3b:00.0`). A file's text is its first line only.
 *
 * @example
 * const reader = parseSysfsDump('/sys/devices/system/cpu/online:0-3\n');
 * reader.readFile('devices/system/cpu/online'); // '0-3'
 * @throws ValueError naming a line outside the root or without a separator
 */
export function parseSysfsDump(text: string, options: SysfsDumpOptions = {}): MemorySysfsReader {
  const root = normalise(options.root ?? '/sys');
  const files: Record<string, string> = {};
  const links: Record<string, string> = {};
  for (const line of text.replace(/\r\n?/g, '\n').split('\n')) {
    if (line.trim() === '') {
      continue;
    }
    const link = /^(\S+) -> (\S+)$/.exec(line);
    const colon = line.indexOf(':', line.lastIndexOf('/'));
    if (link === null && colon < 0) {
      throw new ValueError('sysfs dump line', line,
        'it is neither <path>:<text> nor <path> -> <target>',
        'Write one entry per line, for example /sys/devices/system/cpu/online:0-3.');
    }
    const [entry, value] = link === null
      ? [line.slice(0, colon), line.slice(colon + 1)]
      : [link[1], link[2]];
    const relative = normalise(entry);
    if (root !== '' && !relative.startsWith(`${root}/`)) {
      throw new ValueError('sysfs dump line', line, `the path is not under /${root}`,
        'Dump sysfs with absolute paths, or pass the root the paths start with.');
    }
    const inside = root === '' ? relative : relative.slice(root.length + 1);
    if (link === null) {
      files[inside] = value;
    } else {
      links[inside] = value;
    }
  }
  return new MemorySysfsReader(files, links);
}
