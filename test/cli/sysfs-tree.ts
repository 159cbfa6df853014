import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { dirname, join } from 'path';

/** A sysfs tree in a folder: files with their text, links with their targets. */
export interface SysfsTree {
  readonly files: Record<string, string>;
  readonly links?: Record<string, string>;
}

/**
 * A small two-socket host: NUMA nodes 0 and 1 of two cores with two threads
 * each (siblings n and n + 4), 64Gi and 32Gi, an Intel NIC on NUMA node 1
 * with its interface, one of its virtual functions, and a Mellanox NIC whose
 * NUMA node the platform does not report.
 */
export const TWO_NODE_HOST: SysfsTree = {
  files: {
    'devices/system/cpu/online': '0-7\n',
    ...Object.fromEntries([0, 1, 2, 3, 4, 5, 6, 7].flatMap((cpu) => [
      [`devices/system/cpu/cpu${cpu}/topology/thread_siblings_list`,
        `${cpu % 4},${(cpu % 4) + 4}\n`],
      [`devices/system/cpu/cpu${cpu}/topology/physical_package_id`,
        `${cpu % 4 < 2 ? 0 : 1}\n`],
    ])),
    'devices/system/node/node0/cpulist': '0-1,4-5\n',
    'devices/system/node/node0/meminfo': 'Node 0 MemTotal:       67108864 kB\n',
    'devices/system/node/node1/cpulist': '2-3,6-7\n',
    'devices/system/node/node1/meminfo': 'Node 1 MemTotal:       33554432 kB\n',
    'devices/pci0000:00/0000:af:00.0/class': '0x020000\n',
    'devices/pci0000:00/0000:af:00.0/vendor': '0x8086\n',
    'devices/pci0000:00/0000:af:00.0/numa_node': '1\n',
    'devices/pci0000:00/0000:af:00.0/net/ens1f0/address': '3c:fd:fe:00:00:01\n',
    'devices/pci0000:00/0000:af:02.0/class': '0x020000\n',
    'devices/pci0000:00/0000:af:02.0/vendor': '0x8086\n',
    'devices/pci0000:00/0000:af:02.0/numa_node': '1\n',
    'devices/pci0000:00/0000:58:00.0/class': '0x020000\n',
    'devices/pci0000:00/0000:58:00.0/vendor': '0x15b3\n',
    'devices/pci0000:00/0000:58:00.0/numa_node': '-1\n',
    'devices/pci0000:00/0000:00:1f.2/class': '0x010601\n',
    'bus/pci/drivers/ixgbe/bind': '',
    'bus/pci/drivers/iavf/bind': '',
    'bus/pci/drivers/mlx5_core/bind': '',
  },
  links: {
    'bus/pci/devices/0000:af:00.0': '../../../devices/pci0000:00/0000:af:00.0',
    'bus/pci/devices/0000:af:02.0': '../../../devices/pci0000:00/0000:af:02.0',
    'bus/pci/devices/0000:58:00.0': '../../../devices/pci0000:00/0000:58:00.0',
    'bus/pci/devices/0000:00:1f.2': '../../../devices/pci0000:00/0000:00:1f.2',
    'devices/pci0000:00/0000:af:00.0/driver': '../../../bus/pci/drivers/ixgbe',
    'devices/pci0000:00/0000:af:02.0/driver': '../../../bus/pci/drivers/iavf',
    'devices/pci0000:00/0000:af:02.0/physfn': '../0000:af:00.0',
    'devices/pci0000:00/0000:58:00.0/driver': '../../../bus/pci/drivers/mlx5_core',
  },
};

/** Writes a sysfs tree into a new temporary folder and returns the folder. */
export function writeSysfsTree(tree: SysfsTree): string {
  const root = mkdtempSync(join(tmpdir(), 'vhost-user-k8s-sysfs-'));
  for (const [file, text] of Object.entries(tree.files)) {
    mkdirSync(dirname(join(root, file)), { recursive: true });
    writeFileSync(join(root, file), text);
  }
  for (const [link, target] of Object.entries(tree.links ?? {})) {
    mkdirSync(dirname(join(root, link)), { recursive: true });
    symlinkSync(target, join(root, link));
  }
  return root;
}

/**
 * A small virtual machine: one NUMA node of two single-thread cores and its
 * management NIC, a virtio-net function whose interface virtio-pci keeps below
 * the virtio device (`virtio0/net/eth0`), not in the function's own `net/`.
 */
export const VIRTIO_VM: SysfsTree = {
  files: {
    'devices/system/cpu/online': '0-1\n',
    'devices/system/cpu/cpu0/topology/thread_siblings_list': '0\n',
    'devices/system/cpu/cpu0/topology/physical_package_id': '0\n',
    'devices/system/cpu/cpu1/topology/thread_siblings_list': '1\n',
    'devices/system/cpu/cpu1/topology/physical_package_id': '0\n',
    'devices/system/node/node0/cpulist': '0-1\n',
    'devices/system/node/node0/meminfo': 'Node 0 MemTotal:        4194304 kB\n',
    'devices/pci0000:00/0000:00:03.0/class': '0x020000\n',
    'devices/pci0000:00/0000:00:03.0/vendor': '0x1af4\n',
    'devices/pci0000:00/0000:00:03.0/numa_node': '-1\n',
    'devices/pci0000:00/0000:00:03.0/virtio0/net/eth0/address': '52:54:00:12:34:56\n',
    'bus/pci/drivers/virtio-pci/bind': '',
  },
  links: {
    'bus/pci/devices/0000:00:03.0': '../../../devices/pci0000:00/0000:00:03.0',
    'devices/pci0000:00/0000:00:03.0/driver': '../../../bus/pci/drivers/virtio-pci',
  },
};
