import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { join } from 'path';
import { mockRuntime, Registry, settled, valueOf } from './support';

// The README's Pulumi program is code a new user copies first: it must run.

const ROOT = join(__dirname, '..', '..');
const README = readFileSync(join(ROOT, 'README.md'), 'utf8');

/** The first `ts` block under a heading of the README. */
function codeUnder(heading: string): string {
  const section = README.split(`### ${heading}\n`)[1] ?? '';
  const block = section.split('```ts\n')[1]?.split('```')[0];
  if (block === undefined) {
    throw new Error(`README.md has no ts block under "### ${heading}"`);
  }
  return block;
}

let dir: string;
let registry: Registry;
let program: Record<string, any>;

beforeAll(async () => {
  // Under test/, for ts-jest to compile it.
  dir = mkdtempSync(join(__dirname, '.readme-program-'));
  writeFileSync(join(dir, 'index.ts'), codeUnder('As a Pulumi program')
    .replace('\'vhost-user-k8s/pulumi\'', JSON.stringify(join(ROOT, 'src', 'pulumi'))));
  registry = await mockRuntime();
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  program = require(join(dir, 'index.ts'));
  await settled();
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the README\'s Pulumi program', () => {
  test('creates the VM in the namespace it creates, after it', () => {
    const vm = registry.get('VirtualMachine lab-vm-1');

    expect(vm.inputs.metadata.namespace).toBe('vms');
    expect(registry.dependenciesOf('VirtualMachine lab-vm-1')).toEqual(expect.arrayContaining([
      'Namespace vms', 'NetworkAttachmentDefinition lab-ovs-dpdk',
    ]));
  });

  test('exports the pool\'s bootstrap.sh and PLAN.md', async () => {
    expect(await valueOf(program.bootstrapScript)).toMatch(/^#!\/usr\/bin\/env bash\n/);
    expect(await valueOf(program.plan)).toMatch(/^# Plan of cluster `lab`/);
  });
});
