import { readFileSync } from 'fs';
import { join } from 'path';
import { NET_CODES } from '../../../src/diagnostics/codes/network';
import { SPEC_CODES } from '../../../src/diagnostics/codes/spec';
import { SUBNET_CODES } from '../../../src/diagnostics/codes/subnet';
import { VM_CODES } from '../../../src/diagnostics/codes/vm';

const root = join(__dirname, '..', '..', '..', 'src');

/** The files whose rules report SPEC, NET, SUBNET and VM findings (SPEC009 at synthesis). */
const SOURCES = [
  'plan/cluster.ts', 'plan/defaults.ts', 'plan/network.ts', 'plan/subnet.ts', 'plan/vm.ts',
  'plan/vm-addresses.ts', 'plan/placement.ts',
  'diagnostics/rules/spec.ts', 'diagnostics/rules/spec-shape.ts',
  'diagnostics/rules/network.ts', 'diagnostics/rules/subnet.ts',
  'diagnostics/rules/subnet-options.ts', 'diagnostics/rules/vm.ts',
  'diagnostics/rules/vm-metadata.ts', 'diagnostics/rules/vm-network.ts',
  'diagnostics/rules/placement.ts', 'synth/synthesize.ts',
];

/** Every `findings.error('CODE'` and `findings.warn('CODE'` in those files. */
function emitted(): Array<{ code: string; severity: string; file: string }> {
  return SOURCES.flatMap((file) => {
    const text = readFileSync(join(root, file), 'utf8');
    return [...text.matchAll(/\.(error|warn)\(\s*'((?:SPEC|NET|SUBNET|VM)\d{3})'/g)]
      .map((m) => ({ code: m[2], severity: m[1] === 'warn' ? 'warning' : 'error', file }));
  });
}

const documented = [...SPEC_CODES, ...NET_CODES, ...SUBNET_CODES, ...VM_CODES];

describe('the cluster-level diagnostic codes', () => {
  test('document every code a rule emits, with the severity it is emitted at', () => {
    const missing = emitted().filter((e) => !documented.some(
      (doc) => doc.code === e.code && doc.severity === e.severity));
    expect(missing).toEqual([]);
  });

  test('are each emitted somewhere, or passed on by readValue', () => {
    const codes = new Set(emitted().map((e) => e.code));
    const viaReadValue = SOURCES.flatMap((file) => [...readFileSync(join(root, file), 'utf8')
      .matchAll(/'((?:SPEC|NET|SUBNET|VM)\d{3})'/g)].map((m) => m[1]));
    const unused = documented.filter((doc) => !codes.has(doc.code)
      && !viaReadValue.includes(doc.code));
    expect(unused.map((doc) => doc.code)).toEqual([]);
  });

  test('are unique and numbered without gaps per prefix', () => {
    for (const list of [SPEC_CODES, NET_CODES, SUBNET_CODES, VM_CODES]) {
      const numbers = list.map((doc) => Number(doc.code.replace(/^\D+/, '')));
      const first = numbers[0];
      expect(numbers).toEqual(numbers.map((_, i) => first + i));
    }
  });

  test('have a one-line title and a description that explains the rule', () => {
    for (const doc of documented) {
      expect(doc.title).not.toMatch(/\n|\.$/);
      expect(doc.description.length).toBeGreaterThan(60);
    }
  });
});
