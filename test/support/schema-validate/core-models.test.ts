import { checkCoreObject, coreKinds, coreNameRule } from './core-models';

describe('core-models', () => {
  test('knows the kinds this project renders', () => {
    expect(coreKinds()).toEqual(expect.arrayContaining(
      ['v1/Pod', 'v1/ConfigMap', 'v1/Secret', 'v1/Namespace', 'apps/v1/DaemonSet']));
  });

  test('gives each kind the API server\'s name rule', () => {
    expect([coreNameRule('v1', 'Namespace'), coreNameRule('v1', 'Service'),
      coreNameRule('rbac.authorization.k8s.io/v1', 'ClusterRole'), coreNameRule('v1', 'Pod')])
      .toEqual(['dns-label', 'dns-1035-label', 'path-segment', 'dns-subdomain']);
  });

  test('returns kubernetes-models\' errors for a DaemonSet without a selector', () => {
    const daemonSet = {
      apiVersion: 'apps/v1',
      kind: 'DaemonSet',
      metadata: { name: 'ovs-ovn-dpdk' },
      spec: { template: { spec: { containers: [{ name: 'ovs' }] } } },
    };

    const { errors } = checkCoreObject(daemonSet, 'apps/v1', 'DaemonSet');

    expect(errors.map((e) => [e.instancePath, e.params])).toEqual([
      ['/spec', { missingProperty: 'selector' }],
    ]);
  });

  test('refuses a kind it has no model for', () => {
    expect(() => checkCoreObject({}, 'v1', 'Endpoints'))
      .toThrow('schema-validate: v1/Endpoints is not a known core kind');
  });
});
