import { planCluster } from '../../src/plan/cluster';
import { manualGuideUserspace } from '../fixtures/specs/manual-guide-userspace';

jest.mock('../../src/plan/node', () => ({
  planNode: () => {
    throw new RangeError('a planner fault');
  },
}));

describe('planCluster when a planner throws', () => {
  test('reports SPEC000 with the error instead of throwing, and keeps earlier findings', () => {
    const result = planCluster({ ...manualGuideUserspace, name: 'Guide' });
    expect(result.plan).toBeUndefined();
    expect(result.diagnostics.map((d) => d.code)).toEqual(['SPEC003', 'SPEC000']);
    expect(result.diagnostics[1].message)
      .toBe('planning stopped on an unexpected error: RangeError: a planner fault');
  });
});
