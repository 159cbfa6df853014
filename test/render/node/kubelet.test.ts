import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { NodePlan } from '../../../src/plan/types';
import { renderNodeFiles } from '../../../src/render/node';
import { FAKE_KUBELET_CONFIG, FakeNode } from '../../support/fake-node-root';
import { plannedNode } from '../../support/node-plan-fixture';

const SCRIPT = 'nodes/worker/bootstrap.sh';
const CONFIG = '/var/lib/kubelet/config.yaml';
const plan = plannedNode('userspace');

let node: FakeNode;
function fakeNode(nodePlan: NodePlan = plan): FakeNode {
  node = FakeNode.create({ numaCpus: ['0-3,8-11', '4-7,12-15'] });
  node.writeFiles(renderNodeFiles(nodePlan, { path: 'userspace' }));
  return node;
}
afterEach(() => node.remove());

describe('kubelet configuration', () => {
  test('waits for a drained node: lists the pending keys and leaves the file alone', () => {
    fakeNode();
    const run = node.source(SCRIPT, 'kubelet_config; printf "%s\\n" "${PENDING[@]}"');
    expect(run.stdout).toContain('pending: kubelet: cpuManagerPolicy from unset to "static"\n');
    expect(run.stdout).toContain('the kubelet configuration\n');
    expect(node.read(CONFIG)).toBe(FAKE_KUBELET_CONFIG);
  });

  test('on a drained node, sets the planned keys and keeps every key the user set', () => {
    fakeNode();
    node.source(SCRIPT, 'DRAINED=1; kubelet_config');
    const config = parse(node.read(CONFIG));
    expect(config).toMatchObject({
      maxPods: 150,
      clusterDNS: ['10.96.0.10'],
      evictionHard: { 'nodefs.available': '5%' },
      authentication: { webhook: { enabled: true } },
      cpuManagerPolicy: 'static',
      reservedSystemCPUs: '0-1,4-5,8-9,12-13',
      memoryManagerPolicy: 'Static',
    });
  });

  test('a second run changes nothing and appends nothing', () => {
    fakeNode();
    node.source(SCRIPT, 'DRAINED=1; kubelet_config');
    const merged = node.read(CONFIG);
    const second = node.source(SCRIPT, 'DRAINED=1; kubelet_config');
    expect([second.stdout, node.read(CONFIG)]).toEqual(['', merged]);
    expect(merged.match(/^cpuManagerPolicy:/gm)).toHaveLength(1);
  });

  test('merges a planned map into the user\'s map, naming a dotted key in drift', () => {
    const config = { ...plan.kubelet.config, evictionHard: { 'memory.available': '100Mi' } };
    fakeNode({ ...plan, kubelet: { ...plan.kubelet, config } });
    const check = node.source(SCRIPT, 'MODE=check; kubelet_config');
    node.source(SCRIPT, 'DRAINED=1; kubelet_config');
    expect(check.stdout).toContain(
      'drift: kubelet: evictionHard["memory.available"] is unset, plan "100Mi"\n');
    expect(parse(node.read(CONFIG)).evictionHard)
      .toEqual({ 'nodefs.available': '5%', 'memory.available': '100Mi' });
  });

  test('reports a nested value changed by hand as drift under its full name', () => {
    fakeNode();
    node.source(SCRIPT, 'DRAINED=1; kubelet_config');
    node.write(CONFIG, node.read(CONFIG).replace("full-pcpus-only: 'true'", "full-pcpus-only: 'false'"));
    const check = node.source(SCRIPT, 'MODE=check; kubelet_config');
    expect(check.stdout).toBe(
      'drift: kubelet: cpuManagerPolicyOptions.full-pcpus-only is "false", plan "true"\n');
  });

  test('removes the stale checkpoints between stopping and starting the kubelet', () => {
    fakeNode();
    node.write('/var/lib/kubelet/cpu_manager_state', '{"policyName":"none"}');
    node.write('/var/lib/kubelet/memory_manager_state', '{"policyName":"None"}');
    node.source(SCRIPT, 'DRAINED=1; kubelet_config; restart_kubelet');
    expect([node.exists('/var/lib/kubelet/cpu_manager_state'),
      node.exists('/var/lib/kubelet/memory_manager_state')]).toEqual([false, false]);
    expect(node.calls().filter((c) => c.includes('kubelet')))
      .toEqual(['systemctl stop kubelet', 'systemctl start kubelet']);
  });

  test('keeps a removed checkpoint in the backup folder', () => {
    fakeNode();
    node.write('/var/lib/kubelet/cpu_manager_state', '{"policyName":"none"}');
    const run = node.source(SCRIPT, 'DRAINED=1; kubelet_config; restart_kubelet; ' +
      'cat "$BACKUP_DIR/var/lib/kubelet/cpu_manager_state"');
    expect(run.stdout.endsWith('{"policyName":"none"}')).toBe(true);
  });

  test('a missing configuration stops the script with the field to set', () => {
    fakeNode();
    node.source(SCRIPT, 'rm "$ROOT/var/lib/kubelet/config.yaml"');
    const run = node.source(SCRIPT, 'kubelet_config');
    expect(run.stderr).toContain('no kubelet configuration at /var/lib/kubelet/config.yaml: ' +
      'join the node to the cluster first, or set kubelet.configPath');
  });
});

// Whole runs on the Kube-OVN path (no Open vSwitch needed) without kubectl, so that
// nothing but the record can tell a later run that the kubelet still needs a restart.
describe('a kubelet restart deferred to a drained node', () => {
  const BOOTSTRAP = 'nodes/worker/bootstrap.sh';
  const RECORD = '/var/lib/vhost-user-k8s/worker/pending-kubelet-restart';
  const REASONS = 'the hugepages of NUMA node 0 changed; the hugepages of NUMA node 1 changed';
  const DRIFT = `drift: kubelet: restart is pending (${REASONS}), plan done (bootstrap.sh --drained)\n`;

  /** A node whose kubelet already runs with the planned keys: only the hugepages change. */
  function configuredNode(): FakeNode {
    node = FakeNode.create({ numaCpus: ['0-3,8-11', '4-7,12-15'] });
    node.writeFiles(renderNodeFiles(plannedNode('kube-ovn'), { path: 'kube-ovn' }));
    node.source(BOOTSTRAP, 'DRAINED=1; kubelet_config; rm "$ROOT$KUBELET_RESTART_RECORD"');
    return node;
  }

  function kubeletRestarts(): string[] {
    return node.calls().filter((c) => / kubelet$/.test(c));
  }

  test('is recorded on the node, and --check reports it as drift', () => {
    configuredNode();
    const first = node.run(BOOTSTRAP);
    const check = node.run(BOOTSTRAP, ['--check']);
    expect([first.status, kubeletRestarts(), node.exists(RECORD)]).toEqual([2, [], true]);
    expect(first.stderr).toContain(`waiting for a drained node: the kubelet restart (${REASONS})`);
    expect([check.status, check.stdout]).toEqual([1, DRIFT]);
  });

  test('is done by a later --drained run that finds nothing else to change', () => {
    configuredNode();
    node.run(BOOTSTRAP);
    const drained = node.run(BOOTSTRAP, ['--drained']);
    expect([drained.status, kubeletRestarts(), node.exists(RECORD)])
      .toEqual([0, ['systemctl stop kubelet', 'systemctl start kubelet'], false]);
    expect(drained.stdout).toBe(`change: kubelet: restarted (${REASONS})\n`);
  });

  test('once done, is not done again, and --check is clean', () => {
    configuredNode();
    node.run(BOOTSTRAP);
    node.run(BOOTSTRAP, ['--drained']);
    const third = node.run(BOOTSTRAP, ['--drained']);
    const check = node.run(BOOTSTRAP, ['--check']);
    expect([third.status, third.stdout, kubeletRestarts().length]).toEqual([0, '', 2]);
    expect([check.status, check.stdout]).toEqual([0, '']);
  });

  test('keeps waiting through a second run without --drained', () => {
    configuredNode();
    node.run(BOOTSTRAP);
    const second = node.run(BOOTSTRAP);
    expect([second.status, kubeletRestarts()]).toEqual([2, []]);
    expect(second.stderr).toContain(`waiting for a drained node: the kubelet restart (${REASONS})`);
  });

  test('is reported by verify.sh', () => {
    configuredNode();
    node.run(BOOTSTRAP);
    const verify = node.run('nodes/worker/verify.sh');
    expect(verify.status).toBe(1);
    expect(verify.stdout).toContain(DRIFT);
  });

  test('that failed half-way is done by the next run, stale checkpoints included', () => {
    node = FakeNode.create({ numaCpus: ['0-3,8-11', '4-7,12-15'] });
    node.writeFiles(renderNodeFiles(plannedNode('kube-ovn'), { path: 'kube-ovn' }));
    node.write('/var/lib/kubelet/cpu_manager_state', '{"policyName":"none"}');
    const failing = join(node.dir, 'failing-systemctl');
    writeFileSync(failing, '#!/usr/bin/env bash\n[[ "$*" != "stop kubelet" ]] || exit 1\n' +
      `exec ${join(node.bin, 'systemctl')} "$@"\n`, { mode: 0o755 });
    const broken = node.run(BOOTSTRAP, ['--drained'], { SYSTEMCTL: failing });
    const next = node.run(BOOTSTRAP, ['--drained']);
    expect([broken.status, next.status, node.exists('/var/lib/kubelet/cpu_manager_state')])
      .toEqual([1, 0, false]);
    expect(next.stdout).toContain('change: kubelet: /var/lib/kubelet/cpu_manager_state removed\n');
    expect(kubeletRestarts()).toEqual(['systemctl stop kubelet', 'systemctl start kubelet']);
  });
});
