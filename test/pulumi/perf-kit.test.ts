import { userspaceArgs } from './clusters';
import { mockRuntime, Registry, settled, valueOf } from './support';
import { VhostUserClusterArgs } from '../../src/pulumi';
import { synthesize } from '../../src/synth';
import { manualGuideUserspace } from '../fixtures/specs/manual-guide-userspace';

type Lib = typeof import('../../src/pulumi');
let lib: Lib;

async function runtime(): Promise<Registry> {
  const registry = await mockRuntime();
  lib = await import('../../src/pulumi');
  return registry;
}
afterEach(settled);

/** The guide's cluster, its network given a range, with a kit. */
function withKit(perfKit: VhostUserClusterArgs['perfKit'] = {}): VhostUserClusterArgs {
  return { ...userspaceArgs(), networks: [{ name: 'ovs-dpdk', cidr: '10.10.0.0/24' }], perfKit };
}

describe('PerfTestKit', () => {
  test('is created by the cluster, with a VM resource per kit VM', async () => {
    const registry = await runtime();
    const cluster = new lib.VhostUserCluster('lab', withKit());
    await settled();

    expect(cluster.perfKit?.vms).toHaveLength(12);
    expect(registry.parentOf('VirtualMachine lab-perf-kit-perf-bridge-same-node-client'))
      .toBe('PerfTestKit lab-perf-kit');
  });

  test('creates the headless Services as core Services it does not wait for', async () => {
    const registry = await runtime();
    new lib.VhostUserCluster('lab', withKit({ interfaceTypes: ['bridge'] }));
    await settled();

    const service = registry.get('Service lab-perf-kit-perf-bridge-same-node');
    expect([service.inputs.spec.clusterIP, service.inputs.metadata.annotations])
      .toEqual(['None', { 'pulumi.com/skipAwait': 'true' }]);
  });

  test('renders its VMs as the core does for the same spec', async () => {
    const registry = await runtime();
    new lib.VhostUserCluster('lab', withKit({ interfaceTypes: ['masquerade'] }));
    await settled();

    const spec = {
      ...JSON.parse(JSON.stringify(manualGuideUserspace)),
      name: 'lab',
      networks: [{ name: 'ovs-dpdk', cidr: '10.10.0.0/24' }],
      perfKit: { interfaceTypes: ['masquerade'] },
    };
    spec.vms[0].cpus = 2;
    const plain = synthesize(spec).manifests
      .find((m) => m.metadata.name === 'perf-masquerade-cross-node-server')!;
    expect(registry.get('VirtualMachine lab-perf-kit-perf-masquerade-cross-node-server')
      .inputs.spec).toEqual(JSON.parse(JSON.stringify(plain.spec)));
  });

  test('waits for the network and the node pools\' hugepage placeholders', async () => {
    const registry = await runtime();
    new lib.VhostUserCluster('lab', withKit({ interfaceTypes: ['vhost-user'] }));
    await settled();

    expect(registry.dependenciesOf('VirtualMachine lab-perf-kit-perf-vhost-user-same-node-server'))
      .toEqual(expect.arrayContaining([
        'NetworkAttachmentDefinition lab-ovs-dpdk', 'Pod lab-dpdk-ovs-hugepages-node-1-numa0',
      ]));
  });

  test('outputs its collect script', async () => {
    await runtime();
    const cluster = new lib.VhostUserCluster('lab', withKit());
    expect(await valueOf(cluster.perfKit!.collectScript)).toContain('save bridge-cross-node \\\n');
  });

  test('fails the cluster, naming the field, for a node outside it', async () => {
    await runtime();
    expect(() => new lib.VhostUserCluster('lab', withKit({ nodes: ['node-9'] })))
      .toThrow(/perfKit\.nodes\[0\]: error PERF002: kit node "node-9" is not a host/);
  });
});
