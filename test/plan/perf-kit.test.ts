import { planCluster } from '../../src/plan/cluster';
import { attributeToKit, perfKitNodes } from '../../src/plan/perf-kit';
import { ClusterSpec, PerfKitSpec } from '../../src/spec';
import { manualGuideKubeOvn } from '../fixtures/specs/manual-guide-kube-ovn';
import { manualGuideUserspace } from '../fixtures/specs/manual-guide-userspace';
import { codesAndPaths, withCode } from '../support/findings';

/** The Userspace CNI guide cluster, its network given a range, with a kit. */
function userspace(perfKit: PerfKitSpec = {}): ClusterSpec {
  return {
    ...manualGuideUserspace,
    networks: [{ name: 'ovs-dpdk', cidr: '10.10.0.0/24', gateway: '10.10.0.254' }],
    perfKit,
  };
}

function kitOf(spec: ClusterSpec) {
  const { plan, diagnostics } = planCluster(spec);
  if (plan?.perfKit === undefined) {
    throw new Error(`no kit: ${codesAndPaths(diagnostics).join(', ')}`);
  }
  return { plan, kit: plan.perfKit, diagnostics };
}

describe('planCluster with a perf test kit', () => {
  test('plans it without a finding on the guide\'s cluster', () => {
    expect(kitOf(userspace()).diagnostics).toEqual([]);
  });

  test('runs it on the first two hosts of the cluster when no node is named', () => {
    expect(perfKitNodes(userspace(), {})).toEqual(['node-1', 'node-2']);
  });

  test('adds its 12 VMs after the cluster\'s own, pinned to their hosts', () => {
    const { plan } = kitOf(userspace());
    expect(plan.vms.slice(1).map((vm) => `${vm.name}@${vm.host}`).slice(2, 4)).toEqual([
      'perf-vhost-user-cross-node-server@node-1', 'perf-vhost-user-cross-node-client@node-2',
    ]);
  });

  test('counts its VMs in the hugepage ledger', () => {
    const { plan } = kitOf(userspace());
    const vms = plan.nodes[0].hugepages.perNumaNode.map((e) => e.vms.bytes)
      .reduce((a, b) => a + b, 0);
    expect(vms / 1024 ** 3).toBe(10);
  });

  test('gives each VM a whole core where the kubelet hands out whole cores only', () => {
    expect(kitOf(userspace()).plan.vms[1].cpus).toBe(2);
  });

  test('takes the vhost-user addresses from the top of the range, past the gateway', () => {
    const { kit } = kitOf(userspace());
    expect(kit.pairs[0].peer).toBe('10.10.0.253');
  });

  test('takes the range of the DHCP subnet of a Kube-OVN network, past its gateway', () => {
    const { kit } = kitOf({ ...manualGuideKubeOvn, perfKit: {} });
    expect(kit.pairs[0].peer).toBe('172.18.255.254');
  });

  test('measures bridge and masquerade over the pod network, with their bindings', () => {
    const { plan } = kitOf(userspace({ interfaceTypes: ['masquerade'] }));
    expect(plan.vms.slice(1).map((vm) => `${vm.podNetwork}/${vm.podNetworkBinding}`))
      .toEqual(['true/masquerade', 'true/masquerade', 'true/masquerade', 'true/masquerade']);
  });

  test('says nothing of its bridge and masquerade VMs having no vhost-user interface', () => {
    expect(withCode(kitOf(userspace()).diagnostics, 'VM021')).toEqual([]);
  });
});

describe('planCluster refuses a perf test kit', () => {
  const codes = (kit: PerfKitSpec, spec = userspace(kit)) =>
    codesAndPaths(planCluster(spec).diagnostics);

  test('on a node that is no host of the cluster', () => {
    expect(codes({ nodes: ['node-1', 'node-9'] })).toEqual(['PERF002 perfKit.nodes[1]']);
  });

  test('on one node named twice, showing the list as the spec writes it', () => {
    const [found] = planCluster(userspace({ nodes: ['node-1', 'node-1'] })).diagnostics;
    expect(found.message).toBe('perfKit.nodes [node-1, node-1] cannot be used: the two nodes '
      + 'are one, so cross-node pairs would run on one node');
  });

  test('across nodes with one node', () => {
    expect(codes({ nodes: ['node-1'], placements: ['cross-node'] }))
      .toEqual(['PERF003 perfKit.placements']);
  });

  test('with a name that cannot start a Service name', () => {
    expect(codes({ name: '9perf' })).toEqual(['PERF001 perfKit.name']);
  });

  test('whose VM would take the name of a VM of the cluster', () => {
    const spec = userspace({ name: 'ubuntu' });
    const taken = { ...spec.vms![0], name: 'ubuntu-bridge-same-node-client' };
    expect(codes({}, { ...spec, vms: [spec.vms![0], taken] })).toEqual(['PERF001 perfKit.name']);
  });

  test('measuring vhost-user over a network without a range', () => {
    expect(codes({}, { ...manualGuideUserspace, perfKit: {} })).toEqual(['PERF004 perfKit']);
  });

  test('naming a network that does not exist', () => {
    expect(codes({ network: 'nope' })).toEqual(['PERF004 perfKit.network']);
  });

  test('with run options out of range, each at its field', () => {
    expect(codes({ run: { duration: 0, udpMessageSizes: ['64Ki'] } }))
      .toEqual(['PERF005 perfKit.run.duration', 'PERF005 perfKit.run.udpMessageSizes']);
  });

  test('with a console path a shell would read as more than a path', () => {
    expect(codes({ console: { logFile: '/var/log/x; reboot' } }))
      .toEqual(['PERF006 perfKit.console.logFile']);
  });

  test('whose VMs do not fit, at the kit\'s memory, once', () => {
    const { diagnostics } = planCluster(userspace({ memory: '1536Mi' }));
    expect(codesAndPaths(diagnostics)).toEqual(['VM004 perfKit.memory']);
  });
});

describe('attributeToKit', () => {
  const kitVms = [{ name: 'perf-a-server', memory: '1Gi', interfaces: [] }];

  test('leaves the findings about the cluster\'s own VMs as they are', () => {
    const finding = {
      code: 'VM001',
      severity: 'error' as const,
      path: 'vms[0].cpus',
      message: 'm',
      hint: 'h',
    };
    expect(attributeToKit([finding], 1, kitVms)).toEqual([finding]);
  });

  test('names the kit\'s VM where the text names its index', () => {
    const [moved] = attributeToKit([{
      code: 'VM008',
      severity: 'error',
      path:
      'vms[1].interfaces[0].ip',
      message: 'ip is already the address of vms[1]',
      hint: 'h',
    }],
    1, kitVms);
    expect([moved.path, moved.message]).toEqual(['perfKit.network',
      'ip is already the address of the kit\'s VM perf-a-server']);
  });
});
