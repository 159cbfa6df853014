import { Size } from '../../src/model/size';
import { planNetworks } from '../../src/plan/network';
import { planSubnets } from '../../src/plan/subnet';
import { defaultInterfaceName, planVms, VmContext } from '../../src/plan/vm';
import { NetworkPath, NetworkSpec, SubnetSpec, VmSpec } from '../../src/spec';
import { codesAndPaths, collect, withCode } from '../support/findings';

const KEY = 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIMcBzX0Zdb3h1n4cXZ4i8cO5Zx2L0yJgB0CkG0C2b4aQ me';

/** A cluster context with the given networks and subnets on one path. */
function contextOf(
  path: NetworkPath, networks: NetworkSpec[], subnets: SubnetSpec[] = [],
): VmContext {
  const pools = [{ name: 'pool-a', bridge: 'br-int' }];
  const planned = collect((f) => planNetworks(networks, { path, pools, subnets }, f)).result;
  const subnetPlans = collect((f) => planSubnets(subnets, {
    networks: planned, tunnelType: 'geneve', encapIps: [],
  }, f)).result;
  return {
    path,
    networks: planned,
    subnets: subnetPlans,
    poolNames: ['pool-a'],
    pageSizes: [{ pool: 'pool-a', size: Size.parse('1Gi') }],
  };
}

const userspace = contextOf('userspace', [
  { name: 'ovs-dpdk' },
  { name: 'static', cidr: '10.10.0.0/24', gateway: '10.10.0.1' },
  { name: 'tiny', cidr: '10.20.0.0/30' },
]);

const kubeOvn = contextOf('kube-ovn', [{ name: 'ovn-dpdk' }],
  [{ name: 'sn-dhcp', network: 'ovn-dpdk', cidr: '172.18.0.0/16', excludeIps: ['172.18.0.2..172.18.0.9'] }]);

const vm = (changes: Partial<VmSpec> = {}): VmSpec => ({
  name: 'vm-1', memory: '2Gi', interfaces: [{ network: 'ovs-dpdk' }], ...changes,
});

function plan(vms: VmSpec[], context: VmContext = userspace) {
  return collect((findings) => planVms(vms, context, findings));
}

function findingsOf(spec: Partial<VmSpec>, context: VmContext = userspace) {
  return plan([vm(spec)], context).diagnostics;
}

describe('planVms: shape', () => {
  test('spreads vCPUs over sockets', () => {
    const [planned] = plan([vm({ cpus: 8, sockets: 2 })]).result;
    expect([planned.sockets, planned.coresPerSocket, planned.cpus]).toEqual([2, 4, 8]);
  });

  test('defaults the page size to the pool\'s, the run policy to Always', () => {
    const [planned] = plan([vm()]).result;
    expect(`${planned.pageSize} ${planned.runPolicy}`).toBe('1Gi Always');
  });

  test('attaches the pod network by default on the Userspace CNI path only', () => {
    expect(plan([vm()]).result[0].podNetwork).toBe(true);
    expect(plan([vm({ interfaces: [{ network: 'ovn-dpdk' }] })], kubeOvn).result[0].podNetwork)
      .toBe(false);
  });

  test.each([
    [{ cpus: 0 }, 'vms[0].cpus', 'cpus 0 is not a whole number of 1 or more'],
    [{ cpus: 1.5 }, 'vms[0].cpus', 'cpus 1.5 is not a whole number of 1 or more'],
    [{ cpus: 6, sockets: 4 }, 'vms[0].sockets', '6 vCPUs do not spread evenly over 4 sockets'],
  ])('refuses the CPU topology %j and leaves the VM out', (changes, path, message) => {
    const { result, diagnostics } = plan([vm(changes)]);
    const [finding] = withCode(diagnostics, 'VM001');
    expect(finding.path).toBe(path);
    expect(finding.message).toContain(message);
    expect(result).toEqual([]);
  });

  test.each([
    ['2 Gi', 'is not a valid size'],
    ['0', 'memory is 0'],
  ])('refuses the memory %j', (memory, text) => {
    const [finding] = withCode(findingsOf({ memory }), 'VM002');
    expect(finding.path).toBe('vms[0].memory');
    expect(finding.message).toContain(text);
  });

  test.each([
    ['4Mi', 'is not a page size Virtink accepts',
      'Unsupported value: "4Mi": supported values: "2Mi", "1Gi"'],
    ['2Mi', 'is not the hugepage size of node pool(s) "pool-a" (1Gi)', undefined],
  ])('refuses the page size %s', (hugepageSize, text, upstream) => {
    const [finding] = withCode(findingsOf({ hugepageSize }), 'VM003');
    expect(finding.path).toBe('vms[0].hugepageSize');
    expect(finding.message).toContain(text);
    expect(finding.upstream).toBe(upstream);
  });

  test('refuses memory that is not whole hugepages, quoting Virtink\'s webhook', () => {
    const [finding] = withCode(findingsOf({ memory: '1536Mi' }), 'VM004');
    expect(finding.message).toBe('memory 1536Mi is not a whole number of 1Gi hugepages');
    expect(finding.upstream).toBe('1610612736 is not positive integer multiple of 1Gi');
  });

  test('warns about runPolicy Once', () => {
    const [finding] = withCode(findingsOf({ runPolicy: 'Once' }), 'VM013');
    expect(finding).toMatchObject({ severity: 'warning', path: 'vms[0].runPolicy' });
    expect(finding.message).toContain('smartxworks/virtink#112');
  });

  test('refuses an image reference with spaces', () => {
    const [finding] = withCode(findingsOf({ image: 'ubuntu latest' }), 'VM023');
    expect(finding.message).toBe('image "ubuntu latest" is not a container image reference');
  });

  test('refuses a node pool the cluster does not have', () => {
    const [finding] = withCode(findingsOf({ nodePool: 'pool-z' }), 'VM017');
    expect(finding.message).toBe('nodePool "pool-z" is not a node pool of the cluster, '
      + 'which has "pool-a"');
  });

  test('warns about a VM without vhost-user interfaces', () => {
    expect(codesAndPaths(findingsOf({ interfaces: [] }))).toEqual(['VM021 vms[0].interfaces']);
  });
});

describe('planVms: interfaces', () => {
  test('names a NIC after its network, and hashes long names down to 15 characters', () => {
    expect(defaultInterfaceName('ovs-dpdk')).toBe('ovs-dpdk');
    expect(defaultInterfaceName('a-very-long-network-name')).toMatch(/^a-very-lon-[0-9a-f]{4}$/);
  });

  test('numbers CNI interfaces as Virtink does, counting the pod network', () => {
    const [planned] = plan([vm({ interfaces: [{ network: 'ovs-dpdk' }, { network: 'static' }] })])
      .result;
    expect(planned.interfaces.map((nic) => nic.cniInterface)).toEqual(['net1', 'net2']);
  });

  test('places the Userspace CNI socket in the plugin\'s default directory', () => {
    expect(plan([vm()]).result[0].interfaces[0].socketPath)
      .toBe('/usr/local/var/run/openvswitch/<id>/<id>-net1');
  });

  test.each([
    [{ name: 'Data' }, 'vms[0].interfaces[1].name', 'is not a DNS-1123 label'],
    [{ name: 'data-interface-01' }, 'vms[0].interfaces[1].name', 'has 17 characters'],
    [{ name: 'ovs-dpdk' }, 'vms[0].interfaces[1].name', 'is already used by vms[0].interfaces[0]'],
    [{ name: 'eth0' }, 'vms[0].interfaces[1].name', 'is already used by the pod NIC in the guest'],
  ])('refuses the interface name of %j', (changes, path, text) => {
    const { diagnostics } = plan([vm({
      interfaces: [{ network: 'ovs-dpdk' }, { network: 'static', ...changes }],
    })]);
    const [finding] = withCode(diagnostics, 'VM005');
    expect(finding.path).toBe(path);
    expect(finding.message).toContain(text);
  });

  test('refuses a network of another namespace, saying where Virtink looks', () => {
    const [finding] = withCode(findingsOf({ namespace: 'vnf' }), 'VM006');
    expect(finding.path).toBe('vms[0].interfaces[0].network');
    expect(finding.message).toBe('network "ovs-dpdk" does not exist in namespace vnf; it exists '
      + 'in "default", but Virtink looks NADs up only in the VM\'s own namespace');
  });
});

describe('planVms: MACs', () => {
  test('generates a stable MAC from namespace, VM and network', () => {
    const first = plan([vm()]).result[0].interfaces[0].mac.toString();
    const withOthers = plan([vm({ name: 'vm-0' }), vm()]).result[1].interfaces[0].mac.toString();
    expect(withOthers).toBe(first);
  });

  test('keeps a given MAC, written in any case', () => {
    const [planned] = plan([vm({ interfaces: [{ network: 'ovs-dpdk', mac: '02:AA:BB:CC:DD:EE' }] })])
      .result;
    expect(planned.interfaces[0].mac.toString()).toBe('02:aa:bb:cc:dd:ee');
  });

  test('gives two NICs on one network different MACs', () => {
    const [planned] = plan([vm({
      interfaces: [{ network: 'ovs-dpdk', name: 'a' }, { network: 'ovs-dpdk', name: 'b' }],
    })]).result;
    expect(planned.interfaces[0].mac.equals(planned.interfaces[1].mac)).toBe(false);
  });

  test.each([
    ['01:00:5e:00:00:01', 'is a multicast address; a NIC needs a unicast one'],
    ['02:00:00:00:00:01', 'is already the MAC of vms[0].interfaces[0]'],
  ])('refuses the MAC %s', (mac, text) => {
    const { diagnostics } = plan([
      vm({ interfaces: [{ network: 'ovs-dpdk', mac: '02:00:00:00:00:01' }] }),
      vm({ name: 'vm-2', interfaces: [{ network: 'ovs-dpdk', mac }] }),
    ]);
    const [finding] = withCode(diagnostics, 'VM007');
    expect(finding.path).toBe('vms[1].interfaces[0].mac');
    expect(finding.message).toBe(`mac ${mac} ${text}`);
  });
});

describe('planVms: static addresses', () => {
  const on = (network: string, ip?: string, name = 'vm-1') =>
    vm({ name, interfaces: [{ network, ...(ip && { ip }) }] });

  test('allocates a host address of the range, with its prefix', () => {
    const address = plan([on('static')]).result[0].interfaces[0].address;
    expect(address?.prefixLength).toBe(24);
    expect(address?.address.toString()).toMatch(/^10\.10\.0\.([2-9]|[1-9]\d|1\d\d|2[0-4]\d|25[0-4])$/);
  });

  test('keeps a VM\'s address when other VMs are added before it', () => {
    const alone = plan([on('static', undefined, 'web')]).result[0].interfaces[0].address;
    const others = ['a', 'b', 'c', 'd'].map((n) => on('static', undefined, n));
    const crowded = plan([...others, on('static', undefined, 'web')]).result[4];
    expect(crowded.interfaces[0].address?.toString()).toBe(alone?.toString());
  });

  test('gives every NIC of a range its own address, never the gateway', () => {
    const vms = Array.from({ length: 60 }, (_, i) => on('static', undefined, `vm-${i}`));
    const addresses = plan(vms).result.map((p) => p.interfaces[0].address?.address.toString());
    expect(new Set(addresses).size).toBe(60);
    expect(addresses).not.toContain('10.10.0.1');
  });

  test('fills a /30 and then reports the range exhausted', () => {
    const { result, diagnostics } = plan(['a', 'b', 'c'].map((n) => on('tiny', undefined, n)));
    expect(result.map((p) => p.interfaces[0].address?.toString()))
      .toEqual(expect.arrayContaining(['10.20.0.1/30', '10.20.0.2/30']));
    const [finding] = withCode(diagnostics, 'VM009');
    expect(finding.path).toBe('vms[2].interfaces[0].network');
    expect(finding.message).toBe('network tiny has no free address left in 10.20.0.0/30 '
      + 'for this NIC');
  });

  test('keeps a given address and allocates around it', () => {
    const { result } = plan([on('tiny', undefined, 'a'), on('tiny', '10.20.0.1', 'b')]);
    expect(result.map((p) => p.interfaces[0].address?.toString()))
      .toEqual(['10.20.0.2/30', '10.20.0.1/30']);
  });

  test.each([
    ['10.11.0.5', 'is outside 10.10.0.0/24'],
    ['10.10.0.1', 'is the gateway'],
    ['10.10.0.255', 'is the broadcast address'],
    ['10.10.0.7', 'is already the address of vms[0].interfaces[0]'],
  ])('refuses the address %s', (ip, text) => {
    const { diagnostics } = plan([on('static', '10.10.0.7', 'a'), on('static', ip, 'b')]);
    const [finding] = withCode(diagnostics, 'VM008');
    expect(finding.path).toBe('vms[1].interfaces[0].ip');
    expect(finding.message).toBe(`ip ${ip} on network static ${text}`);
  });

  test('refuses an address on a network without a range', () => {
    const [finding] = withCode(plan([on('ovs-dpdk', '10.0.0.5')]).diagnostics, 'VM008');
    expect(finding.message).toBe('ip 10.0.0.5 is given, but network ovs-dpdk has no address range');
  });

  test('leaves DHCP networks to DHCP, but checks a pinned address against the subnet', () => {
    const dhcp = plan([vm({ interfaces: [{ network: 'ovn-dpdk' }] })], kubeOvn).result[0];
    expect(dhcp.interfaces[0].address).toBeUndefined();
    const pinned = plan([vm({ interfaces: [{ network: 'ovn-dpdk', ip: '172.18.0.5' }] })], kubeOvn);
    expect(withCode(pinned.diagnostics, 'VM008')[0].message)
      .toBe('ip 172.18.0.5 on network ovn-dpdk is excluded by subnet sn-dhcp');
  });
});

describe('planVms on Kube-OVN', () => {
  test('refuses a second vhost-user interface, naming Virtink\'s fixed annotation', () => {
    const { diagnostics } = plan([vm({
      interfaces: [{ network: 'ovn-dpdk', name: 'a' }, { network: 'ovn-dpdk', name: 'b' }],
    })], kubeOvn);
    const [finding] = withCode(diagnostics, 'VM010');
    expect(finding.path).toBe('vms[0].interfaces[1]');
    expect(finding.message).toContain('ovn-dpdk.default.ovn.kubernetes.io/mac_address');
  });

  test('refuses a VM outside namespace default', () => {
    const { diagnostics } = plan([vm({ namespace: 'vnf', interfaces: [{ network: 'ovn-dpdk' }] })],
      kubeOvn);
    expect(withCode(diagnostics, 'VM011')[0].path).toBe('vms[0].namespace');
  });

  test('places the socket where kube-ovn-cni bind-mounts the pod volume', () => {
    const [planned] = plan([vm({ interfaces: [{ network: 'ovn-dpdk' }] })], kubeOvn).result;
    expect(planned.interfaces[0].socketPath)
      .toBe('/var/run/openvswitch/vhost_sockets/<id>/vhostuser-sockets/sock');
  });
});

describe('planVms: cloud-init and metadata', () => {
  test.each([
    [{ password: 'secret' }, 'VM014', 'vms[0].cloudInit.password'],
    [{ userDataSecretName: 'ud', sshAuthorizedKeys: [KEY] }, 'VM015',
      'vms[0].cloudInit.sshAuthorizedKeys'],
    [{ userDataSecretName: 'User_Data' }, 'VM016', 'vms[0].cloudInit.userDataSecretName'],
    [{ sshAuthorizedKeys: ['not a key'] }, 'VM016', 'vms[0].cloudInit.sshAuthorizedKeys[0]'],
    [{ sshAuthorizedKeys: [`${KEY}\nssh-rsa AAAA x`] }, 'VM016',
      'vms[0].cloudInit.sshAuthorizedKeys[0]'],
    [{ extraUserData: '- a\n- b' }, 'VM016', 'vms[0].cloudInit.extraUserData'],
    [{ extraUserData: 'a: [' }, 'VM016', 'vms[0].cloudInit.extraUserData'],
  ])('refuses the cloud-init %j', (cloudInit, code, path) => {
    expect(codesAndPaths(findingsOf({ cloudInit }))).toEqual([`${code} ${path}`]);
  });

  test('accepts a password when plain text is allowed, and keys with a comment', () => {
    expect(findingsOf({
      cloudInit: { password: 'pw', allowPlainTextPassword: true, sshAuthorizedKeys: [KEY] },
    })).toEqual([]);
  });

  test('explains why a plain-text password is refused', () => {
    const [finding] = findingsOf({ cloudInit: { password: 'secret' } });
    expect(finding.message).toContain('readable by anyone who can read the VirtualMachine');
  });

  test('quotes Virtink when the Secret and inline user data meet', () => {
    const [finding] = findingsOf({ cloudInit: { userDataSecretName: 'ud', extraUserData: 'a: 1' } });
    expect(finding.upstream).toBe('may not specify more than 1 user data');
  });

  test.each([
    [{ labels: { 'app/x/y': 'a' } }, 'vms[0].labels', 'the prefix before /'],
    [{ labels: { app: 'not ok' } }, 'vms[0].labels', 'is not a label value'],
    [{ annotations: { 'k8s.v1.cni.cncf.io/networks': '[]' } }, 'vms[0].annotations',
      'Virtink writes this annotation'],
  ])('refuses the metadata %j', (changes, path, text) => {
    const [finding] = withCode(findingsOf(changes), 'VM022');
    expect(finding.path).toBe(path);
    expect(finding.message).toContain(text);
  });
});
