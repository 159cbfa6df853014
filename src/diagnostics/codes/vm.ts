import { CodeDoc } from './types';
import { TOPOLOGY_AFFINITY_ERROR } from '../rules/placement';

/** Codes of the VM rules and of the placement preview. */
export const VM_CODES: CodeDoc[] = [
  {
    code: 'VM001',
    severity: 'error',
    title: 'vCPUs or sockets are not usable',
    description: 'Virtink runs `sockets × coresPerSocket` dedicated vCPUs; both must be '
      + 'positive whole numbers, so `cpus` must divide evenly by `sockets`.',
  },
  {
    code: 'VM002',
    severity: 'error',
    title: 'Guest memory cannot be read or is zero',
    description: '`memory` is a Kubernetes quantity such as `2Gi`; Virtink\'s webhook '
      + 'refuses a size of 0.',
    upstream: 'must be greater than 0',
  },
  {
    code: 'VM003',
    severity: 'error',
    title: 'The hugepage size is not the nodes\' default size',
    description: 'Virtink accepts 2Mi and 1Gi pages, but never passes the size to Cloud '
      + 'Hypervisor, which backs guest memory with the host\'s default hugepage size. A VM '
      + 'asking for another size gets hugepages-<size> it cannot use.',
  },
  {
    code: 'VM004',
    severity: 'error',
    title: 'Guest memory is not a whole number of hugepages',
    description: 'Virtink\'s webhook refuses memory that is not a positive multiple of the '
      + 'page size.',
    upstream: '%d is not positive integer multiple of %s',
  },
  {
    code: 'VM005',
    severity: 'error',
    title: 'An interface name is invalid or taken',
    description: 'Interface names are DNS-1123 labels of at most 15 characters (they also '
      + 'name the guest NIC in cloud-init network data), unique in the VM, and not `pod` or '
      + '`eth0` when the pod network is attached. A NIC without a name takes its network\'s '
      + 'name, shortened with a hash when longer than 15 characters.',
    upstream: 'Duplicate value',
  },
  {
    code: 'VM006',
    severity: 'error',
    title: 'A NIC\'s network does not exist in the VM\'s namespace',
    description: 'Virtink looks the NAD up in the VM\'s namespace and has no `namespace/name` '
      + 'form; a missing NAD leaves the VM\'s pod in ContainerCreating.',
    upstream: 'cannot find a network-attachment-definition (%s) in namespace (%s)',
  },
  {
    code: 'VM007',
    severity: 'error',
    title: 'A MAC address is invalid, multicast or used twice',
    description: 'Given MACs must be unicast and unique in the cluster. Generated MACs are '
      + 'stable (derived from namespace, VM and network), locally administered, and re-derived '
      + 'in the rare case of a clash.',
  },
  {
    code: 'VM008',
    severity: 'error',
    title: 'A static address is invalid or taken',
    description: 'A NIC\'s `ip` must be a free host address of its network\'s range (the '
      + 'static `cidr` on the Userspace CNI path, the subnet on Kube-OVN): not the network, '
      + 'broadcast or gateway address, not excluded, not another NIC\'s.',
  },
  {
    code: 'VM009',
    severity: 'error',
    title: 'A static range has no address left',
    description: 'Every host address of the network\'s `cidr` is taken by the gateway or '
      + 'another NIC. Widen the range, or put fewer NICs on the network.',
  },
  {
    code: 'VM010',
    severity: 'error',
    title: 'More than one vhost-user NIC on Kube-OVN',
    description: 'Virtink writes one fixed annotation, '
      + '`ovn-dpdk.default.ovn.kubernetes.io/mac_address`, per VM pod, and kube-ovn-cni does '
      + 'not tell two DPDK NICs of one NAD apart; the manual guide states one NIC per VM.',
  },
  {
    code: 'VM011',
    severity: 'error',
    title: 'A Kube-OVN VM is outside namespace default',
    description: 'The Kube-OVN NAD must be `ovn-dpdk` in `default` (NET002), and Virtink '
      + 'looks NADs up in the VM\'s own namespace, so the VM must be in `default` too.',
  },
  {
    code: 'VM012',
    severity: 'error',
    title: 'The vhost-user socket path is too long',
    description: 'A UNIX socket path holds 107 bytes. The Userspace CNI creates '
      + '`/usr/local/var/run/openvswitch/<container id:12>/<container id:12>-net<i>`, '
      + 'kube-ovn-cni `/var/run/openvswitch/vhost_sockets/<pod UID>/<volume>/<socket>`; OVS '
      + 'accepts a longer path and never connects.',
  },
  {
    code: 'VM013',
    severity: 'warning',
    title: 'runPolicy Once',
    description: 'Virtink\'s default `Once` never starts a VM again once its pod is gone '
      + '(node drained, pod deleted): smartxworks/virtink#112. Long-lived VMs want `Always` '
      + '(the default here) or `RerunOnFailure`.',
  },
  {
    code: 'VM014',
    severity: 'error',
    title: 'A plain-text password without consent',
    description: 'A cloud-init password lands in the VirtualMachine object, readable by '
      + 'anyone who can read it, and turns on SSH password login. Use SSH keys, or set '
      + '`allowPlainTextPassword`.',
  },
  {
    code: 'VM015',
    severity: 'error',
    title: 'A user-data Secret and inline user data together',
    description: 'Virtink takes one form of user data; `userDataSecretName` supplies all of '
      + 'it, so keys, password and extra user data belong in the Secret.',
    upstream: 'may not specify more than 1 user data',
  },
  {
    code: 'VM016',
    severity: 'error',
    title: 'A cloud-init value cannot be used',
    description: 'SSH keys are single OpenSSH public key lines, the Secret name is a DNS-1123 '
      + 'subdomain, and `extraUserData` is one YAML mapping of cloud-config keys.',
  },
  {
    code: 'VM017',
    severity: 'error',
    title: 'nodePool names no pool',
    description: 'A VM pinned to a pool the cluster does not have could never be scheduled.',
  },
  {
    code: 'VM018',
    severity: 'error',
    title: 'The VM fits no NUMA node',
    description: 'With `single-numa-node` admission all vCPUs and hugepages of a VM come from '
      + 'one NUMA node. No NUMA node of any candidate pool has that much left after '
      + 'housekeeping, PMD threads and OVS hugepages, so the VM can only fail.',
    upstream: TOPOLOGY_AFFINITY_ERROR,
  },
  {
    code: 'VM019',
    severity: 'warning',
    title: 'The scheduler may send the VM where it cannot be admitted',
    description: 'The default scheduler checks a node\'s total resources, not NUMA nodes. A '
      + 'pool whose hosts have room for the VM in total but on no single NUMA node passes '
      + 'scheduling and fails admission. Pin the VM with `nodePool`.',
    upstream: TOPOLOGY_AFFINITY_ERROR,
  },
  {
    code: 'VM020',
    severity: 'error',
    title: 'No room is left for the VM',
    description: 'The VM fits a pool alone, but the VMs before it in the spec take the room. '
      + 'The preview fills each NUMA node host after host, in spec order.',
  },
  {
    code: 'VM021',
    severity: 'warning',
    title: 'The VM has no vhost-user interface',
    description: 'Nothing here needs vhost-user: the VM only takes dedicated CPUs and '
      + 'hugepages on an OVS-DPDK node.',
  },
  {
    code: 'VM022',
    severity: 'error',
    title: 'A label or annotation is invalid or reserved',
    description: 'Keys are Kubernetes qualified names, label values at most 63 characters. '
      + '`k8s.v1.cni.cncf.io/networks` and `ovn-dpdk.default.ovn.kubernetes.io/mac_address` '
      + 'are written by Virtink on the VM pod, over any value given.',
  },
  {
    code: 'VM023',
    severity: 'error',
    title: 'The image is not a container image reference',
    description: 'The root disk is a Virtink container disk; its image must be a reference '
      + 'the kubelet can pull.',
  },
  {
    code: 'VM024',
    severity: 'error',
    title: 'vCPUs not a whole number of cores where the kubelet hands out whole cores',
    description: 'With the CPU manager option `full-pcpus-only` (on by default where the '
      + 'kubelet supports it) a Guaranteed container must ask for a multiple of the threads '
      + 'per core; the kubelet refuses the VM pod at admission otherwise.',
    upstream: 'SMT Alignment Error: requested %d cpus not multiple cpus per core = %d',
  },
  {
    code: 'VM025',
    severity: 'error',
    title: 'host names no host of the cluster, or one outside nodePool',
    description: 'A VM pinned to a host runs there by `kubernetes.io/hostname` node affinity. '
      + 'Only the hosts of the OVS-DPDK pools have the hugepages, CPUs and OVS the plan '
      + 'prepares; a host outside them, or outside the VM\'s own `nodePool`, could never '
      + 'run it.',
  },
  {
    code: 'VM026',
    severity: 'error',
    title: 'A pod network binding without the pod network',
    description: '`podNetworkBinding` chooses how Virtink binds the pod network in the guest '
      + '(`bridge` or `masquerade`); a VM without `podNetwork` has no pod interface to bind.',
  },
  {
    code: 'VM027',
    severity: 'warning',
    title: 'Hugepages sized for a placement the scheduler need not follow',
    description: 'Without `hugepages.pagesPerNumaNode`, a pool gets the hugepages that the '
      + "preview's placement of its VMs takes on its busiest host, with none to spare. VMs "
      + 'not pinned to a host are placed by the scheduler instead, which knows nothing of the '
      + 'preview: VMs of different sizes packed in another way can leave one without room. '
      + 'Pin them with `host` (PLAN.md shows where the preview puts each VM), or give the '
      + 'pool `pagesPerNumaNode` with room to spare.',
    upstream: 'Insufficient hugepages-1Gi',
  },
  {
    code: 'VM028',
    severity: 'warning',
    title: 'VMs take every VM CPU of a host',
    description: 'The scheduler counts the CPU requests of every pod against a node\'s '
      + 'allocatable CPUs, which are the VM CPUs. The pods that are not VMs (Multus, the CNI '
      + 'and Virtink daemons, the hugepage placeholders) run in the kubelet\'s shared pool '
      + 'and request CPU too, so VMs that would take every VM CPU of a host do not all get '
      + 'scheduled there. With `strict-cpu-reservation` an empty shared pool would also '
      + 'leave those pods no CPU at all (kubernetes/kubernetes#141196). Leave a core of '
      + 'each host to the shared pool.',
    upstream: 'Insufficient cpu',
  },
];
