import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describeWithOvs } from './ovs-availability';
import {
  parseFinalStats,
  parseLatestPortStats,
  parsePortRates,
  startTestpmd,
  stopAllTestpmds,
} from './testpmd';

// Shapes copied from dpdk-testpmd 22.11 output (Debian 12's dpdk-dev).
const nicStats = (rx: number, tx: number): string => `
Port statistics ====================================
  ######################## NIC statistics for port 0  ########################
  RX-packets: ${rx}          RX-missed: 0          RX-bytes:  0
  RX-errors: 0
  RX-nombuf:  0
  TX-packets: ${tx}          TX-errors: 0          TX-bytes:  0
`;

const rates = (rx: number, tx: number): string => `
  Throughput (since last show)
  Rx-pps:     ${rx}          Rx-bps:            0
  Tx-pps:     ${tx}          Tx-bps:            0
  ############################################################################
`;

const finalStats = `
  ---------------------- Forward statistics for port 0  ----------------------
  RX-packets: 311296         RX-dropped: 0             RX-total: 311296
  TX-packets: 0              TX-dropped: 0             TX-total: 0
  ----------------------------------------------------------------------------

  +++++++++++++++ Accumulated forward statistics for all ports+++++++++++++++
  RX-packets: 311296         RX-dropped: 0             RX-total: 311296
  TX-packets: 256            TX-dropped: 190527488     TX-total: 190527744
  ++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++
`;

describe('parseLatestPortStats', () => {
  test('reads the last complete periodic block', () => {
    const output = nicStats(5, 1) + nicStats(70, 2) + 'Port statistics ====\n  #### NIC';

    expect(parseLatestPortStats(output)).toEqual({ rxPackets: 70, txPackets: 2 });
  });

  test('is undefined before the first block', () => {
    expect(parseLatestPortStats('EAL: Detected CPU lcores: 2\n')).toBeUndefined();
  });
});

describe('parsePortRates', () => {
  test('reads the rates of every periodic block, oldest first', () => {
    const output = nicStats(5, 1) + rates(40316283, 0) + nicStats(9, 2) + rates(7, 12);

    expect(parsePortRates(output)).toEqual([
      { rxPps: 40316283, txPps: 0 }, { rxPps: 7, txPps: 12 },
    ]);
  });
});

describe('parseFinalStats', () => {
  test('reads the accumulated block printed on stop', () => {
    expect(parseFinalStats(nicStats(1, 1) + finalStats))
      .toEqual({ rxPackets: 311296, txPackets: 256 });
  });

  test('is undefined when testpmd never stopped forwarding', () => {
    expect(parseFinalStats(nicStats(1, 1))).toBeUndefined();
  });
});

describe('startTestpmd', () => {
  test('needs exactly one of socketPath and vdev', () => {
    expect(() => startTestpmd({ forwardMode: 'rxonly' }))
      .toThrow('give exactly one of socketPath (a vhost-user socket) and vdev');
  });
});

describeWithOvs('dpdk-testpmd without hugepages (real process)', () => {
  jest.setTimeout(120_000);
  afterAll(stopAllTestpmds);

  test('counts packets a null device delivers in rxonly mode', async () => {
    const testpmd = startTestpmd({ vdev: 'net_null0', forwardMode: 'rxonly' });
    await testpmd.waitUntilForwarding();
    await testpmd.waitForStats('a packet received', (s) => s.rxPackets > 0);

    const stats = await testpmd.stop();

    expect(stats.rxPackets).toBeGreaterThan(0);
  });

  test('stop() removes its DPDK runtime files', async () => {
    const testpmd = startTestpmd({ vdev: 'net_null0', forwardMode: 'rxonly' });
    await testpmd.waitUntilForwarding();

    await testpmd.stop();

    expect(existsSync(join('/var/run/dpdk', testpmd.filePrefix))).toBe(false);
  });

  test('fails with a hint when no vhost-user client connects', async () => {
    const socketPath = join(mkdtempSync(join(tmpdir(), 'testpmd-')), 'vhu.sock');
    const testpmd = startTestpmd({ socketPath, forwardMode: 'io' });

    const waiting = testpmd.waitUntilForwarding(3_000);

    await expect(waiting)
      .rejects.toThrow(`No vhost-user client connected to ${socketPath}`);
    await testpmd.stop().catch(() => undefined);
    rmSync(dirname(socketPath), { recursive: true });
  });
});
