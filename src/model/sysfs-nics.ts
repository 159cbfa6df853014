// Reading the network PCI functions of a sysfs tree. Internal to the model:
// `HostTopology.fromSysfs` is the public face.
import * as path from 'path';
import { ValueError } from './errors';
import { NicInfo, nicDriverFamilyForVendor, nicVendorName } from './nic';
import { PciAddress } from './pci';
import { SysfsReader } from './sysfs-reader';

const PCI_DIR = 'bus/pci/devices';

/** PCI class 0x02: network controller (Ethernet 0x0200, InfiniBand 0x0207, ...). */
const NETWORK_CLASS = /^0x02[0-9a-f]{4}$/i;

/** The virtio device virtio-pci registers below a PCI function: `virtio0`, `virtio1`, ... */
const VIRTIO_DEVICE = /^virtio\d+$/;

/**
 * The network PCI functions under `bus/pci/devices`, in PCI address order.
 *
 * @throws ValueError for a directory name that is not a PCI address, or a
 *   `numa_node` that is not a number
 */
export function readSysfsNics(reader: SysfsReader): NicInfo[] {
  const nics: NicInfo[] = [];
  for (const name of reader.listDirectory(PCI_DIR) ?? []) {
    const dir = `${PCI_DIR}/${name}`;
    if (!NETWORK_CLASS.test(reader.readFile(`${dir}/class`)?.trim() ?? '')) {
      continue;
    }

    const vendorId = reader.readFile(`${dir}/vendor`)?.trim();
    const numaNode = readNumaNode(reader, `${dir}/numa_node`);
    const driver = reader.readLink(`${dir}/driver`);
    const interfaceName = readInterfaceName(reader, dir);
    nics.push({
      pci: PciAddress.parse(name),
      driverFamily: vendorId === undefined ? 'vfio-pci' : nicDriverFamilyForVendor(vendorId),
      isVirtualFunction: reader.readLink(`${dir}/physfn`) !== undefined,
      ...(numaNode !== undefined ? { numaNode } : {}),
      ...(vendorId !== undefined ? { vendor: nicVendorName(vendorId) } : {}),
      ...(interfaceName !== undefined ? { name: interfaceName } : {}),
      ...(driver !== undefined ? { driver: path.posix.basename(driver) } : {}),
    });
  }
  return nics;
}

/**
 * The kernel interface of a PCI function: the first entry of its `net/`, or for
 * virtio-net, of `virtio<N>/net/`. virtio-pci registers a virtio device below the
 * PCI function (numbered across the machine, so `<N>` need not match anything),
 * and virtio_net hangs the interface on that device, not on the PCI function.
 */
function readInterfaceName(reader: SysfsReader, dir: string): string | undefined {
  const own = reader.listDirectory(`${dir}/net`)?.[0];
  if (own !== undefined) {
    return own;
  }
  for (const entry of reader.listDirectory(dir) ?? []) {
    const name = VIRTIO_DEVICE.test(entry)
      ? reader.listDirectory(`${dir}/${entry}/net`)?.[0]
      : undefined;
    if (name !== undefined) {
      return name;
    }
  }
  return undefined;
}

/** `numa_node`: the node id, or `-1` where the platform does not say. */
function readNumaNode(reader: SysfsReader, file: string): number | undefined {
  const text = reader.readFile(file)?.trim();
  if (text === undefined || text === '-1') {
    return undefined;
  }
  if (!/^\d+$/.test(text)) {
    throw new ValueError('sysfs', file, `its NUMA node "${text}" is not a number`,
      'Read the file unchanged, as the kernel wrote it.');
  }
  return Number(text);
}
