import { readdirSync, readFileSync } from 'fs';
import { join } from 'path';
import { CPU_CODES } from '../../../src/diagnostics/codes/cpu';
import { HUGEPAGE_CODES } from '../../../src/diagnostics/codes/hugepages';
import { KERNEL_CODES } from '../../../src/diagnostics/codes/kernel';
import { KUBELET_CODES } from '../../../src/diagnostics/codes/kubelet';
import { NIC_CODES } from '../../../src/diagnostics/codes/nic';
import { OVS_CODES } from '../../../src/diagnostics/codes/ovs';
import { TOPOLOGY_CODES } from '../../../src/diagnostics/codes/topology';
import { CodeDoc } from '../../../src/diagnostics/codes/types';

const root = join(__dirname, '..', '..', '..', 'src');

/** Each catalogue with the prefix its codes carry. */
const CATALOGUES: Array<[string, CodeDoc[]]> = [
  ['CPU', CPU_CODES], ['HUGE', HUGEPAGE_CODES], ['KUBELET', KUBELET_CODES], ['OVS', OVS_CODES],
  ['KERNEL', KERNEL_CODES], ['NIC', NIC_CODES], ['TOPO', TOPOLOGY_CODES],
];
const CODE = /\.(error|warn)\(\s*'((?:CPU|HUGE|KUBELET|OVS|KERNEL|NIC|TOPO)\d{3})'/g;

/** Every `findings.error('CODE'` and `findings.warn('CODE'` of the node codes in src. */
function emitted(): Array<{ code: string; severity: string; file: string }> {
  const files = ['plan', 'diagnostics/rules'].flatMap((dir) => readdirSync(join(root, dir))
    .filter((name) => name.endsWith('.ts')).map((name) => `${dir}/${name}`));
  return files.flatMap((file) => [...readFileSync(join(root, file), 'utf8').matchAll(CODE)]
    .map((m) => ({ code: m[2], severity: m[1] === 'warn' ? 'warning' : 'error', file })));
}

const documented = CATALOGUES.flatMap(([, list]) => list);

describe('the node-level diagnostic codes', () => {
  test('document every code a rule emits, with the severity it is emitted at', () => {
    const missing = emitted().filter((e) => !documented.some(
      (doc) => doc.code === e.code && doc.severity === e.severity));
    expect(missing).toEqual([]);
  });

  test('are each emitted somewhere', () => {
    const codes = new Set(emitted().map((e) => e.code));
    expect(documented.filter((doc) => !codes.has(doc.code)).map((doc) => doc.code)).toEqual([]);
  });

  test('carry the prefix of their catalogue and are numbered from 001 without gaps', () => {
    for (const [prefix, list] of CATALOGUES) {
      expect(list.map((doc) => doc.code))
        .toEqual(list.map((_, i) => `${prefix}${String(i + 1).padStart(3, '0')}`));
    }
  });

  test('have a one-line title and a description that explains the rule', () => {
    for (const doc of documented) {
      expect(doc.title).not.toMatch(/\n|\.$/);
      expect(doc.description).toMatch(/\.$/);
      expect(doc.description.length).toBeGreaterThan(60);
    }
  });
});
