import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { dirname, join } from 'path';
import { PciAddress } from '../../src/model/pci';
import { MemorySysfsReader, parseSysfsDump } from '../../src/model/sysfs-reader';
import { HostTopology } from '../../src/model/topology';
import { readFixture, readLscpuFixture } from '../support/lscpu-fixtures';
import { valueErrorOf } from '../support/value-error';

/** A two-CPU, one-core machine; `extra` adds or replaces files. */
function smallTree(extra: Record<string, string> = {}, links: Record<string, string> = {}) {
  return new MemorySysfsReader({
    'devices/system/cpu/online': '0-1\n',
    'devices/system/cpu/cpu0/topology/thread_siblings_list': '0-1\n',
    'devices/system/cpu/cpu0/topology/physical_package_id': '0\n',
    'devices/system/cpu/cpu1/topology/thread_siblings_list': '0-1\n',
    'devices/system/cpu/cpu1/topology/physical_package_id': '0\n',
    'devices/system/node/node0/cpulist': '0-1\n',
    ...extra,
  }, links);
}

/** The files of one PCI function, under `devices/pci0000:00`. */
function pciFunction(pci: string, files: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(files)
    .map(([name, text]) => [`devices/pci0000:00/${pci}/${name}`, text]));
}

describe('parseSysfsDump', () => {
  test('reads a file entry, relative to /sys', () => {
    const reader = parseSysfsDump('/sys/devices/system/cpu/online:0-95\n');
    expect(reader.readFile('devices/system/cpu/online')).toBe('0-95');
  });

  test('reads an empty file written as "path:"', () => {
    const reader = parseSysfsDump('/sys/devices/system/cpu/offline:\n');
    expect(reader.readFile('devices/system/cpu/offline')).toBe('');
  });

  test('keeps the spaces of a value (nohz_full holds 90 spaces and "(null)")', () => {
    const dump = readFixture('amd-epyc7451-2s-8numa-sysfs.txt');
    expect(parseSysfsDump(dump).readFile('devices/system/cpu/nohz_full'))
      .toBe(`${' '.repeat(90)}(null)`);
  });

  test('reads a link entry written as "path -> target"', () => {
    const reader = parseSysfsDump('/sys/devices/system/cpu/cpu0/node0 -> ../../node/node0\n');
    expect(reader.readLink('devices/system/cpu/cpu0/node0')).toBe('../../node/node0');
  });

  test('ends the path at the first colon after its last slash, so PCI names keep theirs', () => {
    const reader = parseSysfsDump('/sys/bus/pci/devices/0000:3b:00.0/vendor:0x8086\n');
    expect(reader.readFile('bus/pci/devices/0000:3b:00.0/vendor')).toBe('0x8086');
  });

  test('reads paths under another root when told', () => {
    const reader = parseSysfsDump('/host/sys/devices/system/cpu/online:0\n', { root: '/host/sys' });
    expect(reader.readFile('devices/system/cpu/online')).toBe('0');
  });

  test('refuses a line outside the root', () => {
    expect(valueErrorOf(() => parseSysfsDump('/proc/cpuinfo:processor\n')).reason)
      .toBe('the path is not under /sys');
  });

  test('refuses a line with neither a colon nor an arrow', () => {
    expect(valueErrorOf(() => parseSysfsDump('/sys/devices/system/cpu/online\n')).reason)
      .toBe('it is neither <path>:<text> nor <path> -> <target>');
  });
});

describe('MemorySysfsReader', () => {
  const reader = new MemorySysfsReader({
    'devices/pci0000:00/0000:00:03.0/vendor': '0x8086\n',
    'devices/pci0000:00/0000:00:03.0/net/eth0/address': 'aa\n',
  }, {
    'bus/pci/devices/0000:00:03.0': '../../../devices/pci0000:00/0000:00:03.0',
    'devices/pci0000:00/0000:00:03.0/driver': '../../../bus/pci/drivers/e1000e',
  });

  test('lists the entries of a directory that only holds deeper files', () => {
    expect(reader.listDirectory('devices/pci0000:00/0000:00:03.0'))
      .toEqual(['driver', 'net', 'vendor']);
  });

  test('follows a link in the middle of a path', () => {
    expect(reader.readFile('bus/pci/devices/0000:00:03.0/vendor')).toBe('0x8086\n');
  });

  test('reads a link found through another link', () => {
    expect(reader.readLink('bus/pci/devices/0000:00:03.0/driver'))
      .toBe('../../../bus/pci/drivers/e1000e');
  });

  test('answers undefined for what does not exist', () => {
    expect([reader.readFile('nothing'), reader.listDirectory('nothing'), reader.readLink('x')])
      .toEqual([undefined, undefined, undefined]);
  });

  test('refuses a loop of links', () => {
    const loop = new MemorySysfsReader({}, { a: 'b', b: 'a' });
    expect(valueErrorOf(() => loop.readFile('a/file')).reason)
      .toBe('it runs through a loop of links');
  });
});

describe('HostTopology.fromSysfs on the AMD EPYC 7451 dump', () => {
  const host = HostTopology.fromSysfs(
    parseSysfsDump(readFixture('amd-epyc7451-2s-8numa-sysfs.txt')));

  test('equals the lscpu -p reading of the same machine', () => {
    const lscpu = HostTopology.fromLscpu(readLscpuFixture('amd-epyc7451-2s-8numa.txt').parse ?? '');
    expect(host.toJSON()).toEqual(lscpu.toJSON());
  });

  test('reads the NUMA node CPUs from cpumap, the only file the dump has', () => {
    expect(host.cpusOf(7).toList()).toBe('42-47,90-95');
  });

  test('pairs CPU 0 with CPU 48 from thread_siblings_list, not core_id', () => {
    expect(host.siblingsOf(48).toList()).toBe('0,48');
  });
});

describe('HostTopology.fromSysfs rules', () => {
  test('leaves out offline CPUs, even from the sibling lists of online ones', () => {
    const host = HostTopology.fromSysfs(smallTree({ 'devices/system/cpu/online': '0\n' }));
    expect(host.siblingsOf(0).toList()).toBe('0');
  });

  test('reads the thread_siblings mask when the list file is missing', () => {
    const host = HostTopology.fromSysfs(new MemorySysfsReader({
      'devices/system/cpu/online': '0,2\n',
      'devices/system/cpu/cpu0/topology/thread_siblings': '00000005\n',
      'devices/system/cpu/cpu2/topology/thread_siblings': '00000005\n',
    }));
    expect(host.siblingsOf(2).toList()).toBe('0,2');
  });

  test('reads the memory of a NUMA node from MemTotal of its meminfo', () => {
    const host = HostTopology.fromSysfs(smallTree({
      'devices/system/node/node0/meminfo':
        'Node 0 MemTotal:       65842580 kB\nNode 0 MemFree:        1000 kB\n',
    }));
    expect(host.memoryOf(0)?.bytes).toBe(65842580 * 1024);
  });

  test('keeps a NUMA node without CPUs', () => {
    const host = HostTopology.fromSysfs(smallTree({ 'devices/system/node/node1/cpulist': '\n' }));
    expect(host.numaNodeIds()).toEqual([0, 1]);
  });

  test('reads a kernel without NUMA (no node directory) as NUMA node 0', () => {
    const withoutNodes = new MemorySysfsReader({
      'devices/system/cpu/online': '0-1\n',
      'devices/system/cpu/cpu0/topology/thread_siblings_list': '0\n',
      'devices/system/cpu/cpu1/topology/thread_siblings_list': '1\n',
    });
    expect(HostTopology.fromSysfs(withoutNodes).cpusOf(0).toList()).toBe('0-1');
  });

  test('numbers sockets by first appearance, as lscpu -p does (package 2 → socket 0)', () => {
    const host = HostTopology.fromSysfs(smallTree({
      'devices/system/cpu/cpu0/topology/physical_package_id': '2\n',
      'devices/system/cpu/cpu1/topology/physical_package_id': '2\n',
    }));
    expect(host.coresOf(0)[0].socket).toBe(0);
  });

  test('groups sockets by core_siblings_list where the package id is -1 (PowerVM)', () => {
    const host = HostTopology.fromSysfs(new MemorySysfsReader({
      'devices/system/cpu/online': '0-1\n',
      'devices/system/cpu/cpu0/topology/thread_siblings_list': '0\n',
      'devices/system/cpu/cpu0/topology/physical_package_id': '-1\n',
      'devices/system/cpu/cpu0/topology/core_siblings_list': '0\n',
      'devices/system/cpu/cpu1/topology/thread_siblings_list': '1\n',
      'devices/system/cpu/cpu1/topology/physical_package_id': '-1\n',
      'devices/system/cpu/cpu1/topology/core_siblings_list': '1\n',
    }));
    expect(host.coresOf(0).map((core) => core.socket)).toEqual([0, 1]);
  });

  test('takes the architecture from the options', () => {
    expect(HostTopology.fromSysfs(smallTree(), { architecture: 'aarch64' }).architecture)
      .toBe('aarch64');
  });

  test('refuses a tree without devices/system/cpu/online', () => {
    const error = valueErrorOf(() => HostTopology.fromSysfs(new MemorySysfsReader({})));
    expect([error.input, error.reason])
      .toEqual(['devices/system/cpu/online', 'the file is missing']);
  });

  test('refuses an online CPU without a topology directory', () => {
    const error = valueErrorOf(() =>
      HostTopology.fromSysfs(smallTree({ 'devices/system/cpu/online': '0-2\n' })));
    expect(error.input).toBe('devices/system/cpu/cpu2/topology/thread_siblings_list');
  });

  test('refuses sibling lists that disagree', () => {
    const error = valueErrorOf(() => HostTopology.fromSysfs(smallTree({
      'devices/system/cpu/cpu1/topology/thread_siblings_list': '1\n',
    })));
    expect(error.reason).toBe('CPU 1 lists the siblings 1, but CPU 0 lists 0-1');
  });

  test('refuses an online CPU that no NUMA node lists', () => {
    const error = valueErrorOf(() =>
      HostTopology.fromSysfs(smallTree({ 'devices/system/node/node0/cpulist': '2\n' })));
    expect(error.reason).toBe('CPU 0 is in no NUMA node');
  });

  test('names the file whose CPU list cannot be read', () => {
    const error = valueErrorOf(() =>
      HostTopology.fromSysfs(smallTree({ 'devices/system/cpu/online': '0-x\n' })));
    expect(error.input).toBe('devices/system/cpu/online');
  });
});

describe('HostTopology.fromSysfs NICs', () => {
  const links = {
    'bus/pci/devices/0000:3b:00.0': '../../../devices/pci0000:00/0000:3b:00.0',
    'bus/pci/devices/0000:3b:02.0': '../../../devices/pci0000:00/0000:3b:02.0',
    'bus/pci/devices/0000:5e:00.0': '../../../devices/pci0000:00/0000:5e:00.0',
    'bus/pci/devices/0000:00:1f.2': '../../../devices/pci0000:00/0000:00:1f.2',
    'devices/pci0000:00/0000:3b:00.0/driver': '../../../bus/pci/drivers/ixgbe',
    'devices/pci0000:00/0000:3b:02.0/physfn': '../0000:3b:00.0',
    'devices/pci0000:00/0000:5e:00.0/driver': '../../../bus/pci/drivers/mlx5_core',
  };
  const host = HostTopology.fromSysfs(smallTree({
    ...pciFunction('0000:3b:00.0', {
      'class': '0x020000\n', 'vendor': '0x8086\n', 'numa_node': '0\n', 'net/ens1f0/address': 'a\n',
    }),
    ...pciFunction('0000:3b:02.0', { class: '0x020000\n', vendor: '0x8086\n', numa_node: '-1\n' }),
    ...pciFunction('0000:5e:00.0', { class: '0x020700\n', vendor: '0x15b3\n', numa_node: '0\n' }),
    ...pciFunction('0000:00:1f.2', { class: '0x010601\n', vendor: '0x8086\n' }),
  }, links));

  test('lists only the network functions (class 0x02xxxx), in PCI order', () => {
    expect(host.nics.map((nic) => nic.pci.toString()))
      .toEqual(['0000:3b:00.0', '0000:3b:02.0', '0000:5e:00.0']);
  });

  test('reads vendor, NUMA node, bound driver and interface name of an Intel PF', () => {
    expect(host.nic('0000:3b:00.0')).toEqual({
      pci: PciAddress.parse('0000:3b:00.0'),
      driverFamily: 'vfio-pci',
      isVirtualFunction: false,
      numaNode: 0,
      vendor: 'intel',
      name: 'ens1f0',
      driver: 'ixgbe',
    });
  });

  test('marks a function with a physfn link as a virtual function', () => {
    expect(host.nic('0000:3b:02.0')?.isVirtualFunction).toBe(true);
  });

  test('reads numa_node -1 as unknown', () => {
    expect(host.nic('0000:3b:02.0')?.numaNode).toBeUndefined();
  });

  test('gives a Mellanox function the mlx5 driver family', () => {
    expect(host.nic('0000:5e:00.0')?.driverFamily).toBe('mlx5');
  });
});

// virtio-pci registers a virtio device (virtio<N>, numbered across the machine) below
// the PCI function, and virtio_net puts the interface below that device.
describe('HostTopology.fromSysfs virtio-net NICs', () => {
  const virtio = (files: Record<string, string>) => HostTopology.fromSysfs(smallTree({
    ...pciFunction('0000:00:03.0', { class: '0x020000\n', vendor: '0x1af4\n', ...files }),
  }, {
    'bus/pci/devices/0000:00:03.0': '../../../devices/pci0000:00/0000:00:03.0',
    'devices/pci0000:00/0000:00:03.0/driver': '../../../bus/pci/drivers/virtio-pci',
  })).nic('0000:00:03.0');

  test('read the interface name below the virtio device', () => {
    const nic = virtio({ 'virtio2/net/eth0/address': '52:54:00:12:34:56\n' });
    expect([nic?.name, nic?.driver]).toEqual(['eth0', 'virtio-pci']);
  });

  test('have no interface while the virtio device holds none', () => {
    expect(virtio({ 'virtio2/features': '0\n' })?.name).toBeUndefined();
  });
});

describe('HostTopology.fromSysfs on a directory', () => {
  let root: string;

  beforeAll(() => {
    root = mkdtempSync(join(tmpdir(), 'sysfs-'));
    const files: Record<string, string> = {
      'devices/system/cpu/online': '0-3\n',
      'devices/system/node/node0/cpulist': '0,2\n',
      'devices/system/node/node0/meminfo': 'Node 0 MemTotal: 1048576 kB\n',
      'devices/system/node/node1/cpulist': '1,3\n',
      'devices/pci0000:00/0000:3b:00.0/class': '0x020000\n',
      'devices/pci0000:00/0000:3b:00.0/vendor': '0x15b3\n',
      'devices/pci0000:00/0000:3b:00.0/numa_node': '1\n',
    };
    for (const cpu of [0, 1, 2, 3]) {
      const topology = `devices/system/cpu/cpu${cpu}/topology`;
      files[`${topology}/thread_siblings_list`] = cpu % 2 === 0 ? '0,2\n' : '1,3\n';
      files[`${topology}/physical_package_id`] = `${cpu % 2}\n`;
    }
    for (const [file, text] of Object.entries(files)) {
      mkdirSync(dirname(join(root, file)), { recursive: true });
      writeFileSync(join(root, file), text);
    }
    mkdirSync(join(root, 'bus/pci/devices'), { recursive: true });
    symlinkSync('../../../devices/pci0000:00/0000:3b:00.0',
      join(root, 'bus/pci/devices/0000:3b:00.0'));
  });

  afterAll(() => rmSync(root, { recursive: true, force: true }));

  test('reads the files under the given root', () => {
    const host = HostTopology.fromSysfs(root);
    expect([host.cpusOf(1).toList(), host.memoryOf(0)?.toQuantity()]).toEqual(['1,3', '1Gi']);
  });

  test('follows the bus/pci/devices links to the NICs', () => {
    expect(HostTopology.fromSysfs(root).nic('0000:3b:00.0')?.numaNode).toBe(1);
  });
});
