import { mkdtempSync, writeFileSync } from 'fs';
import { machine, tmpdir } from 'os';
import { join } from 'path';
import { parse, stringify } from 'yaml';
import { runCli } from './run-cli';
import { TWO_NODE_HOST, VIRTIO_VM, writeSysfsTree } from './sysfs-tree';

const sysfs = writeSysfsTree(TWO_NODE_HOST);
const vm = writeSysfsTree(VIRTIO_VM);
const work = mkdtempSync(join(tmpdir(), 'vhost-user-k8s-facts-'));
const intel = join(work, 'cpuinfo-intel');
writeFileSync(intel, 'processor\t: 0\nvendor_id\t: GenuineIntel\ncpu family\t: 6\n');

async function facts(...extra: string[]) {
  return runCli(['facts', '--sysfs', sysfs, '--architecture', 'x86_64', ...extra]);
}

describe('vhost-user-k8s facts', () => {
  test('prints NUMA nodes with their memory and cores, one core per line', async () => {
    const run = await facts('--cpuinfo', intel);
    expect(run.stdout).toContain([
      '    - id: 1',
      '      memory: 32Gi',
      '      cores:',
      '        - {socket: 1, threads: [2, 6]}',
      '        - {socket: 1, threads: [3, 7]}',
    ].join('\n'));
  });

  test('prints each NIC with PCI address, NUMA node, driver and whether it is a VF', async () => {
    const { nics } = parse((await facts()).stdout);
    expect(nics).toEqual([
      { pci: '0000:58:00.0', driver: 'mlx5', virtualFunction: false },
      { pci: '0000:af:00.0', numaNode: 1, driver: 'vfio-pci', virtualFunction: false },
      { pci: '0000:af:02.0', numaNode: 1, driver: 'vfio-pci', virtualFunction: true },
    ]);
  });

  test('names the interface and the bound driver of a NIC in a comment', async () => {
    expect((await facts()).stdout)
      .toContain('  # ens1f0, intel, bound to ixgbe\n  - pci: "0000:af:00.0"\n');
  });

  test('names the interface of a virtio-net NIC, which sysfs keeps below virtio<N>', async () => {
    const run = await runCli(['facts', '--sysfs', vm, '--architecture', 'aarch64']);
    expect(run.stdout).toContain('  # eth0, 0x1af4, bound to virtio-pci, NUMA node unknown');
  });

  test('warns in a comment that a virtual function cannot be the DPDK NIC', async () => {
    expect((await facts()).stdout).toContain(
      '  # no kernel interface, intel, bound to iavf, an SR-IOV virtual function, which cannot '
      + 'be the DPDK NIC\n');
  });

  test('takes the kernel release from osrelease', async () => {
    const osrelease = join(work, 'osrelease');
    writeFileSync(osrelease, '6.1.0-27-amd64\n');
    const run = await facts('--cpuinfo', intel, '--osrelease', osrelease);
    expect(parse(run.stdout).kernel).toEqual({ version: '6.1.0-27-amd64' });
    expect(run.stdout).toContain(`from ${sysfs}, ${intel} and ${osrelease}.`);
  });

  test('leaves the kernel out when osrelease is missing', async () => {
    const run = await facts('--osrelease', join(work, 'none'));
    expect(parse(run.stdout).kernel).toBeUndefined();
  });

  test('takes the CPU vendor of an x86_64 host from cpuinfo', async () => {
    expect(parse((await facts('--cpuinfo', intel)).stdout).topology.cpuVendor).toBe('intel');
  });

  test('leaves the vendor out when cpuinfo is missing', async () => {
    const { topology } = parse((await facts('--cpuinfo', join(work, 'none'))).stdout);
    expect(topology.cpuVendor).toBeUndefined();
  });

  test('takes the architecture from this machine unless told', async () => {
    const run = await runCli(['facts', '--sysfs', sysfs]);
    expect(parse(run.stdout).topology.architecture).toBe(machine());
  });

  test('prints a node pool that checks clean when pasted into a spec', async () => {
    const osrelease = join(work, 'osrelease-pasted');
    writeFileSync(osrelease, '6.1.0-27-amd64\n');
    const { topology, nics, kernel } = parse((await facts('--cpuinfo', intel,
      '--osrelease', osrelease)).stdout);
    const spec = {
      name: 'pasted',
      userspaceCni: {},
      nodes: [{ name: 'dpdk', topology, nics: [nics[1]], kernel }],
    };
    const run = await runCli(['check', '-'], { stdin: stringify(spec) });
    expect([run.code, run.stdout]).toEqual([0, '<stdin>: no problems\n']);
  });

  test('exits 2 with one line when the folder is not sysfs', async () => {
    const run = await runCli(['facts', '--sysfs', work]);
    expect([run.code, run.stderr]).toEqual([2,
      `vhost-user-k8s: cannot read the topology from ${work}: invalid sysfs `
        + '"devices/system/cpu/online": the file is missing. Pass the directory sysfs is '
        + 'mounted on (/sys), or a dump that includes this file.\n']);
  });
});
