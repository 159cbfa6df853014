import { checkKernel, checkKernelHugepages } from '../../../src/diagnostics/rules/kernel';
import { Size } from '../../../src/model/size';
import { HostTopology } from '../../../src/model/topology';
import { planHugepages } from '../../../src/plan/hugepages';
import { KernelPlan } from '../../../src/plan/types';
import { codesAndPaths, collect } from '../../support/findings';

const host = HostTopology.uniform({ numaNodes: 2, coresPerNumaNode: 2 });
const gib = Size.parse('1Gi');
const hugepages = planHugepages({
  host,
  size: gib,
  socket: { mem: [gib, gib], limit: [gib, gib] },
  vmDemand: new Map([[0, Size.parse('4Gi')]]),
});
const kernel: KernelPlan = {
  args: ['default_hugepagesz=1G', 'hugepagesz=1G'],
  perNodeHugepages: false,
  hugepagesAtRuntime: false,
  iommu: true,
};

function check(plan: Partial<KernelPlan>, on = host) {
  return collect((f) => {
    const ctx = { host: on, hugepages, path: 'nodes[0].kernel' };
    checkKernel({ ...kernel, ...plan }, ctx, f);
    checkKernelHugepages({ ...kernel, ...plan }, ctx, f);
  }).diagnostics;
}

test('a plan with boot-time hugepages is clean', () => {
  expect(check({})).toEqual([]);
});

test('KERNEL002: hugepages left to a runtime unit warn, with the counts', () => {
  const found = check({ hugepagesAtRuntime: true });
  expect(codesAndPaths(found)).toEqual(['KERNEL002 nodes[0].kernel.version']);
  expect(found[0].message).toMatch(
    /^the NUMA nodes need different numbers of 1Gi hugepages \(node 0: 5, node 1: 1\)/);
});

test('KERNEL003: vfio-pci on an architecture without a known IOMMU argument', () => {
  const power = HostTopology.uniform({
    numaNodes: 1, coresPerNumaNode: 2, architecture: 'ppc64le',
  });
  expect(codesAndPaths(check({}, power))).toEqual(['KERNEL003 nodes[0].kernel']);
});

test('KERNEL004: nohz_full with CPU 0', () => {
  expect(codesAndPaths(check({ args: ['nohz_full=0-3'] })))
    .toEqual(['KERNEL004 nodes[0].kernel.nohzFull']);
});
