import { existsSync } from 'node:fs';

/** Debian's DPDK build of ovs-vswitchd; the `ovs-vswitchd` alternative stays non-DPDK. */
export const OVS_VSWITCHD_DPDK = '/usr/lib/openvswitch-switch-dpdk/ovs-vswitchd-dpdk';

/** The Open vSwitch binaries the sandbox runs, by absolute path. */
export const OVS_BIN = {
  ovsdbTool: '/usr/bin/ovsdb-tool',
  ovsdbServer: '/usr/sbin/ovsdb-server',
  vsctl: '/usr/bin/ovs-vsctl',
  ofctl: '/usr/bin/ovs-ofctl',
  appctl: '/usr/bin/ovs-appctl',
  vswitchdDpdk: OVS_VSWITCHD_DPDK,
} as const;

/** The OVSDB schema `ovsdb-tool create` needs, from openvswitch-common. */
export const OVS_SCHEMA = '/usr/share/openvswitch/vswitch.ovsschema';

/** DPDK's test application, from Debian's dpdk-dev package. */
export const DPDK_TESTPMD = '/usr/bin/dpdk-testpmd';

const INSTALL_HINT =
  'run `sudo bash scripts/install-test-deps.sh` (or `npm run test:all`)';

/**
 * Why the real Open vSwitch tests cannot run here, or undefined when they can. They need
 * root (DPDK's EAL keeps its runtime files in /var/run/dpdk as root; the bridge's TAP
 * devices need CAP_NET_ADMIN) and Debian's openvswitch-switch-dpdk and dpdk-dev.
 */
export function ovsUnavailableReason(): string | undefined {
  if (process.platform !== 'linux') {
    return `Open vSwitch with DPDK runs on Linux only (this is ${process.platform})`;
  }
  if (process.getuid?.() !== 0) {
    return 'the Open vSwitch sandbox runs ovs-vswitchd-dpdk and dpdk-testpmd, ' +
      `which need root (this is uid ${process.getuid?.()})`;
  }
  const needed = [
    ...Object.values(OVS_BIN), OVS_SCHEMA, DPDK_TESTPMD, '/usr/bin/unshare',
  ];
  const missing = needed.filter((path) => !existsSync(path));
  if (missing.length > 0) {
    return `missing ${missing.join(', ')}; ${INSTALL_HINT}`;
  }
  return undefined;
}

/** Whether Open vSwitch with DPDK and dpdk-testpmd can be run by the tests here. */
export function haveOvs(): boolean {
  return ovsUnavailableReason() === undefined;
}

/**
 * `describe` for a suite that drives the real Open vSwitch. Where it cannot run, the
 * suite is skipped with a loud warning, except under CI (the `CI` environment variable
 * is set), where it becomes one failing test that states the reason: CI must never
 * pass by skipping the data-path proof.
 */
export function describeWithOvs(name: string, body: () => void): void {
  const reason = ovsUnavailableReason();
  if (reason === undefined) {
    describe(name, body);
  } else if (process.env.CI) {
    describe(name, () => {
      test('Open vSwitch with DPDK is available in CI', () => {
        throw new Error(`Cannot run "${name}" in CI: ${reason}`);
      });
    });
  } else {
    // Test support, not library code: a skipped data-path suite must be noticed.
    console.warn(`SKIPPED "${name}": ${reason}`);
    describe.skip(name, body);
  }
}
