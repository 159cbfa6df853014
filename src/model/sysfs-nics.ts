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
    const interfaceName = reader.listDirectory(`${dir}/net`)?.[0];
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
