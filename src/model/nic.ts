import { ValueError } from './errors';
import { PciAddress } from './pci';

/**
 * How DPDK drives a NIC.
 *
 * - `vfio-pci`: the NIC is unbound from its kernel driver and bound to
 *   `vfio-pci` (Intel and most other vendors; needs the IOMMU).
 * - `mlx5`: Mellanox/NVIDIA ConnectX NICs stay on their kernel driver and DPDK
 *   talks to them through it (the bifurcated model; no rebinding).
 */
export type NicDriverFamily = 'vfio-pci' | 'mlx5';

/** A network PCI function of a host, as sysfs or the user describes it. */
export interface NicInfo {
  /** PCI address of the function, for example `0000:3b:00.0`. */
  readonly pci: PciAddress;

  /**
   * NUMA node the NIC is attached to (`/sys/bus/pci/devices/<pci>/numa_node`).
   *
   * @default - unknown (sysfs reports `-1` on machines that do not say)
   */
  readonly numaNode?: number;

  /** How DPDK drives the NIC, see {@link nicDriverFamilyForVendor}. */
  readonly driverFamily: NicDriverFamily;

  /**
   * Vendor: `'intel'` or `'mellanox'` for the two vendors the planner knows,
   * otherwise the PCI vendor id as sysfs prints it (`'0x14e4'`).
   *
   * @default - unknown
   */
  readonly vendor?: string;

  /** Whether the function is an SR-IOV virtual function (it has a `physfn` link). */
  readonly isVirtualFunction: boolean;

  /**
   * Kernel interface name (`net/<ifname>` in sysfs, `virtio<N>/net/<ifname>` for
   * virtio-net), for example `ens1f0`.
   *
   * @default - none: the function has no kernel interface (for example when it
   *   is bound to `vfio-pci`)
   */
  readonly name?: string;

  /**
   * Kernel driver the function is bound to now, for example `ixgbe`,
   * `mlx5_core` or `vfio-pci`.
   *
   * @default - none: the function is not bound to any driver
   */
  readonly driver?: string;
}

/** PCI vendor ids the planner knows by name. */
const VENDOR_NAMES: ReadonlyMap<number, string> = new Map([
  [0x8086, 'intel'],
  [0x15b3, 'mellanox'],
]);

/**
 * The DPDK driver family for a NIC vendor: Mellanox (`0x15b3`) NICs use the
 * bifurcated `mlx5` driver, every other vendor (Intel `0x8086` included) is bound
 * to `vfio-pci`.
 *
 * @param vendor a PCI vendor id (`0x15b3`, `'0x15b3'`, `'15b3'`) or a vendor name
 *   as {@link NicInfo.vendor} holds it (`'mellanox'`, `'intel'`)
 * @throws ValueError when a string is neither a known name nor a hex vendor id
 */
export function nicDriverFamilyForVendor(vendor: number | string): NicDriverFamily {
  return nicVendorName(vendor) === 'mellanox' ? 'mlx5' : 'vfio-pci';
}

/**
 * The vendor as {@link NicInfo.vendor} spells it: `'intel'` or `'mellanox'`, or
 * for any other vendor the id as four lower-case hex digits with `0x`.
 *
 * @param vendor a PCI vendor id (`0x8086`, `'0x8086'`, `'8086'`) or a vendor name
 * @throws ValueError when a string is neither a known name nor a hex vendor id
 */
export function nicVendorName(vendor: number | string): string {
  if (typeof vendor === 'string') {
    const text = vendor.trim().toLowerCase();
    if ([...VENDOR_NAMES.values()].includes(text)) {
      return text;
    }
    if (!/^(0x)?[0-9a-f]{1,4}$/.test(text)) {
      throw new ValueError('PCI vendor id', vendor,
        'it is neither a hex vendor id nor a known vendor name',
        'Write the id as sysfs prints it in /sys/bus/pci/devices/<pci>/vendor '
        + '(0x8086), or one of the names intel, mellanox.');
    }
    return nicVendorName(parseInt(text.replace(/^0x/, ''), 16));
  }

  if (!Number.isInteger(vendor) || vendor < 0 || vendor > 0xffff) {
    throw new ValueError('PCI vendor id', String(vendor),
      'a vendor id is a 16-bit number',
      'Write the id as sysfs prints it in /sys/bus/pci/devices/<pci>/vendor (0x8086).');
  }
  return VENDOR_NAMES.get(vendor) ?? `0x${vendor.toString(16).padStart(4, '0')}`;
}
