// The generated fleet of the synthesis benchmark, as plain cluster specs.
//
// A cluster enables one network path, and Virtink wires Kube-OVN vhost-user
// NICs to the one NAD `ovn-dpdk` in `default` (NET002). So "4 networks, both
// paths" is two clusters of half the fleet each:
//
// - `edge-ovn`, Kube-OVN: the `ovn-dpdk` network with a DHCP subnet;
// - `edge-us`, Userspace CNI: three networks with static ranges, every VM on
//   two of them, so that addresses are allocated from the ranges.
//
// Each cluster has 10 pools (edge sites) of 5 hosts: 2 NUMA nodes × 32 cores
// × 2 threads and 192Gi per NUMA node, one DPDK NIC on each NUMA node. VMs
// are pinned to a site, round-robin, and every site gets the same sequence of
// shapes: 2-8 vCPUs (mostly 2: the hosts have 120 CPUs for VMs after
// housekeeping and PMD cores, and 5,000 VMs fill them to 93%) and 2-16Gi on
// 1Gi pages.
import { ClusterSpec, NodeSpec, VmSpec } from '../src/spec';

/** Options of {@link fleetSpecs}. */
export interface FleetOptions {
  /** VMs of the whole fleet, split evenly between the two clusters. */
  readonly vms: number;
}

/** The fixed shape of the fleet. */
export const FLEET = {
  clusters: 2,
  poolsPerCluster: 10,
  hostsPerPool: 5,
  networks: 4,
} as const;

/** vCPUs of the k-th VM of a site, cycled: 47 × 2, then 4, 6 and 8. */
const CPUS = [...Array<number>(47).fill(2), 4, 6, 8];

/** Guest memory in Gi of the k-th VM of a site, cycled. */
const MEMORY = [2, 4, 2, 8, 2, 4, 2, 16, 2, 4];

const SSH_KEY = 'ssh-ed25519 '
  + 'AAAAC3NzaC1lZDI1NTE5AAAAIMcBzX0Zdb3h1n4cXZ4i8cO5Zx2L0yJgB0CkG0C2b4aQ bench@example';

/** The userspace cluster's networks; each VM takes one tenant network and `storage`. */
const USERSPACE_NETWORKS = [
  { name: 'tenant-a', cidr: '10.10.0.0/20', gateway: '10.10.0.1' },
  { name: 'tenant-b', cidr: '10.20.0.0/20', gateway: '10.20.0.1' },
  { name: 'storage', cidr: '10.30.0.0/19' },
];

/**
 * The two clusters of the fleet, Kube-OVN first.
 *
 * @throws Error when the VMs cannot be split evenly over the sites
 */
export function fleetSpecs(options: FleetOptions): ClusterSpec[] {
  const perCluster = options.vms / FLEET.clusters;
  if (!Number.isInteger(perCluster / FLEET.poolsPerCluster)) {
    throw new Error(`vms must be a multiple of ${FLEET.clusters * FLEET.poolsPerCluster}, `
      + `got ${options.vms}`);
  }
  return [kubeOvnCluster(perCluster), userspaceCluster(perCluster)];
}

function kubeOvnCluster(vms: number): ClusterSpec {
  return {
    name: 'edge-ovn',
    kubeOvn: { bondType: 'active-backup' },
    nodes: pools('kube-ovn'),
    networks: [{ name: 'ovn-dpdk' }],
    subnets: [{
      name: 'sn-vms',
      network: 'ovn-dpdk',
      cidr: '172.20.0.0/16',
      gateway: '172.20.0.1',
      natOutgoing: true,
      dhcp: { dnsServers: ['10.0.0.53'] },
    }],
    vms: range(vms).map((i) => vm(i, [{ network: 'ovn-dpdk' }])),
  };
}

function userspaceCluster(vms: number): ClusterSpec {
  return {
    name: 'edge-us',
    userspaceCni: { bridge: 'br-int' },
    nodes: pools('userspace'),
    networks: USERSPACE_NETWORKS,
    vms: range(vms).map((i) => vm(i, [
      { network: USERSPACE_NETWORKS[i % 2].name },
      { network: 'storage' },
    ])),
  };
}

function pools(path: 'kube-ovn' | 'userspace'): NodeSpec[] {
  return range(FLEET.poolsPerCluster).map((p) => ({
    name: siteName(p),
    hosts: range(FLEET.hostsPerPool).map((h) => ({
      name: `${siteName(p)}-node-${h}`,
      ...(path === 'kube-ovn' && { encapIp: `192.168.${p}.${10 + h}/16` }),
    })),
    topology: {
      uniform: {
        numaNodes: 2, coresPerNumaNode: 32, threadsPerCore: 2, memoryPerNumaNode: '192Gi',
      },
    },
    nics: [
      { pci: '0000:17:00.0', numaNode: 0, driver: 'vfio-pci' },
      { pci: '0000:b1:00.0', numaNode: 1, driver: 'vfio-pci' },
    ],
    hugepages: { size: '1Gi' },
    kernel: { version: '6.8.0' },
  }));
}

function vm(i: number, interfaces: VmSpec['interfaces']): VmSpec {
  const k = Math.floor(i / FLEET.poolsPerCluster);
  return {
    name: `vm-${String(i).padStart(5, '0')}`,
    cpus: CPUS[k % CPUS.length],
    memory: `${MEMORY[k % MEMORY.length]}Gi`,
    hugepageSize: '1Gi',
    nodePool: siteName(i % FLEET.poolsPerCluster),
    interfaces,
    cloudInit: { sshAuthorizedKeys: [SSH_KEY] },
  };
}

function siteName(p: number): string {
  return `site-${String(p).padStart(2, '0')}`;
}

function range(n: number): number[] {
  return Array.from({ length: n }, (_, i) => i);
}
