import * as path from 'path';
import {
  describeManifest, expectValidManifests, SCHEMA_DIR_ENV, schemaDirectory, validateManifest,
} from './schema-validate';
import { guideNad, guideSubnet, guideVm, hugepagePod } from './schema-validate/guide-manifests';

describe('validateManifest, custom resources against the upstream CRDs', () => {
  test('accepts the guide\'s VM, NAD and Subnet', () => {
    const manifests = [guideVm(), guideNad(), guideSubnet()];

    expect(manifests.flatMap((m) => validateManifest(m))).toEqual([]);
  });

  test.each(['v1.15.24', 'v1.16.2'])('accepts the guide\'s Subnet under Kube-OVN %s', (v) => {
    expect(validateManifest(guideSubnet(), { kubeOvnVersion: v })).toEqual([]);
  });

  // The API server rejects this too: "spec.instance.cpu.sockets in body must be of type
  // integer".
  test('rejects cpu.sockets given as a string, naming its path', () => {
    const vm = guideVm();
    vm.spec.instance.cpu.sockets = '1';

    expect(validateManifest(vm)).toEqual([
      'spec.instance.cpu.sockets: must be integer, found string "1"',
    ]);
  });

  // The API server does NOT reject this by default. Virtink's schema is structural and
  // does not preserve unknown fields, so the server prunes `threads` before storing the
  // object (Virtink never sees it) and returns a warning (fieldValidation=Warn, the
  // server's default). It rejects the object only under fieldValidation=Strict, which
  // kubectl sends by default (--validate=strict). Reporting it here catches the silent loss.
  test('reports a field the VM schema does not declare, at its path', () => {
    const vm = guideVm();
    vm.spec.instance.cpu.threads = 2;

    expect(validateManifest(vm)).toEqual([
      'spec.instance.cpu.threads: unknown field: the schema does not declare it, so the '
        + 'API server drops it (or rejects the object under strict field validation)',
    ]);
  });

  // The API server rejects these: pageSize has an enum; instance is required.
  test('reports a hugepage size outside the enum and a missing instance', () => {
    const vm = guideVm();
    vm.spec.instance.memory.hugepages.pageSize = '4Gi';
    const noInstance = guideVm();
    delete noInstance.spec.instance;

    expect([...validateManifest(vm), ...validateManifest(noInstance)]).toEqual([
      'spec.instance.memory.hugepages.pageSize: must be one of "2Mi", "1Gi", found string "4Gi"',
      'spec.instance: required field is missing',
    ]);
  });

  // The API server rejects it (the int-or-string field's Quantity pattern).
  test('reports a resource quantity that Kubernetes cannot parse', () => {
    const vm = guideVm();
    vm.spec.resources.limits.memory = '256 MB';

    expect(validateManifest(vm)).toEqual([
      'spec.resources.limits.memory: must be a Kubernetes quantity such as 256Mi, 1Gi or 500m, '
        + 'found string "256 MB"',
    ]);
  });

  // The API server accepts it (it does not range-check int32); Virtink's Go client then
  // fails to decode the stored object.
  test('reports cpu.sockets beyond the int32 format', () => {
    const vm = guideVm();
    vm.spec.instance.cpu.sockets = 2 ** 32;

    expect(validateManifest(vm)).toEqual([
      'spec.instance.cpu.sockets: must be an integer from -2147483648 to 2147483647 '
        + '(format int32), found number 4294967296',
    ]);
  });

  // The API server accepts a NAD without config: the CRD requires nothing in spec. The
  // fault surfaces in Multus at pod start, so this is a consumer rule.
  test('reports a NAD without spec.config as a Multus rule', () => {
    const nad = guideNad();
    delete nad.spec.config;

    expect(validateManifest(nad)).toEqual([
      'spec.config: required field is missing: the CRD allows it, but then Multus looks for '
        + 'a CNI config file named after the NAD on each node (Multus rule, not in the schema)',
    ]);
  });

  // The API server accepts any string; Multus fails to parse it at pod start.
  test('reports a NAD config that is not JSON, quoting Multus', () => {
    const nad = guideNad();
    nad.spec.config = '{"type": "kube-ovn",}';

    expect(validateManifest(nad)[0]).toMatch(
      /^spec\.config: must be JSON \(Multus: "failed to unmarshal Spec\.Config"\): /);
  });

  // The API server rejects it under both the v1.15 and the v1.16 schema.
  test('rejects a Subnet with natOutgoing as a string, naming its path', () => {
    const subnet = guideSubnet();
    subnet.spec.natOutgoing = 'true';

    expect(validateManifest(subnet)).toEqual([
      'spec.natOutgoing: must be boolean, found string "true"',
    ]);
  });

  // A v1.15 API server rejects both (name pattern, mtu minimum); v1.16 dropped the rules.
  test('applies the v1.15-only constraints only when v1.15 is asked for', () => {
    const subnet = guideSubnet();
    subnet.metadata.name = '1-dhcp';
    subnet.spec.mtu = 60;

    expect(validateManifest(subnet, { kubeOvnVersion: 'v1.15.24' })).toEqual([
      'metadata.name: must match ^[^0-9], found string "1-dhcp"',
      'spec.mtu: must be >= 68, found number 60',
    ]);
    expect(validateManifest(subnet)).toEqual([]);
  });

  test('refuses a Kube-OVN release line it holds no Subnet CRD for', () => {
    expect(() => validateManifest(guideSubnet(), { kubeOvnVersion: 'v1.10.7' })).toThrow(
      'no Kube-OVN Subnet CRD for version "v1.10.7"; known release lines: v1.15, v1.16, v1.17');
  });

  test('names a version the CRD does not serve', () => {
    const vm = { ...guideVm(), apiVersion: 'virt.virtink.smartx.com/v1' };

    expect(validateManifest(vm)).toEqual([
      'apiVersion: apiVersion virt.virtink.smartx.com/v1 is not served by CRD '
        + 'virtualmachines.virt.virtink.smartx.com (served: virt.virtink.smartx.com/v1alpha1)',
    ]);
  });

  test('reports a custom resource no CRD copy defines instead of passing it', () => {
    const other = { apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'w' } };

    expect(validateManifest(other)[0])
      .toMatch(/^apiVersion: no CRD defines Widget in group example\.com among /);
  });

  // The API server rejects it: custom resource names are DNS-1123 subdomains.
  test('reports a custom resource name that is not a DNS-1123 subdomain', () => {
    const vm = guideVm();
    vm.metadata.name = 'Ubuntu_VM';

    expect(validateManifest(vm)).toEqual([
      'metadata.name: "Ubuntu_VM": a lowercase RFC 1123 subdomain must consist of lower case '
        + "alphanumeric characters, '-' or '.', and must start and end with an alphanumeric "
        + "character (e.g. 'example.com')",
    ]);
  });
});

describe('validateManifest, core objects with kubernetes-models', () => {
  test('accepts a Pod that holds 1Gi hugepages', () => {
    expect(validateManifest(hugepagePod())).toEqual([]);
  });

  test('rejects a container image given as a number', () => {
    const pod = hugepagePod();
    pod.spec.containers[0].image = 3;

    expect(validateManifest(pod)).toEqual([
      'spec.containers[0].image: must be string, found number 3',
    ]);
  });

  test('rejects a hugepage limit that is not a quantity, in one line', () => {
    const pod = hugepagePod();
    pod.spec.containers[0].resources.limits['hugepages-1Gi'] = '1 GiB';

    expect(validateManifest(pod)).toEqual([
      'spec.containers[0].resources.limits.hugepages-1Gi: must match one of: must be number | '
        + 'must be a Kubernetes quantity such as 256Mi, 1Gi or 500m; found string "1 GiB"',
    ]);
  });

  test('checks a Namespace name as a DNS label, stricter than a ConfigMap name', () => {
    const metadata = { name: 'ovs.dpdk' };
    const namespace = { apiVersion: 'v1', kind: 'Namespace', metadata };
    const configMap = { apiVersion: 'v1', kind: 'ConfigMap', metadata, data: {} };

    expect(validateManifest(namespace)[0])
      .toMatch(/^metadata\.name: "ovs\.dpdk": a lowercase RFC 1123 label/);
    expect(validateManifest(configMap)).toEqual([]);
  });

  test('rejects a ConfigMap data key the API server refuses', () => {
    const configMap = {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'node-scripts' },
      data: { 'bootstrap script.sh': '#!/bin/sh' },
    };

    expect(validateManifest(configMap)).toEqual([
      'data["bootstrap script.sh"]: "bootstrap script.sh": a valid config key must consist '
        + "of alphanumeric characters, '-', '_' or '.' (at most 253)",
    ]);
  });

  test('reports a core kind without a model instead of passing it', () => {
    const endpoints = { apiVersion: 'v1', kind: 'Endpoints', metadata: { name: 'e' } };

    expect(validateManifest(endpoints)[0])
      .toMatch(/^kind: no schema for core v1\/Endpoints; known core kinds: /);
  });

  test('reports a manifest without apiVersion and kind', () => {
    expect(validateManifest({ metadata: { name: 'x' } })).toEqual([
      'apiVersion: required string is missing',
      'kind: required string is missing',
    ]);
  });
});

describe('schemaDirectory', () => {
  const saved = process.env[SCHEMA_DIR_ENV];
  afterEach(() => {
    if (saved === undefined) {
      delete process.env[SCHEMA_DIR_ENV];
    } else {
      process.env[SCHEMA_DIR_ENV] = saved;
    }
  });

  test('defaults to the CRD copies of the repository', () => {
    delete process.env[SCHEMA_DIR_ENV];

    expect(schemaDirectory()).toBe(path.resolve(__dirname, '../../crds'));
  });

  test(`takes ${SCHEMA_DIR_ENV} over the default`, () => {
    process.env[SCHEMA_DIR_ENV] = '/nonexistent/schemas';

    expect(() => validateManifest(guideVm())).toThrow(
      'schema-validate: schema folder /nonexistent/schemas does not exist; set '
        + `${SCHEMA_DIR_ENV} to a folder of CRD copies laid out as crds/ is`);
  });
});

describe('expectValidManifests', () => {
  test('passes valid manifests', () => {
    expect(() => expectValidManifests([guideVm(), guideNad(), guideSubnet()])).not.toThrow();
  });

  test('fails listing every problem with the kind and name of its manifest', () => {
    const vm = guideVm();
    vm.metadata.namespace = 'default';
    vm.spec.instance.cpu.sockets = '1';
    const subnet = guideSubnet();
    subnet.spec.natOutgoing = 'true';

    expect(() => expectValidManifests([vm, guideNad(), subnet])).toThrow(
      '2 manifest problem(s):\n'
      + '  VirtualMachine default/ubuntu-vhostuser: spec.instance.cpu.sockets: '
      + 'must be integer, found string "1"\n'
      + '  Subnet sn-dhcp: spec.natOutgoing: must be boolean, found string "true"');
  });

  test('names a manifest without a name by its position', () => {
    expect(describeManifest({ kind: 'Pod' }, 3)).toBe('Pod #3 (no name)');
  });
});
