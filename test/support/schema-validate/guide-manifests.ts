/**
 * Manifests for schema-validate's tests. The first three are from Virtink's vhost-user
 * guide (shared/reference/manual-guide.md, Kube-OVN path); the guide's VM has no
 * apiVersion, added here. Each call returns a fresh copy, free to edit.
 */

/** The guide's VM `ubuntu-vhostuser` with one vhost-user interface. */
export function guideVm(): any {
  const quantities = { 'cpu': 1, 'memory': '256Mi', 'hugepages-1Gi': '1Gi' };
  return {
    apiVersion: 'virt.virtink.smartx.com/v1alpha1',
    kind: 'VirtualMachine',
    metadata: { name: 'ubuntu-vhostuser' },
    spec: {
      resources: { requests: { ...quantities }, limits: { ...quantities } },
      instance: {
        cpu: { sockets: 1, coresPerSocket: 1, dedicatedCPUPlacement: true },
        memory: { size: '1Gi', hugepages: { pageSize: '1Gi' } },
        disks: [{ name: 'ubuntu' }, { name: 'cloud-init' }],
        interfaces: [{ name: 'vhostuser', vhostUser: {} }],
      },
      volumes: [
        { name: 'ubuntu', containerDisk: { image: 'smartxworks/virtink-container-disk-ubuntu' } },
        {
          name: 'cloud-init',
          cloudInit: {
            userData: '#cloud-config\npassword: password\nchpasswd: { expire: False }\n'
              + 'ssh_pwauth: True',
          },
        },
      ],
      networks: [{ name: 'vhostuser', multus: { networkName: 'ovn-dpdk' } }],
    },
  };
}

/** The guide's Kube-OVN vhost-user network `ovn-dpdk`. */
export function guideNad(): any {
  return {
    apiVersion: 'k8s.cni.cncf.io/v1',
    kind: 'NetworkAttachmentDefinition',
    metadata: { name: 'ovn-dpdk', namespace: 'default' },
    spec: {
      config: JSON.stringify({
        cniVersion: '0.3.0',
        type: 'kube-ovn',
        server_socket: '/run/openvswitch/kube-ovn-daemon.sock',
        provider: 'ovn-dpdk.default.ovn',
        vhost_user_socket_volume_name: 'vhostuser-sockets',
        vhost_user_socket_name: 'sock',
      }),
    },
  };
}

/** The guide's DHCP Subnet `sn-dhcp` (its Known Issues section). */
export function guideSubnet(): any {
  return {
    apiVersion: 'kubeovn.io/v1',
    kind: 'Subnet',
    metadata: { name: 'sn-dhcp' },
    spec: {
      cidrBlock: '172.18.0.0/16',
      default: false,
      namespaces: ['default'],
      disableGatewayCheck: true,
      disableInterConnection: false,
      excludeIps: ['172.18.0.1'],
      gateway: '172.18.0.1',
      gatewayType: 'distributed',
      natOutgoing: true,
      protocol: 'IPv4',
      provider: 'ovn',
      vpc: 'ovn-cluster',
      enableDHCP: true,
      dhcpV4Options: 'server_id=172.18.0.100,server_mac=00:00:00:2E:2F:B8,lease_time=3600,'
        + 'router=172.18.0.1,netmask=255.255.0.0,dns_server=223.5.5.5',
    },
  };
}

/** A Pod that holds one 1Gi hugepage, as a core-object example. */
export function hugepagePod(): any {
  const resources = { 'cpu': '1', 'memory': '64Mi', 'hugepages-1Gi': '1Gi' };
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'hugepage-holder', namespace: 'kube-system' },
    spec: {
      containers: [{
        name: 'hold',
        image: 'registry.k8s.io/pause:3.10',
        resources: { requests: { ...resources }, limits: { ...resources } },
      }],
    },
  };
}
