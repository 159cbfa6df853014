import { ApiObject, Testing } from 'cdk8s';
import { Construct } from 'constructs';
import {
  addGuideVm, errorOf, kindsAndNames, KUBE_OVN_NODE, KUBE_OVN_VM, kubeOvnCluster, objectOf,
  USERSPACE_NODE, userspaceCluster,
} from './support';
import {
  DhcpSubnet, KubeOvnDpdk, OvsDpdkNode, VhostUserCluster, VhostUserNetwork, VhostUserVm,
  WARNING_METADATA,
} from '../../src/cdk8s';
import { DiagnosticError } from '../../src/diagnostics/diagnostic';
import { synthesize } from '../../src/synth/synthesize';
import { manualGuideKubeOvn } from '../fixtures/specs/manual-guide-kube-ovn';
import { manualGuideUserspace } from '../fixtures/specs/manual-guide-userspace';
import { expectValidManifests } from '../support/schema-validate';

describe('VhostUserCluster synthesis', () => {
  test.each([
    ['Kube-OVN on one NUMA node', manualGuideKubeOvn],
    ['Userspace CNI on two NUMA nodes', manualGuideUserspace],
  ])('the %s cluster synthesizes exactly the core\'s manifests, in order', (_, spec) => {
    const cluster = VhostUserCluster.fromSpec(Testing.app(), spec.name, spec);

    const core = JSON.parse(JSON.stringify(synthesize(spec).manifests));
    expect(Testing.synth(cluster)).toEqual(core);
  });

  test.each([
    ['Kube-OVN', manualGuideKubeOvn],
    ['Userspace CNI', manualGuideUserspace],
  ])('every object of the %s cluster is a valid manifest', (_, spec) => {
    const cluster = VhostUserCluster.fromSpec(Testing.app(), spec.name, spec);

    expectValidManifests(Testing.synth(cluster));
  });

  test('members added in any order come out in apply order', () => {
    const cluster = new VhostUserCluster(Testing.app(), 'lab');
    new VhostUserVm(cluster, 'vm', KUBE_OVN_VM);
    new OvsDpdkNode(cluster, 'dpdk', KUBE_OVN_NODE);
    new DhcpSubnet(cluster, 'dhcp', manualGuideKubeOvn.subnets![0]);
    new VhostUserNetwork(cluster, 'net', { name: 'ovn-dpdk' });
    new KubeOvnDpdk(cluster, 'KubeOvn');

    expect(kindsAndNames(Testing.synth(cluster))).toEqual([
      'NetworkAttachmentDefinition/ovn-dpdk',
      'Subnet/sn-dhcp',
      'DaemonSet/ovs-ovn-dpdk',
      'DaemonSet/ovs-ovn',
      'VirtualMachine/ubuntu-vhostuser',
    ]);
  });

  test('an object of the user keeps its place among the cluster\'s objects', () => {
    const cluster = kubeOvnCluster();
    new ApiObject(cluster, 'Extra', { apiVersion: 'v1', kind: 'ConfigMap' });

    const kinds = Testing.synth(cluster).map((o: any) => o.kind);
    expect(kinds[kinds.length - 1]).toBe('ConfigMap');
  });
});

describe('VhostUserCluster spec', () => {
  test('a cluster built from a spec gives that spec back', () => {
    const cluster = VhostUserCluster.fromSpec(Testing.app(), 'x', manualGuideKubeOvn);

    expect(cluster.toSpec()).toEqual(manualGuideKubeOvn);
  });

  test('the cluster name defaults to the construct id', () => {
    expect(kubeOvnCluster('edge-1').toSpec().name).toBe('edge-1');
  });

  test('later edits to a props object change nothing', () => {
    const cluster = kubeOvnCluster();
    const props = { name: 'ovn-dpdk', namespace: 'default' };
    new VhostUserNetwork(cluster, 'net', props);
    (props as { namespace: string }).namespace = 'other';

    expect(cluster.toSpec().networks).toEqual([{ name: 'ovn-dpdk', namespace: 'default' }]);
  });

  test('a member that joins and leaves before the next synthesis leaves it as it was', () => {
    const cluster = kubeOvnCluster();
    const plan = cluster.plan;
    const extra = new OvsDpdkNode(cluster, 'extra', { ...KUBE_OVN_NODE, name: 'extra' });
    cluster.node.tryRemoveChild(extra.node.id);

    expect(cluster.plan).toBe(plan);
  });

  test('versions changed in place are planned with', () => {
    const versions = { kubelet: '1.31' };
    const cluster = new VhostUserCluster(Testing.app(), 'lab', { versions });
    new KubeOvnDpdk(cluster, 'KubeOvn', { version: 'v1.10.7' });
    new OvsDpdkNode(cluster, 'dpdk', KUBE_OVN_NODE);
    expect(cluster.plan?.kubeletVersion).toBe('1.31');

    versions.kubelet = '1.32';
    expect(cluster.plan?.kubeletVersion).toBe('1.32');
  });

  test('a versions prop of the wrong shape is refused at the door', () => {
    const message = errorOf(() => new VhostUserCluster(Testing.app(), 'lab', {
      versions: { kubelet: 132 } as any,
    }));

    expect(message).toContain('Invalid props for VhostUserCluster at \'lab\'');
    expect(message)
      .toContain('\'kubelet\': SPEC001: props.kubelet must be a string, found number 132');
  });
});

describe('VhostUserCluster errors', () => {
  test('synth lists every error, each on the construct it is about', () => {
    const cluster = kubeOvnCluster();
    new VhostUserVm(cluster, 'vm', { ...KUBE_OVN_VM, memory: '1536Mi' });
    new VhostUserNetwork(cluster, 'net', { name: 'dpdk-net' });

    const message = errorOf(() => Testing.synth(cluster));

    expect(message).toContain('[lab/vm] vms[0].memory: error VM004: memory 1536Mi is not a '
      + 'whole number of 1Gi hugepages');
    expect(message).toContain('[lab/vm] vms[0].interfaces[0].network: error VM006: network '
      + '"ovn-dpdk" does not exist in namespace default');
    expect(message).toContain('[lab/net] networks[0].name: error NET002: Kube-OVN network '
      + 'default/dpdk-net cannot carry Virtink VMs');
  });

  test('an error about the whole cluster is listed on the cluster', () => {
    const cluster = new VhostUserCluster(Testing.app(), 'lab');
    new OvsDpdkNode(cluster, 'dpdk', KUBE_OVN_NODE);

    expect(errorOf(() => Testing.synth(cluster))).toContain('[lab] : error SPEC002: neither '
      + 'kubeOvn nor userspaceCni is given');
  });

  test('each error names the fix', () => {
    const cluster = kubeOvnCluster();
    new OvsDpdkNode(cluster, 'second', {
      ...KUBE_OVN_NODE,
      name: 'second',
      hosts: [{ name: 'node-2', encapIp: '192.168.0.11/20' }],
      cpus: { housekeeping: '0-1', pmd: '1-3' },
    });

    expect(errorOf(() => Testing.synth(cluster))).toContain('[lab/second] '
      + 'nodes[1].cpus.housekeeping: error CPU003: CPUs 1 are both housekeeping and pmd CPUs\n'
      + '  fix: Give each CPU one job: housekeeping, PMD or VMs.');
  });

  test('files and node-side objects are refused with every finding', () => {
    const cluster = kubeOvnCluster();
    new VhostUserVm(cluster, 'vm', KUBE_OVN_VM);

    expect(() => cluster.files).toThrow(DiagnosticError);
    expect(() => cluster.nodeSideObjects()).toThrow(/VM006/);
    expect(cluster.plan).toBeUndefined();
  });
});

describe('VhostUserCluster warnings', () => {
  function clusterWithWarning(): VhostUserCluster {
    const cluster = userspaceCluster();
    new OvsDpdkNode(cluster, 'unknown-numa', {
      ...USERSPACE_NODE,
      name: 'unknown-numa',
      hosts: [{ name: 'node-3' }],
      nics: [{ pci: '0000:58:00.0', driver: 'mlx5' }],
    });
    return cluster;
  }

  test('a warning becomes metadata on the construct it is about', () => {
    const cluster = clusterWithWarning();
    Testing.synth(cluster);

    const node = cluster.node.findChild('unknown-numa');
    const warnings = node.node.metadata.filter((m) => m.type === WARNING_METADATA);
    expect(warnings.map((w) => w.data)).toEqual([
      expect.stringContaining('nodes[1].nics[0].numaNode: warning NIC003: the NUMA node of the '
        + 'NIC 0000:58:00.0 is unknown'),
    ]);
  });

  test('a warning is recorded once however often the cluster is synthesized', () => {
    const cluster = clusterWithWarning();
    Testing.synth(cluster);
    Testing.synth(cluster);

    const node = cluster.node.findChild('unknown-numa');
    expect(node.node.metadata.filter((m) => m.type === WARNING_METADATA)).toHaveLength(1);
  });

  test('warnings are listed in the diagnostics and never stop synthesis', () => {
    const cluster = clusterWithWarning();

    expect(cluster.diagnostics.map((d) => `${d.severity} ${d.code}`)).toEqual(['warning NIC003']);
    expect(Testing.synth(cluster).length).toBeGreaterThan(0);
  });
});

describe('VhostUserCluster node-side objects', () => {
  test('node-side objects are API objects of the stack that take JSON patches', () => {
    const cluster = userspaceCluster();
    const pods = cluster.nodeSideObjects().filter((o) => o.kind === 'Pod');
    pods[0].metadata.addLabel('team', 'network');

    const pod = objectOf(Testing.synth(cluster), 'Pod', 'ovs-hugepages-node-1-numa0');
    expect(pod.metadata.labels.team).toBe('network');
    expect(pods[0].node.path).toBe('lab/NodeSide/Pod.kube-system.ovs-hugepages-node-1-numa0');
  });

  test('node-side objects follow the cluster when hosts are added', () => {
    const cluster = userspaceCluster();
    expect(cluster.nodeSideObjects()).toHaveLength(4);

    new OvsDpdkNode(cluster, 'more', { ...USERSPACE_NODE, name: 'more', hosts: [{ name: 'n3' }] });

    const pods = Testing.synth(cluster).filter((o: any) => o.kind === 'Pod');
    expect(pods).toHaveLength(6);
  });

  test('node-side objects the cluster no longer needs are removed', () => {
    const cluster = userspaceCluster();
    new OvsDpdkNode(cluster, 'more', { ...USERSPACE_NODE, name: 'more', hosts: [{ name: 'n3' }] });
    expect(cluster.nodeSideObjects()).toHaveLength(6);

    cluster.node.tryRemoveChild('more');

    const nodeSide = cluster.node.findChild('NodeSide');
    expect(cluster.nodeSideObjects()).toHaveLength(4);
    expect(nodeSide.node.children.map((c) => c.node.id)).not.toContain(
      'Pod.kube-system.ovs-hugepages-n3-numa0');
  });
});

describe('VhostUserCluster membership', () => {
  test('a cluster has one KubeOvnDpdk', () => {
    const cluster = kubeOvnCluster();

    expect(errorOf(() => new KubeOvnDpdk(cluster, 'Again'))).toBe('lab/Again: the cluster lab '
      + 'already has a KubeOvnDpdk (lab/KubeOvn); a cluster has one. Remove one of them.');
  });

  test('a member outside any cluster is refused', () => {
    const chart = Testing.chart();

    expect(errorOf(() => new VhostUserNetwork(chart, 'net', { name: 'n' }))).toBe(
      'VhostUserNetwork \'net\' is created under test, which is not inside a VhostUserCluster. '
      + 'Create it with a VhostUserCluster (or a construct inside one) as its scope: the '
      + 'cluster checks every layer together.');
  });

  test('members may sit in constructs of their own inside the cluster', () => {
    const cluster = kubeOvnCluster();
    const tenant = new Construct(cluster, 'tenant');
    addGuideVm(tenant);

    expect(VhostUserCluster.of(tenant.node.findChild('vm'))).toBe(cluster);
    expect(kindsAndNames(Testing.synth(cluster))).toContain('VirtualMachine/ubuntu-vhostuser');
  });

  test('members leave the cluster with the construct of their own that is removed', () => {
    const cluster = kubeOvnCluster();
    const site = new Construct(cluster, 'site');
    addGuideVm(new Construct(site, 'tenant'));
    expect(cluster.plan?.vms.map((vm) => vm.name)).toEqual(['ubuntu-vhostuser']);

    site.node.tryRemoveChild('tenant');

    expect(cluster.plan?.vms).toEqual([]);
  });
});
