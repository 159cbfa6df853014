import {
  ovsDpdkHugepages, renderKubeOvnOverrides,
} from '../../../src/render/manifests/kube-ovn-daemonset';
import { ManifestObject } from '../../../src/render/types';
import {
  kubeOvnClusterFixture, nodePlanFixture, userspaceClusterFixture,
} from '../../support/render-plans';
import { expectValidManifests } from '../../support/schema-validate';

function podSpecOf(daemonSet: ManifestObject): Record<string, any> {
  return (daemonSet.spec as Record<string, any>).template.spec;
}

function overrides(nodes = [nodePlanFixture()]): ManifestObject[] {
  return renderKubeOvnOverrides(kubeOvnClusterFixture({ nodes }));
}

describe('renderKubeOvnOverrides', () => {
  test('are valid apps/v1 DaemonSets in kube-system', () => {
    const objects = overrides();

    expectValidManifests(objects);
    expect(objects.map((o) => `${o.metadata.namespace}/${o.metadata.name}`))
      .toEqual(['kube-system/ovs-ovn-dpdk', 'kube-system/ovs-ovn']);
  });

  test('follow the namespace of the Kube-OVN spec', () => {
    const plan = kubeOvnClusterFixture();
    const objects = renderKubeOvnOverrides({
      ...plan, spec: { ...plan.spec, kubeOvn: { namespace: 'kube-ovn' } },
    });

    expect(objects.map((o) => o.metadata.namespace)).toEqual(['kube-ovn', 'kube-ovn']);
  });

  test('touch only the openvswitch container resources of ovs-ovn-dpdk', () => {
    const [dpdk] = overrides();

    expect(podSpecOf(dpdk)).toEqual({
      containers: [{
        name: 'openvswitch',
        resources: {
          requests: { 'hugepages-1Gi': '1Gi' },
          limits: { 'cpu': 5, 'hugepages-1Gi': '1Gi' },
        },
      }],
    });
  });

  test('the CPU limit covers the PMD cores plus one of the largest pool', () => {
    const [dpdk] = overrides([
      nodePlanFixture({ name: 'a', pmd: '8-9' }),
      nodePlanFixture({ name: 'b', pmd: '8-11' }),
    ]);

    expect(podSpecOf(dpdk).containers[0].resources.limits.cpu).toBe(5);
  });

  test('keep the kernel ovs-ovn off nodes labelled ovs_dp_type=userspace', () => {
    const [, kernel] = overrides();

    const required = podSpecOf(kernel).affinity.nodeAffinity
      .requiredDuringSchedulingIgnoredDuringExecution;
    expect(required.nodeSelectorTerms).toEqual([{
      matchExpressions: [{
        key: 'ovn.kubernetes.io/ovs_dp_type', operator: 'NotIn', values: ['userspace'],
      }],
    }]);
  });

  test('are not rendered on the Userspace CNI path', () => {
    expect(renderKubeOvnOverrides(userspaceClusterFixture())).toEqual([]);
  });
});

describe('ovsDpdkHugepages', () => {
  const twoNumaNodes = (socketMem: number[]) =>
    nodePlanFixture({ numaNodes: 2, socketMem, housekeeping: '0', pmd: '1' });

  test('two NUMA nodes of 1024 MiB socket memory need hugepages-1Gi: 2Gi, as in the guide', () => {
    const node = twoNumaNodes([1024, 1024]);

    expect(ovsDpdkHugepages([node])).toEqual({ resource: 'hugepages-1Gi', amount: '2Gi' });
  });

  test('socket memory is rounded up to whole pages', () => {
    const node = twoNumaNodes([1024, 512]);

    expect(ovsDpdkHugepages([node]).amount).toBe('2Gi');
  });

  test('2Mi pages are requested as hugepages-2Mi', () => {
    const node = nodePlanFixture({ pageSize: '2Mi', socketMem: [1024], pagesPerNumaNode: 1024 });

    expect(ovsDpdkHugepages([node])).toEqual({ resource: 'hugepages-2Mi', amount: '1Gi' });
  });

  test('pools with different page sizes are refused', () => {
    const nodes = [
      nodePlanFixture({ name: 'a' }),
      nodePlanFixture({ name: 'b', pageSize: '2Mi', pagesPerNumaNode: 1024 }),
    ];

    expect(() => ovsDpdkHugepages(nodes)).toThrow(
      'The node pools use different hugepage sizes (1Gi, 2Mi), '
      + 'but the one ovs-ovn-dpdk DaemonSet can request only one.');
  });
});
