import * as fc from 'fast-check';
import { NicInfo } from '../../src/model/nic';
import { PciAddress } from '../../src/model/pci';
import { Size } from '../../src/model/size';
import { HostTopology } from '../../src/model/topology';
import { toLscpuParse, toSysfsReader } from '../support/topology-text';
import { valueErrorOf } from '../support/value-error';

const GI = Size.parse('1Gi');

function nic(pci: string, numaNode?: number): NicInfo {
  return {
    pci: PciAddress.parse(pci),
    driverFamily: 'vfio-pci',
    isVirtualFunction: false,
    ...(numaNode === undefined ? {} : { numaNode }),
  };
}

describe('HostTopology.uniform', () => {
  test('numbers split siblings the x86 way: the sibling of CPU c is c + all cores', () => {
    const host = HostTopology.uniform({ numaNodes: 2, coresPerNumaNode: 4 });
    expect([host.cpusOf(1).toList(), host.siblingsOf(1).toList()]).toEqual(['4-7,12-15', '1,9']);
  });

  test('numbers adjacent siblings one after the other, as on POWER', () => {
    const host = HostTopology.uniform({
      numaNodes: 2, coresPerNumaNode: 2, threadsPerCore: 4, siblings: 'adjacent',
    });
    expect([host.siblingsOf(5).toList(), host.cpusOf(1).toList()]).toEqual(['4-7', '8-15']);
  });

  test('has 2 threads per core by default', () => {
    expect(HostTopology.uniform({ numaNodes: 1, coresPerNumaNode: 1 }).threadsPerCore).toBe(2);
  });

  test('puts the cores of NUMA node n on socket n', () => {
    const host = HostTopology.uniform({ numaNodes: 2, coresPerNumaNode: 2 });
    expect(host.coresOf(1).map((core) => core.socket)).toEqual([1, 1]);
  });

  test('gives every NUMA node the memory given', () => {
    const host = HostTopology.uniform({
      numaNodes: 2, coresPerNumaNode: 2, memoryPerNumaNode: Size.parse('64Gi'),
    });
    expect(host.totalMemory?.toQuantity()).toBe('128Gi');
  });

  test.each([
    [{ numaNodes: 0, coresPerNumaNode: 4 }, 'numaNodes must be a whole number of at least 1'],
    [{ numaNodes: 1, coresPerNumaNode: 2.5 },
      'coresPerNumaNode must be a whole number of at least 1'],
    [{ numaNodes: 1, coresPerNumaNode: 1, threadsPerCore: 0 },
      'threadsPerCore must be a whole number of at least 1'],
    [{ numaNodes: 8, coresPerNumaNode: 1024 }, 'Linux numbers at most 8192 CPUs'],
  ])('refuses %j', (props, reason) => {
    expect(valueErrorOf(() => HostTopology.uniform(props)).reason).toBe(reason);
  });
});

describe('HostTopology.of', () => {
  test('sorts threads, cores by CPU and NUMA nodes by id', () => {
    const host = HostTopology.of({
      numaNodes: [
        { id: 3, cores: [{ socket: 1, threads: [7, 3] }, { socket: 1, threads: [1, 5] }] },
        { id: 0, cores: [{ socket: 0, threads: [0, 4] }] },
      ],
    });
    expect(host.toJSON().numaNodes).toEqual([
      { id: 0, cores: [{ socket: 0, threads: [0, 4] }] },
      { id: 3, cores: [{ socket: 1, threads: [1, 5] }, { socket: 1, threads: [3, 7] }] },
    ]);
  });

  test('keeps NUMA ids with gaps and NUMA nodes without CPUs', () => {
    const host = HostTopology.of({
      numaNodes: [{ id: 0, cores: [{ socket: 0, threads: [0] }] }, { id: 2, cores: [] }],
    });
    expect([host.numaNodeIds(), host.cpusOf(2).isEmpty]).toEqual([[0, 2], true]);
  });

  test('defaults the architecture to x86_64', () => {
    const host = HostTopology.of({ numaNodes: [{ id: 0, cores: [{ socket: 0, threads: [0] }] }] });
    expect(host.architecture).toBe('x86_64');
  });

  test('is not changed by later edits of the props', () => {
    const threads = [0, 1];
    const host = HostTopology.of({ numaNodes: [{ id: 0, cores: [{ socket: 0, threads }] }] });
    threads.push(2);
    expect(host.cpus().toList()).toBe('0-1');
  });

  test('freezes its NUMA nodes', () => {
    const host = HostTopology.uniform({ numaNodes: 1, coresPerNumaNode: 1 });
    expect(Object.isFrozen(host.numaNodes[0].cores[0].threads)).toBe(true);
  });

  test('refuses a CPU listed twice, naming both places', () => {
    const error = valueErrorOf(() => HostTopology.of({
      numaNodes: [
        { id: 0, cores: [{ socket: 0, threads: [0, 4] }] },
        { id: 1, cores: [{ socket: 1, threads: [4, 8] }] },
      ],
    }));
    expect(error.message).toBe('invalid host topology "CPU 4": CPU 4 is listed twice: in NUMA '
      + 'node 0, core [0, 4] and in NUMA node 1, core [4, 8]. Each hardware thread belongs to '
      + 'exactly one core of one NUMA node; remove the duplicate.');
  });

  test('refuses a NUMA node listed twice', () => {
    const error = valueErrorOf(() => HostTopology.of({
      numaNodes: [{ id: 1, cores: [{ socket: 0, threads: [0] }] }, { id: 1, cores: [] }],
    }));
    expect(error.reason).toBe('NUMA node 1 is listed twice');
  });

  test('refuses a core without threads', () => {
    const error = valueErrorOf(() => HostTopology.of({
      numaNodes: [{ id: 0, cores: [{ socket: 0, threads: [] }] }],
    }));
    expect(error.reason).toBe('one of its cores has no thread');
  });

  test('refuses a host without NUMA nodes', () => {
    expect(valueErrorOf(() => HostTopology.of({ numaNodes: [] })).reason)
      .toBe('it has no NUMA node');
  });

  test('refuses a host whose NUMA nodes have no core at all', () => {
    expect(valueErrorOf(() => HostTopology.of({ numaNodes: [{ id: 0, cores: [] }] })).reason)
      .toBe('no NUMA node has a core');
  });

  test.each([
    [-1, 'the NUMA node id is not a whole number from 0'],
    [1.5, 'the NUMA node id is not a whole number from 0'],
  ])('refuses the NUMA node id %d', (id, reason) => {
    expect(valueErrorOf(() => HostTopology.of({ numaNodes: [{ id, cores: [] }] })).reason)
      .toBe(reason);
  });

  test('refuses a thread that is not a CPU id', () => {
    const error = valueErrorOf(() => HostTopology.of({
      numaNodes: [{ id: 0, cores: [{ socket: 0, threads: [9000] }] }],
    }));
    expect(error.reason).toBe('9000 is not a CPU id (a whole number from 0 to 8191)');
  });

  test('refuses an architecture that is not one word', () => {
    const error = valueErrorOf(() => HostTopology.of({
      architecture: 'x86 64', numaNodes: [{ id: 0, cores: [{ socket: 0, threads: [0] }] }],
    }));
    expect(error.reason).toBe('an architecture is one word, as `uname -m` prints it');
  });

  test('refuses a NIC on a NUMA node the host does not have', () => {
    const error = valueErrorOf(() =>
      HostTopology.uniform({ numaNodes: 2, coresPerNumaNode: 1, nics: [nic('3b:00.0', 5)] }));
    expect([error.reason, error.hint]).toEqual([
      'it is attached to NUMA node 5, which the host does not have',
      'Use one of the NUMA nodes 0, 1, or leave numaNode out when it is unknown.',
    ]);
  });

  test('refuses the same NIC twice', () => {
    const error = valueErrorOf(() => HostTopology.uniform({
      numaNodes: 1, coresPerNumaNode: 1, nics: [nic('0000:3b:00.0'), nic('3b:00.0')],
    }));
    expect(error.reason).toBe('the NIC 0000:3b:00.0 is listed twice');
  });
});

describe('HostTopology queries', () => {
  const host = HostTopology.of({
    numaNodes: [
      { id: 0, memory: GI, cores: [{ socket: 0, threads: [0, 2] }, { socket: 0, threads: [4] }] },
      { id: 1, cores: [{ socket: 1, threads: [1, 3] }] },
    ],
    nics: [nic('0000:3b:00.0', 1)],
  });

  test('finds the NUMA node of a CPU', () => {
    expect(host.numaNodeOf(3)).toBe(1);
  });

  test('refuses a CPU the host does not have, listing its CPUs', () => {
    const error = valueErrorOf(() => host.numaNodeOf(5));
    expect([error.reason, error.hint])
      .toEqual(['the host has no CPU 5', 'Use one of its CPUs: 0-4.']);
  });

  test('refuses a NUMA node the host does not have', () => {
    expect(valueErrorOf(() => host.cpusOf(7)).hint).toBe('Use one of its NUMA nodes: 0, 1.');
  });

  test('lists the cores of a NUMA node in CPU order', () => {
    expect(host.coresOf(0).map((core) => core.threads)).toEqual([[0, 2], [4]]);
  });

  test('counts the most threads of any core', () => {
    expect(host.threadsPerCore).toBe(2);
  });

  test('leaves the total memory unknown while one NUMA node\'s is unknown', () => {
    expect([host.memoryOf(0)?.toQuantity(), host.totalMemory]).toEqual(['1Gi', undefined]);
  });

  test('finds a NIC by its short PCI address', () => {
    expect(host.nic('3b:00.0')?.numaNode).toBe(1);
  });

  test('replaces the NICs with withNics, leaving the original alone', () => {
    const other = host.withNics([nic('0000:af:00.0', 0)]);
    expect([other.nic('af:00.0')?.numaNode, host.nics.length, other.nic('3b:00.0')])
      .toEqual([0, 1, undefined]);
  });

  test('writes sizes as quantities and PCI addresses as text in toJSON', () => {
    expect(JSON.parse(JSON.stringify(host))).toEqual({
      architecture: 'x86_64',
      numaNodes: [
        {
          id: 0,
          memory: '1Gi',
          cores: [{ socket: 0, threads: [0, 2] }, { socket: 0, threads: [4] }],
        },
        { id: 1, cores: [{ socket: 1, threads: [1, 3] }] },
      ],
      nics: [
        { pci: '0000:3b:00.0', numaNode: 1, driverFamily: 'vfio-pci', isVirtualFunction: false },
      ],
    });
  });

  test('tells hosts apart by their hardware with equals', () => {
    expect([host.equals(host.withNics([...host.nics])), host.equals(host.withNics([]))])
      .toEqual([true, false]);
  });

  test('describes itself in one line per NUMA node and NIC', () => {
    expect(host.describe()).toBe([
      'x86_64: 2 NUMA node(s), 3 core(s), 5 CPU(s), up to 2 thread(s) per core',
      'NUMA node 0: CPUs 0,2,4, 2 core(s), 1Gi',
      'NUMA node 1: CPUs 1,3, 1 core(s), memory unknown',
      'NIC 0000:3b:00.0: NUMA node 1, vfio-pci',
    ].join('\n'));
  });
});

describe('HostTopology round trips', () => {
  const uniformProps = fc.record({
    numaNodes: fc.integer({ min: 1, max: 4 }),
    coresPerNumaNode: fc.integer({ min: 1, max: 6 }),
    threadsPerCore: fc.integer({ min: 1, max: 4 }),
    siblings: fc.constantFrom<'split' | 'adjacent'>('split', 'adjacent'),
    gibibytes: fc.integer({ min: 1, max: 512 }),
  });

  test('a uniform host reads back equal from its lscpu -p text', () => {
    fc.assert(fc.property(uniformProps, ({ gibibytes, ...props }) => {
      const memory = Size.gibibytes(gibibytes);
      const host = HostTopology.uniform({ ...props, memoryPerNumaNode: memory });
      const read = HostTopology.fromLscpu(toLscpuParse(host), { memoryPerNumaNode: memory });
      expect(read.toJSON()).toEqual(host.toJSON());
    }));
  });

  test('a host with CPU ids in any order reads back equal from its lscpu -p text', () => {
    const shuffled = uniformProps.chain(({ gibibytes, ...props }) => {
      const host = HostTopology.uniform(props);
      const cpus = host.cpus().toArray();
      return fc.shuffledSubarray(cpus, { minLength: cpus.length, maxLength: cpus.length })
        .map((order) => HostTopology.of({
          numaNodes: host.numaNodes.map((node) => ({
            id: node.id,
            cores: node.cores.map((core) => ({
              socket: core.socket, threads: core.threads.map((cpu) => order[cpu]),
            })),
          })),
        }));
    });
    fc.assert(fc.property(shuffled, (host) => {
      expect(HostTopology.fromLscpu(toLscpuParse(host)).toJSON()).toEqual(host.toJSON());
    }));
  });

  test('a uniform host with NICs reads back equal from its sysfs tree', () => {
    fc.assert(fc.property(uniformProps, fc.boolean(), ({ gibibytes, ...props }, vf) => {
      const nics: NicInfo[] = [
        {
          ...nic('0000:3b:00.0', props.numaNodes - 1),
          vendor: 'intel',
          driver: 'ixgbe',
          name: 'ens1f0',
          isVirtualFunction: vf,
        },
        { ...nic('0000:5e:00.1'), driverFamily: 'mlx5', vendor: 'mellanox' },
      ];
      const host = HostTopology.uniform({
        ...props, memoryPerNumaNode: Size.gibibytes(gibibytes), nics,
      });
      expect(HostTopology.fromSysfs(toSysfsReader(host)).toJSON()).toEqual(host.toJSON());
    }));
  });
});
