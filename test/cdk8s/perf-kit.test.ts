import { Testing } from 'cdk8s';
import {
  errorOf, kindsAndNames, objectOf, Synthesized, userspaceCluster,
} from './support';
import { PerfTestKit, VhostUserCluster, VhostUserNetwork } from '../../src/cdk8s';
import { expectValidManifests } from '../support/schema-validate';

/** The guide's Userspace CNI cluster with a ranged network and a kit. */
function withKit(props: ConstructorParameters<typeof PerfTestKit>[2] = {}) {
  const cluster = userspaceCluster();
  new VhostUserNetwork(cluster, 'net', { name: 'ovs-dpdk', cidr: '10.10.0.0/24' });
  const kit = new PerfTestKit(cluster, 'Kit', props);
  return { cluster, kit };
}

describe('PerfTestKit', () => {
  test('adds a server and a client VM per interface type and placement', () => {
    const { cluster } = withKit();
    const vms = Testing.synth(cluster).filter((o: Synthesized) => o.kind === 'VirtualMachine');
    expect(vms).toHaveLength(12);
  });

  test('its objects pass the schemas', () => {
    const { cluster } = withKit();
    expectValidManifests(Testing.synth(cluster));
  });

  test('keeps its VMs and Services under the kit, none under NodeSide', () => {
    const { cluster, kit } = withKit({ interfaceTypes: ['bridge'], nodes: ['node-1'] });
    Testing.synth(cluster);
    expect(kit.node.children.map((c) => c.node.id)).toEqual([
      'Service.default.perf-bridge-same-node',
      'VirtualMachine.default.perf-bridge-same-node-server',
      'VirtualMachine.default.perf-bridge-same-node-client',
    ]);
    expect(cluster.node.findChild('NodeSide').node.children
      .filter((c) => c.node.id.startsWith('VirtualMachine'))).toEqual([]);
  });

  test('names its VMs and Services for ApiObject patches', () => {
    const { kit } = withKit({ interfaceTypes: ['masquerade'] });
    expect([kit.services.length, kit.vms.map((vm) => vm.name)[3]])
      .toEqual([2, 'perf-masquerade-cross-node-client']);
  });

  test('pins its VMs to their nodes', () => {
    const { cluster } = withKit({ interfaceTypes: ['bridge'] });
    const client = objectOf(Testing.synth(cluster), 'VirtualMachine', 'perf-bridge-cross-node-client');
    expect(client.spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution
      .nodeSelectorTerms[0].matchExpressions[0].values).toEqual(['node-2']);
  });

  test('shares the plan: turns and collect commands', () => {
    const { kit } = withKit({ schedule: 'together' });
    expect(kit.plan.pairs.map((p) => p.startDelay)).toEqual([0, 0, 0, 0, 0, 0]);
  });

  test('writes perf/collect.sh beside the node files', () => {
    const { cluster } = withKit();
    expect(cluster.files.map((f) => f.path)).toContain('perf/collect.sh');
  });

  test('comes out before the VMs in the core\'s apply order', () => {
    const { cluster } = withKit({ interfaceTypes: ['bridge'], nodes: ['node-1'] });
    expect(kindsAndNames(Testing.synth(cluster)).slice(-3)).toEqual([
      'Service/perf-bridge-same-node', 'VirtualMachine/perf-bridge-same-node-server',
      'VirtualMachine/perf-bridge-same-node-client',
    ]);
  });

  test('refuses a prop of the wrong shape at the door', () => {
    expect(errorOf(() => withKit({ schedule: 'later' as 'together' })))
      .toMatch(/'schedule': .*not an allowed value/);
  });

  test('refuses a message size that cannot be read, naming the prop', () => {
    expect(errorOf(() => withKit({ run: { tcpMessageSizes: ['64', '1 KiB'] } })))
      .toMatch(/'run\.tcpMessageSizes\[1\]': invalid size "1 KiB"/);
  });

  test('reports a kit node outside the cluster on the kit', () => {
    const { cluster } = withKit({ nodes: ['node-9'] });
    expect(errorOf(() => Testing.synth(cluster))).toContain('[lab/Kit] perfKit.nodes[0]: error '
      + 'PERF002: kit node "node-9" is not a host of any node pool');
  });

  test('is one per cluster', () => {
    const { cluster } = withKit();
    expect(errorOf(() => new PerfTestKit(cluster, 'Other')))
      .toContain('already has a PerfTestKit (lab/Kit); a cluster has one');
  });

  test('is built by fromSpec from a spec\'s perfKit', () => {
    const cluster = VhostUserCluster.fromSpec(Testing.app(), 'lab', {
      ...userspaceCluster().toSpec(),
      networks: [{ name: 'ovs-dpdk', cidr: '10.10.0.0/24' }],
      perfKit: { interfaceTypes: ['bridge'] },
    });
    expect(cluster.node.findChild('PerfKit')).toBeInstanceOf(PerfTestKit);
  });
});
