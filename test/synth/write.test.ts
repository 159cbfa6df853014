import {
  mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync,
} from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { writeFilesAtomically } from '../../src/synth/write';

/** A fresh folder to write into. */
function scratch(): string {
  return mkdtempSync(join(tmpdir(), 'vhost-user-k8s-write-'));
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
});
