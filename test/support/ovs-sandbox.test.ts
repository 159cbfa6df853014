import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  describeWithOvs,
  OvsSandbox,
  startOvsSandbox,
  stopAllOvsSandboxes,
} from './ovs-sandbox';
import { liveProcesses, runCommand } from './processes';
import { startTestpmd, stopAllTestpmds } from './testpmd';

// Real daemons on a 2-CPU machine: generous, but bounded.
jest.setTimeout(240_000);

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function addVhostUserClientPort(
  sandbox: OvsSandbox,
  bridge: string,
  port: string,
): Promise<string> {
  const socket = sandbox.socketPath(`${port}.sock`);
  await sandbox.vsctl('add-port', bridge, port, '--', 'set', 'Interface', port,
    'type=dpdkvhostuserclient', `options:vhost-server-path=${socket}`);
  return socket;
}

describeWithOvs('OVS sandbox (real ovs-vswitchd-dpdk, no hugepages)', () => {
  afterAll(async () => {
    await stopAllTestpmds();
    await stopAllOvsSandboxes();
  });

  test('forwards packets from a txonly peer to an rxonly peer through a NORMAL bridge',
    async () => {
      const sandbox = await startOvsSandbox();
      await sandbox.vsctl('add-br', 'br0', '--', 'set', 'Bridge', 'br0',
        'datapath_type=netdev', 'fail-mode=standalone');
      const txSocket = await addVhostUserClientPort(sandbox, 'br0', 'vhu0');
      const rxSocket = await addVhostUserClientPort(sandbox, 'br0', 'vhu1');

      const receiver = startTestpmd({ socketPath: rxSocket, forwardMode: 'rxonly' });
      await receiver.waitUntilForwarding();
      const sender = startTestpmd({ socketPath: txSocket, forwardMode: 'txonly' });
      await sender.waitUntilForwarding();
      await receiver.waitForStats('a packet received', (s) => s.rxPackets > 0);
      await sender.stop();
      const received = await receiver.stop();
      await sandbox.stop();

      expect(received.rxPackets).toBeGreaterThan(0);
    });

  test('initialises DPDK when dpdk-init is written while ovs-vswitchd runs', async () => {
    const sandbox = await startOvsSandbox({ dpdk: false });
    await sandbox.setOtherConfig(sandbox.dpdkSandboxConfig);

    await sandbox.vsctl('--timeout=60', 'wait-until', 'Open_vSwitch', '.',
      'dpdk_initialized=true');
    const initialized =
      await sandbox.vsctl('get', 'Open_vSwitch', '.', 'dpdk_initialized');
    await sandbox.stop();

    expect(initialized).toBe('true');
  });

  test('restartVswitchd() initialises DPDK again with a changed dpdk-extra', async () => {
    const sandbox = await startOvsSandbox();
    await sandbox.setOtherConfig({
      'dpdk-extra': `--no-huge -m 256 --legacy-mem --no-pci --file-prefix=${sandbox.filePrefix}`,
    });

    await sandbox.restartVswitchd();
    const log = readFileSync(join(sandbox.dir, 'ovs-vswitchd.log'), 'utf8');
    await sandbox.stop();

    expect(log.match(/EAL ARGS: .*/g)?.pop()).toContain('-m 256');
  });

  test('fails to start with the EAL error when --no-huge comes without --legacy-mem',
    async () => {
      const sandbox = await startOvsSandbox({ startVswitchd: false });
      await sandbox.setOtherConfig({
        'dpdk-extra': `--no-huge -m 512 --no-pci --file-prefix=${sandbox.filePrefix}`,
      });

      const start = sandbox.startVswitchd();

      await expect(start).rejects.toThrow(
        /while starting[\s\S]*Option --legacy-mem is not compatible with --in-memory/,
      );
      await sandbox.stop();
    });

  test('env points a plain ovs-vsctl at the sandbox database', async () => {
    const sandbox = await startOvsSandbox({ dpdk: false, startVswitchd: false });
    const uuid = await sandbox.vsctl('get', 'Open_vSwitch', '.', '_uuid');

    const seen = await runCommand('ovs-vsctl', ['--no-wait', 'get', 'Open_vSwitch', '.',
      '_uuid'], { env: sandbox.env });
    await sandbox.stop();

    expect(seen.trim()).toBe(uuid);
  });

  test('tracks each daemon by the PID it writes to its pid file', async () => {
    const sandbox = await startOvsSandbox();
    const pidFiles = ['ovsdb-server', 'ovs-vswitchd'].map((daemon) =>
      Number(readFileSync(join(sandbox.dir, `${daemon}.pid`), 'utf8')));
    const tracked = [sandbox.pids.ovsdbServer, sandbox.pids.ovsVswitchd];
    await sandbox.stop();

    expect(tracked).toEqual(pidFiles);
  });

  test('stop() kills every daemon by PID and removes the sandbox files', async () => {
    const sandbox = await startOvsSandbox();
    const pids = Object.values(sandbox.pids);

    await sandbox.stop();
    await sandbox.stop();

    expect({
      alive: pids.filter(isAlive),
      tracked: liveProcesses().filter((p) => pids.includes(p.pid)),
      files: [sandbox.dir, join('/var/run/dpdk', sandbox.filePrefix)].filter(existsSync),
    }).toEqual({ alive: [], tracked: [], files: [] });
  });
});
