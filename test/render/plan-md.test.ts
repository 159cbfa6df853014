import { Diagnostic } from '../../src/diagnostics/diagnostic';
import { CpuSet } from '../../src/model/cpuset';
import { planCluster } from '../../src/plan/cluster';
import { renderPlanMarkdown } from '../../src/render/plan-md';
import { renderCpuMap } from '../../src/render/plan-md-cpu-map';
import { manualGuideKubeOvn } from '../fixtures/specs/manual-guide-kube-ovn';
import { manualGuideUserspace } from '../fixtures/specs/manual-guide-userspace';
import {
  kubeOvnClusterFixture, nodePlanFixture, userspaceClusterFixture,
} from '../support/render-plans';

const warning: Diagnostic = {
  code: 'OVS007',
  severity: 'warning',
  path: 'nodes[0].ovs.tso',
  message: 'userspace TSO over Geneve needs OVS 3.3 | found 2.17',
  hint: 'Leave tso unset, or use a Kube-OVN image with OVS 3.3 or later.',
};

/** The lines of one `### title` section of the text, up to the next heading. */
function section(text: string, title: string): string {
  const start = text.indexOf(`### ${title}`);
  const end = text.indexOf('\n#', start + 1);
  return text.slice(start, end === -1 ? undefined : end);
}

describe('renderPlanMarkdown', () => {
  test('the manual guide\'s Userspace CNI cluster, two NUMA nodes', () => {
    const { plan, diagnostics } = planCluster(manualGuideUserspace);

    expect(renderPlanMarkdown(plan!, [...diagnostics, warning])).toMatchSnapshot();
  });

  test('the manual guide\'s Kube-OVN cluster, one NUMA node', () => {
    const { plan, diagnostics } = planCluster(manualGuideKubeOvn);

    expect(renderPlanMarkdown(plan!, diagnostics)).toMatchSnapshot();
  });

  test('the same plan always gives the same text', () => {
    expect(renderPlanMarkdown(userspaceClusterFixture(), [warning]))
      .toBe(renderPlanMarkdown(userspaceClusterFixture(), [warning]));
  });

  test('lists every finding with code, path, message and fix, pipes escaped', () => {
    const text = renderPlanMarkdown(kubeOvnClusterFixture(), [warning]);

    expect(text).toContain('| warning | OVS007 | `nodes[0].ovs.tso` | '
      + 'userspace TSO over Geneve needs OVS 3.3 \\| found 2.17 | Leave tso unset,');
  });

  test('says so when there is no finding', () => {
    expect(renderPlanMarkdown(kubeOvnClusterFixture(), [])).toContain('No findings.');
  });

  test('a NUMA node short of hugepages shows by how much', () => {
    const node = nodePlanFixture({ pagesPerNumaNode: 2, vmHugepages: ['3Gi'] });

    const text = renderPlanMarkdown(kubeOvnClusterFixture({ nodes: [node] }), []);

    expect(section(text, 'Hugepages')).toContain('| 0 | 2 | 2Gi | 1Gi | 3Gi | **short by 2Gi** |');
  });

  test('OVS headroom up to whole pages shows beside the socket memory', () => {
    const node = nodePlanFixture({ socketMem: [512] });

    const text = renderPlanMarkdown(kubeOvnClusterFixture({ nodes: [node] }), []);

    expect(section(text, 'Hugepages')).toContain('| 1Gi (512Mi + 512Mi up to the limit) |');
  });

  test('a VM that fits nowhere is marked', () => {
    const plan = kubeOvnClusterFixture();
    const vm = { ...plan.vms[0], placement: [{ nodePool: 'dpdk', fitsOn: [], fitsHost: false }] };

    const text = renderPlanMarkdown({ ...plan, vms: [vm] }, []);

    expect(section(text, 'VM placement'))
      .toContain('| `default/ubuntu-vhostuser` | 1 | 1Gi | **none** | **no** | — |');
  });

  test('on Kube-OVN tells what the DaemonSet overrides set', () => {
    const text = renderPlanMarkdown(kubeOvnClusterFixture(), []);

    expect(text).toContain('The manifests set `hugepages-1Gi: 1Gi` and a CPU limit of 5');
  });
});

describe('renderCpuMap', () => {
  test('shows sibling threads side by side, each with its role', () => {
    const node = nodePlanFixture({
      numaNodes: 1, coresPerNumaNode: 3, threadsPerCore: 2, housekeeping: '0,3', pmd: '1,4',
    });

    expect(renderCpuMap(node)).toBe([
      'NUMA node 0: 3 cores, 6 CPUs (H 2, P 2, V 2)',
      '  core 0  core 1  core 2',
      '  H0 H3   P1 P4   V2 V5',
    ].join('\n'));
  });

  test('wraps after eight cores and numbers cores across NUMA nodes', () => {
    const node = nodePlanFixture({
      numaNodes: 2, coresPerNumaNode: 9, housekeeping: '0,9', pmd: '1,10',
    });

    const lines = renderCpuMap(node).split('\n');

    expect(lines[3]).toBe('  core 8');
    expect(lines[7]).toMatch(/^ {2}core 9 +core 10 /);
  });

  test('marks CPUs in no role', () => {
    const node = nodePlanFixture({ coresPerNumaNode: 3, housekeeping: '0', pmd: '1' });
    const withoutVms = { ...node, cpus: { ...node.cpus, vm: CpuSet.EMPTY } };

    expect(renderCpuMap(withoutVms)).toContain('H0      P1      .2');
  });
});
