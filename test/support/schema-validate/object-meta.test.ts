import { objectMetaProblems, type NameRule } from './object-meta';
import { formatProblem } from './problems';

function check(metadata: unknown, rule: NameRule = 'dns-subdomain'): string[] {
  return objectMetaProblems(metadata, rule).map(formatProblem);
}

describe('objectMetaProblems', () => {
  test('accepts a dotted subdomain name with labels and annotations', () => {
    const metadata = {
      name: 'ovs.dpdk-node-1',
      namespace: 'kube-system',
      labels: { 'ovn.kubernetes.io/ovs_dp_type': 'userspace', 'app': '' },
      annotations: { 'k8s.v1.cni.cncf.io/networks': '[{"name": "ovn-dpdk"}]' },
    };

    expect(check(metadata)).toEqual([]);
  });

  test('requires a name unless generateName is set', () => {
    expect([check({}), check({ generateName: 'vm-' })])
      .toEqual([['metadata.name: required field is missing'], []]);
  });

  test('limits a subdomain name to 253 characters', () => {
    expect(check({ name: 'a'.repeat(254) }))
      .toEqual(['metadata.name: must be no more than 253 characters, found 254']);
  });

  test('refuses a dot in a DNS-label name', () => {
    expect(check({ name: 'a.b' }, 'dns-label')[0]).toMatch(/RFC 1123 label/);
  });

  test('refuses a leading digit in a DNS-1035 name', () => {
    expect(check({ name: '1svc' }, 'dns-1035-label')[0]).toMatch(/DNS-1035 label/);
  });

  test('refuses a slash in a path-segment name', () => {
    expect(check({ name: 'a/b' }, 'path-segment')).toEqual([
      'metadata.name: "a/b": may not be \'.\' or \'..\' and may not contain \'/\' or \'%\'',
    ]);
  });

  test('checks the namespace as a DNS label', () => {
    expect(check({ name: 'a', namespace: 'Kube_System' })[0]).toMatch(/^metadata\.namespace: /);
  });

  test('refuses a label value with a space and a label key with two slashes', () => {
    const problems = check({ name: 'a', labels: { 'a/b/c': 'x', 'd': 'x y' } });

    expect(problems.map((p) => p.split(':')[0]))
      .toEqual(['metadata.labels["a/b/c"]', 'metadata.labels.d']);
  });

  test('refuses a label value that is not a string', () => {
    expect(check({ name: 'a', labels: { numa: 0 } }))
      .toEqual(['metadata.labels.numa: must be string, found number 0']);
  });

  test('reports metadata that is not an object', () => {
    expect(check('vm')).toEqual(['metadata: must be object, found string "vm"']);
  });
});
