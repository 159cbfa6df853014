// The manual guide's two clusters, rendered and compared with the guide's own
// YAML wherever the two must agree.
import { parse } from 'yaml';
import { ClusterPlan } from '../../../src/plan/types';
import { renderManifests } from '../../../src/render/manifests';
import { ManifestObject } from '../../../src/render/types';
import { guideManifest } from '../../support/manual-guide';
import { kubeOvnClusterFixture, userspaceClusterFixture } from '../../support/render-plans';

const guideCloudInit = {
  password: 'password', allowPlainTextPassword: true,
};

function kubeOvnGuidePlan(): ClusterPlan {
  const plan = kubeOvnClusterFixture();
  const vm = { ...plan.vms[0], spec: { ...plan.vms[0].spec, cloudInit: guideCloudInit } };
  return { ...plan, vms: [vm] };
}

function userspaceGuidePlan(): ClusterPlan {
  const plan = userspaceClusterFixture();
  const vm = { ...plan.vms[0], spec: { ...plan.vms[0].spec, cloudInit: guideCloudInit } };
  return { ...plan, vms: [vm] };
}

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

  test('the VM adds what the guide leaves to chance: apiVersion, MAC, runPolicy, node', () => {
    const vm = rendered(kubeOvnGuidePlan(), 'VirtualMachine');

    expect(vm.apiVersion).toBe('virt.virtink.smartx.com/v1alpha1');
    expect(vm.spec.instance.interfaces[0].mac).toBe('02:00:00:00:00:01');
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
  test('the NAD config agrees with the guide\'s but for the names of the network and log', () => {
    const nad = rendered(userspaceGuidePlan(), 'NetworkAttachmentDefinition');
    const guide = JSON.parse(guideManifest('NetworkAttachmentDefinition', 1).spec.config);

    const { name: _n, logFile: _l, ...config } = JSON.parse(nad.spec.config);
    const { name: _gn, logFile: _gl, ...guideConfig } = guide;
    expect(config).toEqual(guideConfig);
  });

  test('the VM agrees with the guide\'s on every field the guide sets', () => {
    const vm = rendered(userspaceGuidePlan(), 'VirtualMachine');
    expect(vmContract(vm)).toEqual(vmContract(guideManifest('VirtualMachine', 1)));
  });
});
