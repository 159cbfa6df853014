import { renderNodeFiles } from '../../../src/render/node';
import { FakeNode } from '../../support/fake-node-root';
import { FIXTURE_NIC, plannedNode } from '../../support/node-plan-fixture';
import { describeWithOvs, OvsSandbox, startOvsSandbox } from '../../support/ovs-sandbox';

// The OVS step's functions, sourced from bootstrap.sh. The database ones run against a
// real ovsdb-server (no ovs-vswitchd: test/integration/bootstrap-ovs.test.ts runs the
// whole step against one).
const SCRIPT = 'nodes/worker/bootstrap.sh';
const plan = plannedNode('userspace');

let node: FakeNode;
beforeAll(() => {
  node = FakeNode.create({ numaCpus: ['0-3,8-11', '4-7,12-15'] });
  node.writeFiles(renderNodeFiles(plan, { path: 'userspace' }));
});
afterAll(() => node.remove());

describe('ovs_atom', () => {
  test('passes a plain word as it is and quotes a comma list', () => {
    const run = node.source(SCRIPT, 'ovs_atom 0x2222; echo; ovs_atom 1024,1024');
    expect(run.stdout).toBe('0x2222\n"1024,1024"');
  });
});

describe('port_devargs', () => {
  test('is the PCI address of the port\'s NIC', () => {
    expect(node.source(SCRIPT, 'port_devargs 0').stdout).toBe(FIXTURE_NIC);
  });

  test('is the test device that VHOST_USER_TEST_DEVARGS names for the port', () => {
    const run = node.source(SCRIPT, 'port_devargs 0',
      { VHOST_USER_TEST_DEVARGS: 'dpdk9=x dpdk0=net_null0' });
    expect(run.stdout).toBe('net_null0');
  });

  test('refuses a test device with shell syntax in it', () => {
    const run = node.source(SCRIPT, 'port_devargs 0', { VHOST_USER_TEST_DEVARGS: 'dpdk0=$(id)' });
    expect(run.stderr).toBe('bootstrap.sh: error: VHOST_USER_TEST_DEVARGS: cannot use \'dpdk0=$(id)\'\n');
  });
});

describeWithOvs('other_config in a real OVS database', () => {
  let ovs: OvsSandbox;
  beforeAll(async () => {
    ovs = await startOvsSandbox({ dpdk: false, startVswitchd: false });
  });
  afterAll(() => ovs?.stop());

  const source = (commands: string) => node.source(SCRIPT, commands, ovs.env);

  test('ovs_get reads a quoted value as plain text, and a missing key as nothing', async () => {
    await ovs.setOtherConfig({ 'dpdk-socket-mem': '1024,1024' });
    const run = source('ovs_get Open_vSwitch . other_config:dpdk-socket-mem; echo "|$(' +
      'ovs_get Open_vSwitch . other_config:nothing-here)|"');
    expect(run.stdout).toBe('1024,1024||\n');
  });

  test('--check lists each planned key that differs, with the value found', async () => {
    await ovs.setOtherConfig({ 'pmd-cpu-mask': '0x4' });
    const run = source('MODE=check; ovs_other_config');
    expect(run.stdout).toContain('drift: ovs: other_config:pmd-cpu-mask is "0x4", plan "0x2222"\n');
    expect(run.stdout).toContain('drift: ovs: other_config:dpdk-init is unset, plan "true"\n');
  });

  test('sets every planned key in one transaction, and a second pass changes nothing', async () => {
    source('ovs_other_config');
    const second = source('ovs_other_config');
    expect(second.stdout).toBe('');
    expect(await ovs.vsctl('get', 'Open_vSwitch', '.', 'other_config:dpdk-socket-limit'))
      .toBe('"1024,1024"');
  });

  test('saves the values it replaces in the backup folder', () => {
    source('ovs-vsctl --no-wait set Open_vSwitch . other_config:pmd-cpu-mask=0x8');
    const run = source('ovs_other_config >/dev/null; cat "$BACKUP_DIR/ovs-other_config"');
    expect(run.stdout).toContain('pmd-cpu-mask="0x8"');
  });
});
