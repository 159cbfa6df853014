// The Userspace CNI path of Virtink's vhost-user guide, on two hosts with two
// NUMA nodes each, as a Pulumi program: the same cluster as the cdk8s app in
// ../userspace-two-numa, whose objects it creates as Kubernetes resources.
//
//   cd examples/pulumi && pulumi stack init lab && pulumi up
//
// Stack configuration (`pulumi config set <key> <value>`), all optional:
//
//   kubeconfig     kubeconfig of the cluster, its text or its path
//                  (else $KUBECONFIG, else ~/.kube/config)
//   context        context of that kubeconfig (else its current context)
//   sshUser        SSH user on the hosts: with it, `pulumi up` copies each
//                  host's bootstrap.sh there and runs it with sudo
//   sshPrivateKey  that user's private key; set it with --secret
//                  (else the SSH agent)
//   hostAddresses  addresses of the hosts by node name, as a JSON object
//                  (--path 'hostAddresses["node-1"]'); else the node names
//   drained        true once the hosts are drained: bootstrap.sh may then
//                  restart the kubelet with its new CPU and memory managers
//
// The node files are stack outputs: `pulumi stack output nodeFiles --json`.
import * as k8s from '@pulumi/kubernetes';
import * as pulumi from '@pulumi/pulumi';
import { RemoteBootstrapArgs, VhostUserCluster } from 'vhost-user-k8s/pulumi';

const config = new pulumi.Config();

const kubernetes = new k8s.Provider('cluster', {
  kubeconfig: config.get('kubeconfig'),
  context: config.get('context'),
});

const sshUser = config.get('sshUser');
const addresses = config.getObject<Record<string, string>>('hostAddresses') ?? {};
const bootstrap: RemoteBootstrapArgs | undefined = sshUser === undefined ? undefined : {
  connection: { user: sshUser, privateKey: config.getSecret('sshPrivateKey') },
  drained: config.getBoolean('drained') ?? false,
};
const host = (name: string) => ({ name, connection: { host: addresses[name] ?? name } });

const cluster = new VhostUserCluster('userspace-guide', {
  userspaceCni: {
    bridge: 'br-int',
    kubeconfig: '/etc/cni/net.d/multus.d/multus.kubeconfig',
    logFile: '/var/log/nad-ovs-dpdk.log',
    logLevel: 'info',
  },
  nodes: [{
    name: 'dpdk',
    hosts: [host('node-1'), host('node-2')],
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
  }],
  networks: [{ name: 'ovs-dpdk' }],
  vms: [{
    name: 'ubuntu-vhostuser',
    // One whole core: the kubelet's full-pcpus-only refuses an odd vCPU count on
    // these SMT hosts (the guide's VM has 1).
    cpus: 2,
    memory: '1Gi',
    hugepageSize: '1Gi',
    image: 'smartxworks/virtink-container-disk-ubuntu',
    podNetwork: true,
    interfaces: [{ network: 'ovs-dpdk', name: 'vhostuser' }],
    cloudInit: {
      sshAuthorizedKeys: [
        'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIMcBzX0Zdb3h1n4cXZ4i8cO5Zx2L0yJgB0CkG0C2b4aQ guide@example',
      ],
    },
  }],
  bootstrap,
}, { providers: [kubernetes] });

/** Every node file (`nodes/dpdk/bootstrap.sh`, ...) and `PLAN.md`, by path. */
export const nodeFiles = cluster.files
  .apply((files) => Object.fromEntries(files.map((file) => [file.path, file.content])));

/** Per node pool: the CPU map, the hugepage ledger, the VM capacity and the warnings. */
export const plan = cluster.planMarkdown;
