import * as fc from 'fast-check';
import { renderNodeFiles } from '../../../src/render/node';
import { nodeContext } from '../../../src/render/node/context';
import { argKey, splitKernelArgs } from '../../../src/render/node/kernel-args';
import { FAKE_GRUB, FakeNode } from '../../support/fake-node-root';
import { plannedNode } from '../../support/node-plan-fixture';

const plan = plannedNode('userspace');
const PLANNED = 'default_hugepagesz=1G isolcpus=1,5,9,13 intel_iommu=on iommu=pt';
const PAIR = 'hugepagesz=1G hugepages=8';

let node: FakeNode;
beforeAll(() => {
  node = FakeNode.create({ numaCpus: ['0-3,8-11', '4-7,12-15'] });
  node.writeFiles(renderNodeFiles(plan, { path: 'userspace' }));
});
afterAll(() => node.remove());

/** Runs the script's merge on one command line. */
function merge(cmdline: string): string {
  const run = node.source('nodes/worker/bootstrap.sh',
    `merge_kernel_args ${JSON.stringify(cmdline).replace(/\$/g, '\\$')}`);
  if (run.status !== 0) throw new Error(run.stderr);
  return run.stdout;
}

describe('the plan split into arguments and hugepage pairs', () => {
  test('a hugepagesz= and the hugepages= after it form one pair', () => {
    const split = splitKernelArgs(nodeContext(plan, { path: 'userspace' }));
    expect(split.pages).toEqual([{ kib: 1048576, arg: PAIR }]);
  });

  test('names compare as the kernel compares them, "-" and "_" alike', () => {
    expect(argKey('intel-iommu=on')).toBe('intel_iommu');
  });
});

describe('merge_kernel_args', () => {
  test('keeps an existing 2M pair and adds the plan after the user\'s arguments', () => {
    expect(merge('quiet hugepagesz=2M hugepages=512'))
      .toBe(`quiet hugepagesz=2M hugepages=512 ${PLANNED} ${PAIR}`);
  });

  test('replaces the count of a pair of the planned size in place', () => {
    expect(merge('quiet hugepagesz=1g hugepages=2 splash'))
      .toBe(`quiet ${PAIR} splash ${PLANNED}`);
  });

  test('replaces a planned argument in place and drops its repeats', () => {
    expect(merge('isolcpus=3 quiet intel-iommu=off isolcpus=2'))
      .toBe('isolcpus=1,5,9,13 quiet intel_iommu=on default_hugepagesz=1G iommu=pt ' + PAIR);
  });

  test('gives a lone count its old size when the plan changes the default page size', () => {
    expect(merge('hugepages=512 quiet')).toBe(`hugepagesz=2M hugepages=512 quiet ${PLANNED} ${PAIR}`);
  });

  test('reads a lone count after default_hugepagesz=1G as a count of 1G pages', () => {
    expect(merge('default_hugepagesz=1G hugepages=2'))
      .toBe(`default_hugepagesz=1G ${PAIR} isolcpus=1,5,9,13 intel_iommu=on iommu=pt`);
  });

  test('keeps a count that belongs to an earlier hugepagesz= of another size', () => {
    expect(merge('hugepagesz=2M quiet hugepages=64'))
      .toBe(`hugepagesz=2M quiet hugepages=64 ${PLANNED} ${PAIR}`);
  });

  const word = fc.constantFrom('quiet', 'splash', 'isolcpus=7', 'intel_iommu=off', 'iommu=pt',
    'hugepagesz=2M hugepages=512', 'hugepagesz=1G hugepages=2', 'hugepages=16',
    'default_hugepagesz=2M', 'default_hugepagesz=1G', 'console=ttyS0,115200', 'nosmt');
  const cmdline = fc.array(word, { maxLength: 8 }).map((words) => words.join(' '));

  test('merging a merged line changes nothing, and every planned argument is there once', () => {
    fc.assert(fc.property(cmdline, (line) => {
      const once = merge(line);
      expect(merge(once)).toBe(once);
      const words = once.split(' ');
      for (const arg of PLANNED.split(' ')) {
        expect(words.filter((w) => w === arg)).toHaveLength(1);
      }
      expect(once.split(PAIR)).toHaveLength(2);
    }), { numRuns: 25 });
  });
});

describe('kernel_args on a node', () => {
  let fresh: FakeNode;
  beforeEach(() => {
    fresh = FakeNode.create({ numaCpus: ['0-3,8-11', '4-7,12-15'] });
    fresh.writeFiles(renderNodeFiles(plan, { path: 'userspace' }));
  });
  afterEach(() => fresh.remove());

  test('writes the merged line once, backs up the old file and runs update-grub', () => {
    const first = fresh.source('nodes/worker/bootstrap.sh', 'kernel_args');
    const second = fresh.source('nodes/worker/bootstrap.sh', 'kernel_args');
    expect([first.status, second.status, second.stdout]).toEqual([0, 0, '']);
    expect(fresh.read('/etc/default/grub')).toContain('GRUB_CMDLINE_LINUX="console=ttyS0,115200 ' +
      `hugepagesz=2M hugepages=512 mitigations=auto ${PLANNED} ${PAIR}"`);
    expect(fresh.calls()).toEqual(['update-grub']);
  });

  test('keeps the old file in the backup folder', () => {
    fresh.source('nodes/worker/bootstrap.sh', 'kernel_args');
    const backup = fresh.source('nodes/worker/bootstrap.sh',
      'cat "$ROOT"/var/backups/vhost-user-k8s/*/etc/default/grub');
    expect(backup.stdout).toBe(FAKE_GRUB);
  });

  test('--check reports the line as drift and leaves the file alone', () => {
    const run = fresh.source('nodes/worker/bootstrap.sh', 'MODE=check; kernel_args');
    expect(run.stdout).toMatch(/^drift: kernel: GRUB_CMDLINE_LINUX is "console=/);
    expect(fresh.read('/etc/default/grub')).toBe(FAKE_GRUB);
  });

  test('refuses a planned argument set in GRUB_CMDLINE_LINUX_DEFAULT, which would win', () => {
    fresh.write('/etc/default/grub', FAKE_GRUB.replace('DEFAULT="quiet"', 'DEFAULT="quiet isolcpus=2"'));
    const run = fresh.source('nodes/worker/bootstrap.sh', 'kernel_args');
    expect(run.stderr).toContain('GRUB_CMDLINE_LINUX_DEFAULT in /etc/default/grub sets ' +
      'isolcpus=2, which the plan manages in GRUB_CMDLINE_LINUX');
  });

  test('tells which planned arguments the running kernel lacks, for the reboot notice', () => {
    fresh.write('/proc/cmdline', `BOOT_IMAGE=/vmlinuz ${PLANNED} quiet\n`);
    const run = fresh.source('nodes/worker/bootstrap.sh', 'running_kernel_lacks');
    expect(run.stdout).toBe(`${PAIR}\n`);
  });
});
