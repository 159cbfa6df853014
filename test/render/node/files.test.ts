import { join } from 'node:path';
import { parse } from 'yaml';
import { renderNodeFiles } from '../../../src/render/node';
import { NetworkPath } from '../../../src/spec';
import { FakeNode, shellcheck } from '../../support/fake-node-root';
import { FIXTURE_NIC, nodeSpecFixture, plannedNode } from '../../support/node-plan-fixture';

const userspace = renderNodeFiles(plannedNode('userspace'), { path: 'userspace' });
const kubeOvn = renderNodeFiles(plannedNode('kube-ovn'), { path: 'kube-ovn' });

describe('renderNodeFiles', () => {
  test('writes the scripts and the files they install, per path', () => {
    const common = ['bootstrap.sh', 'verify.sh', 'kernel-args.txt', 'hugepages.sh',
      'vhost-user-k8s-hugepages.service', 'kubelet-config.yaml', 'memory-manager-guard.sh',
      'vhost-user-k8s-memory-manager-guard.service'];
    expect(userspace.map((f) => f.path.replace('nodes/worker/', '')))
      .toEqual([...common, 'ovs-other-config.txt']);
    expect(kubeOvn.map((f) => f.path.replace('nodes/worker/', '')))
      .toEqual([...common, 'config.cfg', 'hosts/worker-1/ovs-dpdk-config',
        'hosts/worker-2/ovs-dpdk-config']);
  });

  test('marks exactly the scripts executable', () => {
    expect(userspace.filter((f) => f.executable).map((f) => f.path)).toEqual([
      'nodes/worker/bootstrap.sh', 'nodes/worker/verify.sh', 'nodes/worker/hugepages.sh',
      'nodes/worker/memory-manager-guard.sh',
    ]);
  });

  test('leaves out the memory manager guard on a single NUMA node, which has no Static policy', () => {
    const spec = nodeSpecFixture({
      topology: { uniform: { numaNodes: 1, coresPerNumaNode: 8, memoryPerNumaNode: '32Gi' } },
      nics: [{ pci: FIXTURE_NIC, numaNode: 0 }],
    });
    const files = renderNodeFiles(plannedNode('userspace', spec), { path: 'userspace' });
    expect(files.some((f) => f.path.includes('memory-manager-guard'))).toBe(false);
  });
});

describe('the generated scripts', () => {
  const variants: Array<[string, NetworkPath, ReturnType<typeof nodeSpecFixture>]> = [
    ['Userspace CNI, Intel NIC', 'userspace', nodeSpecFixture()],
    ['Kube-OVN, Intel NIC', 'kube-ovn', nodeSpecFixture()],
    ['Userspace CNI, Mellanox NIC, one NUMA node', 'userspace', nodeSpecFixture({
      topology: { uniform: { numaNodes: 1, coresPerNumaNode: 8, memoryPerNumaNode: '32Gi' } },
      nics: [{ pci: FIXTURE_NIC, numaNode: 0, driver: 'mlx5' }],
    })],
  ];

  test.each(variants)('pass shellcheck with no finding (%s)', (_, path, spec) => {
    const node = FakeNode.create({ numaCpus: ['0-7'] });
    try {
      const files = renderNodeFiles(plannedNode(path, spec), { path });
      node.writeFiles(files);
      const reports = files.filter((f) => f.path.endsWith('.sh'))
        .map((f) => shellcheck(join(node.out, f.path)));
      expect(reports).toEqual(reports.map(() => ''));
    } finally {
      node.remove();
    }
  });
});

describe('the readable files', () => {
  let node: FakeNode;
  beforeAll(() => {
    node = FakeNode.create({ numaCpus: ['0-3,8-11', '4-7,12-15'] });
    node.writeFiles(kubeOvn);
  });
  afterAll(() => node.remove());

  const content = (name: string): string =>
    kubeOvn.find((f) => f.path === `nodes/worker/${name}`)!.content;
  const variable = (expression: string): string =>
    node.source('nodes/worker/bootstrap.sh', `printf '%s' "${expression}"`).stdout;

  test.each([
    ['hugepages.sh', '$HUGEPAGES_SCRIPT'],
    ['vhost-user-k8s-hugepages.service', '$HUGEPAGES_UNIT_TEXT'],
    ['memory-manager-guard.sh', '$MEMORY_GUARD_SCRIPT'],
    ['config.cfg', '$KUBE_OVN_CONFIG_CFG'],
    ['hosts/worker-2/ovs-dpdk-config', '${KUBE_OVN_DPDK_CONFIGS[1]}'],
  ])('%s is byte for byte what bootstrap.sh installs', (name, expression) => {
    expect(variable(expression)).toBe(content(name));
  });

  test('kubelet-config.yaml holds the keys bootstrap.sh merges', () => {
    expect(parse(content('kubelet-config.yaml'))).toEqual(JSON.parse(variable('$KUBELET_FRAGMENT')));
  });

  test('kernel-args.txt ends with the arguments bootstrap.sh merges', () => {
    expect(content('kernel-args.txt').trimEnd().split('\n').pop())
      .toBe(variable('${KERNEL_ARGS[*]}'));
  });

  test('ovs-other-config.txt lists the other_config bootstrap.sh sets, in order', () => {
    const text = userspace.find((f) => f.path.endsWith('ovs-other-config.txt'))!.content;
    expect(text.split('\n').filter((l) => l && !l.startsWith('#'))).toEqual(
      plannedNode('userspace').ovs.otherConfig.map(([k, v]) => `${k}=${v}`));
  });
});
