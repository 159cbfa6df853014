import { renderNodeFiles } from '../../../src/render/node';
import { FakeNode } from '../../support/fake-node-root';
import { plannedNode } from '../../support/node-plan-fixture';

const plan = plannedNode('userspace');

let node: FakeNode;
function fakeNode(): FakeNode {
  node = FakeNode.create({ numaCpus: ['0-3,8-11', '4-7,12-15'] });
  node.writeFiles(renderNodeFiles(plan, { path: 'userspace' }));
  return node;
}
afterEach(() => node?.remove());

describe('memory-manager-guard.sh', () => {
  const STATE = '/var/lib/kubelet/memory_manager_state';
  const GIB16 = 16777216 * 1024;

  function checkpoint(policy: string, node1Memory: number): string {
    const table = (total: number) => ({ total, systemReserved: 0, allocatable: total, reserved: 0, free: total });
    const numa = (memory: number, id: number) => ({
      numberOfAssignments: 0,
      memoryMap: { 'memory': table(memory), 'hugepages-2Mi': table(0), 'hugepages-1Gi': table(0) },
      cells: [id],
    });
    return JSON.stringify({
      policyName: policy,
      machineState: policy === 'Static' ? { 0: numa(GIB16, 0), 1: numa(node1Memory, 1) } : {},
      checksum: 1234,
    });
  }

  test('leaves a checkpoint whose NUMA totals match the machine', () => {
    fakeNode();
    node.write(STATE, checkpoint('Static', GIB16));
    const run = node.run('nodes/worker/memory-manager-guard.sh');
    expect([run.status, node.exists(STATE)]).toEqual([0, true]);
  });

  test('sets aside a checkpoint whose NUMA memory moved since it was written', () => {
    fakeNode();
    node.write(STATE, checkpoint('Static', GIB16 - 4096));
    const run = node.run('nodes/worker/memory-manager-guard.sh');
    expect([run.status, node.exists(STATE)]).toEqual([0, false]);
    expect(run.stderr).toMatch(/^memory-manager-guard: the NUMA memory changed since the kubelet wrote \/var\/lib\/kubelet\/memory_manager_state; moved it to \/var\/backups\/vhost-user-k8s\/memory_manager_state\.\d{8}T\d{6}\n/);
  });

  test('leaves the checkpoint of another policy, which holds no machine state', () => {
    fakeNode();
    node.write(STATE, checkpoint('None', 0));
    node.run('nodes/worker/memory-manager-guard.sh');
    expect(node.exists(STATE)).toBe(true);
  });

  test('runs before the kubelet, every time the kubelet starts', () => {
    const unit = renderNodeFiles(plan, { path: 'userspace' })
      .find((f) => f.path.endsWith('memory-manager-guard.service'))!.content;
    expect(unit).toMatch(/^Before=kubelet\.service$[\s\S]*^WantedBy=kubelet\.service$/m);
  });
});
