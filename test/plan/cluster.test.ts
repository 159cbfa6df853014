import * as fc from 'fast-check';
import { Size } from '../../src/model/size';
import { planCluster } from '../../src/plan/cluster';
import { ClusterSpec, NodeSpec } from '../../src/spec';
import { manualGuideKubeOvn } from '../fixtures/specs/manual-guide-kube-ovn';
import { manualGuideUserspace } from '../fixtures/specs/manual-guide-userspace';
import { codesAndPaths, withCode } from '../support/findings';

/** Plans a value that may not be a spec at all. */
function planAny(value: unknown) {
  return planCluster(value as ClusterSpec);
}

const guide = manualGuideUserspace;

describe('planCluster on the manual guide\'s clusters', () => {
  test.each([
    ['Kube-OVN', manualGuideKubeOvn],
    ['Userspace CNI', manualGuideUserspace],
  ])('plans the %s cluster without a finding', (_, spec) => {
    const result = planCluster(spec);
    expect(result.diagnostics).toEqual([]);
    expect(result.plan?.vms[0].placement[0].assigned).toBe(0);
  });

  test('puts the VM\'s hugepages into the hugepage ledger of its NUMA node', () => {
    const node = planCluster(guide).plan?.nodes[0];
    expect(node?.hugepages.perNumaNode.map((e) => e.vms.toString())).toEqual(['1Gi', '0']);
  });

  test('resolves the versions: kubelet 1.32, OVS 2.16 inside the Kube-OVN v1.10.7 image', () => {
    const plan = planCluster(manualGuideKubeOvn).plan;
    expect([plan?.kubeletVersion, plan?.ovsVersion, plan?.kubeOvnVersion])
      .toEqual(['1.32', '2.16', 'v1.10.7']);
  });

  test('takes Debian 12\'s OVS 3.1 on the Userspace CNI path', () => {
    expect(planCluster(guide).plan?.ovsVersion).toBe('3.1');
  });

  test('takes OVS 3.5 from the default Kube-OVN release', () => {
    const spec = { ...manualGuideKubeOvn, kubeOvn: {} };
    expect(planCluster(spec).plan?.ovsVersion).toBe('3.5');
  });

  test('reports the VM placement per pool NUMA node', () => {
    const [pool] = planCluster(guide).plan?.placement ?? [];
    expect(pool.numaNodes.map((n) => `${n.numaNode}:${n.vms}`)).toEqual(['0:1', '1:0']);
  });
});

describe('planCluster: spec-level rules', () => {
  test('refuses a value that is not a spec, without a plan', () => {
    const result = planAny('cluster');
    expect(result.plan).toBeUndefined();
    expect(result.diagnostics[0]).toMatchObject({
      code: 'SPEC001', path: '', message: 'the cluster spec must be an object, found "cluster"',
    });
  });

  test('reports wrong types and unknown fields with their paths', () => {
    const result = planAny({ ...guide, vms: [{ ...guide.vms?.[0], cpus: 'two', colour: 'red' }] });
    expect(codesAndPaths(result.diagnostics)).toEqual(expect.arrayContaining([
      'SPEC001 vms[0].cpus', 'SPEC001 vms[0].colour',
    ]));
    expect(result.diagnostics.find((d) => d.path === 'vms[0].cpus')?.message)
      .toBe('vms[0].cpus must be a number, found "two"');
  });

  test('refuses a cluster with both paths', () => {
    const result = planCluster({ ...guide, kubeOvn: {} });
    expect(result.plan).toBeUndefined();
    expect(withCode(result.diagnostics, 'SPEC002')[0].message)
      .toBe('both kubeOvn and userspaceCni are given; a cluster uses one vhost-user path');
  });

  test('refuses a cluster with no path', () => {
    const { userspaceCni: _, ...none } = guide;
    expect(withCode(planCluster(none).diagnostics, 'SPEC002')[0].message)
      .toBe('neither kubeOvn nor userspaceCni is given; the cluster has no vhost-user path');
  });

  test.each([
    [{ name: 'Guide' }, 'name', 'cluster name "Guide" is not a DNS-1123 label: it has uppercase'],
    [{ networks: [{ name: 'ovs_dpdk' }] }, 'networks[0].name', 'network name "ovs_dpdk"'],
    [{ vms: [{ ...guide.vms?.[0], namespace: '-x' }] } as Partial<ClusterSpec>,
      'vms[0].namespace', 'namespace "-x" is not a DNS-1123 label: it starts or ends with -'],
    [{ userspaceCni: undefined, kubeOvn: { namespace: 'kube system' } },
      'kubeOvn.namespace', 'namespace "kube system" is not a DNS-1123 label'],
  ])('refuses the name in %j', (changes, path, text) => {
    const [finding] = withCode(planCluster({ ...guide, ...changes }).diagnostics, 'SPEC003');
    expect(finding.path).toBe(path);
    expect(finding.message).toContain(text);
  });

  test('refuses a host name that is not a node name', () => {
    const nodes = [{ ...guide.nodes[0], hosts: [{ name: 'Node_1' }] }];
    const [finding] = withCode(planCluster({ ...guide, nodes }).diagnostics, 'SPEC003');
    expect(finding.path).toBe('nodes[0].hosts[0].name');
    expect(finding.upstream).toContain('RFC 1123 subdomain');
  });

  test('refuses a node name that the hostname label cannot hold', () => {
    const name = `${'a'.repeat(60)}.example.com`;
    const nodes = [{ ...guide.nodes[0], hosts: [{ name }] }];
    const [finding] = withCode(planCluster({ ...guide, nodes }).diagnostics, 'SPEC003');
    expect(finding.path).toBe('nodes[0].hosts[0].name');
    expect(finding.message).toContain('has 72 characters');
    expect(finding.upstream).toBe('must be no more than 63 characters');
  });

  test('takes a node name of 63 characters', () => {
    const nodes = [{ ...guide.nodes[0], hosts: [{ name: `${'a'.repeat(51)}.example.com` }] }];
    expect(withCode(planCluster({ ...guide, nodes }).diagnostics, 'SPEC003')).toEqual([]);
  });

  test.each([
    [{ networks: [{ name: 'ovs-dpdk' }, { name: 'ovs-dpdk' }] }, 'networks[1].name',
      'network name "ovs-dpdk" in namespace "default" is already used at networks[0].name'],
    [{ vms: [guide.vms?.[0], guide.vms?.[0]] } as Partial<ClusterSpec>, 'vms[1].name',
      'VM name "ubuntu-vhostuser" in namespace "default" is already used at vms[0].name'],
    [{ nodes: [guide.nodes[0], { ...guide.nodes[0], name: 'other' }] }, 'nodes[1].hosts[0].name',
      'Kubernetes node name "node-1" is already used at nodes[0].hosts[0].name'],
  ])('refuses a name used twice: %#', (changes, path, message) => {
    const [finding] = withCode(planCluster({ ...guide, ...changes }).diagnostics, 'SPEC004');
    expect(finding.path).toBe(path);
    expect(finding.message).toBe(message);
  });

  test('allows one VM name in two namespaces', () => {
    const vms = [guide.vms?.[0], { ...guide.vms?.[0], namespace: 'b' }] as ClusterSpec['vms'];
    expect(withCode(planCluster({ ...guide, vms }).diagnostics, 'SPEC004')).toEqual([]);
  });

  test('refuses an unreadable version and plans with the default', () => {
    const result = planCluster({ ...guide, versions: { kubelet: 'latest' } });
    const [finding] = withCode(result.diagnostics, 'SPEC005');
    expect(finding.path).toBe('versions.kubelet');
    expect(finding.message).toContain('versions.kubelet "latest" cannot be read');
    expect(result.plan?.kubeletVersion).toBe('1.32');
  });

  test('refuses a Kube-OVN release without the hybrid DPDK mode', () => {
    const spec = { ...manualGuideKubeOvn, kubeOvn: { version: 'v1.9.30' } };
    expect(withCode(planCluster(spec).diagnostics, 'SPEC006')[0].message)
      .toContain('Kube-OVN v1.9.30 has no hybrid OVS-DPDK mode');
  });

  test('warns when versions.ovs disagrees with the Kube-OVN image', () => {
    const spec = { ...manualGuideKubeOvn, versions: { ovs: '3.1' } };
    const [finding] = withCode(planCluster(spec).diagnostics, 'SPEC007');
    expect(finding.message).toContain('the Kube-OVN v1.10.7 DPDK image runs OVS 2.16');
  });

  test('warns that a Kube-OVN release newer than the library knows is planned as v1.16', () => {
    const spec = { ...manualGuideKubeOvn, kubeOvn: { version: 'v9.9.9' } };
    const [finding] = withCode(planCluster(spec).diagnostics, 'SPEC010');
    expect(finding).toMatchObject({ severity: 'warning', path: 'kubeOvn.version' });
    expect(finding.message).toContain('it is planned as v1.16: OVS 3.5 in its DPDK image');
  });

  test('takes a patch release of the newest known line without a word', () => {
    const spec = { ...manualGuideKubeOvn, kubeOvn: { version: 'v1.16.9' } };
    expect(withCode(planCluster(spec).diagnostics, 'SPEC010')).toEqual([]);
  });

  test('refuses two Kube-OVN hosts with one tunnel address', () => {
    const [pool] = manualGuideKubeOvn.nodes;
    const hosts = [{ name: 'node-1', encapIp: '192.168.0.10/20' },
      { name: 'node-2', encapIp: '192.168.0.10/24' }];
    const spec = { ...manualGuideKubeOvn, nodes: [{ ...pool, hosts }] };
    expect(codesAndPaths(withCode(planCluster(spec).diagnostics, 'OVS020')))
      .toEqual(['OVS020 nodes[0].hosts[1].encapIp']);
  });

  test('warns that a tunnel address is ignored on the Userspace CNI path', () => {
    const hosts = [{ name: 'node-1', encapIp: '10.0.0.1/24' }];
    const spec = { ...guide, nodes: [{ ...guide.nodes[0], hosts }] };
    expect(codesAndPaths(planCluster(spec).diagnostics))
      .toEqual(['OVS021 nodes[0].hosts[0].encapIp']);
  });

  test('refuses a cluster without node pools', () => {
    const result = planCluster({ ...guide, nodes: [], vms: [] });
    expect(codesAndPaths(result.diagnostics)).toEqual(['SPEC008 nodes']);
  });

  test('names the allowed values of an enum field', () => {
    const spec = { ...guide, userspaceCni: { logLevel: 'chatty' } };
    const [finding] = withCode(planAny(spec).diagnostics, 'SPEC001');
    expect(finding.path).toBe('userspaceCni.logLevel');
    expect(finding.message).toBe('userspaceCni.logLevel is "chatty", which is not an allowed value');
    expect(finding.hint).toContain('"panic", "error", "warning", "info", "debug", "verbose"');
  });

  test('refuses a relative Userspace CNI log file', () => {
    const spec = { ...guide, userspaceCni: { logFile: 'cni.log' } };
    expect(codesAndPaths(planCluster(spec).diagnostics)).toEqual(['NET009 userspaceCni.logFile']);
  });

  test('refuses Userspace CNI settings that are not absolute paths', () => {
    const spec = { ...guide, userspaceCni: { kubeconfig: 'multus.kubeconfig' } };
    const [finding] = withCode(planCluster(spec).diagnostics, 'NET009');
    expect(finding.path).toBe('userspaceCni.kubeconfig');
    expect(finding.upstream).toBe('userspace configuration data not found');
  });
});

describe('planCluster: the ovs-ovn-dpdk pod on Kube-OVN', () => {
  const [guidePool] = manualGuideKubeOvn.nodes;
  // A second pool on a two-NUMA-node box, where OVS holds 1Gi on each: the one
  // DaemonSet then asks every host for 2Gi.
  const big: NodeSpec = {
    ...guidePool,
    name: 'big',
    hosts: [{ name: 'node-2', encapIp: '192.168.0.11/20' }],
    topology: {
      uniform: {
        numaNodes: 2, coresPerNumaNode: 16, threadsPerCore: 1, memoryPerNumaNode: '64Gi',
      },
    },
    cpus: { housekeeping: '0-1', pmd: '8-9,24-25' },
    hugepages: { pagesPerNumaNode: 8 },
    ovs: {},
  };
  const twoPools = (pool: Partial<NodeSpec> = {}, vms: ClusterSpec['vms'] = []) =>
    planCluster({ ...manualGuideKubeOvn, nodes: [{ ...guidePool, ...pool }, big], vms });

  test('asks every host for what the pool that holds the most needs', () => {
    expect(String(twoPools().plan?.ovsDpdkPod?.hugepages)).toBe('2Gi');
  });

  test('books that request in the ledger of a pool where OVS holds less', () => {
    const host = twoPools().plan?.nodes[0].hugepages.host;
    expect([String(host?.ovsPod), String(host?.unusedByOvs)]).toEqual(['2Gi', '1Gi']);
  });

  test('leaves a VM of the smaller pool only what its host keeps beside the request', () => {
    const vm = { ...manualGuideKubeOvn.vms?.[0], nodePool: 'dpdk', memory: '59Gi' };
    const { diagnostics } = twoPools({}, [vm as NonNullable<ClusterSpec['vms']>[0]]);
    expect(withCode(diagnostics, 'VM018').map((d) => d.upstream))
      .toEqual(['Insufficient hugepages-1Gi']);
  });

  test('sizes the smaller pool\'s pages so that the kubelet\'s books balance', () => {
    const { hugepages } = twoPools({ hugepages: { size: '1Gi' } }).plan?.nodes[0] ?? {};
    expect([hugepages?.perNumaNode[0].pages, hugepages?.host?.free]).toEqual([2, Size.ZERO]);
  });

  test('refuses fixed pages that cannot hold the request (HUGE007)', () => {
    const { diagnostics } = twoPools({ hugepages: { pagesPerNumaNode: 1 } });
    expect(codesAndPaths(withCode(diagnostics, 'HUGE007')))
      .toEqual(['HUGE007 nodes[0].hugepages.pagesPerNumaNode']);
  });

  test('warns that placeholder pods are not written on Kube-OVN (HUGE009)', () => {
    const spec = { ...manualGuideKubeOvn, kubeOvn: { hugepagePlaceholders: true } };
    expect(codesAndPaths(planCluster(spec).diagnostics))
      .toEqual(['HUGE009 kubeOvn.hugepagePlaceholders']);
  });
});

describe('planCluster never throws', () => {
  test('for any value at all', () => {
    fc.assert(fc.property(fc.anything(), (value) => {
      const result = planAny(value);
      expect(withCode(result.diagnostics, 'SPEC000')).toEqual([]);
    }), { numRuns: 300 });
  });

  test('for the guide\'s cluster with any field replaced by any value', () => {
    const paths = [
      ['vms', 0, 'cpus'], ['vms', 0, 'memory'], ['vms', 0, 'interfaces'], ['networks', 0],
      ['nodes', 0, 'hugepages'], ['nodes', 0, 'topology'], ['userspaceCni'], ['versions'],
      ['vms', 0, 'interfaces', 0, 'ip'], ['vms', 0, 'cloudInit'], ['nodes', 0, 'cpus'],
    ];
    fc.assert(fc.property(fc.constantFrom(...paths), fc.anything(), (path, value) => {
      const spec = structuredClone(guide) as unknown as Record<string | number, unknown>;
      let at = spec;
      for (const key of path.slice(0, -1)) {
        at = at[key] as Record<string | number, unknown>;
      }
      at[path[path.length - 1]] = value;
      expect(withCode(planAny(spec).diagnostics, 'SPEC000')).toEqual([]);
    }), { numRuns: 300 });
  });

  test('for well-typed specs with arbitrary values', () => {
    const vm = fc.record({
      name: fc.string({ maxLength: 8 }),
      cpus: fc.integer({ min: -2, max: 80 }),
      sockets: fc.integer({ min: 0, max: 4 }),
      memory: fc.constantFrom('1Gi', '3Gi', '0', '1.5Gi', 'lots', '200Gi'),
      nodePool: fc.constantFrom(undefined, 'dpdk', 'nope'),
      interfaces: fc.array(fc.record({
        network: fc.constantFrom('ovs-dpdk', 'static', 'missing'),
        ip: fc.constantFrom(undefined, '10.1.0.1', '10.1.0.300', '10.1.0.0'),
        mac: fc.constantFrom(undefined, '02:00:00:00:00:01', 'zz'),
      }, { requiredKeys: ['network'] }), { maxLength: 3 }),
    }, { requiredKeys: ['name', 'memory', 'interfaces'] });
    fc.assert(fc.property(fc.array(vm, { maxLength: 6 }), (vms) => {
      const spec = {
        ...guide,
        networks: [{ name: 'ovs-dpdk' }, { name: 'static', cidr: '10.1.0.0/29' }],
        vms: vms.map((v) => JSON.parse(JSON.stringify(v))),
      };
      expect(withCode(planCluster(spec).diagnostics, 'SPEC000')).toEqual([]);
    }), { numRuns: 150 });
  });
});
