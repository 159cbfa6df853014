// The manual guide's two clusters, rendered and compared with the guide's own
// YAML wherever the two must agree.
import { parse } from 'yaml';
import { hasErrors } from '../../../src/diagnostics/diagnostic';
import { planCluster } from '../../../src/plan/cluster';
import { ClusterPlan } from '../../../src/plan/types';
import { renderManifests } from '../../../src/render/manifests';
import { ManifestObject } from '../../../src/render/types';
import { ClusterSpec } from '../../../src/spec';
import { manualGuideKubeOvn } from '../../fixtures/specs/manual-guide-kube-ovn';
import { manualGuideUserspace } from '../../fixtures/specs/manual-guide-userspace';
import { guideManifest } from '../../support/manual-guide';
import { expectValidManifests } from '../../support/schema-validate';

/**
 * The guide's cluster planned from its spec, with the guide's own cloud-init
 * (a plain-text password, allowed here so that the user data can be compared).
 */
function guidePlan(spec: ClusterSpec): ClusterPlan {
  const cloudInit = { password: 'password', allowPlainTextPassword: true };
  const result = planCluster({
    ...spec,
    vms: spec.vms!.map((vm) => ({ ...vm, cloudInit })),
  });
  if (result.plan === undefined || hasErrors(result.diagnostics)) {
    throw new Error(`the guide spec does not plan: ${JSON.stringify(result.diagnostics)}`);
  }
  return result.plan;
}

const kubeOvnGuidePlan = () => guidePlan(manualGuideKubeOvn);
const userspaceGuidePlan = () => guidePlan(manualGuideUserspace);

function rendered(plan: ClusterPlan, kind: string): Record<string, any> {
  const found = renderManifests(plan).find((o: ManifestObject) => o.kind === kind);
  if (found === undefined) {
    throw new Error(`no ${kind} rendered`);
  }
  return found;
}

/** Interfaces by name with their binding, as Virtink's webhook defaults them (bridge). */
function bindings(vm: Record<string, any>): Record<string, string> {
  return Object.fromEntries(vm.spec.instance.interfaces.map((i: Record<string, unknown>) => [
    i.name, ['vhostUser', 'bridge', 'masquerade', 'sriov', 'vdpa'].find((b) => b in i) ?? 'bridge',
  ]));
}

/** The fields of a VM the guide and the renderer must agree on. */
function vmContract(vm: Record<string, any>): Record<string, unknown> {
  const volumes = vm.spec.volumes as Record<string, any>[];
  return {
    apiVersion: vm.apiVersion ?? 'virt.virtink.smartx.com/v1alpha1',
    kind: vm.kind,
    name: vm.metadata.name,
    resources: vm.spec.resources,
    cpu: vm.spec.instance.cpu,
    memory: vm.spec.instance.memory,
    bindings: bindings(vm),
    networks: vm.spec.networks,
    image: volumes.find((v) => v.containerDisk)?.containerDisk.image,
    userData: parse(volumes.find((v) => v.cloudInit)?.cloudInit.userData),
  };
}

describe('the Kube-OVN cluster of the manual guide', () => {
  test('the NAD config equals the guide\'s', () => {
    const nad = rendered(kubeOvnGuidePlan(), 'NetworkAttachmentDefinition');
    const guide = guideManifest('NetworkAttachmentDefinition', 0);

    expect(JSON.parse(nad.spec.config)).toEqual(JSON.parse(guide.spec.config));
  });

  test('the VM agrees with the guide\'s on every field the guide sets', () => {
    const vm = rendered(kubeOvnGuidePlan(), 'VirtualMachine');

    expect(vmContract(vm)).toEqual(vmContract(guideManifest('VirtualMachine', 0)));
  });

  test('every object is valid (Kube-OVN v1.10 has no CRD copy; v1.15 is the oldest)', () => {
    expectValidManifests(renderManifests(kubeOvnGuidePlan()), { kubeOvnVersion: 'v1.15' });
  });

  test('the VM adds what the guide leaves to chance: apiVersion, MAC, runPolicy, node', () => {
    const plan = kubeOvnGuidePlan();
    const vm = rendered(plan, 'VirtualMachine');

    expect(vm.apiVersion).toBe('virt.virtink.smartx.com/v1alpha1');
    expect(vm.spec.instance.interfaces[0].mac).toBe(plan.vms[0].interfaces[0].mac.toString());
    expect(vm.spec.runPolicy).toBe('Always');
    expect(vm.spec.nodeSelector).toEqual({ 'ovn.kubernetes.io/ovs_dp_type': 'userspace' });
  });

  test('the Subnet agrees with the guide\'s sample where the meaning is the same', () => {
    const subnet = rendered(kubeOvnGuidePlan(), 'Subnet');
    const guide = guideManifest('Subnet');
    const shared = [
      'cidrBlock', 'default', 'disableGatewayCheck', 'gateway', 'gatewayType',
      'natOutgoing', 'protocol', 'vpc', 'enableDHCP',
    ];

    const pick = (spec: Record<string, unknown>) =>
      Object.fromEntries(shared.map((key) => [key, spec[key]]));
    expect(pick(subnet.spec)).toEqual(pick(guide.spec));
  });
});

describe('the Userspace CNI cluster of the manual guide', () => {
  test('every object is valid', () => {
    expectValidManifests(renderManifests(userspaceGuidePlan()));
  });

  test('the NAD config agrees with the guide\'s but for the network name', () => {
    const nad = rendered(userspaceGuidePlan(), 'NetworkAttachmentDefinition');
    const guide = JSON.parse(guideManifest('NetworkAttachmentDefinition', 1).spec.config);

    const { name, ...config } = JSON.parse(nad.spec.config);
    const { name: guideName, ...guideConfig } = guide;
    expect(config).toEqual(guideConfig);
    // The guide names the network nad-ovs-dpdk; Multus expects the NAD name.
    expect([name, guideName]).toEqual(['ovs-dpdk', 'nad-ovs-dpdk']);
  });

  test('the VM agrees with the guide\'s on every field the guide sets but its vCPUs', () => {
    const vm = rendered(userspaceGuidePlan(), 'VirtualMachine');
    const guide = structuredClone(guideManifest('VirtualMachine', 1));

    // The guide's 1 vCPU is half a core, which full-pcpus-only refuses (VM024).
    guide.spec.instance.cpu.coresPerSocket = 2;
    guide.spec.resources.limits.cpu = 2;
    guide.spec.resources.requests.cpu = 2;
    expect(vmContract(vm)).toEqual(vmContract(guide));
  });
});
