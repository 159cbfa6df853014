import { synthesize } from '../../src/synth/synthesize';
import { manualGuideUserspace } from '../fixtures/specs/manual-guide-userspace';

describe('synthesize', () => {
  const withBridge = (bridge: string) => ({
    ...manualGuideUserspace, userspaceCni: { ...manualGuideUserspace.userspaceCni, bridge },
  });

  test('writes the guide\'s cluster with no error', () => {
    const synthesis = synthesize(manualGuideUserspace);

    expect(synthesis.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(synthesis.files.map((f) => f.path)).toContain('nodes/dpdk/bootstrap.sh');
  });

  test('reports a value the node files cannot carry as SPEC009, writing nothing', () => {
    const synthesis = synthesize(withBridge('br-int; reboot'));

    expect(synthesis.diagnostics).toContainEqual(expect.objectContaining({
      code: 'SPEC009',
      severity: 'error',
      path: 'userspaceCni.bridge',
      message: expect.stringContaining('"br-int; reboot" cannot be written into the node files'),
    }));
    expect([synthesis.files, synthesis.manifests]).toEqual([[], []]);
  });

  test('never throws for an unsafe value, whatever its characters', () => {
    for (const bridge of ['$(id)', '`id`', 'a b', 'x\ny', '"', '\'', 'br-int-very-long-name']) {
      expect(() => synthesize(withBridge(bridge))).not.toThrow();
    }
  });
});
