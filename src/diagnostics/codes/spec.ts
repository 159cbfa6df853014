import { CodeDoc } from './types';
import { LABEL_UPSTREAM } from '../rules/names';

/** Codes of the spec-level rules: shape, path, names, versions. */
export const SPEC_CODES: CodeDoc[] = [
  {
    code: 'SPEC000',
    severity: 'error',
    title: 'Planning stopped on an unexpected error',
    description: 'A planner threw where it should have reported a finding. The message '
      + 'carries the error; please report it with the spec that caused it. The findings '
      + 'recorded before it are kept.',
  },
  {
    code: 'SPEC001',
    severity: 'error',
    title: 'A field has the wrong type, is missing, or is unknown',
    description: 'The spec is checked against the JSON Schema generated from the spec types '
      + '(`schema/cluster-spec.schema.json`) before anything is planned: wrong types, '
      + 'missing required fields, unknown fields, values outside an enum, and numbers that '
      + 'are not finite. No plan is made from a spec with such faults.',
  },
  {
    code: 'SPEC002',
    severity: 'error',
    title: 'Not exactly one of kubeOvn and userspaceCni',
    description: 'A cluster wires vhost-user NICs either through Kube-OVN in OVS-DPDK mode '
      + '(`kubeOvn`) or through the Userspace CNI plugin on an OVS-DPDK bridge '
      + '(`userspaceCni`). Give exactly one.',
  },
  {
    code: 'SPEC003',
    severity: 'error',
    title: 'A name is not a valid Kubernetes name',
    description: 'The cluster, node pools, networks, namespaces and VMs are named with '
      + 'DNS-1123 labels (at most 63 lowercase letters, digits and `-`); Kubernetes node '
      + 'names with DNS-1123 subdomains of at most 63 characters, the most the '
      + '`kubernetes.io/hostname` label that VMs are sent to their node by holds. The API '
      + 'server refuses objects with other names.',
    upstream: LABEL_UPSTREAM,
  },
  {
    code: 'SPEC004',
    severity: 'error',
    title: 'A name is used twice',
    description: 'Node pool names, Kubernetes node names (across all pools), subnet names, '
      + 'network names within a namespace and VM names within a namespace must be unique: '
      + 'each becomes an object or a directory of its own.',
  },
  {
    code: 'SPEC005',
    severity: 'error',
    title: 'A version cannot be read',
    description: '`versions.kubelet`, `versions.ovs` and `kubeOvn.version` are '
      + '`major.minor` with an optional patch level (`1.32`, `3.1`, `v1.16.2`). The '
      + 'default is used in its place so that the other rules still run.',
  },
  {
    code: 'SPEC006',
    severity: 'error',
    title: 'The Kube-OVN release has no hybrid OVS-DPDK mode',
    description: 'The `ovs-ovn-dpdk` DaemonSet on nodes labelled '
      + '`ovn.kubernetes.io/ovs_dp_type=userspace`, `/opt/ovs-config/ovs-dpdk-config` and '
      + '`start-ovs-dpdk-v2.sh` first shipped in Kube-OVN v1.10.0. Earlier releases only '
      + 'had the legacy all-DPDK mode, which this library does not generate.',
  },
  {
    code: 'SPEC007',
    severity: 'warning',
    title: 'versions.ovs disagrees with the Kube-OVN image',
    description: 'On the Kube-OVN path OVS runs inside the `kube-ovn:<version>-dpdk` image: '
      + 'OVS 2.16 in v1.10 to v1.12.3, 3.1 from v1.12.4, 3.3 in v1.13 and v1.14, 3.5 from '
      + 'v1.15. Rules that depend on the OVS version (TSO over tunnels, `dpdk-lcore-mask`) '
      + 'follow `versions.ovs`, which is right only for a self-built image.',
  },
  {
    code: 'SPEC008',
    severity: 'error',
    title: 'The cluster has no node pool',
    description: 'VMs run only on OVS-DPDK node pools; a cluster without one has nowhere to '
      + 'place them and no node files to write.',
  },
  {
    code: 'SPEC009',
    severity: 'error',
    title: 'A value cannot be written into the node files safely',
    description: 'Every value of the plan that reaches a node file is quoted for bash, but '
      + 'some files are read by programs that do not unquote: GRUB\'s `/etc/default/grub`, '
      + '`ovs-vsctl` value syntax, and Kube-OVN\'s start script, which passes each '
      + '`config.cfg` line to `ovs-vsctl` as one unquoted word. A value outside the form '
      + 'such a reader takes (an OVS bridge name with a space, a path with `;`) is refused '
      + 'here rather than written.',
  },
  {
    code: 'SPEC010',
    severity: 'warning',
    title: 'The Kube-OVN release is newer than the releases this library knows',
    description: 'What Kube-OVN runs and reads follows its release: the OVS of its `-dpdk` '
      + 'image (which decides TSO over tunnels and `dpdk-lcore-mask`), the `ovs-ovn-dpdk` '
      + 'DaemonSet\'s names, `start-ovs-dpdk-v2.sh` and the Subnet CRD. For a newer release '
      + 'the planner assumes the newest line it knows; check those against the release, and '
      + 'set `versions.ovs` to the OVS of its image.',
  },
];
