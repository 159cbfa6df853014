import {
  mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, statSync,
  writeFileSync,
} from 'fs';
import { tmpdir } from 'os';
import { join, relative, sep } from 'path';
import { OutputFile } from '../../src/render/types';
import { writeFilesAtomically } from '../../src/synth/write';

// renameSync calls through, unless a test makes some renames fail.
jest.mock('fs', () => {
  const actual: typeof import('fs') = jest.requireActual('fs');
  return { ...actual, renameSync: jest.fn(actual.renameSync) };
});
const realRename: typeof renameSync = jest.requireActual('fs').renameSync;

/** Makes the renames `fails` picks fail with a system error of that code. */
function failRenames(code: string, fails: (from: string, to: string) => boolean): void {
  jest.mocked(renameSync).mockImplementation((from, to) => {
    if (fails(String(from), String(to))) {
      throw Object.assign(new Error(`${code}: failed`), { code });
    }
    realRename(from, to);
  });
}

afterEach(() => jest.mocked(renameSync).mockImplementation(realRename));

/** A fresh folder to write into. */
function scratch(): string {
  return mkdtempSync(join(tmpdir(), 'vhost-user-k8s-write-'));
}

/** Every file and folder under a folder, with the text of each file. */
function contents(dir: string): Record<string, string> {
  const walk = (d: string): string[] => readdirSync(d, { withFileTypes: true })
    .flatMap((e) => [join(d, e.name), ...(e.isDirectory() ? walk(join(d, e.name)) : [])]);
  return Object.fromEntries(walk(dir).sort().map((path) => [relative(dir, path),
    statSync(path).isDirectory() ? '<folder>' : readFileSync(path, 'utf8')]));
}

/** A synth's worth of files, each holding `text`, in several folders. */
function output(text: string): OutputFile[] {
  return ['PLAN.md', 'app.k8s.yaml', 'nodes/a/bootstrap.sh', 'nodes/a/hugepages.sh',
    'nodes/a/verify.sh', 'nodes/a/hosts/h1/config', 'nodes/b/verify.sh']
    .map((path) => ({ path, content: `${text} ${path}` }));
}

/** A folder holding the output of a first synth and a file of the user. */
function previousOutput(): string {
  const out = join(scratch(), 'dist');
  writeFilesAtomically(out, output('old'));
  writeFileSync(join(out, 'nodes/a/notes.txt'), 'mine');
  return out;
}

describe('writeFilesAtomically', () => {
  test('writes every file into a new output folder, creating its folders', () => {
    const out = join(scratch(), 'dist');

    writeFilesAtomically(out, [
      { path: 'PLAN.md', content: 'plan' },
      { path: 'nodes/a/bootstrap.sh', content: 'run', executable: true },
      { path: 'nodes/a/hosts/h1/ovs-dpdk-config', content: 'h1' },
    ]);

    expect([
      readFileSync(join(out, 'PLAN.md'), 'utf8'),
      readFileSync(join(out, 'nodes/a/hosts/h1/ovs-dpdk-config'), 'utf8'),
      statSync(join(out, 'nodes/a/bootstrap.sh')).mode.toString(8),
    ]).toEqual(['plan', 'h1', '100755']);
  });

  test('keeps the files of the folder that are not part of the output', () => {
    const out = scratch();
    mkdirSync(join(out, 'nodes/a'), { recursive: true });
    writeFileSync(join(out, 'app.k8s.yaml'), 'manifests');
    writeFileSync(join(out, 'nodes/a/notes.txt'), 'mine');

    writeFilesAtomically(out, [{ path: 'nodes/a/bootstrap.sh', content: 'run' }]);

    expect([readdirSync(out).sort(), readdirSync(join(out, 'nodes/a')).sort()])
      .toEqual([['app.k8s.yaml', 'nodes'], ['bootstrap.sh', 'notes.txt']]);
  });

  test('replaces the files it writes again', () => {
    const out = scratch();
    writeFilesAtomically(out, [{ path: 'nodes/a/bootstrap.sh', content: 'old' }]);

    writeFilesAtomically(out, [{ path: 'nodes/a/bootstrap.sh', content: 'new' }]);

    expect(readFileSync(join(out, 'nodes/a/bootstrap.sh'), 'utf8')).toBe('new');
  });

  test('writes nothing when a path leaves the output folder', () => {
    const parent = scratch();
    const out = join(parent, 'dist');

    expect(() => writeFilesAtomically(out, [
      { path: 'PLAN.md', content: 'plan' },
      { path: '../escape.txt', content: 'no' },
    ])).toThrow('output path "../escape.txt" leaves the output folder');
    expect(readdirSync(parent)).toEqual([]);
  });

  test('leaves the previous output untouched when a write fails', () => {
    const out = scratch();
    writeFilesAtomically(out, [{ path: 'PLAN.md', content: 'old' }]);

    expect(() => writeFilesAtomically(out, [
      { path: 'PLAN.md', content: 'new' },
      { path: 'PLAN.md/inside', content: 'cannot be' },
    ])).toThrow();
    expect(readFileSync(join(out, 'PLAN.md'), 'utf8')).toBe('old');
  });

  test('creates no output folder for no files', () => {
    const parent = scratch();

    writeFilesAtomically(join(parent, 'dist'), []);

    expect(readdirSync(parent)).toEqual([]);
  });

  test('leaves the folder as it was when a file cannot be put in place', () => {
    const out = previousOutput();
    rmSync(join(out, 'nodes/a/verify.sh'));
    mkdirSync(join(out, 'nodes/a/verify.sh'));
    writeFileSync(join(out, 'nodes/a/verify.sh/inside'), 'in the way');
    const before = contents(out);

    expect(() => writeFilesAtomically(out, output('new'))).toThrow(
      `cannot write the output folder ${out}: ${join(out, 'nodes/a/verify.sh')}: it is a `
      + 'folder, where the output has a file (move it away); '
      + 'nothing in the folder was changed');
    expect(contents(out)).toEqual(before);
  });

  test('puts back the files it replaced when a rename fails half-way', () => {
    const out = previousOutput();
    const before = contents(out);
    // Each old file is moved aside, then its new one in: moving the last
    // old one aside fails, with every other file replaced already.
    let renames = 0;
    failRenames('EPERM', () => ++renames === 2 * output('new').length - 1);

    expect(() => writeFilesAtomically(out, output('new')))
      .toThrow(/: permission denied; nothing in the folder was changed$/);
    expect([contents(out), readdirSync(join(out, '..'))]).toEqual([before, ['dist']]);
  });

  test('says where the previous files are when putting them back fails too', () => {
    const out = previousOutput();
    // Each old file is moved aside, then its new one in: the last rename
    // fails, then every move back of an old one.
    let renames = 0;
    failRenames('EIO', (from) => ++renames === 2 * output('new').length
      || from.includes(`${sep}old${sep}`));

    let message = '';
    try {
      writeFilesAtomically(out, output('new'));
    } catch (e) {
      message = (e as Error).message;
    }
    const kept = /the previous files are kept in (\S+),/.exec(message)?.[1] ?? '';
    expect([message, readFileSync(join(kept, 'nodes/a/verify.sh'), 'utf8')]).toEqual([
      expect.stringContaining('putting back the files already replaced failed too'),
      'old nodes/a/verify.sh',
    ]);
  });

  test('refuses an output folder that is a file, writing nothing', () => {
    const parent = scratch();
    writeFileSync(join(parent, 'dist'), 'a file');

    expect(() => writeFilesAtomically(join(parent, 'dist'), output('new'))).toThrow(
      `cannot write the output folder ${join(parent, 'dist')}: ${join(parent, 'dist')} `
      + 'is a file, not a folder');
    expect(contents(parent)).toEqual({ dist: 'a file' });
  });

  test('removes the folders it created when the output cannot be written', () => {
    const parent = scratch();
    const out = join(parent, 'new/dist');
    failRenames('EACCES', (_, to) => to === out);

    expect(() => writeFilesAtomically(out, output('new'))).toThrow('permission denied');
    expect(readdirSync(parent)).toEqual([]);
  });
});

describe('writeFilesAtomically with files staged by the caller', () => {
  test('moves them in with its own files', () => {
    const dir = join(scratch(), 'dist');
    writeFilesAtomically(dir, [{ path: 'PLAN.md', content: 'plan\n' }], {
      stageMore: (staged) => writeFileSync(join(staged, 'lab.k8s.yaml'), 'kind: Pod\n'),
    });
    expect(contents(dir)).toEqual({ 'PLAN.md': 'plan\n', 'lab.k8s.yaml': 'kind: Pod\n' });
  });

  test('passes on what the caller throws, with the folder as it was', () => {
    const dir = scratch();
    writeFileSync(join(dir, 'PLAN.md'), 'old\n');
    const bad = new Error('the chart is invalid');
    expect(() => writeFilesAtomically(dir, [{ path: 'PLAN.md', content: 'new\n' }], {
      stageMore: () => {
        throw bad;
      },
    })).toThrow(bad);
    expect(contents(dir)).toEqual({ 'PLAN.md': 'old\n' });
    expect(readdirSync(join(dir, '..')).filter((f) => f.startsWith(`.${dir.split(sep).pop()}-`)))
      .toEqual([]);
  });
});
