import { CodeDoc } from './types';
import { SUBDOMAIN_UPSTREAM } from '../rules/names';

/** Codes of the Kube-OVN DHCP subnet rules. */
export const SUBNET_CODES: CodeDoc[] = [
  {
    code: 'SUBNET001',
    severity: 'error',
    title: 'The subnet name is not usable',
    description: 'Subnets are cluster-scoped objects named with DNS-1123 subdomains. The '
      + 'Kube-OVN v1.15 CRD also refused names starting with a digit (v1.16 dropped the '
      + 'pattern; the rule is kept so that specs work on both). `ovn-cluster` is the default '
      + 'VPC, which a subnet may not share its name with; `ovn-default` and `join` are the '
      + 'subnets Kube-OVN creates at install.',
    upstream: SUBDOMAIN_UPSTREAM,
  },
  {
    code: 'SUBNET002',
    severity: 'error',
    title: 'The subnet does not serve one Kube-OVN network of its own',
    description: 'A subnet takes the provider `<nad>.<namespace>.ovn` of the Kube-OVN '
      + 'network it names, which ties it to that NAD. The network must exist, be a Kube-OVN '
      + 'network, and have no other subnet.',
  },
  {
    code: 'SUBNET003',
    severity: 'error',
    title: 'The subnet range is invalid',
    description: 'The `cidr` must be an IPv4 network address (the DHCP options are DHCPv4) '
      + 'of a /30 or wider range, outside the ranges Kube-OVN refuses: broadcast, '
      + 'multicast 224.0.0.0/4, loopback 127.0.0.0/8, 0.0.0.0 and link-local '
      + '169.254.0.0/16. Kube-OVN rewrites a range with host bits set; here it is an error.',
    upstream: '%s conflict with v4 multicast cidr 224.0.0.0/4',
  },
  {
    code: 'SUBNET004',
    severity: 'error',
    title: 'The gateway is not a host of the range',
    description: 'Kube-OVN refuses a gateway outside the range, or equal to its network or '
      + 'broadcast address. The first host of the range is used in its place.',
    upstream: 'gateway %s is not in cidr %s',
  },
  {
    code: 'SUBNET005',
    severity: 'error',
    title: 'An excludeIps entry cannot be read',
    description: 'Each entry is one address or a range `start..end` with start ≤ end, as '
      + 'Kube-OVN\'s validator demands.',
    upstream: '%s in excludeIps is not a valid ip range',
  },
  {
    code: 'SUBNET006',
    severity: 'warning',
    title: 'An excludeIps entry is outside the range',
    description: 'Kube-OVN\'s validator does not check that excluded addresses lie in the '
      + 'range; its IPAM drops or clips such entries silently. An entry outside usually '
      + 'means a typo, and the address meant to be kept free is handed out.',
  },
  {
    code: 'SUBNET007',
    severity: 'error',
    title: 'A DHCP option is invalid',
    description: 'Options are written from typed values: IPv4 addresses, a unicast server '
      + 'MAC, a lease time of 1 to 2^32-1 seconds, a router on the subnet, one DNS server per '
      + 'entry. Kube-OVN drops malformed `key=value` entries without a word, and a comma '
      + 'inside `{}` splits `dns_server` (Harvester issue #10154), so guests get no lease.',
    upstream: 'dns_server="{10.210.4.201"',
  },
  {
    code: 'SUBNET008',
    severity: 'error',
    title: 'The MTU is out of range',
    description: 'The Kube-OVN v1.15 CRD accepted an `mtu` of 68 to 65535 (v1.16 dropped the '
      + 'bounds); Kube-OVN hands the value to guests as the DHCP `mtu` option.',
  },
  {
    code: 'SUBNET009',
    severity: 'warning',
    title: 'The guest MTU does not fit the overlay',
    description: 'Traffic between hosts is tunnelled: Geneve adds 100 bytes, VXLAN 50, STT '
      + '72 (Kube-OVN\'s own MTU defaults). A guest MTU above the DPDK port MTU minus that '
      + 'loses its large frames between hosts.',
  },
  {
    code: 'SUBNET010',
    severity: 'error',
    title: 'Two subnets overlap',
    description: 'Subnets of one VPC must not overlap; every subnet here is in the default '
      + 'VPC `ovn-cluster`.',
    upstream: 'subnet %s cidr %s is conflict with subnet %s cidr %s',
  },
  {
    code: 'SUBNET011',
    severity: 'warning',
    title: 'The range overlaps a Kube-OVN install default',
    description: 'Kube-OVN installs with POD_CIDR 10.16.0.0/16, SVC_CIDR 10.96.0.0/12 and '
      + 'JOIN_CIDR 100.64.0.0/16 unless told otherwise; a subnet overlapping them conflicts '
      + 'with the default subnets or Services.',
  },
  {
    code: 'SUBNET012',
    severity: 'warning',
    title: 'The range holds a host\'s tunnel address',
    description: 'A host\'s `encapIp` inside a subnet of the default VPC is routed into the '
      + 'overlay whose tunnels it carries.',
  },
  {
    code: 'SUBNET013',
    severity: 'warning',
    title: 'The DHCP server address is outside the range and not link-local',
    description: 'OVN answers DHCP on the logical switch for any `server_id` (it matches '
      + 'requests sent to `server_id` or broadcast, before any routing), which is why '
      + 'Kube-OVN\'s own default, 169.254.0.254, lies outside every subnet. But guests send '
      + 'their lease renewals to that address through their router, and list it as their '
      + 'DHCP server: a routable address of another network makes both point at a host '
      + 'that is not the server. Use a link-local address, or one of the range, which is '
      + 'then kept out of the pool.',
  },
];
