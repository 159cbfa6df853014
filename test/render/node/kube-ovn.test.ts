import { spawnSync } from 'node:child_process';
import { renderNodeFiles } from '../../../src/render/node';
import { FakeNode } from '../../support/fake-node-root';
import { FIXTURE_NIC, plannedNode } from '../../support/node-plan-fixture';

const SCRIPT = 'nodes/worker/bootstrap.sh';
const plan = plannedNode('kube-ovn');
const files = renderNodeFiles(plan, { path: 'kube-ovn' });
const content = (name: string): string => files.find((f) => f.path === `nodes/worker/${name}`)!.content;

let node: FakeNode;
beforeEach(() => {
  node = FakeNode.create({ numaCpus: ['0-3,8-11', '4-7,12-15'], kubectl: true });
  node.writeFiles(files);
});
afterEach(() => node.remove());

describe('config.cfg', () => {
  test('holds one key=value word per line, comma lists in double quotes', () => {
    const lines = content('config.cfg').split('\n').filter((l) => l && !l.startsWith('#'));
    expect(lines).toEqual([
      'dpdk-init=true',
      'dpdk-lcore-mask=0x1',
      'pmd-cpu-mask=0x2222',
      'dpdk-socket-mem="1024,1024"',
      'dpdk-socket-limit="1024,1024"',
      'dpdk-hugepage-dir=/dev/hugepages',
      'userspace-tso-enable=false',
      'n-handler-threads=10',
      'n-revalidator-threads=4',
    ]);
  });
});

describe('ovs-dpdk-config', () => {
  /** What Kube-OVN's start script sees: the file sourced by bash under set -u. */
  function sourcedBySetU(text: string): string {
    node.write('/tmp/ovs-dpdk-config', text);
    const result = spawnSync('bash', ['-c', 'set -euo pipefail; source "$1"; ' +
      'printf "%s|" "$ENCAP_IP" "${DPDK_DEV[0]}" "$BOND_TYPE" "$VLAN_TAG"', 'bash',
    node.path('/tmp/ovs-dpdk-config')]);
    return `${result.status} ${result.stdout.toString()}${result.stderr.toString()}`;
  }

  test('gives every key the start script reads under set -u, per host', () => {
    expect(sourcedBySetU(content('hosts/worker-2/ovs-dpdk-config')))
      .toBe(`0 192.168.10.12/24|${FIXTURE_NIC}||0|`);
  });

  test('is installed for the host the script runs on', () => {
    node.run(SCRIPT, [], { NODE_NAME: 'worker-2' });
    expect(node.read('/opt/ovs-config/ovs-dpdk-config'))
      .toBe(content('hosts/worker-2/ovs-dpdk-config'));
  });

  test('is refused on a node that is not a host of the pool', () => {
    const run = node.source(SCRIPT, 'NODE_NAME=other; kube_ovn_files');
    expect(run.stderr).toContain('this node is other, which is not a host of pool worker ' +
      '(worker-1 worker-2): set NODE_NAME to its Kubernetes name');
  });
});

describe('kube_ovn_files', () => {
  test('writes both files and asks for the ovs-ovn-dpdk pod to be restarted', () => {
    const run = node.source(SCRIPT, 'NODE_NAME=worker-1; kube_ovn_files; printf "%s\\n" "${NOTICES[@]}"');
    expect(node.read('/opt/ovs-config/config.cfg')).toBe(content('config.cfg'));
    expect(run.stdout).toContain('Kube-OVN reads /opt/ovs-config when the ovs-ovn-dpdk pod ' +
      'starts: delete that pod on worker-1 to apply the new files');
  });

  test('warns that a changed DPDK_DEV is read only when br-phy is built', () => {
    node.write('/opt/ovs-config/ovs-dpdk-config', content('hosts/worker-1/ovs-dpdk-config')
      .replace(FIXTURE_NIC, '0000:3b:00.0'));
    const run = node.source(SCRIPT, 'NODE_NAME=worker-1; kube_ovn_files; printf "%s\\n" "${NOTICES[@]}"');
    expect(run.stdout).toContain('DPDK_DEV changed, and Kube-OVN reads it only when it builds ' +
      "br-phy: run 'ovs-vsctl del-br br-phy' in the ovs-ovn-dpdk pod on worker-1");
  });

  test('warns that a key dropped from config.cfg stays in the OVS database', () => {
    node.write('/opt/ovs-config/config.cfg', `${content('config.cfg')}vhost-iommu-support=true\n`);
    const run = node.source(SCRIPT, 'NODE_NAME=worker-1; kube_ovn_files; printf "%s\\n" "${NOTICES[@]}"');
    expect(run.stdout).toContain('vhost-iommu-support left config.cfg but stays set in the OVS ' +
      "database: run 'ovs-vsctl remove Open_vSwitch . other_config vhost-iommu-support'");
  });
});

describe('node label', () => {
  test('is set through kubectl when it can read the node', () => {
    node.source(SCRIPT, 'NODE_NAME=worker-1; node_label');
    expect(node.calls()).toContain(
      'kubectl label node worker-1 ovn.kubernetes.io/ovs_dp_type=userspace --overwrite');
  });

  test('is skipped with the command to run when kubectl is missing', () => {
    const run = node.source(SCRIPT, 'NODE_NAME=worker-1; node_label',
      { KUBECTL: '/nonexistent/kubectl' });
    expect([run.status, run.stderr.split('\n')[1]]).toEqual([0, 'bootstrap.sh: label the node ' +
      'where kubectl works: kubectl label node worker-1 ovn.kubernetes.io/ovs_dp_type=userspace ' +
      '--overwrite']);
  });
});
