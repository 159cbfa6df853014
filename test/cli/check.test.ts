import { readFileSync } from 'fs';
import { join } from 'path';
import { ROOT, runCli } from './run-cli';

const guide = readFileSync(join(ROOT, 'examples', 'kube-ovn-guide.yaml'), 'utf8');

describe('vhost-user-k8s check', () => {
  test('without a spec checks the built-in example and says so on standard error', async () => {
    const run = await runCli(['check']);
    expect([run.code, run.stdout, run.stderr.split('\n')[0]]).toEqual([0,
      '<built-in example>: no problems\n',
      'No spec file given: check uses the built-in example, the Kube-OVN cluster of the '
        + 'vhost-user guide.']);
  });

  test('reads the spec from standard input for -', async () => {
    const run = await runCli(['check', '-'], { stdin: guide });
    expect(run.stdout).toBe('<stdin>: no problems\n');
  });

  test('prints a finding as a compiler does: place, path, code, message, upstream, fix',
    async () => {
      const run = await runCli(['check', '-'],
        { stdin: guide.replace('name: kube-ovn-guide', 'name: Guide') });
      expect(run.stdout.split('\n').slice(0, 3)).toEqual([
        '<stdin>:11:1: name: error SPEC003: cluster name "Guide" is not a DNS-1123 label: '
          + 'it has uppercase letters',
        expect.stringMatching(/^ {2}upstream: a lowercase RFC 1123 label must consist of /),
        expect.stringMatching(/^ {2}fix: /),
      ]);
    });

  test('places a planner finding on the line of its field', async () => {
    const run = await runCli(['check', '-'],
      { stdin: guide.replace('socketMem: "1024"', 'socketMem: "1000"') });
    expect(run.stdout).toMatch(/^<stdin>:42:7: nodes\[0\]\.ovs\.socketMem: error OVS005: /m);
  });

  test('places a finding about a field left out on the nearest field written', async () => {
    const run = await runCli(['check', '-'], { stdin: guide.replace(/ {4}nics:\n(.*\n){3}/, '') });
    expect(run.stdout).toMatch(/^<stdin>:15:5: nodes\[0\]\.nics: error OVS017: /m);
  });

  test('reports every schema fault at once, each with its line, and exits 1', async () => {
    const spec = guide
      .replace('    hugepages:\n', '    hugepage:\n')
      .replace('leaseTime: 3600', 'leaseTime: an hour')
      .replace('driver: vfio-pci', 'driver: igb_uio');
    const run = await runCli(['check', '-', '--format', 'json'], { stdin: spec });
    const found = JSON.parse(run.stdout) as Array<{ code: string; location: { line: number } }>;
    expect([run.code, found.map((d) => `${d.code}@${d.location.line}`)])
      .toEqual([1, ['FILE004@31', 'FILE002@38', 'FILE005@58']]);
  });

  test('with --format json, reports a file it cannot read as a JSON finding, exit 2',
    async () => {
      const run = await runCli(['check', 'no-such-spec.yaml', '--format', 'json']);
      expect([run.code, JSON.parse(run.stdout)]).toEqual([2, [{
        code: 'FILE006',
        severity: 'error',
        path: '',
        message: 'cannot read the spec file no-such-spec.yaml: no such file or folder',
        hint: expect.stringContaining('give - to read the spec from standard input'),
      }]]);
    });

  test('counts errors and warnings in the last line', async () => {
    const spec = guide.replace('name: kube-ovn-guide', 'name: Guide')
      .replace('kubeOvn:\n', 'versions:\n  ovs: "3.3"\nkubeOvn:\n');
    const run = await runCli(['check', '-'], { stdin: spec });
    expect(run.stdout.split('\n').at(-2)).toBe('<stdin>: 1 error and 1 warning');
  });

  test('exits 0 when the spec has warnings only', async () => {
    const spec = guide.replace('kubeOvn:\n', 'versions:\n  ovs: "3.3"\nkubeOvn:\n');
    const run = await runCli(['check', '-', '--format', 'json'], { stdin: spec });
    expect([run.code, JSON.parse(run.stdout).map((d: { severity: string }) => d.severity)])
      .toEqual([0, ['warning']]);
  });
});
