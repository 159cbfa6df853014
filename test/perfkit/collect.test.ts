import { execFileSync } from 'child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { consoleLogCommand, renderCollectScript } from '../../src/perfkit/collect';
import { planPerfKit } from '../../src/perfkit/pairs';

const FIXTURES = join(__dirname, '../fixtures/perfkit');
const KIT = planPerfKit({ name: 'fixture', nodes: ['worker-1'], interfaceTypes: ['bridge'] });

describe('consoleLogCommand', () => {
  test('reads the cloud-hypervisor container of the VM\'s pod, all of it', () => {
    expect(consoleLogCommand('default', 'perf-bridge-same-node-client')).toBe('kubectl logs '
      + '-n default -l virtink.io/vm.name=perf-bridge-same-node-client -c cloud-hypervisor '
      + '--tail=-1');
  });
});

describe('collect.sh, run against a stand-in kubectl', () => {
  let dir: string;
  let output: string;

  beforeAll(() => {
    // A kubectl that prints a recorded client log whatever it is asked.
    dir = mkdtempSync(join(tmpdir(), 'perf-collect-'));
    mkdirSync(join(dir, 'bin'));
    const log = readFileSync(join(FIXTURES, 'truncated-client.log'), 'utf8')
      .replace(/fixture\/loopback/g, 'fixture/bridge-same-node');
    writeFileSync(join(dir, 'client.log'), log);
    writeFileSync(join(dir, 'bin', 'kubectl'), `#!/bin/sh\ncat '${join(dir, 'client.log')}'\n`);
    chmodSync(join(dir, 'bin', 'kubectl'), 0o755);
    writeFileSync(join(dir, 'collect.sh'), renderCollectScript(KIT));
    output = execFileSync('bash', [join(dir, 'collect.sh'), join(dir, 'logs')], {
      encoding: 'utf8',
      env: { ...process.env, PATH: `${join(dir, 'bin')}:${process.env.PATH}` },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
  });

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  test('saves each client\'s log as <pair>.log', () => {
    expect(readFileSync(join(dir, 'logs', 'bridge-same-node.log'), 'utf8'))
      .toContain('BEGIN fixture/bridge-same-node/iperf3/tcp/1024');
  });

  test('counts a log without DONE as not done, and prints the report command', () => {
    expect(output).toBe(`Saved 1 logs to ${join(dir, 'logs')} (1 not done yet).\n`
      + `Report: vhost-user-k8s report ${join(dir, 'logs')}/*.log --outdir `
      + `${join(dir, 'logs')}/report\n`);
  });
});
