import { Size } from '../../src/model/size';
import { placeVms, PoolCapacity } from '../../src/plan/placement';
import { VmPlan } from '../../src/plan/types';
import { codesAndPaths, collect, withCode } from '../support/findings';

const GI = Size.parse('1Gi');

/** A planned VM of `cpus` vCPUs and `memory` GiB of 1Gi pages. */
function vm(index: number, cpus: number, memory: number, nodePool?: string): VmPlan {
  return {
    spec: { name: `vm-${index}`, memory: `${memory}Gi`, interfaces: [] },
    index,
    name: `vm-${index}`,
    namespace: 'default',
    sockets: 1,
    coresPerSocket: cpus,
    cpus,
    memory: GI.times(memory),
    pageSize: GI,
    podNetwork: false,
    podNetworkBinding: 'bridge',
    interfaces: [],
    ...(nodePool && { nodePool }),
    runPolicy: 'Always',
    image: 'smartxworks/virtink-container-disk-ubuntu',
    placement: [],
  };
}

/** A pool of `hosts` hosts, each NUMA node offering `cpus` CPUs and `pages` GiB. */
function pool(name: string, hosts: number, numa: Array<[number, number]>): PoolCapacity {
  return {
    name,
    index: 0,
    hosts: Array.from({ length: hosts }, (_, i) => `${name}-${i + 1}`),
    pageSize: GI,
    pagesSized: false,
    numaNodes: numa.map(([cpus, pages], numaNode) => ({
      numaNode, cpus, hugepages: GI.times(pages),
    })),
    cpuMultiple: 1,
  };
}

function place(vms: VmPlan[], pools: PoolCapacity[]) {
  return collect((findings) => placeVms(vms, pools, findings));
}

describe('placeVms', () => {
  test('lists the NUMA nodes where a VM fits alone, per candidate pool', () => {
    const pools = [pool('a', 1, [[4, 8], [8, 8]]), pool('b', 1, [[8, 2]])];
    const { result } = place([vm(0, 6, 4)], pools);
    expect(result.vms[0].placement.map((p) => `${p.nodePool}:${p.fitsOn.join(',')}`))
      .toEqual(['a:1', 'b:']);
  });

  test('fills the current host\'s NUMA nodes before opening the next host', () => {
    const { result } = place([vm(0, 4, 1), vm(1, 4, 1), vm(2, 4, 1)],
      [pool('a', 2, [[4, 8], [4, 8]])]);
    expect(result.vms.map((v) => `${v.placement[0].host}/${v.placement[0].assigned}`))
      .toEqual(['a-1/0', 'a-1/1', 'a-2/0']);
  });

  test('computes the hugepages of the busiest host on each NUMA node', () => {
    const { result } = place([vm(0, 1, 3), vm(1, 1, 3), vm(2, 1, 3)],
      [pool('a', 2, [[2, 8]])]);
    expect(result.demand.get('a')?.get(0)?.toString()).toBe('6Gi');
    expect(result.pools[0].numaNodes[0]).toMatchObject({ vms: 3, cpus: 3 });
  });

  test('keeps a pinned VM to its pool', () => {
    const { result } = place([vm(0, 1, 1, 'b')], [pool('a', 1, [[4, 8]]), pool('b', 1, [[4, 8]])]);
    expect(result.vms[0].placement.map((p) => p.nodePool)).toEqual(['b']);
  });

  test('refuses a VM that fits no NUMA node anywhere, quoting the kubelet', () => {
    const { diagnostics } = place([vm(0, 6, 2)], [pool('a', 1, [[4, 8], [4, 8]])]);
    const [finding] = withCode(diagnostics, 'VM018');
    expect(finding.path).toBe('vms[0].cpus');
    expect(finding.message).toBe('VM vm-0 needs 6 vCPU(s) and 2Gi of 1Gi hugepages on one NUMA '
      + 'node, which no node pool has left for VMs: a: at most 4 CPU(s) and 8Gi of 1Gi hugepages '
      + 'per NUMA node');
    expect(finding.upstream).toBe('Resources cannot be allocated with Topology locality');
  });

  test('says a pool without VM CPUs has nothing to offer, whatever its hugepages', () => {
    const { diagnostics } = place([vm(0, 1, 1)], [pool('a', 1, [[0, 4]])]);
    expect(withCode(diagnostics, 'VM018')[0].message).toMatch(/: a: no CPU left for VMs$/);
  });

  test('names the scheduler\'s shortage when even the whole host is too small', () => {
    const { diagnostics } = place([vm(0, 2, 20)], [pool('a', 1, [[4, 8], [4, 8]])]);
    expect(withCode(diagnostics, 'VM018')[0].upstream).toBe('Insufficient hugepages-1Gi');
  });

  test('refuses a VM once the VMs before it took the room', () => {
    const { result, diagnostics } = place([vm(0, 3, 1), vm(1, 3, 1)], [pool('a', 1, [[4, 8]])]);
    expect(codesAndPaths(diagnostics)).toEqual(['VM020 vms[1]']);
    expect(result.vms[1].placement[0].assigned).toBeUndefined();
  });

  test('warns about an unpinned VM that a pool can only refuse at admission', () => {
    const { diagnostics } = place([vm(0, 6, 2)],
      [pool('big', 1, [[8, 8]]), pool('split', 1, [[4, 8], [4, 8]])]);
    const [finding] = withCode(diagnostics, 'VM019');
    expect(finding).toMatchObject({ severity: 'warning', path: 'vms[0].nodePool' });
    expect(finding.message).toContain('fits no single NUMA node of node pool(s) "split"');
    expect(finding.hint).toBe('pin the VM with nodePool: big');
  });

  test('does not warn about a pool the scheduler would filter out anyway', () => {
    const pools = [pool('big', 1, [[8, 8]]), pool('small', 1, [[2, 8]])];
    const { diagnostics } = place([vm(0, 6, 2)], pools);
    expect(diagnostics).toEqual([]);
  });

  test('treats unbounded hugepages (memory unknown) as room', () => {
    const unbounded: PoolCapacity = {
      ...pool('a', 1, [[4, 0]]),
      numaNodes: [{ numaNode: 0, cpus: 4, hugepages: Size.ZERO, hugepagesUnbounded: true }],
    };
    expect(place([vm(0, 2, 64)], [unbounded]).result.vms[0].placement[0].assigned).toBe(0);
  });

  test('refuses an odd vCPU count where the kubelet hands out whole cores only', () => {
    const smt = { ...pool('a', 1, [[8, 8]]), cpuMultiple: 2 };
    const { diagnostics } = place([vm(0, 3, 1)], [smt]);
    expect(diagnostics).toEqual([expect.objectContaining({
      code: 'VM024',
      path: 'vms[0].cpus',
      upstream: 'SMT Alignment Error: requested 3 cpus not multiple cpus per core = 2',
    })]);
  });

  test('gives no room on a pool of another page size', () => {
    const twoMeg = { ...pool('a', 1, [[4, 8]]), pageSize: Size.parse('2Mi') };
    expect(place([vm(0, 1, 1)], [twoMeg]).result.vms[0].placement[0].fitsOn).toEqual([]);
  });

  test('puts a VM pinned to a host on that host, whichever host is current', () => {
    const pinned = { ...vm(1, 2, 1, 'a'), host: 'a-2' };
    const { result } = place([vm(0, 2, 1), pinned, vm(2, 2, 1)], [pool('a', 2, [[4, 8]])]);
    expect(result.vms.map((v) => v.placement[0].host)).toEqual(['a-1', 'a-2', 'a-1']);
  });

  test('counts a pinned VM in the busiest host\'s hugepages', () => {
    const pinned = (i: number) => ({ ...vm(i, 1, 2, 'a'), host: 'a-2' });
    const { result } = place([vm(0, 1, 1), pinned(1), pinned(2)], [pool('a', 2, [[4, 8]])]);
    expect(result.demand.get('a')?.get(0)?.toString()).toBe('4Gi');
  });

  test('refuses a pinned VM once the VMs before it took the room on its host', () => {
    const pinned = (i: number) => ({ ...vm(i, 4, 1, 'a'), host: 'a-1' });
    const { diagnostics } = place([pinned(0), pinned(1)], [pool('a', 2, [[4, 8]])]);
    expect(codesAndPaths(diagnostics)).toEqual(['VM020 vms[1].host', 'VM028 nodes[0].cpus']);
  });

  test('keeps a host\'s VMs within what the host offers over all its NUMA nodes', () => {
    // Each NUMA node has 8Gi free, but the ovs-ovn-dpdk pod books 4Gi of the
    // host beyond what OVS holds there: 12Gi for VMs in all.
    const capped = { ...pool('a', 2, [[4, 8], [4, 8]]), hostHugepages: GI.times(12) };
    const { result } = place([vm(0, 1, 8), vm(1, 1, 8)], [capped]);
    expect(result.vms.map((v) => `${v.placement[0].host}/${v.placement[0].assigned}`))
      .toEqual(['a-1/0', 'a-2/0']);
  });

  test('counts the hugepages of the busiest host over its NUMA nodes', () => {
    const { result } = place([vm(0, 4, 3), vm(1, 4, 2)], [pool('a', 2, [[4, 8], [4, 8]])]);
    expect(String(result.hostDemand.get('a'))).toBe('5Gi');
  });

  test('does not let a host fit a VM beyond what it offers in total', () => {
    const capped = { ...pool('a', 1, [[4, 8], [4, 8]]), hostHugepages: GI.times(6) };
    const { result } = place([vm(0, 4, 10)], [capped]);
    expect(result.vms[0].placement[0].fitsHost).toBe(false);
  });

  test('places 5,000 VMs on 100 pools', () => {
    const pools = Array.from({ length: 100 }, (_, i) => pool(`p${i}`, 20, [[30, 60], [30, 60]]));
    const vms = Array.from({ length: 5000 }, (_, i) => vm(i, 1 + (i % 4), 1 + (i % 3)));
    const { result, diagnostics } = place(vms, pools);
    expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(result.vms.filter((v) => v.placement.some((p) => p.assigned !== undefined)).length)
      .toBe(5000);
  });
});

describe('placeVms on pools whose hugepages it sizes', () => {
  const sized = (hosts: number) => ({ ...pool('a', hosts, [[16, 64]]), pagesSized: true });
  const on = (v: VmPlan, host: string): VmPlan => ({ ...v, nodePool: 'a', host });

  test('warns when a VM the scheduler places may take the room of a pinned one', () => {
    const { diagnostics } = place([vm(0, 4, 32), on(vm(1, 4, 32), 'a-2')], [sized(2)]);
    const [finding] = withCode(diagnostics, 'VM027');
    expect(finding).toMatchObject({ severity: 'warning', path: 'nodes[0].hugepages' });
    expect(finding.message).toContain('places 1 of them as it likes ("vm-0")');
    expect(finding.message).toContain('one may take the room of a VM pinned to its host');
    expect(finding.upstream).toBe('Insufficient hugepages-1Gi');
  });

  test('warns when VMs of different sizes may be packed otherwise', () => {
    const vms = [vm(0, 2, 16), vm(1, 2, 16), vm(2, 2, 16), vm(3, 2, 16), vm(4, 2, 32)];
    const [finding] = withCode(place(vms, [sized(3)]).diagnostics, 'VM027');
    expect(finding.message).toContain('("vm-0", "vm-1", "vm-2" and 2 more)');
    expect(finding.message).toContain('VMs of different sizes packed otherwise');
  });

  test('does not warn when VMs of one size fit however they are packed', () => {
    const vms = [vm(0, 2, 16), vm(1, 2, 16), vm(2, 2, 16)];
    expect(withCode(place(vms, [sized(2)]).diagnostics, 'VM027')).toEqual([]);
  });

  test('does not warn when every VM is pinned to its host, or there is one host', () => {
    const pinned = [on(vm(0, 4, 32), 'a-1'), on(vm(1, 2, 8), 'a-2')];
    expect(withCode(place(pinned, [sized(2)]).diagnostics, 'VM027')).toEqual([]);
    const alone = [vm(0, 4, 32, 'a'), vm(1, 2, 8, 'a')];
    expect(withCode(place(alone, [sized(1)]).diagnostics, 'VM027')).toEqual([]);
  });

  test('does not warn about pools whose pages the user fixed', () => {
    const fixed = { ...sized(2), pagesSized: false };
    const { diagnostics } = place([vm(0, 4, 32), on(vm(1, 4, 32), 'a-2')], [fixed]);
    expect(withCode(diagnostics, 'VM027')).toEqual([]);
  });
});

describe('placeVms on hosts that VMs fill', () => {
  test('warns when VMs take every VM CPU of a host', () => {
    const { diagnostics } = place([vm(0, 2, 1), vm(1, 2, 1), vm(2, 2, 1), vm(3, 2, 1)],
      [{ ...pool('a', 2, [[2, 8], [2, 8]]), index: 3 }]);
    const [finding] = withCode(diagnostics, 'VM028');
    expect(finding).toMatchObject({ severity: 'warning', path: 'nodes[3].cpus' });
    expect(finding.message).toContain('every VM CPU of host(s) "a-1" and "a-2" of node pool a');
    expect(finding.upstream).toBe('Insufficient cpu');
  });

  test('does not warn while a CPU of each host is left', () => {
    const { diagnostics } = place([vm(0, 2, 1), vm(1, 1, 1)], [pool('a', 1, [[2, 8], [2, 8]])]);
    expect(withCode(diagnostics, 'VM028')).toEqual([]);
  });
});
