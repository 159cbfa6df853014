import * as pulumi from '@pulumi/pulumi';
import { kubeOvnArgs, userspaceArgs } from './clusters';
import { labelOf, mockRuntime, Registry, settled, valueOf } from './support';

type Lib = typeof import('../../src/pulumi');
let lib: Lib;
let registry: Registry;

beforeEach(async () => {
  registry = await mockRuntime();
  lib = await import('../../src/pulumi');
});
afterEach(settled);

describe('VhostUserCluster', () => {
  test('registers itself under its type token, and each member under the cluster', async () => {
    new lib.VhostUserCluster('lab', userspaceArgs());
    await settled();

    expect(registry.get('VhostUserCluster lab').type)
      .toBe('vhost-user-k8s:index:VhostUserCluster');
    const members = registry.labels
      .filter((label) => /^(UserspaceCni|OvsDpdkNode|VhostUser(Network|Vm)) /.test(label))
      .map((label) => `${label} <- ${registry.parentOf(label)}`);
    expect(members).toEqual([
      'UserspaceCni lab-userspace-cni <- VhostUserCluster lab',
      'OvsDpdkNode lab-dpdk <- VhostUserCluster lab',
      'VhostUserNetwork lab-ovs-dpdk <- VhostUserCluster lab',
      'VhostUserVm lab-ubuntu-vhostuser <- VhostUserCluster lab',
    ]);
  });

  test('registers each component under vhost-user-k8s:index:<class>', async () => {
    new lib.VhostUserCluster('lab', kubeOvnArgs());
    new lib.VhostUserCluster('other', userspaceArgs());
    await settled();

    const components = registry.all.filter((r) => !/^(kubernetes|pulumi):/.test(r.type));
    expect(new Set(components.map((r) => r.type))).toEqual(new Set([
      'vhost-user-k8s:index:VhostUserCluster',
      'vhost-user-k8s:index:KubeOvnDpdk',
      'vhost-user-k8s:index:UserspaceCni',
      'vhost-user-k8s:index:OvsDpdkNode',
      'vhost-user-k8s:index:VhostUserNetwork',
      'vhost-user-k8s:index:DhcpSubnet',
      'vhost-user-k8s:index:VhostUserVm',
    ]));
  });

  test('each component registers its outputs', async () => {
    new lib.VhostUserCluster('lab', kubeOvnArgs());
    await settled();

    // The SDK registers `{}` for a component that does not.
    const outputs = registry.all.filter((r) => r.type.startsWith('vhost-user-k8s:'))
      .map((r) => labelOf(r.urn))
      .map((label) => `${label}: ${Object.keys(registry.outputsOf(label)!).sort().join(' ')}`);
    expect(outputs).toEqual([
      'VhostUserCluster lab: diagnostics files planMarkdown',
      'KubeOvnDpdk lab-kube-ovn: ',
      'OvsDpdkNode lab-dpdk: bootstrapScript files verifyScript',
      'VhostUserNetwork lab-ovn-dpdk: namespace',
      'DhcpSubnet lab-sn-dhcp: ',
      'VhostUserVm lab-ubuntu-vhostuser: namespace',
    ]);
  });

  test('makes each object a Kubernetes resource under the member it belongs to', async () => {
    new lib.VhostUserCluster('lab', kubeOvnArgs());
    await settled();

    const objects = registry.all.filter((r) => r.type.startsWith('kubernetes:'))
      .map((r) => `${r.type} <- ${labelOf(r.parent)}`);
    expect(objects.sort()).toEqual([
      'kubernetes:apps/v1:DaemonSetPatch <- KubeOvnDpdk lab-kube-ovn',
      'kubernetes:apps/v1:DaemonSetPatch <- KubeOvnDpdk lab-kube-ovn',
      'kubernetes:k8s.cni.cncf.io/v1:NetworkAttachmentDefinition <- VhostUserNetwork lab-ovn-dpdk',
      'kubernetes:kubeovn.io/v1:Subnet <- DhcpSubnet lab-sn-dhcp',
      'kubernetes:virt.virtink.smartx.com/v1alpha1:VirtualMachine '
        + '<- VhostUserVm lab-ubuntu-vhostuser',
    ]);
  });

  test('creates a VM after its network, its subnet and the path\'s objects', async () => {
    new lib.VhostUserCluster('lab', kubeOvnArgs());
    await settled();

    expect(registry.dependenciesOf('VirtualMachine lab-ubuntu-vhostuser')).toEqual([
      'DaemonSetPatch lab-kube-ovn-ovs-ovn',
      'DaemonSetPatch lab-kube-ovn-ovs-ovn-dpdk',
      'NetworkAttachmentDefinition lab-ovn-dpdk',
      'Subnet lab-sn-dhcp',
    ]);
  });

  test('creates a subnet after the network it serves', async () => {
    new lib.VhostUserCluster('lab', kubeOvnArgs());
    await settled();

    expect(registry.dependenciesOf('Subnet lab-sn-dhcp'))
      .toEqual(['NetworkAttachmentDefinition lab-ovn-dpdk']);
  });

  test('hands the caller\'s Kubernetes provider to every Kubernetes resource', async () => {
    const { Provider } = await import('@pulumi/kubernetes');
    const provider = new Provider('k8s', { kubeconfig: 'fake' });
    new lib.VhostUserCluster('lab', kubeOvnArgs(), { providers: [provider] });
    await settled();

    const objects = registry.all.filter((r) => /^kubernetes:[^:]+\//.test(r.type));
    expect(new Set(objects.map((r) => r.provider.split('::')[3]))).toEqual(new Set(['k8s']));
  });

  test('takes a single provider option as the Kubernetes provider too', async () => {
    const { Provider } = await import('@pulumi/kubernetes');
    const provider = new Provider('k8s', { kubeconfig: 'fake' });
    new lib.VhostUserCluster('lab', kubeOvnArgs(), { provider });
    await settled();

    const objects = registry.all.filter((r) => /^kubernetes:[^:]+\//.test(r.type));
    expect(new Set(objects.map((r) => r.provider.split('::')[3]))).toEqual(new Set(['k8s']));
  });

  test('hands the caller\'s command provider to the runs of bootstrap.sh', async () => {
    const command = await import('@pulumi/command');
    const provider = new command.Provider('ssh', {});
    const args = { ...userspaceArgs(), bootstrap: { connection: { user: 'ubuntu' } } };
    new lib.VhostUserCluster('lab', args, { providers: [provider] });
    await settled();

    const steps = registry.all.filter((r) => r.type.startsWith('command:remote:'));
    expect(steps.map((r) => r.provider.split('::')[3])).toEqual(['ssh', 'ssh', 'ssh', 'ssh']);
  });

  test('a cluster with errors is a RunError, which Pulumi prints without a stack', () => {
    const args = userspaceArgs();
    const bad = { ...args, vms: [{ ...args.vms![0], memory: '3Gi', hugepageSize: '2Mi' }] };

    let error: unknown;
    try {
      new lib.VhostUserCluster('lab', bad);
    } catch (e) {
      error = e;
    }
    expect(pulumi.RunError.isInstance(error)).toBe(true);
    expect((error as InstanceType<typeof lib.ClusterModelError>).diagnostics)
      .toContainEqual(expect.objectContaining({ code: 'VM003', path: 'vms[0].hugepageSize' }));
  });

  test('a cluster with errors throws them all and registers nothing', async () => {
    const args = userspaceArgs();
    const bad = { ...args, vms: [{ ...args.vms![0], memory: '3Gi', hugepageSize: '2Mi' }] };

    expect(() => new lib.VhostUserCluster('lab', bad)).toThrow(lib.ClusterModelError);
    expect(() => new lib.VhostUserCluster('lab', bad))
      .toThrow(/^VhostUserCluster 'lab': \d+ error\(s\) in the cluster model:\nvms\[0\]/);
    await settled();
    expect(registry.all).toEqual([]);
  });

  test('logs each warning on the member it is about', () => {
    const warn = jest.spyOn(pulumi.log, 'warn').mockResolvedValue();
    const args = kubeOvnArgs();
    const nodes = [{ ...args.nodes[0], nics: [{ pci: '0000:af:00.0' }] }];
    const cluster = new lib.VhostUserCluster('lab', { ...args, nodes });

    const [message, resource] = warn.mock.calls[0];
    expect(message).toMatch(/^nodes\[0\]\.nics\[0\]\.numaNode: warning/);
    expect(resource).toBe(cluster.nodes[0]);
  });

  test('with Inputs, logs the warnings of the cluster planned with their values', async () => {
    const warn = jest.spyOn(pulumi.log, 'warn').mockResolvedValue();
    const args = kubeOvnArgs();
    const nodes = [{ ...args.nodes[0], nics: [{ pci: '0000:af:00.0' }] }];
    const vms = [{ ...args.vms![0], image: pulumi.output('registry/disk') }];
    const cluster = new lib.VhostUserCluster('lab', { ...args, nodes, vms });
    await valueOf(cluster.diagnostics);

    expect(warn.mock.calls.map(([message, resource]) => [message.split(':')[0], resource]))
      .toEqual([['nodes[0].nics[0].numaNode', cluster.nodes[0]]]);
  });

  test('in a preview, logs the warnings no unknown Input can change', async () => {
    await mockRuntime({
      preview: true,
      state: (r) => (r.type === 'kubernetes:core/v1:Namespace' ? {} : r.inputs),
    });
    const { Namespace } = await import('@pulumi/kubernetes/core/v1');
    const namespace = new Namespace('vms', {});
    const warn = jest.spyOn(pulumi.log, 'warn').mockResolvedValue();
    const args = userspaceArgs();
    const nodes = [{ ...args.nodes[0], nics: [{ pci: '0000:58:00.0', driver: 'mlx5' as const }] }];
    const networks = [{ name: 'ovs-dpdk', namespace: namespace.metadata.name }];
    const cluster = new lib.VhostUserCluster('lab', { ...args, nodes, networks });
    await settled();

    expect(warn.mock.calls.map(([message, resource]) => [message.split(':')[0], resource]))
      .toEqual([['nodes[0].nics[0].numaNode', cluster.nodes[0]]]);
  });

  test('gives every node file and PLAN.md as outputs', async () => {
    const cluster = new lib.VhostUserCluster('lab', userspaceArgs());

    const paths = (await valueOf(cluster.files)).map((file) => file.path);
    expect(paths).toContain('nodes/dpdk/bootstrap.sh');
    expect(await valueOf(cluster.planMarkdown)).toMatch(/^# /);
  });

  test('is named by its args, else by the component', () => {
    expect(new lib.VhostUserCluster('lab', userspaceArgs()).clusterName).toBe('lab');
    expect(new lib.VhostUserCluster('lab2', { ...userspaceArgs(), name: 'guide' }).clusterName)
      .toBe('guide');
  });
});
