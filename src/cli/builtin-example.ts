/** The name the built-in example is reported under, in place of a file name. */
export const BUILTIN_EXAMPLE_NAME = '<built-in example>';

/**
 * The spec `check` and `synth` use when no file is given: the Kube-OVN
 * cluster of Virtink's vhost-user guide, the same text as
 * `examples/kube-ovn-guide.yaml` (a test keeps the two equal). It is held
 * here because the examples folder is not part of the npm package.
 */
export const BUILTIN_EXAMPLE_YAML = `# The Kube-OVN path of Virtink's vhost-user guide, on one NUMA node.
#
# One OVS-DPDK node with an Intel NIC on vfio-pci, Kube-OVN in hybrid DPDK
# mode, the \`ovn-dpdk\` network, a DHCP subnet for it, and one VM.
#
#   vhost-user-k8s check examples/kube-ovn-guide.yaml
#   vhost-user-k8s synth examples/kube-ovn-guide.yaml -o dist
#
# This is also the built-in example that \`check\` and \`synth\` use when no spec
# file is given. The schema is schema/cluster-spec.schema.json.
name: kube-ovn-guide
kubeOvn:
  version: v1.10.7
nodes:
  - name: dpdk
    hosts:
      # ENCAP_IP of /opt/ovs-config/ovs-dpdk-config: one per host.
      - name: node-1
        encapIp: 192.168.0.10/20
    # The guide shows no topology: 16 single-thread cores, 128Gi.
    # On a real node, paste what \`vhost-user-k8s facts\` prints.
    topology:
      uniform:
        numaNodes: 1
        coresPerNumaNode: 16
        threadsPerCore: 1
        memoryPerNumaNode: 128Gi
    nics:
      - pci: "0000:af:00.0"
        numaNode: 0
        driver: vfio-pci
    # reservedSystemCPUs 0-1,8-11 of the guide: housekeeping 0-1, PMD 8-11
    # (pmd-cpu-mask=0xf00). The lcore mask is left to its default, a
    # housekeeping CPU, not the guide's 0xf00 (the PMD CPUs).
    cpus:
      housekeeping: 0-1
      pmd: 8-11
    hugepages:
      size: 1Gi
      pagesPerNumaNode: 60
    ovs:
      socketMem: "1024"
      socketLimit: "1024"
networks:
  - name: ovn-dpdk
# The DHCP subnet of the guide's "Known Issues", tied to the network.
subnets:
  - name: sn-dhcp
    network: ovn-dpdk
    cidr: 172.18.0.0/16
    gateway: 172.18.0.1
    excludeIps:
      - 172.18.0.1
    natOutgoing: true
    dhcp:
      serverId: 172.18.0.100
      serverMac: 00:00:00:2E:2F:B8
      leaseTime: 3600
      router: 172.18.0.1
      dnsServers:
        - 223.5.5.5
vms:
  - name: ubuntu-vhostuser
    cpus: 1
    memory: 1Gi
    hugepageSize: 1Gi
    image: smartxworks/virtink-container-disk-ubuntu
    interfaces:
      - network: ovn-dpdk
        name: vhostuser
    # An SSH key instead of the guide's plain-text password.
    cloudInit:
      sshAuthorizedKeys:
        - ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIMcBzX0Zdb3h1n4cXZ4i8cO5Zx2L0yJgB0CkG0C2b4aQ guide@example
`;
