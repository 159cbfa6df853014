import { CodeDoc } from './types';

/** Codes of the network (NAD) rules. */
export const NET_CODES: CodeDoc[] = [
  {
    code: 'NET001',
    severity: 'error',
    title: 'A network asks for a path the cluster does not enable',
    description: 'A cluster runs either Kube-OVN in OVS-DPDK mode or the Userspace CNI '
      + 'plugin; a NAD of the other type would name a CNI plugin the nodes do not have, and '
      + 'the VM pod would stay in ContainerCreating.',
  },
  {
    code: 'NET002',
    severity: 'error',
    title: 'A Kube-OVN network is not ovn-dpdk in namespace default',
    description: 'Virtink writes the pod annotation '
      + '`ovn-dpdk.default.ovn.kubernetes.io/mac_address` for every Kube-OVN vhost-user NIC, '
      + 'a key it hard-codes. Kube-OVN reads `<provider>.kubernetes.io/mac_address` with '
      + 'the provider `<nad>.<namespace>.ovn`, so only the NAD `ovn-dpdk` in `default` '
      + 'gets the guest\'s MAC; elsewhere OVN learns a random MAC and drops the guest\'s '
      + 'frames. The manual guide does not say so.',
  },
  {
    code: 'NET003',
    severity: 'error',
    title: 'A Kube-OVN network has no subnet',
    description: 'kube-ovn-cni waits for an address of the NAD\'s provider, and the '
      + 'controller allocates one only from a Subnet with that provider. Without one the VM '
      + 'pod fails its network setup. A `subnets[]` entry for the network provides it and '
      + 'serves DHCP to the guest.',
    upstream: 'provider %s is not bound to any subnet',
  },
  {
    code: 'NET004',
    severity: 'error',
    title: 'A Kube-OVN network has a cidr or gateway',
    description: 'On Kube-OVN, addresses come from the subnet bound to the provider; a range '
      + 'on the network would be ignored. Set it on the subnet.',
  },
  {
    code: 'NET005',
    severity: 'error',
    title: 'The static range or gateway of a network is invalid',
    description: 'The `cidr` must be a network address with room for guests (a /30 or '
      + 'wider for IPv4), and the `gateway` a host address inside it: not the network or '
      + 'broadcast address.',
  },
  {
    code: 'NET006',
    severity: 'error',
    title: 'The Userspace CNI bridge is not set up on every node pool',
    description: 'The plugin adds the VM\'s `dpdkvhostuserclient` port to the bridge named '
      + 'in the NAD and creates a missing bridge itself, with `datapath_type=netdev` and no '
      + 'DPDK uplink: the VM would start and reach nothing. The bridge must be the one the '
      + 'node bootstrap creates (`userspaceCni.bridge`).',
  },
  {
    code: 'NET007',
    severity: 'warning',
    title: 'A Kube-OVN network names a bridge',
    description: 'kube-ovn-cni adds vhost-user ports to `br-int` itself; `bridge` applies '
      + 'only to Userspace CNI networks and is ignored here.',
  },
  {
    code: 'NET008',
    severity: 'error',
    title: 'cniVersion is not a CNI spec version',
    description: 'The CNI library both plugins are built with (`version.All` of '
      + 'containernetworking/cni v1.2 and later, vendored by Kube-OVN v1.16 and the Userspace '
      + 'CNI) accepts the spec versions 0.1.0, 0.2.0, 0.3.0, 0.3.1, 0.4.0, 1.0.0 and 1.1.0 '
      + 'and refuses any other before doing anything, so the VM pod never gets its '
      + 'interface. Leave it out for the versions the manual guide uses: 0.3.0 for '
      + 'Kube-OVN, 0.3.1 for the Userspace CNI.',
    upstream: 'incompatible CNI versions: config is %q, plugin supports %q',
  },
  {
    code: 'NET009',
    severity: 'error',
    title: 'A Userspace CNI file path is not absolute',
    description: 'The plugin runs on the node with no useful working directory. Without a '
      + 'readable `kubeconfig` it has no Kubernetes client, writes no '
      + '`userspace/configuration-data` annotation, and Virtink fails to find the socket.',
    upstream: 'userspace configuration data not found',
  },
];
