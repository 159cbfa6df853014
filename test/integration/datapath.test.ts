import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { DatapathInterface, GeneratedDatapath } from '../support/datapath';
import { describeWithOvs } from '../support/ovs-sandbox';
import { liveProcesses } from '../support/processes';

// Proof that the Userspace CNI path's generated node configuration carries vhost-user
// traffic: a one-node cluster is synthesized, its bootstrap.sh is applied to a real
// ovs-vswitchd-dpdk (sandboxed, DPDK without hugepages), the two VMs' ports are added
// to the bridge as the Userspace CNI adds them, and two dpdk-testpmd processes play
// Cloud Hypervisor as vhost-user servers on the sockets: one sends a single burst of
// 32 packets, the other counts what arrives. The bridge is left exactly as the
// bootstrap made it (fail mode, no flows of its own).
//
// The bootstrap also writes the hugepage-backed memory keys (dpdk-socket-mem and
// -limit, dpdk-hugepage-dir), which ovs-vswitchd reads only when DPDK starts. DPDK
// here runs on the sandbox's `--no-huge -m 512`, started before the bootstrap, and is
// not restarted: with those keys EAL would refuse to start without hugepages.

// Real daemons on a 2-CPU machine: generous, but bounded.
jest.setTimeout(240_000);

const BURST = 32;

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describeWithOvs('data path of a generated Userspace CNI node (real OVS-DPDK)', () => {
  let datapath: GeneratedDatapath;
  let sender: DatapathInterface;
  let receiver: DatapathInterface;

  beforeAll(async () => {
    datapath = await GeneratedDatapath.start();
    [sender, receiver] = datapath.interfaces;
  });

  afterAll(() => datapath?.stop());

  test('the bootstrap leaves a standalone netdev bridge with no flow of its own', async () => {
    const ovs = datapath.ovs;
    expect({
      datapath: await ovs.vsctl('get', 'Bridge', datapath.bridge, 'datapath_type'),
      failMode: await ovs.vsctl('get', 'Bridge', datapath.bridge, 'fail_mode'),
      flows: (await ovs.ofctl('--no-stats', 'dump-flows', datapath.bridge)).trim(),
    }).toEqual({ datapath: 'netdev', failMode: 'standalone', flows: 'priority=0 actions=NORMAL' });
  });

  test('the Userspace CNI adds a dpdkvhostuserclient port per VM at the socket Virtink ' +
    'mounts', async () => {
    const ports = await Promise.all(datapath.interfaces.map(async ({ cni }) => ({
      type: await datapath.ovs.vsctl('get', 'Interface', cni.port, 'type'),
      hostPath: cni.hostPath,
    })));

    const socket = /^\/usr\/local\/var\/run\/openvswitch\/([0-9a-f]{12})\/\1-net1$/;
    expect(ports).toEqual([
      { type: 'dpdkvhostuserclient', hostPath: expect.stringMatching(socket) },
      { type: 'dpdkvhostuserclient', hostPath: expect.stringMatching(socket) },
    ]);
  });

  test(`a burst of ${BURST} packets from one VM crosses the bridge to the other`, async () => {
    const rx = await datapath.startVm(receiver, { forwardMode: 'rxonly' });
    const tx = await datapath.startVm(sender, {
      forwardMode: 'io', txFirst: true, peer: receiver,
    });
    await rx.waitForStats(`${BURST} packets received`, (s) => s.rxPackets >= BURST, 20_000);
    const bridgeIn = (await datapath.portCounters(sender)).rxPackets;
    const bridgeOut = (await datapath.portCounters(receiver)).txPackets;

    const sent = (await tx.stop()).txPackets;
    const received = (await rx.stop()).rxPackets;

    expect({ sent, bridgeIn, bridgeOut, received })
      .toEqual({ sent: BURST, bridgeIn: BURST, bridgeOut: BURST, received: BURST });
  });

  test('stop() ends every process by PID and removes sockets, sandbox and DPDK files',
    async () => {
      const pids = Object.values(datapath.ovs.pids);

      await datapath.stop();

      expect({
        alive: pids.filter(isAlive),
        tracked: liveProcesses().map((p) => `${p.name} ${p.pid}`),
        files: [datapath.ovs.dir, datapath.node.dir,
          ...datapath.filePrefixes.map((prefix) => join('/var/run/dpdk', prefix))]
          .filter(existsSync),
      }).toEqual({ alive: [], tracked: [], files: [] });
    });
});
