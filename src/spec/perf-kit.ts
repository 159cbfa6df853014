import type { PerfInterfaceType, PerfPlacement } from '../perfkit/names';
import type { PerfSchedule } from '../perfkit/pairs';

/**
 * The performance test kit (`PerfTestKit`): pairs of VMs that measure
 * vhost-user against Virtink's `bridge` and `masquerade` bindings of the pod
 * network, on one node and across two, with qperf and iperf3, and print their
 * raw results on their serial consoles for `vhost-user-k8s report`.
 *
 * Every VM of the kit is a VM of the cluster: dedicated CPUs and hugepages on
 * a host of the node pools, planned and checked with the others, after them.
 * On pools whose hugepages the planner sizes, the kit's VMs grow the pages.
 */
export interface PerfKitSpec {
  /**
   * Name of the kit: a DNS-1123 label of at most 24 characters starting with
   * a letter, the first word of every VM and Service name (`perf-bridge-same-node-server`).
   *
   * @default 'perf'
   */
  readonly name?: string;

  /**
   * Namespace of the VMs and Services. On the Kube-OVN path vhost-user VMs
   * must be in `default`.
   *
   * @default 'default'
   */
  readonly namespace?: string;

  /**
   * One or two hosts of the node pools (Kubernetes node names). Servers run
   * on the first; the client of a cross-node pair on the second.
   *
   * @default - the first host of the first pool, and the next host of the
   *   cluster when there is one
   */
  readonly nodes?: string[];

  /**
   * The interface types to measure.
   *
   * @default - all three: vhost-user, bridge and masquerade
   */
  readonly interfaceTypes?: PerfInterfaceType[];

  /**
   * The placements to measure.
   *
   * @default - same-node, and cross-node when the kit has two nodes
   */
  readonly placements?: PerfPlacement[];

  /**
   * The vhost-user network the vhost-user pairs measure over, in the kit's
   * namespace. Its VMs take static addresses from the top of its range (its
   * `cidr`, or the range of the DHCP subnet serving it).
   *
   * @default - the only network in the kit's namespace
   */
  readonly network?: string;

  /**
   * Dedicated vCPUs of each VM.
   *
   * @default - 1, as in the guide; the threads per core where the kit's
   *   pools hand out whole cores only (`full-pcpus-only`)
   */
  readonly cpus?: number;

  /**
   * Guest memory of each VM, hugepage-backed.
   *
   * @default '1Gi'
   */
  readonly memory?: string;

  /**
   * Container disk image of the VMs: a guest with cloud-init, systemd and
   * apt (the measuring tools are installed from its packages).
   *
   * @default 'smartxworks/virtink-container-disk-ubuntu'
   */
  readonly image?: string;

  /**
   * What the clients measure.
   *
   * @default - the guide's message sizes, 10 s per test
   */
  readonly run?: PerfRunSpec;

  /**
   * When the clients measure: `in-turn`, one pair after the other, or
   * `together`, each as soon as its server answers.
   *
   * @default 'in-turn'
   */
  readonly schedule?: PerfSchedule;

  /**
   * Seconds added to each turn, for VMs that boot and install their packages
   * at different speeds.
   *
   * @default 120
   */
  readonly turnMargin?: number;

  /**
   * Where the guests print their results.
   *
   * @default - the serial console (`kubectl logs` of the VM pod) and a log file
   */
  readonly console?: PerfConsoleSpec;
}

/** What the clients of a kit measure. */
export interface PerfRunSpec {
  /**
   * TCP message sizes, as quantities (`64`, `1Ki`).
   *
   * @default - the guide's: 1, 64, 1Ki, 16Ki, 128Ki, 1Mi and 128Mi
   */
  readonly tcpMessageSizes?: string[];

  /**
   * UDP message sizes, at most 65507 bytes.
   *
   * @default - the guide's: 1, 64 and 1Ki
   */
  readonly udpMessageSizes?: string[];

  /**
   * Seconds each test runs.
   *
   * @default 10
   */
  readonly duration?: number;

  /**
   * Seconds a client waits for its server to answer (the server installs
   * its packages first).
   *
   * @default 900
   */
  readonly waitForPeer?: number;

  /**
   * Seconds a server serves before it stops by itself; at least until its
   * client is done.
   *
   * @default - 7200, or longer when the client's turn comes later
   */
  readonly serveFor?: number;

  /**
   * qperf's listen port.
   *
   * @default 19765
   */
  readonly qperfPort?: number;

  /**
   * iperf3's port.
   *
   * @default 5201
   */
  readonly iperf3Port?: number;
}

/** Where the guests of a kit print their results. */
export interface PerfConsoleSpec {
  /**
   * The guest device the results are written to: `ttyS0` is what Virtink's
   * `cloud-hypervisor` container prints, what `kubectl logs` shows.
   *
   * @default '/dev/ttyS0'
   */
  readonly consoleDevice?: string;

  /**
   * A copy of the output inside the guest.
   *
   * @default '/var/log/vhost-user-k8s-perf.log'
   */
  readonly logFile?: string;
}
