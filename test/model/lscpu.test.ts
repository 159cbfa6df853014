import { Size } from '../../src/model/size';
import { HostTopology } from '../../src/model/topology';
import { readFixture, readLscpuFixture } from '../support/lscpu-fixtures';
import { valueErrorOf } from '../support/value-error';

/** The `lscpu -p` block of a fixture, which every file of util-linux's suite has. */
function parseBlock(name: string): string {
  const block = readLscpuFixture(name).parse;
  if (block === undefined) {
    throw new Error(`${name} has no lscpu -p block`);
  }
  return block;
}

function physicalBlock(name: string): string {
  const block = readLscpuFixture(name).physical;
  if (block === undefined) {
    throw new Error(`${name} has no lscpu -p --physical block`);
  }
  return block;
}

const P_HEADER = '# CPU,Core,Socket,Node,,L1d,L1i,L2,L3';

describe('HostTopology.fromLscpu on the fixtures', () => {
  describe('AMD EPYC 7451, 2 sockets, 8 NUMA nodes', () => {
    const host = HostTopology.fromLscpu(parseBlock('amd-epyc7451-2s-8numa.txt'));

    test('has NUMA nodes 0 to 7 and 96 CPUs', () => {
      expect([host.numaNodeIds(), host.cpus().size]).toEqual([[0, 1, 2, 3, 4, 5, 6, 7], 96]);
    });

    test('pairs CPU 0 with CPU 48', () => {
      expect(host.siblingsOf(0).toList()).toBe('0,48');
    });

    test('gives NUMA node 0 the CPUs 0-5,48-53', () => {
      expect(host.cpusOf(0).toList()).toBe('0-5,48-53');
    });

    test('puts NUMA nodes 4 to 7 on socket 1', () => {
      expect(host.coresOf(4).every((core) => core.socket === 1)).toBe(true);
    });

    test('reads the same topology when the summary comes first', () => {
      const fixture = readLscpuFixture('amd-epyc7451-2s-8numa.txt');
      expect(HostTopology.fromLscpu(`${fixture.summary}${fixture.parse}`).equals(host)).toBe(true);
    });

    test('refuses the --physical block, whose core ids restart on socket 1', () => {
      const error = valueErrorOf(() =>
        HostTopology.fromLscpu(physicalBlock('amd-epyc7451-2s-8numa.txt')));
      expect(error.reason).toBe('core 0 has CPUs on sockets 0 and 1 (CPUs 0,24,48,72), so its '
        + 'core ids are not the logical ones: lscpu -p --physical prints ids that repeat on every '
        + 'socket');
    });

    test('refuses the whole file, which holds both -p tables', () => {
      const error = valueErrorOf(() =>
        HostTopology.fromLscpu(readFixture('amd-epyc7451-2s-8numa.txt')));
      expect(error.reason).toBe(
        'it holds 2 per-CPU tables (the second is often lscpu -p --physical)');
    });
  });

  describe('Dell R610, NUMA nodes interleaving CPU numbers', () => {
    const host = HostTopology.fromLscpu(parseBlock('dell-r610-xeon-2s-interleaved.txt'));

    test('gives NUMA node 0 the even CPUs and node 1 the odd ones', () => {
      expect([host.cpusOf(0).toList(), host.cpusOf(1).toList()])
        .toEqual(['0,2,4,6,8,10,12,14', '1,3,5,7,9,11,13,15']);
    });

    test('pairs CPU 0 with CPU 8', () => {
      expect(host.siblingsOf(0).toList()).toBe('0,8');
    });

    test('falls back to x86_64, as the 2011 summary has no Architecture line', () => {
      const fixture = readLscpuFixture('dell-r610-xeon-2s-interleaved.txt');
      expect(HostTopology.fromLscpu(fixture.text).architecture).toBe('x86_64');
    });
  });

  describe('IBM POWER7 LPAR, SMT4 with adjacent threads', () => {
    const fixture = readLscpuFixture('ibm-power7-lpar-smt4-adjacent.txt');
    const host = HostTopology.fromLscpu(`${fixture.summary}${fixture.parse}`,
      { architecture: 'ppc64' });

    test('keeps NUMA node 1, which the summary lists without CPUs', () => {
      expect([host.numaNodeIds(), host.cpusOf(1).size]).toEqual([[0, 1], 0]);
    });

    test('groups CPUs 4k to 4k+3 into one core', () => {
      expect(host.siblingsOf(5).toList()).toBe('4-7');
    });

    test('has 16 cores of 4 threads', () => {
      expect([host.coresOf(0).length, host.threadsPerCore]).toEqual([16, 4]);
    });

    test('sees only NUMA node 0 from the -p block alone, which lists no CPU of node 1', () => {
      expect(HostTopology.fromLscpu(fixture.parse as string).numaNodeIds()).toEqual([0]);
    });

    test('reads the --physical block (socket "-") with the same siblings, all on socket 0', () => {
      const physical = HostTopology.fromLscpu(fixture.physical as string);
      expect([physical.siblingsOf(61).toList(), physical.coresOf(0)[15].socket])
        .toEqual(['60-63', 0]);
    });
  });

  describe('Intel Core Ultra 9 185H (Meteor Lake), hybrid with adjacent HT', () => {
    const host = HostTopology.fromLscpu(
      parseBlock('intel-core-ultra9-185h-1s-hybrid-adjacent-ht.txt'));

    test('pairs CPU 1 with CPU 2', () => {
      expect(host.siblingsOf(1).toList()).toBe('1-2');
    });

    test('pairs CPU 0 with CPU 5', () => {
      expect(host.siblingsOf(0).toList()).toBe('0,5');
    });

    test('gives the E-cores from CPU 12 on one thread each', () => {
      expect(host.siblingsOf(12).toList()).toBe('12');
    });

    test('has 16 cores, 22 CPUs, one NUMA node', () => {
      expect([host.coresOf(0).length, host.cpus().size, host.numaNodeIds()])
        .toEqual([16, 22, [0]]);
    });

    test('reads the short rows of CPUs 16, 18, 20, 21 (only cache fields can be missing)', () => {
      expect(host.cpus().toList()).toBe('0-21');
    });
  });

  describe('SOPHGO SG2042 (RISC-V), one socket in 4 NUMA nodes', () => {
    const host = HostTopology.fromLscpu(parseBlock('sophgo-sg2042-1s-4numa-riscv.txt'),
      { architecture: 'riscv64' });

    test('gives NUMA node 0 the CPUs 0-7,16-23', () => {
      expect(host.cpusOf(0).toList()).toBe('0-7,16-23');
    });

    test('has 64 cores of one thread', () => {
      expect([host.cpus().size, host.threadsPerCore]).toEqual([64, 1]);
    });

    test('keeps the architecture given in the options', () => {
      expect(host.architecture).toBe('riscv64');
    });

    test('refuses the --physical block, whose core ids repeat inside the socket', () => {
      const error = valueErrorOf(() =>
        HostTopology.fromLscpu(physicalBlock('sophgo-sg2042-1s-4numa-riscv.txt')));
      expect(error.reason).toMatch(/^core 1 has CPUs on NUMA nodes 0 and 1/);
    });
  });

  describe('Intel Xeon X7550, NUMA node ids 0, 2, 3', () => {
    const host = HostTopology.fromLscpu(parseBlock('intel-x7550-4s-nodeless-cpus.txt'));

    test('keeps the NUMA ids 0, 2, 3 without renumbering', () => {
      expect(host.numaNodeIds()).toEqual([0, 2, 3]);
    });

    test('gives NUMA node 2 every fourth CPU from 1', () => {
      expect(host.cpusOf(2).toList()).toBe('1,5,9,13,17,21,25,29,33,37,41,45,49,53,57,61');
    });

    test('pairs CPU 0 with CPU 32', () => {
      expect(host.siblingsOf(0).toList()).toBe('0,32');
    });

    test('puts NUMA node 0 on two sockets', () => {
      expect([...new Set(host.coresOf(0).map((core) => core.socket))]).toEqual([0, 2]);
    });

    test('refuses the --physical block, whose core 0 spans four sockets', () => {
      const error = valueErrorOf(() =>
        HostTopology.fromLscpu(physicalBlock('intel-x7550-4s-nodeless-cpus.txt')));
      expect(error.reason).toMatch(/^core 0 has CPUs on sockets 0 and 2 \(CPUs 0-3,32-35\)/);
    });
  });

  describe.each([
    'csit-amd-epyc7532-1s-nps2.txt',
    'csit-intel-8462y-2s-ht.txt',
    'csit-intel-atom-c3858-1s-noht.txt',
  ])('summary only: %s', (name) => {
    const error = valueErrorOf(() => HostTopology.fromLscpu(readFixture(name)));

    test('is refused: the summary does not say which CPUs are siblings', () => {
      expect(error.reason).toBe('this is the lscpu summary, which does not say which CPUs are '
        + 'hardware threads of the same core');
    });

    test('names the commands to run instead', () => {
      expect(error.hint).toBe('Run `lscpu -p=CPU,CORE,SOCKET,NODE` (or '
        + '`lscpu -e=CPU,CORE,SOCKET,NODE,ONLINE`) on the host and pass its output instead.');
    });
  });

  test('refuses the summary part of a util-linux fixture on its own', () => {
    const { summary } = readLscpuFixture('amd-epyc7451-2s-8numa.txt');
    expect(valueErrorOf(() => HostTopology.fromLscpu(summary)).input)
      .toBe('CPU(s):                          96');
  });
});

describe('HostTopology.fromLscpu on lscpu -e and lscpu -J -e', () => {
  test('reads lscpu -e into the same topology as lscpu -p (X7550)', () => {
    const fromE = HostTopology.fromLscpu(readFixture('intel-x7550-lscpu-e.txt'));
    const fromP = HostTopology.fromLscpu(parseBlock('intel-x7550-4s-nodeless-cpus.txt'));
    expect(fromE.toJSON()).toEqual(fromP.toJSON());
  });

  test('leaves out the offline CPU 15 of lscpu -e, so CPU 7 is alone on its core', () => {
    const host = HostTopology.fromLscpu(readFixture('dell-r610-lscpu-e-cpu15-offline.txt'));
    expect([host.cpus().toList(), host.siblingsOf(7).toList()]).toEqual(['0-14', '7']);
  });

  test('reads lscpu -J -e with string columns and an offline CPU like lscpu -e', () => {
    const json = HostTopology.fromLscpu(readFixture('dell-r610-lscpu-J-e-cpu15-offline.json'));
    const table = HostTopology.fromLscpu(readFixture('dell-r610-lscpu-e-cpu15-offline.txt'));
    expect(json.toJSON()).toEqual(table.toJSON());
  });

  test('reads lscpu -J -e with numbers into the same topology as lscpu -p (Meteor Lake)', () => {
    const json = HostTopology.fromLscpu(readFixture('intel-meteor-lake-lscpu-J-e.json'));
    const table = HostTopology.fromLscpu(
      parseBlock('intel-core-ultra9-185h-1s-hybrid-adjacent-ht.txt'));
    expect(json.toJSON()).toEqual(table.toJSON());
  });

  test('reads the all-string JSON of util-linux before 2.38 ("online": "yes")', () => {
    const text = JSON.stringify({
      cpus: [
        { cpu: '0', node: '0', socket: '0', core: '0', online: 'yes' },
        { cpu: '1', node: '0', socket: '0', core: '0', online: 'yes' },
        { cpu: '2', node: '-', socket: '-', core: '-', online: 'no' },
      ],
    });
    expect(HostTopology.fromLscpu(text).siblingsOf(0).toList()).toBe('0-1');
  });

  test('reads CPU rows under an "lscpu" key as well as "cpus"', () => {
    const text = '{"lscpu": [{"cpu": 0, "core": 0, "socket": 0, "node": 0}]}';
    expect(HostTopology.fromLscpu(text).cpus().toList()).toBe('0');
  });

  test('refuses the JSON summary (lscpu -J), whose rows are field and data', () => {
    const text = '{"lscpu": [{"field": "NUMA node0 CPU(s):", "data": "0-3"}]}';
    expect(valueErrorOf(() => HostTopology.fromLscpu(text)).reason)
      .toMatch(/^this is the lscpu summary/);
  });

  test('refuses JSON without a "cpus" array', () => {
    expect(valueErrorOf(() => HostTopology.fromLscpu('{"cpu": 0}')).reason)
      .toBe('it is JSON without a "cpus" array of objects');
  });

  test('refuses text that starts like JSON but is not', () => {
    expect(valueErrorOf(() => HostTopology.fromLscpu('{"cpus": [')).reason)
      .toMatch(/^it starts with \{ but is not JSON/);
  });

  test('refuses an lscpu -e row with more cells than columns (MODELNAME holds spaces)', () => {
    const text = 'CPU NODE SOCKET CORE MODELNAME\n'
      + '  0    0      0    0 Intel(R) Xeon(R) CPU X7550\n';
    expect(valueErrorOf(() => HostTopology.fromLscpu(text)).reason).toBe('the row has 8 fields '
      + 'but the header names 5 columns, so it cannot be told which value belongs to which column');
  });
});

describe('HostTopology.fromLscpu rules', () => {
  test('refuses a short row when a column it reads could be the missing one', () => {
    const text = '# CPU,Core,Socket,Node\n0,0,0,0\n1,1,0\n';
    expect(valueErrorOf(() => HostTopology.fromLscpu(text)).input).toBe('1,1,0');
  });

  test('refuses a row with more fields than the header', () => {
    const text = '# CPU,Core,Socket,Node\n0,0,0,0,0\n';
    expect(valueErrorOf(() => HostTopology.fromLscpu(text)).reason)
      .toMatch(/^the row has 5 fields but the header names 4 columns/);
  });

  test('refuses a table without a CORE column, naming the command to run', () => {
    const error = valueErrorOf(() => HostTopology.fromLscpu('# CPU,Node\n0,0\n'));
    expect([error.reason, error.hint]).toEqual([
      'the table has no CORE column, so it does not say which CPUs are hardware threads of '
      + 'the same core',
      'Run `lscpu -p=CPU,CORE,SOCKET,NODE` (or `lscpu -e=CPU,CORE,SOCKET,NODE,ONLINE`).',
    ]);
  });

  test('refuses an online CPU without a core id', () => {
    const text = '# CPU,Core,Socket,Node\n0,,0,0\n';
    expect(valueErrorOf(() => HostTopology.fromLscpu(text)).reason)
      .toBe('lscpu does not know the core of CPU 0');
  });

  test('refuses a CPU listed twice', () => {
    const text = '# CPU,Core,Socket,Node\n0,0,0,0\n0,1,0,0\n';
    expect(valueErrorOf(() => HostTopology.fromLscpu(text)).reason).toBe('CPU 0 appears twice');
  });

  test('reads a machine without NUMA (empty Node fields, sparc64) as NUMA node 0', () => {
    const text = `# CPU,Core,Socket,Node,,L1d,L1i,L2
6,0,0,,,0,0,0
7,1,1,,,1,1,1
10,2,2,,,2,2,2
`;
    const host = HostTopology.fromLscpu(text);
    expect([host.numaNodeIds(), host.cpusOf(0).toList()]).toEqual([[0], '6-7,10']);
  });

  test('reads lscpu -e without NODE and SOCKET columns as NUMA node 0, socket 0', () => {
    const text = 'CPU CORE ONLINE\n  0    0    yes\n  1    0    yes\n';
    const host = HostTopology.fromLscpu(text);
    expect(host.coresOf(0)).toEqual([{ socket: 0, threads: [0, 1] }]);
  });

  test('refuses a table where some CPUs have a NUMA node and others do not', () => {
    const text = '# CPU,Core,Socket,Node\n0,0,0,0\n1,1,0,\n';
    expect(valueErrorOf(() => HostTopology.fromLscpu(text)).reason)
      .toBe('CPU 1 has no NUMA node while other CPUs have one');
  });

  test('refuses cores that share an id but not an L1 cache (hybrid Arm, per-type ids)', () => {
    const text = `${P_HEADER}
0,0,0,,,0,0,0,0
1,1,0,,,1,1,1,0
2,2,0,,,2,2,1,0
3,0,0,,,3,3,2,0
`;
    const error = valueErrorOf(() => HostTopology.fromLscpu(text));
    expect([error.reason, error.hint]).toEqual([
      'CPUs 0 and 3 share core id 0 but not an L1 cache, so they are not threads of one core; '
      + 'this lscpu numbers cores per CPU type (seen on Arm machines with two kinds of cores)',
      'Read the host from sysfs instead (HostTopology.fromSysfs), which lists the siblings of '
      + 'every CPU.',
    ]);
  });

  test('reads the Online column of lscpu -p -a and leaves out CPUs marked N', () => {
    const text = '# CPU,Core,Socket,Node,Online\n0,0,0,0,Y\n1,0,0,0,Y\n2,,,,N\n';
    expect(HostTopology.fromLscpu(text).cpus().toList()).toBe('0-1');
  });

  test('takes the architecture from the summary line before the table', () => {
    const text = 'Architecture: aarch64\n\n# CPU,Core,Socket,Node\n0,0,0,0\n';
    expect(HostTopology.fromLscpu(text).architecture).toBe('aarch64');
  });

  test('takes the architecture from a "# Architecture:" comment', () => {
    const text = '# Architecture: ppc64le\n# CPU,Core,Socket,Node\n0,0,0,0\n';
    expect(HostTopology.fromLscpu(text).architecture).toBe('ppc64le');
  });

  test('refuses an architecture option that contradicts the text', () => {
    const text = 'Architecture: aarch64\n\n# CPU,Core,Socket,Node\n0,0,0,0\n';
    expect(valueErrorOf(() => HostTopology.fromLscpu(text, { architecture: 'x86_64' })).reason)
      .toBe('the text says the architecture is aarch64 but the options say x86_64');
  });

  test('refuses a summary that gives CPUs to a NUMA node the table does not have', () => {
    const text = 'NUMA node1 CPU(s): 4-7\n\n# CPU,Core,Socket,Node\n0,0,0,0\n';
    expect(valueErrorOf(() => HostTopology.fromLscpu(text)).reason)
      .toBe('the summary gives NUMA node 1 the CPUs 4-7, but the table has no CPU on it');
  });

  test('compares L1 caches only where the row shows one (an online CPU may show "-")', () => {
    const text = 'CPU CORE L1d:L1i ONLINE\n  0    0 0:0        yes\n  1    0 -          yes\n';
    expect(HostTopology.fromLscpu(text).siblingsOf(0).toList()).toBe('0-1');
  });

  test('refuses a table in which no CPU is online', () => {
    const text = '# CPU,Core,Socket,Node,Online\n0,,,,N\n';
    expect(valueErrorOf(() => HostTopology.fromLscpu(text)).reason)
      .toBe('the table lists no online CPU');
  });

  test('refuses text with no lscpu table at all', () => {
    expect(valueErrorOf(() => HostTopology.fromLscpu('hello\n')).reason)
      .toBe('it holds no per-CPU table of lscpu');
  });

  test('gives every NUMA node the one memory size given', () => {
    const host = HostTopology.fromLscpu(parseBlock('dell-r610-xeon-2s-interleaved.txt'),
      { memoryPerNumaNode: Size.parse('24Gi') });
    expect(host.totalMemory?.toQuantity()).toBe('48Gi');
  });

  test('gives the NUMA nodes the memory sizes in ascending id order', () => {
    const host = HostTopology.fromLscpu(parseBlock('intel-x7550-4s-nodeless-cpus.txt'), {
      memoryPerNumaNode: [Size.parse('64Gi'), Size.parse('32Gi'), Size.parse('16Gi')],
    });
    expect(host.memoryOf(2)?.toQuantity()).toBe('32Gi');
  });

  test('refuses a memory list whose length is not the number of NUMA nodes', () => {
    const error = valueErrorOf(() => HostTopology.fromLscpu(
      parseBlock('intel-x7550-4s-nodeless-cpus.txt'), { memoryPerNumaNode: [Size.parse('1Gi')] }));
    expect(error.reason).toBe('it gives 1 size(s) but the host has 3 NUMA node(s) (0, 2, 3)');
  });

  test('reads Windows line endings', () => {
    const text = '# CPU,Core,Socket,Node\r\n0,0,0,0\r\n1,0,0,0\r\n';
    expect(HostTopology.fromLscpu(text).siblingsOf(1).toList()).toBe('0-1');
  });
});
