// The Userspace CNI path of Virtink's vhost-user guide, on two hosts with two
// NUMA nodes each, as a cdk8s app: OVS-DPDK on the hosts with a `netdev`
// bridge `br-int` and a Mellanox DPDK port, the `ovs-dpdk` network, and one
// VM that also keeps the pod network for management.
//
//   cd examples/userspace-two-numa && npx cdk8s synth
//
// writes dist/userspace-guide.k8s.yaml, dist/nodes/dpdk/ and dist/PLAN.md.
import {
  OvsDpdkNode, UserspaceCni, VhostUserApp, VhostUserCluster, VhostUserNetwork, VhostUserVm,
} from 'vhost-user-k8s/cdk8s';

const app = new VhostUserApp();
const cluster = new VhostUserCluster(app, 'userspace-guide');

new UserspaceCni(cluster, 'UserspaceCni', {
  bridge: 'br-int',
  kubeconfig: '/etc/cni/net.d/multus.d/multus.kubeconfig',
  logFile: '/var/log/nad-ovs-dpdk.log',
  logLevel: 'info',
});

new OvsDpdkNode(cluster, 'dpdk', {
  name: 'dpdk',
  hosts: [{ name: 'node-1' }, { name: 'node-2' }],
  // Cores 0-9,20-29 on NUMA node 0 and 10-19,30-39 on NUMA node 1.
  topology: {
    uniform: {
      numaNodes: 2, coresPerNumaNode: 10, threadsPerCore: 2, memoryPerNumaNode: '128Gi',
    },
  },
  // The bifurcated mlx5 driver: no rebinding, no IOMMU.
  nics: [{ pci: '0000:58:00.0', numaNode: 0, driver: 'mlx5' }],
  // reservedSystemCPUs 0-1,8-11,18-19 of the guide, with the sibling threads
  // of those cores added: no core is shared between OVS or the OS and a VM.
  cpus: { housekeeping: '0-1,18-21,38-39', pmd: '8-11,28-31' },
  hugepages: { size: '1Gi', pagesPerNumaNode: 30 },
  // The guide's "1024,124" is a typo the library would report.
  ovs: { socketMem: '1024,1024', socketLimit: '1024,1024' },
  kubelet: {
    systemReservedMemory: '2Gi',
    kubeReservedMemory: '2Gi',
    reservedMemory: ['2148Mi', '2Gi'],
  },
});

const network = new VhostUserNetwork(cluster, 'ovs-dpdk', { name: 'ovs-dpdk' });

new VhostUserVm(cluster, 'ubuntu-vhostuser', {
  name: 'ubuntu-vhostuser',
  // One whole core: the kubelet's full-pcpus-only refuses an odd vCPU count on
  // these SMT hosts (the guide's VM has 1).
  cpus: 2,
  memory: '1Gi',
  hugepageSize: '1Gi',
  image: 'smartxworks/virtink-container-disk-ubuntu',
  podNetwork: true,
  interfaces: [{ network: network.name, name: 'vhostuser' }],
  cloudInit: {
    sshAuthorizedKeys: [
      'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIMcBzX0Zdb3h1n4cXZ4i8cO5Zx2L0yJgB0CkG0C2b4aQ guide@example',
    ],
  },
});

app.synth();
