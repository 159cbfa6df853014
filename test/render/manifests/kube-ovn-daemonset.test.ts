import { Size } from '../../../src/model/size';
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

describe('the ovs-ovn-dpdk override', () => {
  test('requests the hugepages and CPU limit of the plan\'s ovsDpdkPod', () => {
    const plan = kubeOvnClusterFixture({
      ovsDpdkPod: { pageSize: Size.parse('2Mi'), hugepages: Size.parse('3Gi'), cpuLimit: 7 },
    });

    const [dpdk] = renderKubeOvnOverrides(plan);

    expect(podSpecOf(dpdk).containers[0].resources).toEqual({
      requests: { 'hugepages-2Mi': '3Gi' },
      limits: { 'cpu': 7, 'hugepages-2Mi': '3Gi' },
    });
  });

  test('is refused without an ovsDpdkPod, which the planner reports as HUGE008', () => {
    const plan = kubeOvnClusterFixture({ ovsDpdkPod: undefined });

    expect(() => renderKubeOvnOverrides(plan)).toThrow('HUGE008');
  });

  test('writes the guide\'s hugepages-1Gi: 2Gi as resource name and quantity', () => {
    const pod = { pageSize: Size.parse('1Gi'), hugepages: Size.parse('2Gi'), cpuLimit: 5 };

    expect(ovsDpdkHugepages(pod)).toEqual({ resource: 'hugepages-1Gi', amount: '2Gi' });
  });
});
