import { CodeDoc } from './types';

/** Codes of the performance test kit (`perfKit`, `PerfTestKit`). */
export const PERF_CODES: CodeDoc[] = [
  {
    code: 'PERF001',
    severity: 'error',
    title: 'A kit name or namespace cannot name the kit\'s objects',
    description: 'The kit name starts every VM and Service name of the kit: a DNS-1123 label '
      + 'of at most 24 characters (Virtink adds to the VM names for its pods) that starts '
      + 'with a letter (Service names are DNS-1035 labels). The namespace is a DNS-1123 '
      + 'label. A kit VM may not take the name of a VM of `vms` in the same namespace.',
  },
  {
    code: 'PERF002',
    severity: 'error',
    title: 'A kit node is not a host of the cluster',
    description: 'The kit\'s VMs are pinned to its nodes and need the dedicated CPUs and '
      + 'hugepages the plan prepares there: each node must be a host of `nodes`.',
  },
  {
    code: 'PERF003',
    severity: 'error',
    title: 'The kit\'s nodes, interface types or placements make no pairs',
    description: 'A kit runs on one node (same-node pairs) or two different nodes (also '
      + 'cross-node pairs); cross-node pairs need two. `interfaceTypes` and `placements` '
      + 'list each of their values at most once, and not none.',
  },
  {
    code: 'PERF004',
    severity: 'error',
    title: 'The vhost-user pairs have no network to measure over',
    description: 'The vhost-user pairs measure over a vhost-user network of the kit\'s '
      + 'namespace (`network`, or the only one there), with static addresses from the top '
      + 'of its range: the network\'s `cidr`, or the range of the DHCP subnet serving it. '
      + 'Leave vhost-user out of `interfaceTypes` to measure bridge and masquerade only.',
  },
  {
    code: 'PERF005',
    severity: 'error',
    title: 'A run option is out of range',
    description: 'Message sizes are 1 byte to 1Gi (UDP: one datagram, at most 65507 bytes); '
      + 'times and ports are whole numbers in range; qperf and iperf3 need two ports; a '
      + 'server must serve (`run.serveFor`) until its client may be done, turn included.',
  },
  {
    code: 'PERF006',
    severity: 'error',
    title: 'A console path is not a plain absolute path',
    description: 'The guest\'s cloud-config writes the results to `console.consoleDevice` and '
      + '`console.logFile` from a shell command line: each must be an absolute path of '
      + 'letters, digits, `.`, `_`, `+`, `-` and `/`.',
  },
];
