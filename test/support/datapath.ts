// The data path of a generated Userspace CNI node, for real: a one-node cluster is
// synthesized, its bootstrap.sh is applied to a sandboxed ovs-vswitchd-dpdk, each VM's
// vhost-user interface is added to the bridge as the Userspace CNI adds it, and
// dpdk-testpmd plays Cloud Hypervisor, the vhost-user server on the VM's socket.
// Used by test/integration/datapath.test.ts and bench/datapath-pps.ts.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { FakeNode, ScriptRun } from './fake-node-root';
import { OvsSandbox, startOvsSandbox } from './ovs-sandbox';
import { waitFor } from './processes';
import { startTestpmd, Testpmd, TestpmdForwardMode } from './testpmd';
import { addUserspaceCniPort, UserspaceCniPort } from './userspace-cni';
import { NodePlan, UserspaceCniConfig, VmPlan } from '../../src/plan/types';
import { ClusterSpec } from '../../src/spec';
import { synthesize, Synthesis } from '../../src/synth';

/** The NIC of the node; the sandbox stands a null device in for it. */
const NIC = '0000:af:00.0';

/**
 * A one-node Userspace CNI cluster with two vhost-user VMs on one network. One NUMA
 * node of 4 cores: the planner puts the DPDK lcore on CPU 0 and the PMD on CPU 1, which
 * exist on a 2-CPU machine too, and the VMs on CPUs 2-3, which the test never needs.
 */
export function datapathClusterSpec(): ClusterSpec {
  return {
    name: 'datapath',
    userspaceCni: {},
    nodes: [{
      name: 'worker',
      hosts: [{ name: 'worker-1' }],
      topology: {
        uniform: {
          numaNodes: 1, coresPerNumaNode: 4, threadsPerCore: 1, memoryPerNumaNode: '16Gi',
        },
      },
      nics: [{ pci: NIC, numaNode: 0, driver: 'vfio-pci' }],
      hugepages: { size: '1Gi', pagesPerNumaNode: 4 },
      kernel: { version: '6.1.0-18-amd64' },
    }],
    networks: [{ name: 'ovs-dpdk' }],
    vms: ['vm-a', 'vm-b'].map((name) => ({
      name, cpus: 1, memory: '1Gi', interfaces: [{ network: 'ovs-dpdk' }],
    })),
  };
}

/** A VM's vhost-user interface as the node sees it once the CNI has added it. */
export interface DatapathInterface {
  /** The VM. */
  readonly vm: string;
  /** The MAC Virtink gives the interface (Cloud Hypervisor's `mac=`). */
  readonly mac: string;
  /** The OVS port the Userspace CNI added, and its socket. */
  readonly cni: UserspaceCniPort;
}

/** Options for {@link GeneratedDatapath.startVm}. */
export interface StartVmOptions {
  /** What the VM does with packets. */
  readonly forwardMode: TestpmdForwardMode;
  /**
   * Send one burst first (testpmd `--tx-first`).
   * @default false
   */
  readonly txFirst?: boolean;
  /**
   * Destination of the packets the VM builds.
   * @default - testpmd's default peer
   */
  readonly peer?: DatapathInterface;
  /**
   * The CPU the VM's testpmd runs on.
   * @default 0
   */
  readonly cpu?: number;
  /**
   * Upper bound on the run, see `TestpmdOptions.maxRunMs`.
   * @default 120_000
   */
  readonly maxRunMs?: number;
}

/** Packet counters of one OVS port (`ovs-ofctl dump-ports`). */
export interface OvsPortCounters {
  readonly rxPackets: number;
  readonly txPackets: number;
  readonly txDropped: number;
}

/** A generated node's OVS, running in a sandbox, with the VMs' ports on its bridge. */
export class GeneratedDatapath {
  /**
   * Synthesizes {@link datapathClusterSpec}, starts a sandboxed OVS, applies the
   * pool's bootstrap.sh to it (with a fake root for the kernel, sysfs and kubelet
   * steps) and adds every VM interface's port as the Userspace CNI would. On failure
   * everything started so far is stopped before the error is thrown.
   */
  public static async start(spec = datapathClusterSpec()): Promise<GeneratedDatapath> {
    const synthesis = synthesize(spec);
    const errors = synthesis.diagnostics.filter((d) => d.severity === 'error');
    if (!synthesis.plan || errors.length > 0) {
      throw new Error(`the data-path cluster does not synthesize:\n${
        errors.map((d) => `${d.path}: ${d.code} ${d.message}`).join('\n')}`);
    }
    const pool = synthesis.plan.nodes[0];
    const ovs = await startOvsSandbox();
    const node = FakeNode.create({
      numaCpus: [pool.topology.cpus().toString()], nic: NIC, nicNumaNode: 0,
    });
    const datapath = new GeneratedDatapath(synthesis, pool, ovs, node);
    try {
      await datapath.setUp();
      return datapath;
    } catch (error) {
      await datapath.stop();
      throw error;
    }
  }

  /** The bridge the NAD names (the bootstrap created it). */
  public readonly bridge: string;
  /** The VMs' interfaces, in VM order, once {@link start} has resolved. */
  public readonly interfaces: DatapathInterface[] = [];
  /** How the bootstrap ran, once {@link start} has resolved. */
  public bootstrap: ScriptRun | undefined;

  private readonly testpmds: Testpmd[] = [];
  private stopping: Promise<void> | undefined;

  private constructor(
    /** What the library produced for the cluster. */
    public readonly synthesis: Synthesis,
    /** The plan of the one node pool. */
    public readonly pool: NodePlan,
    /** The sandboxed Open vSwitch. */
    public readonly ovs: OvsSandbox,
    /** The fake root the bootstrap's non-OVS steps run against. */
    public readonly node: FakeNode,
  ) {
    this.bridge = this.nadConfig().host.bridge.bridgeName;
  }

  /** The environment the bootstrap ran with: the sandbox's OVS, a null uplink. */
  public get bootstrapEnv(): NodeJS.ProcessEnv {
    // The uplink gets DPDK's null device with no-rx=1: it swallows what the bridge
    // floods to it and, unlike a plain net_null0, makes up no packets of its own.
    const devargs = (this.pool.ovs.bridge?.ports ?? [])
      .map((p) => `${p.name}=net_null0,no-rx=1`).join(' ');
    return { ...this.ovs.env, VHOST_USER_TEST_DEVARGS: devargs };
  }

  /**
   * Starts dpdk-testpmd as the VM's Cloud Hypervisor: the vhost-user server on the
   * socket the OVS port connects to, with the VM interface's MAC. Resolves once the
   * port is connected and forwarding on both sides.
   */
  public async startVm(vm: DatapathInterface, options: StartVmOptions): Promise<Testpmd> {
    const log = join(this.ovs.dir, 'ovs-vswitchd.log');
    const logStart = existsSync(log) ? statSync(log).size : 0;
    const testpmd = startTestpmd({
      socketPath: vm.cni.socketPath,
      mac: vm.mac,
      forwardMode: options.forwardMode,
      ...(options.txFirst && { txFirst: true }),
      ...(options.peer && { peerMac: options.peer.mac }),
      ...(options.cpu !== undefined && { cpu: options.cpu }),
      ...(options.maxRunMs && { maxRunMs: options.maxRunMs }),
    });
    this.testpmds.push(testpmd);
    await testpmd.waitUntilForwarding();
    await this.ovs.vsctl('--timeout=30', 'wait-until', 'Interface', vm.cni.port,
      'link_state=up');

    // The link is up once the device is added; OVS enables its queues a moment later
    // and until then drops what it would send there. It logs each enabled queue.
    const enabled = ['tx_qid 0', 'rx_qid 0'].map((queue) => `( ${queue} ) of vhost ` +
      `device '${vm.cni.socketPath}' changed to 'enabled'`);
    await waitFor(`OVS to enable the queues of ${vm.cni.port}`, () => {
      const text = readFileSync(log).subarray(logStart).toString('utf8');
      return enabled.every((line) => text.includes(line)) || undefined;
    }, { timeoutMs: 30_000, explain: () => this.ovs.logTail('ovs-vswitchd') });
    return testpmd;
  }

  /** DPDK `--file-prefix` of ovs-vswitchd and of every testpmd started so far. */
  public get filePrefixes(): string[] {
    return [this.ovs.filePrefix, ...this.testpmds.map((t) => t.filePrefix)];
  }

  /** The counters of an OVS port; they read `?` once its peer has gone. */
  public async portCounters(vm: DatapathInterface): Promise<OvsPortCounters> {
    // By number: OpenFlow carries port names of 15 characters at most, and
    // `<id:12>-net1` has 17, so ovs-ofctl does not know the port by its name.
    const ofport = await this.ovs.vsctl('get', 'Interface', vm.cni.port, 'ofport');
    const text = await this.ovs.ofctl('dump-ports', this.bridge, ofport);
    const rx = /rx pkts=(\d+)/.exec(text);
    const tx = /tx pkts=(\d+), bytes=\d+, drop=(\d+)/.exec(text);
    if (!rx || !tx) {
      throw new Error(`no counters of port ${vm.cni.port} in:\n${text}`);
    }
    return { rxPackets: Number(rx[1]), txPackets: Number(tx[1]), txDropped: Number(tx[2]) };
  }

  /**
   * Stops every testpmd and the sandbox by PID and removes the fake node, the sandbox
   * (sockets included) and DPDK's runtime files. Safe to call more than once.
   */
  public stop(): Promise<void> {
    this.stopping ??= (async () => {
      await Promise.all(this.testpmds.map((t) => t.stop().catch(() => undefined)));
      await this.ovs.stop();
      this.node.remove();
    })();
    return this.stopping;
  }

  private async setUp(): Promise<void> {
    this.node.writeFiles(this.synthesis.files);
    this.bootstrap = this.node.run(`nodes/${this.pool.name}/bootstrap.sh`, ['--drained'],
      this.bootstrapEnv);
    if (this.bootstrap.status !== 0) {
      throw new Error(`bootstrap.sh exited with ${this.bootstrap.status}:\n` +
        `${this.bootstrap.stdout}${this.bootstrap.stderr}`);
    }
    const config = this.nadConfig();
    for (const vm of this.synthesis.plan?.vms ?? []) {
      this.interfaces.push(...await this.addInterfaces(vm, config));
    }
  }

  /** The CNI configuration of the one network, read from its rendered NAD. */
  private nadConfig(): UserspaceCniConfig {
    const nad = this.synthesis.manifests.find((m) => m.kind === 'NetworkAttachmentDefinition');
    const config = (nad?.spec as { config?: string } | undefined)?.config;
    if (config === undefined) {
      throw new Error('the synthesis has no NetworkAttachmentDefinition with a config');
    }
    return JSON.parse(config) as UserspaceCniConfig;
  }

  private async addInterfaces(
    vm: VmPlan, config: UserspaceCniConfig,
  ): Promise<DatapathInterface[]> {
    // A container ID is 64 hex digits; a stable one keeps socket and port names stable.
    const containerId = createHash('sha256')
      .update(`${vm.namespace}/${vm.name}`).digest('hex');
    const added: DatapathInterface[] = [];
    for (const nic of vm.interfaces) {
      const cni = await addUserspaceCniPort(this.ovs, {
        config, containerId, ifName: nic.cniInterface, socketPathTemplate: nic.socketPath,
      });
      added.push({ vm: vm.name, mac: nic.mac.toString(), cni });
    }
    return added;
  }
}
