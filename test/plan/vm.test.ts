import { Size } from '../../src/model/size';
import { defaultInterfaceName, planVms, VmContext } from '../../src/plan/vm';
import { VmSpec } from '../../src/spec';
import { codesAndPaths, collect, withCode } from '../support/findings';
import {
  KUBE_OVN_CONTEXT as kubeOvn, USERSPACE_CONTEXT as userspace, vmSpec as vm,
} from '../support/vm-context';

const KEY = 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIMcBzX0Zdb3h1n4cXZ4i8cO5Zx2L0yJgB0CkG0C2b4aQ me';

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

  test('never recommends a pool page size that VMs cannot use', () => {
    const context = { ...userspace, pageSizes: [{ pool: 'pool-a', size: Size.parse('4Mi') }] };
    const [finding] = withCode(findingsOf({ hugepageSize: '1Gi' }, context), 'VM003');
    expect(finding.hint).toBe('change hugepages.size of the pool to 1Gi: VMs cannot use its '
      + '4Mi pages');
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

  test('pins a VM to the pool of its host', () => {
    const [planned] = plan([vm({ host: 'pool-a' })]).result;
    expect([planned.nodePool, planned.host]).toEqual(['pool-a', 'pool-a']);
  });

  test('refuses a host that is no host of the cluster', () => {
    const [finding] = withCode(findingsOf({ host: 'worker-9' }), 'VM025');
    expect(finding.message).toBe('host "worker-9" is not a host of any node pool; the '
      + 'cluster has "pool-a"');
  });

  test('refuses a host outside the VM\'s nodePool', () => {
    const context = {
      ...userspace,
      poolNames: ['pool-a', 'pool-b'],
      hosts: [...userspace.hosts, { pool: 'pool-b', name: 'b-1' }],
    };
    expect(codesAndPaths(findingsOf({ host: 'b-1', nodePool: 'pool-a' }, context)))
      .toEqual(['VM025 vms[0].host']);
  });

  test('binds the pod network with bridge unless told otherwise', () => {
    expect(plan([vm(), vm({ name: 'vm-2', podNetworkBinding: 'masquerade' })]).result
      .map((v) => v.podNetworkBinding)).toEqual(['bridge', 'masquerade']);
  });

  test('refuses a pod network binding without the pod network', () => {
    expect(codesAndPaths(findingsOf({ podNetwork: false, podNetworkBinding: 'masquerade' })))
      .toEqual(['VM026 vms[0].podNetworkBinding']);
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
    expect(finding.hint).toBe('put the VM in namespace default, or define the network in vnf');
  });

  test('offers no network in a namespace that cannot be named', () => {
    const [finding] = withCode(findingsOf({ namespace: 'Kube_System' }), 'VM006');
    expect(finding.hint).toBe('put the VM in namespace default ("Kube_System" cannot name a '
      + 'namespace), or in a namespace with a valid name where you define the network too');
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

  test('asks only to move the VM to default when its network is elsewhere', () => {
    const [finding] = withCode(
      findingsOf({ namespace: 'vms', interfaces: [{ network: 'ovn-dpdk' }] }, kubeOvn), 'VM006');
    expect(finding.hint).toBe('put the VM in namespace default: on Kube-OVN the network must '
      + 'be ovn-dpdk in default (NET002), so the VM goes there');
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
    const cloudInit = { userDataSecretName: 'ud', extraUserData: 'a: 1' };
    const [finding] = findingsOf({ cloudInit });
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
