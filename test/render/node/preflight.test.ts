import { NodePlan } from '../../../src/plan/types';
import { renderNodeFiles } from '../../../src/render/node';
import { FakeNode, FakeNodeOptions } from '../../support/fake-node-root';
import { FIXTURE_NIC, plannedNode } from '../../support/node-plan-fixture';

const SCRIPT = 'nodes/worker/bootstrap.sh';
const plan = plannedNode('userspace');

let node: FakeNode;
afterEach(() => node.remove());

/** Runs one preflight function on a fake node and returns its error message. */
function refusal(call: string, options: Partial<FakeNodeOptions> = {},
  change: (n: FakeNode) => void = () => undefined, nodePlan: NodePlan = plan,
  env: NodeJS.ProcessEnv = {}): string {
  node = FakeNode.create({ numaCpus: ['0-3,8-11', '4-7,12-15'], ...options });
  node.writeFiles(renderNodeFiles(nodePlan, { path: 'userspace' }));
  change(node);
  const run = node.source(SCRIPT, `NODE_NAME=worker-1; ${call}`, env);
  expect(run.status).toBe(1);
  return run.stderr.replace(/^bootstrap\.sh: error: /, '').trimEnd();
}

describe('preflight', () => {
  test('passes on the machine the plan describes', () => {
    node = FakeNode.create({ numaCpus: ['0-3,8-11', '4-7,12-15'] });
    node.writeFiles(renderNodeFiles(plan, { path: 'userspace' }));
    const run = node.source(SCRIPT, 'preflight_machine; preflight_kernel; preflight_nics');
    expect([run.status, run.stderr]).toEqual([0, '']);
  });

  test('refuses another architecture', () => {
    expect(refusal('preflight_machine', { arch: 'aarch64' })).toBe('this node is aarch64, the ' +
      'plan of pool worker is for x86_64: run the script of this node\'s pool, or correct ' +
      'topology.architecture');
  });

  test('refuses another set of online CPUs', () => {
    expect(refusal('preflight_machine', {}, (n) => n.write('/sys/devices/system/cpu/online', '0-7\n')))
      .toMatch(/^the online CPUs of this node are 0-7, the plan of pool worker has 0-15/);
  });

  test('refuses another NUMA layout', () => {
    expect(refusal('preflight_machine', { numaCpus: ['0-7', '8-15'] }))
      .toMatch(/^NUMA node 0 has CPUs 0-7, the plan has 0-3,8-11/);
  });

  test('refuses a CPU without a flag the DPDK build or the page size needs', () => {
    expect(refusal('preflight_machine', {}, (n) => n.write('/proc/cpuinfo', 'flags\t: sse4_2 popcnt\n')))
      .toMatch(/^this CPU lacks pdpe1gb, which the DPDK build or the hugepage size needs/);
  });

  test('refuses a kernel older than 5.16 for per-NUMA-node boot hugepages', () => {
    const perNode: NodePlan = { ...plan, kernel: { ...plan.kernel, perNodeHugepages: true } };
    expect(refusal('preflight_kernel', { kernel: '5.15.0-91-generic' }, undefined, perNode))
      .toMatch(/^kernel 5\.15\.0-91-generic does not read per-NUMA-node hugepages on its command line/);
  });

  test('refuses a missing NIC', () => {
    expect(refusal('preflight_nics', { nic: '0000:3b:00.0' }))
      .toBe(`no PCI device ${FIXTURE_NIC} on this node: compare nics[0].pci with lspci -D`);
  });

  test('refuses a NIC on another NUMA node than planned', () => {
    expect(refusal('preflight_nics', { nicNumaNode: 0 }))
      .toMatch(new RegExp(`^NIC ${FIXTURE_NIC} is on NUMA node 0, the plan says 1`));
  });

  test('refuses a node without PyYAML, naming the packages', () => {
    expect(refusal('preflight_tools', {}, undefined, plan, { PYTHON3: '/bin/false' }))
      .toContain('install python3-yaml (Debian, Ubuntu) or python3-pyyaml (RHEL, Fedora)');
  });

  test('refuses the Userspace CNI path without ovs-vsctl', () => {
    expect(refusal('preflight_tools', {}, undefined, plan, { OVS_VSCTL: '/nonexistent/ovs-vsctl' }))
      .toBe('/nonexistent/ovs-vsctl not found: install Open vSwitch with DPDK ' +
        '(openvswitch-switch-dpdk on Debian and Ubuntu)');
  });
});
