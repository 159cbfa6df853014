import { describeWithOvs, OvsSandbox, startOvsSandbox } from './ovs-sandbox';
import { addUserspaceCniPort } from './userspace-cni';
import { userspaceCniConfig } from '../../src/plan/network';
import { socketPathOf } from '../../src/plan/vm';

const config = userspaceCniConfig({ name: 'ovs-dpdk' }, 'br-int', {});
const add = {
  config,
  containerId: '0123456789abcdef'.repeat(4),
  ifName: 'net1',
  socketPathTemplate: socketPathOf('userspace', 'net1'),
};

describeWithOvs('addUserspaceCniPort (real ovsdb-server)', () => {
  let ovs: OvsSandbox;
  beforeAll(async () => {
    ovs = await startOvsSandbox({ dpdk: false, startVswitchd: false });
  });
  afterAll(() => ovs?.stop());

  test('fails where the plugin would create the bridge itself', async () => {
    await expect(addUserspaceCniPort(ovs, add)).rejects.toThrow('bridge br-int does not ' +
      'exist when the Userspace CNI adds port net1: the plugin would create it with ' +
      'actions=NORMAL itself');
  });

  test('replays only OVS as the vhost-user client', async () => {
    const server = { ...config, host: { ...config.host, vhost: { mode: 'server' as const } } };

    await expect(addUserspaceCniPort(ovs, { ...add, config: server }))
      .rejects.toThrow('replays host iftype vhostuser with vhost.mode client only');
  });
});
