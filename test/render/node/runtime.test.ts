import { readdirSync, statSync } from 'node:fs';
import { renderNodeFiles } from '../../../src/render/node';
import { FakeNode } from '../../support/fake-node-root';
import { plannedNode } from '../../support/node-plan-fixture';

// The helpers every node script shares, called one by one from a sourced bootstrap.sh.
const SCRIPT = 'nodes/worker/bootstrap.sh';

let node: FakeNode;
beforeEach(() => {
  node = FakeNode.create({ numaCpus: ['0-3,8-11', '4-7,12-15'] });
  node.writeFiles(renderNodeFiles(plannedNode('kube-ovn'), { path: 'kube-ovn' }));
});
afterEach(() => node.remove());

describe('install_file', () => {
  const install = 'install_file demo /etc/demo.conf 0640 $\'new\\n\' nodes/worker/demo.conf';

  test('writes a missing file with its mode and announces the change', () => {
    const run = node.source(SCRIPT, install);
    expect(run.stdout).toBe('change: demo: /etc/demo.conf from absent to nodes/worker/demo.conf\n');
    expect([node.read('/etc/demo.conf'), statSync(node.path('/etc/demo.conf')).mode.toString(8)])
      .toEqual(['new\n', '100640']);
  });

  test('backs up the file it replaces and leaves no temporary file behind', () => {
    node.write('/etc/demo.conf', 'old\n');
    const run = node.source(SCRIPT, `${install}; cat "$BACKUP_DIR/etc/demo.conf"`);
    expect(run.stdout.endsWith('old\n')).toBe(true);
    expect(readdirSync(node.path('/etc'))).toEqual(['default', 'demo.conf']);
  });

  test('in --check mode reports the drift, counts it and writes nothing', () => {
    const run = node.source(SCRIPT, `MODE=check; ${install}; echo "$DRIFTS"`);
    expect([run.stdout, node.exists('/etc/demo.conf')]).toEqual(
      ['drift: demo: /etc/demo.conf is absent, plan nodes/worker/demo.conf\n1\n', false]);
  });

  test('fixes only the mode when the content is already right', () => {
    node.write('/etc/demo.conf', 'new\n');
    const run = node.source(SCRIPT, install);
    expect(run.stdout).toBe('change: demo: mode of /etc/demo.conf from 644 to 640\n');
  });
});

describe('fault', () => {
  test('ends the run with the hint when applying', () => {
    const run = node.source(SCRIPT, 'fault ovs x \'"a"\' \'"b"\' check the log "of OVS"');
    expect([run.status, run.stderr]).toEqual(
      [1, 'bootstrap.sh: error: ovs: x is "a", plan "b". check the log of OVS\n']);
  });

  test('is one line of drift in --check mode, and the run goes on', () => {
    const run = node.source(SCRIPT, 'MODE=check; fault ovs x \'"a"\' \'"b"\' hint; echo go on');
    expect(run.stdout).toBe('drift: ovs: x is "a", plan "b"\ngo on\n');
  });
});

describe('the script environment', () => {
  test('runs each replaceable command from its variable', () => {
    const run = node.source(SCRIPT, '"$UNAME" -r', { UNAME: '/bin/echo' });
    expect(run.stdout).toBe('-r\n');
  });

  test('puts every path under VHOST_USER_ROOT', () => {
    const run = node.source(SCRIPT, 'node_hugepages_file 1');
    expect(run.stdout).toBe(`${node.root}/sys/devices/system/node/node1/hugepages/` +
      'hugepages-1048576kB/nr_hugepages');
  });
});
