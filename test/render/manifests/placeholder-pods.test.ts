import { renderPlaceholderPods } from '../../../src/render/manifests/placeholder-pods';
import { ManifestObject } from '../../../src/render/types';
import {
  kubeOvnClusterFixture, nodePlanFixture, userspaceClusterFixture,
} from '../../support/render-plans';
import { expectValidManifests } from '../../support/schema-validate';

function containerOf(pod: ManifestObject): Record<string, any> {
  return (pod.spec as Record<string, any>).containers[0];
}

const onePool = nodePlanFixture();

const twoNumaPool = nodePlanFixture({
  numaNodes: 2, hosts: ['w1', 'w2'], housekeeping: '0,12', pmd: '1,13', socketMem: [1024, 2048],
});

describe('renderPlaceholderPods', () => {
  test('are valid pods in kube-system', () => {
    const pods = renderPlaceholderPods(userspaceClusterFixture({ nodes: [twoNumaPool] }));

    expectValidManifests(pods);
    expect(new Set(pods.map((p) => p.metadata.namespace))).toEqual(new Set(['kube-system']));
  });

  test('one per host and NUMA node', () => {
    const pods = renderPlaceholderPods(userspaceClusterFixture({ nodes: [twoNumaPool] }));

    expect(pods.map((p) => p.metadata.name)).toEqual([
      'ovs-hugepages-w1-numa0', 'ovs-hugepages-w1-numa1',
      'ovs-hugepages-w2-numa0', 'ovs-hugepages-w2-numa1',
    ]);
  });

  test('request exactly the OVS socket memory of their NUMA node', () => {
    const pods = renderPlaceholderPods(userspaceClusterFixture({ nodes: [twoNumaPool] }));

    expect(pods.map((p) => containerOf(p).resources.requests['hugepages-1Gi']))
      .toEqual(['1Gi', '2Gi', '1Gi', '2Gi']);
  });

  test('hold what OVS may hold: its socket memory rounded up to whole pages', () => {
    const pool = nodePlanFixture({ socketMem: [512] });

    const [pod] = renderPlaceholderPods(userspaceClusterFixture({ nodes: [pool] }));

    expect(containerOf(pod).resources.limits['hugepages-1Gi']).toBe('1Gi');
  });

  test('are Guaranteed without taking a whole CPU from the VMs', () => {
    const [pod] = renderPlaceholderPods(userspaceClusterFixture({ nodes: [onePool] }));

    const resources = containerOf(pod).resources;
    expect(resources.limits).toEqual(resources.requests);
    expect(resources.requests.cpu).toBe('10m');
  });

  test('are pinned to their host by hostname affinity', () => {
    const [pod] = renderPlaceholderPods(userspaceClusterFixture({ nodes: [onePool] }));

    const terms = (pod.spec as Record<string, any>).affinity.nodeAffinity
      .requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms;
    expect(terms[0].matchExpressions)
      .toEqual([{ key: 'kubernetes.io/hostname', operator: 'In', values: ['dpdk-1'] }]);
  });

  test('skip NUMA nodes where OVS takes no memory', () => {
    const pool = nodePlanFixture({
      numaNodes: 2, housekeeping: '0', pmd: '1', socketMem: [1024, 0],
    });

    const pods = renderPlaceholderPods(userspaceClusterFixture({ nodes: [pool] }));

    expect(pods.map((p) => p.metadata.name)).toEqual(['ovs-hugepages-dpdk-1-numa0']);
  });

  test('are left out when the Userspace CNI path turns them off', () => {
    const plan = userspaceClusterFixture();
    const off = { ...plan, spec: { ...plan.spec, userspaceCni: { hugepagePlaceholders: false } } };

    expect(renderPlaceholderPods(off)).toEqual([]);
  });

  test('are never rendered on Kube-OVN, whose ovs-ovn-dpdk pod books the pages itself', () => {
    const plan = kubeOvnClusterFixture();
    const asked = { ...plan, spec: { ...plan.spec, kubeOvn: { hugepagePlaceholders: true } } };

    expect([renderPlaceholderPods(plan), renderPlaceholderPods(asked)]).toEqual([[], []]);
  });
});
