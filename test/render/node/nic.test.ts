import { readlinkSync, rmSync, symlinkSync } from 'node:fs';
import { renderNodeFiles } from '../../../src/render/node';
import { FakeNode, FakeNodeOptions } from '../../support/fake-node-root';
import { FIXTURE_NIC, nodeSpecFixture, plannedNode } from '../../support/node-plan-fixture';

const SCRIPT = 'nodes/worker/bootstrap.sh';
const DEV = `/sys/bus/pci/devices/${FIXTURE_NIC}`;

let node: FakeNode;
afterEach(() => node.remove());

function fakeNode(options: Partial<FakeNodeOptions> = {}, driver: 'vfio-pci' | 'mlx5' = 'vfio-pci'): FakeNode {
  node = FakeNode.create({ numaCpus: ['0-3,8-11', '4-7,12-15'], ...options });
  const spec = nodeSpecFixture({ nics: [{ pci: FIXTURE_NIC, numaNode: 1, driver }] });
  node.writeFiles(renderNodeFiles(plannedNode('userspace', spec), { path: 'userspace' }));
  return node;
}

function boundDriver(): string {
  return readlinkSync(node.path(`${DEV}/driver`)).replace(/.*\//, '');
}

describe('vfio-pci NICs', () => {
  test('are bound through driverctl, which keeps the binding across reboots', () => {
    fakeNode();
    node.source(SCRIPT, 'nic_drivers');
    expect([boundDriver(), node.calls()]).toEqual(
      ['vfio-pci', [`driverctl set-override ${FIXTURE_NIC} vfio-pci`]]);
  });

  test('are bound through driver_override when driverctl is missing', () => {
    fakeNode();
    const run = node.source(SCRIPT, 'nic_drivers', { DRIVERCTL: '/nonexistent/driverctl' });
    // The fake kernel does not rebind, so the script sees the old driver and stops.
    expect(run.stderr).toContain(`${FIXTURE_NIC} is bound to "ixgbe" after binding it to vfio-pci`);
    expect([node.read(`${DEV}/driver_override`), node.read('/sys/bus/pci/drivers/ixgbe/unbind'),
      node.read('/sys/bus/pci/drivers_probe')])
      .toEqual(['vfio-pci\n', `${FIXTURE_NIC}\n`, `${FIXTURE_NIC}\n`]);
  });

  test('wait for the reboot when the IOMMU is still off', () => {
    fakeNode({ iommu: false });
    const run = node.source(SCRIPT, 'nic_drivers; printf "%s\\n" "${REBOOT_REASONS[@]}"');
    expect([boundDriver(), run.stdout]).toEqual(['ixgbe',
      `the IOMMU is off: ${FIXTURE_NIC} can be bound to vfio-pci after the reboot, ` +
      'by running bootstrap.sh again\n']);
  });

  test('are left alone while the kernel interface is up', () => {
    fakeNode();
    node.write(`${DEV}/net/ens1f0/operstate`, 'up\n');
    const run = node.source(SCRIPT, 'nic_drivers');
    expect(run.stderr).toContain(`NIC ${FIXTURE_NIC} is the kernel interface ens1f0 and it is up`);
  });

  test('are left alone while a virtio-net interface, kept below virtio<N>, is up', () => {
    fakeNode({ nicDriver: 'virtio-pci' });
    rmSync(node.path(`${DEV}/net`), { recursive: true });
    node.write(`${DEV}/virtio2/net/eth0/operstate`, 'up\n');
    const run = node.source(SCRIPT, 'nic_drivers');
    expect([run.status, boundDriver(), node.calls()]).toEqual([1, 'virtio-pci', []]);
    expect(run.stderr).toContain(`NIC ${FIXTURE_NIC} is the kernel interface eth0 and it is up`);
  });

  test('already bound by hand get a driverctl override so the next boot keeps them', () => {
    fakeNode({ nicDriver: 'vfio-pci' });
    node.source(SCRIPT, 'nic_drivers');
    expect(node.calls()).toEqual(['driverctl list-overrides',
      `driverctl set-override ${FIXTURE_NIC} vfio-pci`]);
  });

  test('--check reports the driver as drift and binds nothing', () => {
    fakeNode();
    const run = node.source(SCRIPT, 'MODE=check; nic_drivers');
    expect([run.stdout, boundDriver()])
      .toEqual([`drift: nic: driver of ${FIXTURE_NIC} is "ixgbe", plan "vfio-pci"\n`, 'ixgbe']);
  });
});

describe('mlx5 NICs', () => {
  test('stay on mlx5_core, with nothing rebound', () => {
    fakeNode({ nicDriver: 'mlx5_core' }, 'mlx5');
    const run = node.source(SCRIPT, 'nic_drivers');
    expect([run.status, node.calls()]).toEqual([0, []]);
  });

  test('on another driver are reported, since DPDK drives them through mlx5_core', () => {
    fakeNode({ nicDriver: 'ixgbe' }, 'mlx5');
    const run = node.source(SCRIPT, 'nic_drivers');
    expect(run.stderr).toContain(`nic: driver of ${FIXTURE_NIC} is "ixgbe", plan "mlx5_core"`);
  });
});

describe('SR-IOV virtual functions', () => {
  test('are refused by the preflight', () => {
    fakeNode();
    symlinkSync('../0000:af:00.1', node.path(`${DEV}/physfn`));
    const run = node.source(SCRIPT, 'preflight_nics');
    expect(run.stderr).toContain(`NIC ${FIXTURE_NIC} is an SR-IOV virtual function: give ` +
      'OVS-DPDK the physical function (0000:af:00.1) instead');
  });
});
