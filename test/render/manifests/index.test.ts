import { Size } from '../../../src/model/size';
import { planCluster } from '../../../src/plan/cluster';
import { ClusterPlan } from '../../../src/plan/types';
import { renderManifests } from '../../../src/render/manifests';
import { ManifestObject } from '../../../src/render/types';
import { manualGuideKubeOvn } from '../../fixtures/specs/manual-guide-kube-ovn';
import { kubeOvnClusterFixture, userspaceClusterFixture } from '../../support/render-plans';
import { expectValidManifests } from '../../support/schema-validate';

/** The `hugepages-1Gi` every container of a pod or DaemonSet requests. */
function hugepageRequests(object: ManifestObject): Size[] {
  const spec = object.spec as Record<string, any>;
  const containers: Array<Record<string, any>> = object.kind === 'VirtualMachine'
    ? [{ resources: spec.resources }]
    : (object.kind === 'Pod' ? spec : spec.template?.spec)?.containers ?? [];
  return containers.flatMap((c) => {
    const amount = c.resources?.requests?.['hugepages-1Gi'];
    return amount === undefined ? [] : [Size.parse(String(amount))];
  });
}

function kindsOf(plan = kubeOvnClusterFixture()): string[] {
  return renderManifests(plan).map((o) => `${o.kind}/${o.metadata.name}`);
}

describe('renderManifests', () => {
  test('every object of the Kube-OVN cluster is valid', () => {
    expectValidManifests(renderManifests(kubeOvnClusterFixture()), { kubeOvnVersion: 'v1.16' });
  });

  test('every object of the Userspace CNI cluster is valid', () => {
    expectValidManifests(renderManifests(userspaceClusterFixture()));
  });

  test('applies in dependency order: NADs, Subnets, overrides, VMs', () => {
    expect(kindsOf()).toEqual([
      'NetworkAttachmentDefinition/ovn-dpdk',
      'Subnet/sn-dhcp',
      'DaemonSet/ovs-ovn-dpdk',
      'DaemonSet/ovs-ovn',
      'VirtualMachine/ubuntu-vhostuser',
    ]);
  });

  test('books the placeholders before the VMs on the Userspace CNI path', () => {
    expect(kindsOf(userspaceClusterFixture())).toEqual([
      'NetworkAttachmentDefinition/ovs-dpdk',
      'Pod/ovs-hugepages-dpdk-1-numa0',
      'Pod/ovs-hugepages-dpdk-1-numa1',
      'VirtualMachine/ubuntu-vhostuser',
    ]);
  });

  test('a full Kube-OVN host is asked for no more hugepages than it has', () => {
    // The guide's node: 60 pages of 1Gi, OVS 1Gi, and 59Gi of VMs beside it.
    const vms = Array.from({ length: 10 }, (_, i) => ({
      ...manualGuideKubeOvn.vms?.[0],
      name: `vm-${i}`,
      memory: i < 9 ? '6Gi' : '5Gi',
      interfaces: [{ network: 'ovn-dpdk' }],
    }));
    const { plan, diagnostics } = planCluster({ ...manualGuideKubeOvn, vms });

    const requested = renderManifests(plan as ClusterPlan).flatMap(hugepageRequests);

    // Their 20 vCPUs take the host's VM CPUs too, which is only a warning.
    expect(diagnostics.map((d) => d.code)).toEqual(['VM028']);
    expect(String(Size.sum(requested))).toBe('60Gi');
  });

  test('the same plan always gives the same objects', () => {
    expect(JSON.stringify(renderManifests(userspaceClusterFixture())))
      .toBe(JSON.stringify(renderManifests(userspaceClusterFixture())));
  });
});
