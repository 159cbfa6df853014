// The Kube-OVN path of Virtink's vhost-user guide, on one NUMA node, as a
// cdk8s app: one OVS-DPDK node with an Intel NIC on vfio-pci, Kube-OVN in
// OVS-DPDK mode, the `ovn-dpdk` network, a DHCP subnet for it, and one VM.
//
//   cd examples/kube-ovn-single-numa && npx cdk8s synth
//
// writes dist/kube-ovn-guide.k8s.yaml, dist/nodes/dpdk/ and dist/PLAN.md.
import {
  DhcpSubnet, KubeOvnDpdk, OvsDpdkNode, VhostUserApp, VhostUserCluster, VhostUserNetwork,
  VhostUserVm,
} from 'vhost-user-k8s/cdk8s';

const app = new VhostUserApp();
const cluster = new VhostUserCluster(app, 'kube-ovn-guide');

new KubeOvnDpdk(cluster, 'KubeOvn', { version: 'v1.10.7' });

new OvsDpdkNode(cluster, 'dpdk', {
  name: 'dpdk',
  // ENCAP_IP of /opt/ovs-config/ovs-dpdk-config, one per host.
  hosts: [{ name: 'node-1', encapIp: '192.168.0.10/20' }],
  // The guide shows no topology: 16 single-thread cores and 128Gi. On a real
  // node, paste what `vhost-user-k8s facts` prints.
  topology: {
    uniform: {
      numaNodes: 1, coresPerNumaNode: 16, threadsPerCore: 1, memoryPerNumaNode: '128Gi',
    },
  },
  nics: [{ pci: '0000:af:00.0', numaNode: 0, driver: 'vfio-pci' }],
  // reservedSystemCPUs 0-1,8-11 of the guide; pmd-cpu-mask=0xf00.
  cpus: { housekeeping: '0-1', pmd: '8-11' },
  hugepages: { size: '1Gi', pagesPerNumaNode: 60 },
  ovs: { socketMem: '1024', socketLimit: '1024' },
});

// Virtink wires Kube-OVN vhost-user NICs to this one NAD only.
const network = new VhostUserNetwork(cluster, 'ovn-dpdk', { name: 'ovn-dpdk' });

new DhcpSubnet(cluster, 'sn-dhcp', {
  name: 'sn-dhcp',
  network: network.name,
  cidr: '172.18.0.0/16',
  gateway: '172.18.0.1',
  excludeIps: ['172.18.0.1'],
  natOutgoing: true,
  dhcp: {
    serverId: '172.18.0.100',
    serverMac: '00:00:00:2E:2F:B8',
    leaseTime: 3600,
    router: '172.18.0.1',
    dnsServers: ['223.5.5.5'],
  },
});

new VhostUserVm(cluster, 'ubuntu-vhostuser', {
  name: 'ubuntu-vhostuser',
  cpus: 1,
  memory: '1Gi',
  hugepageSize: '1Gi',
  image: 'smartxworks/virtink-container-disk-ubuntu',
  interfaces: [{ network: network.name, name: 'vhostuser' }],
  cloudInit: {
    sshAuthorizedKeys: [
      'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIMcBzX0Zdb3h1n4cXZ4i8cO5Zx2L0yJgB0CkG0C2b4aQ guide@example',
    ],
  },
});

app.synth();
