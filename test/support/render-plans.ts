// Small ClusterPlan fixtures built by hand, for the renderer tests. They hold
// the numbers of the manual guide's two clusters, not the planner's output.
import { Findings } from '../../src/diagnostics/findings';
import { CpuSet } from '../../src/model/cpuset';
import { Cidr, InterfaceAddress, IpAddress } from '../../src/model/ip';
import { MacAddress } from '../../src/model/mac';
import { PciAddress } from '../../src/model/pci';
import { Size } from '../../src/model/size';
import { HostTopology } from '../../src/model/topology';
import { planOvsDpdkPod } from '../../src/plan/kube-ovn-pod';
import {
  ClusterPlan, HugepageLedgerEntry, KubeletPlan, NetworkPlan, NodePlan, PoolPlacement,
  SubnetPlan, VmPlan,
} from '../../src/plan/types';
import { PodNetworkBinding, VmSpec } from '../../src/spec';

/** The compact description a fixture node pool is built from. */
export interface NodeFixtureOptions {
  readonly name?: string;
  readonly hosts?: string[];
  readonly numaNodes?: number;
  readonly coresPerNumaNode?: number;
  readonly threadsPerCore?: number;
  readonly housekeeping?: string;
  readonly pmd?: string;
  /** Boot pages on each NUMA node. */
  readonly pagesPerNumaNode?: number;
  readonly pageSize?: string;
  /** `dpdk-socket-mem` of each NUMA node, as OVS writes it (MiB). */
  readonly socketMem?: number[];
  /** Hugepages the VMs take on each NUMA node. */
  readonly vmHugepages?: string[];
}

/** A node pool plan with consistent numbers, from a few counts. */
export function nodePlanFixture(options: NodeFixtureOptions = {}): NodePlan {
  const name = options.name ?? 'dpdk';
  const numaCount = options.numaNodes ?? 1;
  const coresPerNumaNode = options.coresPerNumaNode ?? 12;
  const threadsPerCore = options.threadsPerCore ?? 1;
  const pageSize = Size.parse(options.pageSize ?? '1Gi');
  const topology = HostTopology.uniform({
    numaNodes: numaCount,
    coresPerNumaNode,
    threadsPerCore,
    memoryPerNumaNode: Size.parse('64Gi'),
  });
  const housekeeping = CpuSet.parse(options.housekeeping ?? '0-1');
  const pmd = CpuSet.parse(options.pmd ?? '8-11');
  const reservedSystem = housekeeping.union(pmd);
  const vm = topology.cpus().difference(reservedSystem);
  const socketMem = (options.socketMem ?? topology.numaNodeIds().map(() => 1024))
    .map((mib) => Size.mebibytes(mib));
  const ledger = topology.numaNodeIds().map((numaNode, i): HugepageLedgerEntry => {
    const pages = options.pagesPerNumaNode ?? 8;
    const total = pageSize.times(pages);
    const vms = Size.parse(options.vmHugepages?.[i] ?? '0');
    const ovs = socketMem[i];
    const ovsHeld = pageSize.times(ovs.dividedBy(pageSize) + (ovs.isMultipleOf(pageSize) ? 0 : 1));
    const held = { ovs, ovsHeld, headroom: ovsHeld.minus(ovs) };
    const taken = ovsHeld.plus(vms);
    return taken.compare(total) > 0
      ? { numaNode, pages, total, ...held, vms, free: 'negative', shortfall: taken.minus(total) }
      : { numaNode, pages, total, ...held, vms, free: total.minus(taken) };
  });
  const socketMemText = socketMem.map((s) => s.toOvsMegabytes()).join(',');

  return {
    spec: {
      name,
      topology: {
        uniform: {
          numaNodes: numaCount, coresPerNumaNode, threadsPerCore, memoryPerNumaNode: '64Gi',
        },
      },
    },
    index: 0,
    name,
    hosts: (options.hosts ?? [`${name}-1`]).map((host) => ({ name: host })),
    topology,
    cpus: {
      housekeeping,
      pmd,
      lcore: CpuSet.of(housekeeping.first()!),
      isolated: pmd.union(vm),
      reservedSystem,
      vm,
      pmdNumaNodes: [...new Set(pmd.toArray().map((cpu) => topology.numaNodeOf(cpu)))],
    },
    hugepages: {
      size: pageSize,
      fixed: options.pagesPerNumaNode !== undefined,
      perNumaNode: ledger,
    },
    ovs: {
      otherConfig: [
        ['dpdk-init', 'true'],
        ['dpdk-lcore-mask', CpuSet.of(housekeeping.first()!).toMask()],
        ['pmd-cpu-mask', pmd.toMask()],
        ['dpdk-socket-mem', socketMemText],
        ['dpdk-socket-limit', socketMemText],
        ['dpdk-hugepage-dir', '/dev/hugepages'],
      ],
      socketMem,
      socketLimit: socketMem,
      tso: false,
      podCpuLimit: pmd.size + 1,
      mtu: 1500,
    },
    kubelet: kubeletFixture(reservedSystem, numaCount),
    kernel: {
      args: [
        `default_hugepagesz=${pageSize.toKernel()}`, `hugepagesz=${pageSize.toKernel()}`,
        `hugepages=${(options.pagesPerNumaNode ?? 8) * numaCount}`,
        'iommu=pt', 'intel_iommu=on', `isolcpus=${pmd.union(vm).toList()}`,
      ],
      perNodeHugepages: false,
      hugepagesAtRuntime: false,
      iommu: true,
    },
    nics: [{
      pci: PciAddress.parse('0000:af:00.0'),
      port: 'dpdk0',
      numaNode: 0,
      driver: 'vfio-pci',
      virtualFunction: false,
    }],
    capacity: topology.numaNodeIds().map((numaNode, i) => ({
      numaNode,
      cpus: vm.intersect(topology.cpusOf(numaNode)).size,
      hugepages: ledger[i].total.minus(ledger[i].ovsHeld),
    })),
    vhostUserVms: true,
  };
}

/** The guide's kubelet reservations: 2Gi + 2Gi + 100Mi, 2148Mi on NUMA node 0. */
function kubeletFixture(reservedSystem: CpuSet, numaCount: number): KubeletPlan {
  const multiNuma = numaCount > 1;
  const reservedMemory = multiNuma
    ? Array.from({ length: numaCount }, (_, numaNode) => ({
      numaNode, memory: Size.parse(numaNode === 0 ? '2148Mi' : '2Gi'),
    }))
    : [];
  const kube = Size.parse('2Gi');
  const eviction = Size.parse('100Mi');
  return {
    configPath: '/var/lib/kubelet/config.yaml',
    config: {
      cpuManagerPolicy: 'static',
      reservedSystemCPUs: reservedSystem.toList(),
      ...(multiNuma ? {
        topologyManagerPolicy: 'single-numa-node',
        memoryManagerPolicy: 'Static',
        reservedMemory: reservedMemory.map((entry) => ({
          numaNode: entry.numaNode, limits: { memory: entry.memory.toQuantity() },
        })),
      } : {}),
      kubeReserved: { memory: '2Gi' },
      systemReserved: { memory: '2Gi' },
    },
    reservedMemory,
    reservedTotal: kube.plus(kube).plus(eviction),
    reservation: { kube, system: kube, eviction, total: kube.plus(kube).plus(eviction) },
    topologyManagerPolicy: multiNuma ? 'single-numa-node' : 'none',
    memoryManager: multiNuma,
    fullPcpusOnly: false,
    strictCpuReservation: false,
  };
}

/** The compact description of a fixture VM. */
export interface VmFixtureOptions {
  readonly name?: string;
  readonly namespace?: string;
  readonly sockets?: number;
  readonly coresPerSocket?: number;
  readonly memory?: string;
  readonly pageSize?: string;
  readonly podNetwork?: boolean;
  readonly podNetworkBinding?: PodNetworkBinding;
  readonly network?: string;
  readonly interfaceName?: string;
  readonly mac?: string;
  readonly address?: string;
  readonly nodePool?: string;
  readonly host?: string;
  readonly fitsOn?: number[];
  readonly spec?: Partial<VmSpec>;
}

/** A VM plan with one vhost-user NIC. */
export function vmPlanFixture(options: VmFixtureOptions = {}): VmPlan {
  const name = options.name ?? 'ubuntu-vhostuser';
  const network = options.network ?? 'ovn-dpdk';
  const sockets = options.sockets ?? 1;
  const coresPerSocket = options.coresPerSocket ?? 1;
  const memory = options.memory ?? '1Gi';
  const fitsOn = options.fitsOn ?? [0];
  const namespace = options.namespace ?? 'default';
  const interfaceName = options.interfaceName ?? 'vhostuser';
  const podNetwork = options.podNetwork ?? false;
  return {
    spec: { name, memory, interfaces: [{ network }], ...options.spec },
    index: 0,
    name,
    namespace,
    sockets,
    coresPerSocket,
    cpus: sockets * coresPerSocket,
    memory: Size.parse(memory),
    pageSize: Size.parse(options.pageSize ?? '1Gi'),
    podNetwork,
    podNetworkBinding: options.podNetworkBinding ?? 'bridge',
    interfaces: [{
      name: interfaceName,
      network,
      cniInterface: podNetwork ? 'net1' : 'net0',
      mac: MacAddress.parse(options.mac ?? '02:00:00:00:00:01'),
      address: options.address === undefined ? undefined : InterfaceAddress.parse(options.address),
      socketPath: '/var/run/openvswitch/vhost_sockets/<id>/vhostuser-sockets/sock',
    }],
    nodePool: options.nodePool,
    ...(options.host !== undefined && { host: options.host }),
    runPolicy: options.spec?.runPolicy ?? 'Always',
    image: options.spec?.image ?? 'smartxworks/virtink-container-disk-ubuntu',
    placement: [{
      nodePool: 'dpdk',
      fitsOn,
      fitsHost: fitsOn.length > 0,
      assigned: fitsOn[0],
      host: fitsOn.length > 0 ? 'dpdk-1' : undefined,
    }],
  };
}

/** The guide's Kube-OVN NAD `ovn-dpdk` in `default`. */
export function kubeOvnNetworkFixture(): NetworkPlan {
  return {
    spec: { name: 'ovn-dpdk' },
    index: 0,
    name: 'ovn-dpdk',
    namespace: 'default',
    path: 'kube-ovn',
    provider: 'ovn-dpdk.default.ovn',
    cniConfig: {
      cniVersion: '0.3.0',
      type: 'kube-ovn',
      server_socket: '/run/openvswitch/kube-ovn-daemon.sock',
      provider: 'ovn-dpdk.default.ovn',
      vhost_user_socket_volume_name: 'vhostuser-sockets',
      vhost_user_socket_name: 'sock',
    },
    dhcp: true,
  };
}

/** The guide's Userspace CNI NAD `ovs-dpdk`, with a static address range. */
export function userspaceNetworkFixture(): NetworkPlan {
  return {
    spec: { name: 'ovs-dpdk', cidr: '192.168.100.0/24', gateway: '192.168.100.1' },
    index: 0,
    name: 'ovs-dpdk',
    namespace: 'default',
    path: 'userspace',
    bridge: 'br-int',
    cniConfig: {
      cniVersion: '0.3.1',
      type: 'userspace',
      name: 'ovs-dpdk',
      kubeconfig: '/etc/cni/net.d/multus.d/multus.kubeconfig',
      logFile: '/var/log/userspace-cni-ovs-dpdk.log',
      logLevel: 'info',
      host: {
        engine: 'ovs-dpdk',
        iftype: 'vhostuser',
        netType: 'bridge',
        vhost: { mode: 'client' },
        bridge: { bridgeName: 'br-int' },
      },
      container: {
        engine: 'ovs-dpdk',
        iftype: 'vhostuser',
        netType: 'interface',
        vhost: { mode: 'server' },
      },
    },
    staticRange: {
      cidr: Cidr.parse('192.168.100.0/24'), gateway: IpAddress.parse('192.168.100.1'),
    },
    dhcp: false,
  };
}

/** A DHCP subnet for the Kube-OVN network. */
export function subnetFixture(): SubnetPlan {
  return {
    spec: { name: 'sn-dhcp', network: 'ovn-dpdk', cidr: '172.18.0.0/16', natOutgoing: true },
    index: 0,
    name: 'sn-dhcp',
    network: { name: 'ovn-dpdk', namespace: 'default' },
    provider: 'ovn-dpdk.default.ovn',
    cidr: '172.18.0.0/16',
    gateway: IpAddress.parse('172.18.0.1'),
    excludeIps: ['172.18.0.1', '172.18.0.100'],
    dhcpV4Options: 'lease_time=3600,router=172.18.0.1,server_id=172.18.0.100,'
      + 'server_mac=00:00:00:2e:2f:b8,netmask=255.255.0.0,dns_server=223.5.5.5',
    dhcp: {
      serverId: IpAddress.parse('172.18.0.100'),
      serverMac: MacAddress.parse('00:00:00:2e:2f:b8'),
      leaseTime: 3600,
      router: IpAddress.parse('172.18.0.1'),
      dnsServers: [IpAddress.parse('223.5.5.5')],
    },
    namespaces: [],
    natOutgoing: true,
  };
}

/**
 * The guide's single-NUMA Kube-OVN cluster: one pool, one VM, one DHCP subnet.
 * The `ovs-ovn-dpdk` pod's resources are planned from the final pools, as the
 * planner does, unless `overrides` gives them.
 */
export function kubeOvnClusterFixture(overrides: Partial<ClusterPlan> = {}): ClusterPlan {
  const plan = kubeOvnClusterBase(overrides);
  const pod = planOvsDpdkPod(plan.nodes, new Findings());
  return 'ovsDpdkPod' in overrides || pod === undefined ? plan : { ...plan, ovsDpdkPod: pod };
}

function kubeOvnClusterBase(overrides: Partial<ClusterPlan>): ClusterPlan {
  const node: NodePlan = {
    ...nodePlanFixture({ vmHugepages: ['1Gi'] }),
    kubeOvn: {
      configCfg: [['dpdk-init', 'true'], ['dpdk-socket-mem', '"1024"']],
      hosts: [{ name: 'dpdk-1', ovsDpdkConfig: [['ENCAP_IP', '192.168.0.10/20']] }],
      nodeLabel: ['ovn.kubernetes.io/ovs_dp_type', 'userspace'],
    },
  };
  const vm = vmPlanFixture();
  return {
    spec: {
      name: 'guide-kube-ovn',
      nodes: [node.spec],
      kubeOvn: { version: 'v1.10.7' },
      networks: [{ name: 'ovn-dpdk' }],
      vms: [vm.spec],
    },
    path: 'kube-ovn',
    kubeletVersion: '1.25',
    ovsVersion: '2.17',
    kubeOvnVersion: 'v1.10.7',
    nodes: [node],
    networks: [kubeOvnNetworkFixture()],
    subnets: [subnetFixture()],
    vms: [vm],
    placement: [placementFixture(node)],
    ...overrides,
  };
}

/** The guide's two-NUMA Userspace CNI cluster: pod network plus a vhost-user NIC. */
export function userspaceClusterFixture(overrides: Partial<ClusterPlan> = {}): ClusterPlan {
  const node = nodePlanFixture({
    numaNodes: 2,
    coresPerNumaNode: 10,
    threadsPerCore: 2,
    housekeeping: '0,10,20,30',
    pmd: '1,11,21,31',
    vmHugepages: ['1Gi', '0'],
  });
  const vm = vmPlanFixture({
    network: 'ovs-dpdk', podNetwork: true, address: '192.168.100.10/24',
  });
  return {
    spec: {
      name: 'guide-userspace',
      nodes: [node.spec],
      userspaceCni: {},
      networks: [{ name: 'ovs-dpdk' }],
      vms: [vm.spec],
    },
    path: 'userspace',
    kubeletVersion: '1.25',
    ovsVersion: '3.1',
    nodes: [node],
    networks: [userspaceNetworkFixture()],
    subnets: [],
    vms: [vm],
    placement: [placementFixture(node)],
    ...overrides,
  };
}

/** The placement preview of a pool, with no VM assigned. */
export function placementFixture(node: NodePlan): PoolPlacement {
  return {
    nodePool: node.name,
    numaNodes: node.capacity.map((capacity) => ({
      numaNode: capacity.numaNode,
      capacity,
      vms: 0,
      cpus: 0,
      hugepages: Size.ZERO,
      hostDemand: Size.ZERO,
    })),
  };
}
