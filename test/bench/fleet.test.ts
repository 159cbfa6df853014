import { FLEET, fleetSpecs } from '../../bench/fleet';
import { Size } from '../../src/model/size';
import { synthesize } from '../../src/synth/synthesize';

describe('the benchmark fleet', () => {
  const specs = fleetSpecs({ vms: 5000 });

  test('has 100 hosts of 2 NUMA nodes × 32 cores × 2 threads, with two DPDK NICs', () => {
    const pools = specs.flatMap((spec) => spec.nodes);
    const hosts = pools.flatMap((pool) => (pool.hosts ?? []).map((host) => ({ host, pool })));

    expect(hosts).toHaveLength(100);
    expect(new Set(pools.map(({ topology, nics }) => JSON.stringify([
      topology.uniform?.numaNodes, topology.uniform?.coresPerNumaNode,
      topology.uniform?.threadsPerCore, nics?.length,
    ])))).toEqual(new Set(['[2,32,2,2]']));
  });

  test('has 4 networks over both paths', () => {
    expect(specs.map((spec) => [
      spec.kubeOvn !== undefined ? 'kube-ovn' : 'userspace', spec.networks?.length,
    ])).toEqual([['kube-ovn', 1], ['userspace', 3]]);
    expect(FLEET.networks).toBe(4);
  });

  test('has 5,000 VMs of 2-8 vCPUs and 2-16Gi on 1Gi pages', () => {
    const vms = specs.flatMap((spec) => spec.vms ?? []);
    const cpus = vms.map((vm) => vm.cpus ?? 1);
    const gibibytes = vms.map((vm) => Size.parse(vm.memory).bytes / 2 ** 30);

    expect([
      vms.length, Math.min(...cpus), Math.max(...cpus),
      Math.min(...gibibytes), Math.max(...gibibytes), new Set(vms.map((vm) => vm.hugepageSize)),
    ]).toEqual([5000, 2, 8, 2, 16, new Set(['1Gi'])]);
  });

  test.each(specs.map((spec) => [spec.name, spec] as const))(
    '%s synthesizes with no error, every VM placed on a host', (_, spec) => {
      const synthesis = synthesize(spec);

      expect(synthesis.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
      expect(synthesis.plan?.vms.filter((vm) =>
        !vm.placement.some((p) => p.host !== undefined))).toEqual([]);
    });

  test('takes VM counts the sites share evenly', () => {
    expect(fleetSpecs({ vms: 500 }).map((spec) => spec.vms?.length)).toEqual([250, 250]);
    expect(() => fleetSpecs({ vms: 510 })).toThrow('vms must be a multiple of 20, got 510');
  });
});
