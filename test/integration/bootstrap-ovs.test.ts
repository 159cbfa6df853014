import { spawnSync } from 'node:child_process';
import { renderNodeFiles } from '../../src/render/node';
import { FakeNode, ScriptRun } from '../support/fake-node-root';
import { plannedNode } from '../support/node-plan-fixture';
import { describeWithOvs, OvsSandbox, startOvsSandbox } from '../support/ovs-sandbox';

// The generated bootstrap.sh of the Userspace CNI path, run against a real Open vSwitch
// (Debian's ovs-vswitchd-dpdk in a sandbox, DPDK without hugepages) for the OVS step,
// and against a fake root for the kernel, sysfs and kubelet steps.
//
// The DPDK port: the plan gives it the PCI address of a NIC, and the sandbox has no PCI
// device DPDK could drive (it runs with --no-pci; a NIC would need vfio-pci and an
// IOMMU). DPDK's devargs name either a device on a bus (PCI) or a virtual device, so
// the test runs the one path the script reserves for tests: VHOST_USER_TEST_DEVARGS
// gives the port the null PMD (net_null0) instead of its PCI address. Everything else
// the script does with the port (bridge, type, MTU, reading back error and ofport) is
// the same.

const BOOTSTRAP = 'nodes/worker/bootstrap.sh';
const VERIFY = 'nodes/worker/verify.sh';
const plan = plannedNode('userspace');

describeWithOvs('bootstrap.sh against a real Open vSwitch', () => {
  let ovs: OvsSandbox;
  let node: FakeNode;
  let env: NodeJS.ProcessEnv;
  let first: ScriptRun;

  beforeAll(async () => {
    ovs = await startOvsSandbox();
    node = FakeNode.create({ numaCpus: ['0-3,8-11', '4-7,12-15'] });
    node.writeFiles(renderNodeFiles(plan, { path: 'userspace' }));
    env = { ...ovs.env, VHOST_USER_TEST_DEVARGS: 'dpdk0=net_null0' };
    first = node.run(BOOTSTRAP, ['--drained'], env);
  });

  afterAll(async () => {
    await ovs?.stop();
    node?.remove();
  });

  const get = (...args: string[]): Promise<string> => ovs.vsctl('get', ...args);

  test('runs to the end', () => {
    expect([first.status, first.stderr]).toEqual([0, expect.stringContaining('reboot this node')]);
  });

  test('sets every planned other_config key', async () => {
    const found = await Promise.all(plan.ovs.otherConfig.map(([key]) =>
      get('Open_vSwitch', '.', `other_config:${key}`)));
    expect(found.map((v) => v.replace(/^"(.*)"$/, '$1')))
      .toEqual(plan.ovs.otherConfig.map(([, value]) => value));
  });

  test('keeps the other_config keys the plan does not name', async () => {
    expect(await get('Open_vSwitch', '.', 'other_config:pmd-maxsleep')).toBe('"10000"');
  });

  test('creates the bridge with the netdev datapath', async () => {
    expect([await get('Bridge', 'br-int', 'datapath_type'), await get('Bridge', 'br-int', 'fail_mode')])
      .toEqual(['netdev', 'standalone']);
  });

  test('adds the DPDK port, which ovs-vswitchd opened', async () => {
    expect([
      await ovs.vsctl('list-ports', 'br-int'),
      await get('Interface', 'dpdk0', 'type'),
      await get('Interface', 'dpdk0', 'error'),
      Number(await get('Interface', 'dpdk0', 'ofport')) > 0,
    ]).toEqual(['dpdk0', 'dpdk', '[]', true]);
  });

  test('says which DPDK settings wait for an ovs-vswitchd restart', () => {
    expect(first.stderr).toContain('restart ovs-vswitchd (systemctl restart openvswitch-switch) ' +
      'to apply dpdk-socket-mem dpdk-socket-limit dpdk-hugepage-dir userspace-tso-enable');
  });

  test('a second run changes nothing, and --check reports no drift', () => {
    const second = node.run(BOOTSTRAP, ['--drained'], env);
    const check = node.run(BOOTSTRAP, ['--check'], env);
    expect([second.status, second.stdout, check.status, check.stdout]).toEqual([0, '', 0, '']);
  });

  test('verify.sh passes once the node is rebooted', () => {
    node.reboot();
    const verify = node.run(VERIFY, [], env);
    expect([verify.status, verify.stdout]).toEqual([0, '']);
  });

  test('verify.sh and --check report exactly a value changed by hand', async () => {
    node.reboot();
    await ovs.vsctl('set', 'Open_vSwitch', '.', 'other_config:pmd-cpu-mask=0x4');
    const verify = node.run(VERIFY, [], env);
    const check = node.run(BOOTSTRAP, ['--check'], env);
    const drift = 'drift: ovs: other_config:pmd-cpu-mask is "0x4", plan "0x2222"\n';
    expect([verify.status, verify.stdout, check.status, check.stdout]).toEqual([1, drift, 1, drift]);
  });

  test('verify.sh reports a port ovs-vswitchd could not open, which ovs-vsctl hides', async () => {
    await ovs.vsctl('set', 'Interface', 'dpdk0', 'options:dpdk-devargs=0000:af:00.0');
    const verify = node.run(VERIFY, [], env);
    expect(verify.stdout).toContain('drift: ovs: error of interface dpdk0 is "Error attaching ' +
      "device '0000:af:00.0' to DPDK\", plan unset\n");
  });
});

describeWithOvs('config.cfg read the way Kube-OVN reads it', () => {
  let ovs: OvsSandbox;
  beforeAll(async () => {
    ovs = await startOvsSandbox({ dpdk: false, startVswitchd: false });
  });
  afterAll(() => ovs?.stop());

  test('every line, given to ovs-vsctl as one unquoted word, sets the planned value', async () => {
    const kubeOvn = plannedNode('kube-ovn');
    const cfg = renderNodeFiles(kubeOvn, { path: 'kube-ovn' })
      .find((f) => f.path.endsWith('/config.cfg'))!.content;
    // start-ovs-dpdk-v2.sh: each non-comment line becomes other_config:<line>, unquoted.
    const loop = 'while IFS= read -r line; do [[ -z $line || $line == "#"* ]] && continue; ' +
      'ovs-vsctl --no-wait set Open_vSwitch . other_config:${line}; done <<<"$1"';
    const run = spawnSync('bash', ['-c', loop, 'bash', cfg], { env: ovs.env, encoding: 'utf8' });
    expect(run.status).toBe(0);
    const found = await Promise.all(kubeOvn.ovs.otherConfig.map(([key]) =>
      ovs.vsctl('get', 'Open_vSwitch', '.', `other_config:${key}`)));
    expect(found.map((v) => v.replace(/^"(.*)"$/, '$1')))
      .toEqual(kubeOvn.ovs.otherConfig.map(([, value]) => value));
  });
});
