import { MemorySysfsReader } from '../../src/model/sysfs-reader';
import { HostTopology } from '../../src/model/topology';

/**
 * The `lscpu -p` text lscpu would print for `host`: logical core ids numbered
 * in CPU order, the socket ids of the topology, the NUMA node of each CPU.
 */
export function toLscpuParse(host: HostTopology): string {
  const cores = host.numaNodes.flatMap((node) => node.cores.map((core) => ({ node, core })));
  const rows = cores
    .flatMap(({ node, core }, index) =>
      core.threads.map((cpu) => ({ cpu, text: `${cpu},${index},${core.socket},${node.id}` })))
    .sort((a, b) => a.cpu - b.cpu)
    .map((row) => row.text);
  return [
    '# The following is the parsable format, which can be fed to other',
    '# programs. Each different item in every column has an unique ID',
    '# starting usually from zero.',
    '# CPU,Core,Socket,Node',
    ...rows,
    '',
  ].join('\n');
}

/**
 * The sysfs tree the kernel would show for `host`: CPU topology files, NUMA
 * node `cpulist` and `meminfo`, and each NIC as a `bus/pci/devices` link into
 * `devices/pci0000:00`, with `class`, `vendor`, `numa_node`, and `driver`,
 * `physfn` and `net/<name>` where the NIC has them.
 */
export function toSysfsReader(host: HostTopology): MemorySysfsReader {
  const files: Record<string, string> = {
    'devices/system/cpu/online': `${host.cpus().toList()}\n`,
  };
  const links: Record<string, string> = {};

  for (const node of host.numaNodes) {
    const dir = `devices/system/node/node${node.id}`;
    files[`${dir}/cpulist`] = `${host.cpusOf(node.id).toList()}\n`;
    if (node.memory !== undefined) {
      const kib = node.memory.bytes / 1024;
      files[`${dir}/meminfo`] = `Node ${node.id} MemTotal:       ${kib} kB\n`
        + `Node ${node.id} MemFree:        ${Math.floor(kib / 2)} kB\n`;
    }
    node.cores.forEach((core, index) => {
      for (const cpu of core.threads) {
        const topology = `devices/system/cpu/cpu${cpu}/topology`;
        files[`${topology}/thread_siblings_list`] = `${core.threads.join(',')}\n`;
        files[`${topology}/physical_package_id`] = `${core.socket}\n`;
        files[`${topology}/core_id`] = `${index}\n`;
      }
    });
  }

  for (const nic of host.nics) {
    const pci = nic.pci.toString();
    const dir = `devices/pci0000:00/${pci}`;
    links[`bus/pci/devices/${pci}`] = `../../../${dir}`;
    files[`${dir}/class`] = '0x020000\n';
    files[`${dir}/vendor`] = nic.vendor === 'mellanox' ? '0x15b3\n' : '0x8086\n';
    files[`${dir}/numa_node`] = `${nic.numaNode ?? -1}\n`;
    if (nic.driver !== undefined) {
      links[`${dir}/driver`] = `../../../bus/pci/drivers/${nic.driver}`;
    }
    if (nic.isVirtualFunction) {
      links[`${dir}/physfn`] = '../0000:00:01.0';
    }
    if (nic.name !== undefined) {
      files[`${dir}/net/${nic.name}/address`] = '52:54:00:12:34:56\n';
    }
  }
  return new MemorySysfsReader(files, links);
}
