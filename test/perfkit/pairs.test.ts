import { parse } from 'yaml';
import { planPerfKit, PerfKitOptions } from '../../src/perfkit/pairs';
import { expectValidManifests } from '../support/schema-validate';
import { valueErrorOf } from '../support/value-error';

const OPTIONS: PerfKitOptions = {
  nodes: ['worker-1', 'worker-2'],
  vhostUser: { network: 'vhost-user-net', cidr: '172.18.0.0/24' },
};

const pair = (name: string, options: PerfKitOptions = OPTIONS) => {
  const found = planPerfKit(options).pairs.find((p) => p.name === name);
  if (found === undefined) {
    throw new Error(`no pair ${name}`);
  }
  return found;
};

describe('planPerfKit', () => {
  test('plans a pair per interface type and placement, in the guide\'s order', () => {
    expect(planPerfKit(OPTIONS).pairs.map((p) => p.name)).toEqual([
      'vhost-user-same-node', 'vhost-user-cross-node', 'bridge-same-node',
      'bridge-cross-node', 'masquerade-same-node', 'masquerade-cross-node',
    ]);
  });

  test('plans same-node pairs only when one node is given', () => {
    expect(planPerfKit({ ...OPTIONS, nodes: ['worker-1'] }).pairs.map((p) => p.placement))
      .toEqual(['same-node', 'same-node', 'same-node']);
  });

  test('puts the client of a cross-node pair on the second node', () => {
    const { server, client } = pair('bridge-cross-node');
    expect([server.spec.host, client.spec.host]).toEqual(['worker-1', 'worker-2']);
  });

  test('gives vhost-user VMs static addresses from the top of the range', () => {
    const { server, client } = pair('vhost-user-same-node');
    expect([server.spec.interfaces, client.spec.interfaces]).toEqual([
      [{ network: 'vhost-user-net', ip: '172.18.0.254' }],
      [{ network: 'vhost-user-net', ip: '172.18.0.253' }],
    ]);
  });

  test('lets a vhost-user client measure to its server\'s vhost-user address', () => {
    expect(pair('vhost-user-cross-node').peer).toBe('172.18.0.252');
  });

  test('lets a pod-network client find its server through a headless Service', () => {
    expect(pair('masquerade-same-node').peer).toBe('perf-masquerade-same-node.default.svc');
  });

  test('the Service selects the server VM\'s pod', () => {
    const { service } = pair('bridge-same-node');
    expect((service?.spec as { selector: unknown }).selector)
      .toEqual({ 'virtink.io/vm.name': 'perf-bridge-same-node-server' });
  });

  test('binds the pod network of masquerade pairs with masquerade', () => {
    const { server, client } = pair('masquerade-cross-node');
    expect([server.spec.podNetworkBinding, client.spec.podNetworkBinding])
      .toEqual(['masquerade', 'masquerade']);
  });

  test('binds the pod network of the other pairs with bridge', () => {
    expect(pair('vhost-user-same-node').client.spec.podNetworkBinding).toBe('bridge');
  });

  test('gives each pair its turn, one run and the margin after the one before', () => {
    const kit = planPerfKit({ ...OPTIONS, run: { duration: 10 }, turnMargin: 60 });
    // The guide's 10 qperf steps (25 s each) and 8 iperf3 steps (15 s each).
    expect(kit.pairs.map((p) => p.startDelay)).toEqual([0, 430, 860, 1290, 1720, 2150]);
  });

  test('the client script waits for its turn', () => {
    expect(pair('bridge-same-node').client.script).toContain('readonly START_DELAY=980\n');
  });

  test('lets every client start at once when told to measure together', () => {
    const kit = planPerfKit({ ...OPTIONS, schedule: 'together' });
    expect(new Set(kit.pairs.map((p) => p.startDelay))).toEqual(new Set([0]));
  });

  test('keeps each server serving until its client may be done', () => {
    // 900 s waiting for the server, 5 turns of 490 s, 370 s measuring, 120 s margin.
    expect(pair('masquerade-cross-node').server.script).toContain('readonly SERVE_FOR=7200\n');
    const slow = planPerfKit({ ...OPTIONS, run: { waitForPeer: 5000 } });
    expect(slow.pairs[5].server.script).toContain('readonly SERVE_FOR=7940\n');
  });

  test('skips reserved addresses at the top of the range', () => {
    const kit = planPerfKit({
      ...OPTIONS,
      vhostUser: { ...OPTIONS.vhostUser!, reserved: ['172.18.0.254', '172.18.0.250..172.18.0.252'] },
    });
    expect(kit.pairs.slice(0, 2).flatMap((p) => [p.server, p.client])
      .map((vm) => vm.spec.interfaces[0].ip))
      .toEqual(['172.18.0.253', '172.18.0.249', '172.18.0.248', '172.18.0.247']);
  });

  test('estimates how long the whole kit measures', () => {
    expect(planPerfKit(OPTIONS).estimatedTime).toBe(5 * 490 + 370);
  });

  test('gives every VM the guide\'s size: 1 dedicated vCPU and 1Gi of hugepage memory', () => {
    const { spec } = pair('bridge-same-node').client;
    expect([spec.cpus, spec.memory]).toEqual([1, '1Gi']);
  });

  test('the cloud-config of a VM runs the script of its role', () => {
    const { client } = pair('bridge-same-node');
    const config = parse(client.spec.cloudInit!.extraUserData!);
    expect(config.write_files[0].content).toBe(client.script);
  });

  test('the client script measures to the pair\'s peer', () => {
    expect(pair('vhost-user-same-node').client.script).toContain('readonly PEER=172.18.0.254\n');
  });

  test('keeps the longest VM name short enough for Virtink\'s pod name', () => {
    const kit = planPerfKit({ ...OPTIONS, name: 'a'.repeat(24) });
    const longest = Math.max(...kit.pairs.flatMap((p) => [p.server, p.client])
      .map((vm) => vm.spec.name.length));
    expect(longest).toBeLessThanOrEqual(54);
  });

  test('says how to save each client\'s console log', () => {
    expect(pair('bridge-same-node').collect).toBe('kubectl logs -n default '
      + '-l virtink.io/vm.name=perf-bridge-same-node-client -c cloud-hypervisor --tail=-1 '
      + '> bridge-same-node.log');
  });

  test('its Services pass the Kubernetes schemas', () => {
    const { manifests } = planPerfKit(OPTIONS);
    expect(manifests).toHaveLength(4);
    expectValidManifests(manifests);
  });
});

describe('planPerfKit refuses', () => {
  test('cross-node pairs with one node', () => {
    expect(valueErrorOf(() => planPerfKit({
      ...OPTIONS, nodes: ['worker-1'], placements: ['cross-node'],
    })).reason).toBe('cross-node pairs need two nodes, and one is given');
  });

  test('three nodes', () => {
    expect(valueErrorOf(() => planPerfKit({ ...OPTIONS, nodes: ['a', 'b', 'c'] })).kind)
      .toBe('nodes list');
  });

  test('vhost-user without its network', () => {
    expect(valueErrorOf(() => planPerfKit({ nodes: ['worker-1'] })).hint).toBe(
      'Set vhostUser: { network: "<NAD name>", cidr: "<range>" }, '
      + 'or leave vhost-user out of interfaceTypes.');
  });

  test('a range too small for the kit\'s addresses', () => {
    expect(valueErrorOf(() => planPerfKit({
      ...OPTIONS, vhostUser: { network: 'n', cidr: '10.0.0.0/30' },
    })).reason).toBe('the kit takes 4 free addresses from the top of the range, and it has 2 '
      + 'besides the network, broadcast and reserved addresses');
  });

  test('the same node twice', () => {
    expect(valueErrorOf(() => planPerfKit({ ...OPTIONS, nodes: ['a', 'a'] })).reason)
      .toBe('the two nodes are one, so cross-node pairs would run on one node');
  });

  test('an interface type given twice', () => {
    expect(valueErrorOf(() => planPerfKit({
      ...OPTIONS, interfaceTypes: ['bridge', 'bridge'],
    })).reason).toBe('bridge is given twice');
  });

  test('no placement', () => {
    expect(valueErrorOf(() => planPerfKit({ ...OPTIONS, placements: [] })).kind)
      .toBe('placements list');
  });

  test('a serving time that ends before the last turn', () => {
    expect(valueErrorOf(() => planPerfKit({ ...OPTIONS, run: { serveFor: 3600 } })).hint)
      .toBe('Set serveFor to 3840 or more, or leave it out to have it computed.');
  });

  test('a kit name that cannot name a Service', () => {
    expect(valueErrorOf(() => planPerfKit({ ...OPTIONS, name: '1perf' })).reason)
      .toBe('it must start with a letter (it names Services)');
  });

  test('a kit name too long for the VM names', () => {
    expect(valueErrorOf(() => planPerfKit({ ...OPTIONS, name: 'a'.repeat(25) })).kind)
      .toBe('kit name');
  });
});

describe('planPerfKit without vhost-user', () => {
  test('needs no vhost-user network', () => {
    const kit = planPerfKit({ nodes: ['worker-1'], interfaceTypes: ['bridge'] });
    expect(kit.pairs.map((p) => p.name)).toEqual(['bridge-same-node']);
  });
});
