import { CodeDoc } from './types';

/** Codes of the OVS-DPDK rules, Kube-OVN node files included. */
export const OVS_CODES: CodeDoc[] = [
  {
    code: 'OVS001',
    severity: 'error',
    title: 'dpdk-socket-mem or dpdk-socket-limit cannot be read',
    description: 'Both are comma lists of whole MiB, one entry per NUMA node in node order '
      + '(`1024,1024`). OVS stores any text without checking it and fails later, when '
      + 'DPDK starts.',
  },
  {
    code: 'OVS002',
    severity: 'error',
    title: 'dpdk-socket-mem or dpdk-socket-limit has the wrong number of entries',
    description: 'Entry i is the memory of NUMA node i (DPDK\'s socket id is the NUMA node '
      + 'id). A missing entry means 0 MiB: `1024` on a two-node host leaves node 1 without '
      + 'memory for its ports.',
  },
  {
    code: 'OVS003',
    severity: 'error',
    title: 'dpdk-socket-mem is above dpdk-socket-limit',
    description: 'The limit caps what DPDK may take on a NUMA node; it must be at least the '
      + 'memory taken at start, or 0 for no limit.',
  },
  {
    code: 'OVS004',
    severity: 'error',
    title: 'dpdk-socket-mem is below the mempool OVS needs',
    description: 'With the shared memory model OVS creates one mempool per NUMA node and MTU '
      + 'of 262144 mbufs for MTU 1500 and above: about 752 MiB (788 MB) at MTU 1500 and '
      + '2544 MiB at MTU 9000 (OVS "DPDK Device Memory Models"). A NUMA node with a DPDK NIC '
      + 'or vhost-user VMs needs at least that; with less, OVS halves the pool until it fits '
      + 'and the ports run short of buffers under load. The manual guide\'s `1024,124` gives '
      + 'node 1 only 124 MiB.',
  },
  {
    code: 'OVS005',
    severity: 'error',
    title: 'dpdk-socket-mem is not a whole number of hugepages',
    description: 'DPDK takes whole hugepages; an entry that is not a multiple of the page '
      + 'size (124 with 1Gi pages) is rounded up behind your back and is usually a typo.',
  },
  {
    code: 'OVS006',
    severity: 'error',
    title: 'Userspace TSO over a tunnel with an OVS that cannot segment tunnelled packets',
    description: 'Before OVS 3.3 userspace TSO does not work over VXLAN or Geneve and TSO '
      + 'packets are dropped on ports without TSO. The Kube-OVN overlay is a Geneve or '
      + 'VXLAN tunnel. Turn `ovs.tso` off, or use OVS 3.5 or later.',
  },
  {
    code: 'OVS007',
    severity: 'warning',
    title: 'Userspace TSO over a tunnel needs NIC support on OVS 3.3 and 3.4',
    description: 'OVS 3.3 and 3.4 segment tunnelled TSO packets only in NIC hardware; '
      + 'without NIC tunnel-TSO support the packets are dropped. OVS 3.5 adds a software '
      + 'fallback.',
  },
  {
    code: 'OVS008',
    severity: 'error',
    title: 'The OVS-DPDK pod CPU limit is below the PMD CPUs plus one',
    description: 'PMD threads poll at 100%. A CFS limit below the PMD CPUs throttles them '
      + '(Kube-OVN issue 528: one PMD at about 25% under a 1000m limit) and starves the '
      + 'other OVS threads. The limit must cover every PMD CPU plus one.',
  },
  {
    code: 'OVS009',
    severity: 'error',
    title: 'The OVS-DPDK pod CPU limit cannot be read',
    description: '`ovs.podCpuLimit` is a Kubernetes CPU quantity: `3`, `2.5` or `2500m`.',
  },
  {
    code: 'OVS010',
    severity: 'error',
    title: 'Handler or revalidator thread count is not a positive whole number',
    description: '`n-handler-threads` and `n-revalidator-threads` are whole numbers, 1 or '
      + 'more.',
  },
  {
    code: 'OVS011',
    severity: 'error',
    title: 'The DPDK port MTU is out of range',
    description: 'OVS-DPDK ports take an MTU from 68 to 9702 (the largest frame DPDK NICs '
      + 'carry); the MTU also sizes the mempools of every NUMA node with ports.',
  },
  {
    code: 'OVS012',
    severity: 'warning',
    title: 'dpdk-socket-limit 0 lets OVS take any amount of hugepages',
    description: 'A limit of 0 means no limit: OVS may grow into the hugepages meant for '
      + 'VMs, and the hugepage ledger can only count `dpdk-socket-mem`.',
  },
  {
    code: 'OVS013',
    severity: 'error',
    title: 'A Kube-OVN host has no tunnel address',
    description: 'Kube-OVN\'s `start-ovs-dpdk-v2.sh` runs under `set -u` and reads `ENCAP_IP` '
      + 'from `/opt/ovs-config/ovs-dpdk-config` unguarded: without it the `ovs-ovn-dpdk` pod '
      + 'stops with an unbound variable. Set `hosts[].encapIp`.',
  },
  {
    code: 'OVS014',
    severity: 'error',
    title: 'A Kube-OVN tunnel address is invalid or has no usable prefix length',
    description: '`ENCAP_IP` is an address with a prefix length shorter than the address '
      + '(`192.168.0.10/20`). kube-ovn-cni skips /32 and /128 addresses on `br-phy` and '
      + 'then crash-loops.',
    upstream: 'iface %s has no valid IP address',
  },
  {
    code: 'OVS015',
    severity: 'error',
    title: 'A Kube-OVN bond has fewer than two NICs',
    description: '`BOND_TYPE` builds a bond port from every `DPDK_DEV` entry; a bond needs at '
      + 'least two.',
  },
  {
    code: 'OVS016',
    severity: 'warning',
    title: 'Kube-OVN uses only the first NIC without a bond',
    description: 'With `BOND_TYPE` empty the start script adds only `DPDK_DEV[0]` to '
      + '`br-phy`; the other NICs stay unused. Set `kubeOvn.bondType` to use them all.',
  },
  {
    code: 'OVS017',
    severity: 'error',
    title: 'A Kube-OVN node pool has no DPDK NIC',
    description: 'The start script builds `br-phy` from `DPDK_DEV` under `set -u`; without a '
      + 'NIC the pod stops, and the tunnel endpoint has no uplink.',
  },
  {
    code: 'OVS018',
    severity: 'error',
    title: 'The Kube-OVN VLAN tag is out of range',
    description: '`VLAN_TAG` is the access VLAN of the `br-phy` internal port: 0 (untagged) '
      + 'to 4094.',
  },
  {
    code: 'OVS019',
    severity: 'warning',
    title: 'Several DPDK ports on one standalone bridge can loop',
    description: 'The Userspace CNI bridge runs `fail-mode=standalone` as a learning switch. '
      + 'Two uplinks into the same layer-2 network make a loop; bond them or give each its '
      + 'own network.',
  },
  {
    code: 'OVS020',
    severity: 'error',
    title: 'Two Kube-OVN hosts share a tunnel address',
    description: '`ENCAP_IP` is the tunnel endpoint of one node: the start script puts it on '
      + 'that node\'s `br-phy` and kube-ovn-cni makes it the chassis\' `ovn-encap-ip`. Two '
      + 'nodes with one address answer ARP for it both, and the other chassis\' tunnels to '
      + 'it reach only one of them. Give every host its own `encapIp`.',
  },
  {
    code: 'OVS021',
    severity: 'warning',
    title: 'A tunnel address on the Userspace CNI path is ignored',
    description: '`hosts[].encapIp` is Kube-OVN\'s `ENCAP_IP`. The Userspace CNI path has '
      + 'no overlay: its bridge reaches other hosts through its DPDK ports, and nothing '
      + 'writes the address anywhere.',
  },
];
