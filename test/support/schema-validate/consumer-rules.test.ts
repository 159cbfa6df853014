import { consumerProblems } from './consumer-rules';

function nad(spec: object): Record<string, unknown> {
  return { apiVersion: 'k8s.cni.cncf.io/v1', kind: 'NetworkAttachmentDefinition', spec };
}

describe('consumerProblems, NetworkAttachmentDefinition', () => {
  test('accepts a single plugin config and a conflist', () => {
    const single = nad({ config: '{"cniVersion": "0.3.1", "type": "userspace"}' });
    const conflist = nad({ config: '{"cniVersion": "0.3.1", "plugins": [{"type": "ovs"}]}' });

    expect([...consumerProblems(single), ...consumerProblems(conflist)]).toEqual([]);
  });

  test('refuses a config without type or plugins, quoting Multus', () => {
    expect(consumerProblems(nad({ config: '{"cniVersion": "0.3.1"}' }))).toEqual([{
      path: 'spec.config',
      message: 'needs "type" (one plugin) or "plugins" (a conflist) '
        + '(Multus: "delegate must have the \'type\' or \'plugin\' field")',
    }]);
  });

  test('refuses JSON that is not an object', () => {
    expect(consumerProblems(nad({ config: '["kube-ovn"]' })).map((p) => p.message))
      .toEqual(['must be a JSON object with the CNI config']);
  });

  test('leaves a config of the wrong type to the schema', () => {
    expect(consumerProblems(nad({ config: 3 }))).toEqual([]);
  });

  test('ignores other kinds', () => {
    expect(consumerProblems({ apiVersion: 'v1', kind: 'ConfigMap' })).toEqual([]);
  });
});
