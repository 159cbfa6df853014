import { renderVirtualMachine, vmResources } from '../../../src/render/manifests/vm';
import { ManifestObject } from '../../../src/render/types';
import {
  kubeOvnClusterFixture, nodePlanFixture, userspaceClusterFixture, vmPlanFixture,
} from '../../support/render-plans';
import { expectValidManifests } from '../../support/schema-validate';

/** The spec of a rendered VM, typed loosely for assertions. */
function specOf(vm: ManifestObject): Record<string, any> {
  return vm.spec as Record<string, any>;
}

describe('vmResources', () => {
  test('cpu is sockets × cores per socket, in requests and limits alike', () => {
    const resources = vmResources(vmPlanFixture({ sockets: 2, coresPerSocket: 3 }));

    expect(resources.requests.cpu).toBe(6);
    expect(resources.limits).toEqual(resources.requests);
  });

  test('memory is the 256Mi overhead alone: hugepage-backed guest memory is not counted', () => {
    const resources = vmResources(vmPlanFixture({ memory: '8Gi' }));

    expect(resources.requests.memory).toBe('256Mi');
  });

  test('hugepages of the page size equal the guest memory', () => {
    const resources = vmResources(vmPlanFixture({ memory: '3Gi', pageSize: '1Gi' }));

    expect(resources.requests['hugepages-1Gi']).toBe('3Gi');
  });

  test('2Mi pages are requested as hugepages-2Mi', () => {
    const resources = vmResources(vmPlanFixture({ memory: '1536Mi', pageSize: '2Mi' }));

    expect(resources.limits).toEqual({ 'cpu': 1, 'memory': '256Mi', 'hugepages-2Mi': '1536Mi' });
  });
});

describe('renderVirtualMachine', () => {
  test('is a valid Virtink VirtualMachine with its apiVersion', () => {
    const plan = userspaceClusterFixture();

    const vm = renderVirtualMachine(plan.vms[0], plan);

    expectValidManifests([vm]);
    expect(vm.apiVersion).toBe('virt.virtink.smartx.com/v1alpha1');
  });

  test('instance has dedicated CPUs and hugepage-backed memory', () => {
    const plan = kubeOvnClusterFixture({
      vms: [vmPlanFixture({ sockets: 2, coresPerSocket: 2, memory: '4Gi' })],
    });

    const instance = specOf(renderVirtualMachine(plan.vms[0], plan)).instance;

    expect(instance.cpu).toEqual({ sockets: 2, coresPerSocket: 2, dedicatedCPUPlacement: true });
    expect(instance.memory).toEqual({ size: '4Gi', hugepages: { pageSize: '1Gi' } });
  });

  test('a vhost-user NIC is a vhostUser interface with its MAC on a Multus network', () => {
    const plan = kubeOvnClusterFixture();

    const spec = specOf(renderVirtualMachine(plan.vms[0], plan));

    expect(spec.instance.interfaces)
      .toEqual([{ name: 'vhostuser', mac: '02:00:00:00:00:01', vhostUser: {} }]);
    expect(spec.networks).toEqual([{ name: 'vhostuser', multus: { networkName: 'ovn-dpdk' } }]);
  });

  test('the pod network comes first, with a bridge binding', () => {
    const plan = userspaceClusterFixture();

    const spec = specOf(renderVirtualMachine(plan.vms[0], plan));

    expect(spec.networks.map((n: { name: string }) => n.name)).toEqual(['pod', 'vhostuser']);
    expect(spec.networks[0]).toEqual({ name: 'pod', pod: {} });
    expect(spec.instance.interfaces[0]).toMatchObject({ name: 'pod', bridge: {} });
  });

  test('binds the pod network with masquerade when the plan says so', () => {
    const plan = userspaceClusterFixture({
      vms: [vmPlanFixture({ podNetwork: true, podNetworkBinding: 'masquerade' })],
    });

    const spec = specOf(renderVirtualMachine(plan.vms[0], plan));

    expect(spec.instance.interfaces[0]).toEqual(expect.objectContaining({ masquerade: {} }));
    expectValidManifests([renderVirtualMachine(plan.vms[0], plan)]);
  });

  test('a VM pinned to a host may run on that host only', () => {
    const plan = userspaceClusterFixture({ vms: [vmPlanFixture({ host: 'dpdk-2' })] });

    const spec = specOf(renderVirtualMachine(plan.vms[0], plan));

    expect(spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution
      .nodeSelectorTerms[0].matchExpressions[0].values).toEqual(['dpdk-2']);
  });

  test('every disk has a volume of the same name', () => {
    const plan = userspaceClusterFixture();

    const spec = specOf(renderVirtualMachine(plan.vms[0], plan));

    const disks = spec.instance.disks.map((d: { name: string }) => d.name);
    expect(spec.volumes.map((v: { name: string }) => v.name)).toEqual(disks);
  });

  test('without cloud-init content there is no cloud-init disk', () => {
    const plan = kubeOvnClusterFixture({ networks: [] });

    const spec = specOf(renderVirtualMachine(plan.vms[0], plan));

    expect(spec.instance.disks).toEqual([{ name: 'root' }]);
  });

  test('the root disk is the planned container disk image', () => {
    const plan = kubeOvnClusterFixture();
    const custom = { ...plan.vms[0], image: 'example.com/vm/debian:12' };

    const image = (vm: ManifestObject) => specOf(vm).volumes[0].containerDisk.image;

    expect(image(renderVirtualMachine(custom, plan))).toBe('example.com/vm/debian:12');
  });

  test('runPolicy is the planned one', () => {
    const plan = kubeOvnClusterFixture();
    const manual = { ...plan.vms[0], runPolicy: 'Manual' as const };

    expect(specOf(renderVirtualMachine(manual, plan)).runPolicy).toBe('Manual');
  });

  test('always carries an annotation, so that Virtink never writes into a nil map', () => {
    const plan = kubeOvnClusterFixture();

    const vm = renderVirtualMachine(plan.vms[0], plan);

    expect(vm.metadata.annotations).toEqual({ 'vhost-user-k8s.io/generated-by': 'vhost-user-k8s' });
  });

  test('never sets the Multus networks annotation, which Virtink overwrites', () => {
    const plan = kubeOvnClusterFixture();
    const vm = vmPlanFixture({
      spec: { annotations: { 'k8s.v1.cni.cncf.io/networks': 'x', 'team': 'nfv' } },
    });

    const annotations = renderVirtualMachine(vm, plan).metadata.annotations;

    expect(Object.keys(annotations!).sort())
      .toEqual(['team', 'vhost-user-k8s.io/generated-by']);
  });

  test('leaves the MAC annotation of provider ovn-dpdk.default.ovn to Virtink', () => {
    const plan = kubeOvnClusterFixture();

    const annotations = renderVirtualMachine(plan.vms[0], plan).metadata.annotations!;

    expect(Object.keys(annotations).filter((k) => k.includes('mac_address'))).toEqual([]);
  });

  test('pins MAC and address through the annotations of any other Kube-OVN provider', () => {
    const base = kubeOvnClusterFixture();
    const network = { ...base.networks[0], provider: 'dpdk.nfv.ovn' };
    const vm = vmPlanFixture({ address: '172.18.0.20/16' });
    const plan = kubeOvnClusterFixture({ networks: [network], vms: [vm] });

    const annotations = renderVirtualMachine(vm, plan).metadata.annotations!;

    expect(annotations['dpdk.nfv.ovn.kubernetes.io/mac_address']).toBe('02:00:00:00:00:01');
    expect(annotations['dpdk.nfv.ovn.kubernetes.io/ip_address']).toBe('172.18.0.20');
  });

  test('on Kube-OVN selects the OVS-DPDK node label', () => {
    const plan = kubeOvnClusterFixture();

    const spec = specOf(renderVirtualMachine(plan.vms[0], plan));

    expect(spec.nodeSelector).toEqual({ 'ovn.kubernetes.io/ovs_dp_type': 'userspace' });
  });

  test('on Userspace CNI sets no node selector', () => {
    const plan = userspaceClusterFixture();

    expect(specOf(renderVirtualMachine(plan.vms[0], plan)).nodeSelector).toBeUndefined();
  });

  test('runs only on the hosts of the pools it fits, by hostname affinity', () => {
    const pool = nodePlanFixture({ hosts: ['worker-1', 'worker-2'] });
    const plan = userspaceClusterFixture({ nodes: [pool] });

    const affinity = specOf(renderVirtualMachine(plan.vms[0], plan)).affinity;

    expect(affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution)
      .toEqual({
        nodeSelectorTerms: [{
          matchExpressions: [{
            key: 'kubernetes.io/hostname', operator: 'In', values: ['worker-1', 'worker-2'],
          }],
        }],
      });
  });

  test('a VM pinned to a pool runs only on that pool', () => {
    const pools = [
      nodePlanFixture({ name: 'dpdk', hosts: ['a'] }),
      nodePlanFixture({ name: 'edge', hosts: ['b'] }),
    ];
    const vm = vmPlanFixture({ nodePool: 'edge' });
    const plan = kubeOvnClusterFixture({ nodes: pools, vms: [vm] });

    const affinity = specOf(renderVirtualMachine(vm, plan)).affinity;

    const terms = affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution;
    expect(terms.nodeSelectorTerms[0].matchExpressions[0].values).toEqual(['b']);
  });

  test('a VM that fits nowhere may run on any pool', () => {
    const pools = [
      nodePlanFixture({ name: 'dpdk', hosts: ['a'] }),
      nodePlanFixture({ name: 'edge', hosts: ['b'] }),
    ];
    const vm = vmPlanFixture({ fitsOn: [] });
    const plan = kubeOvnClusterFixture({ nodes: pools, vms: [vm] });

    const affinity = specOf(renderVirtualMachine(vm, plan)).affinity;

    const terms = affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution;
    expect(terms.nodeSelectorTerms[0].matchExpressions[0].values).toEqual(['a', 'b']);
  });
});
