/** When Virtink (re)starts a VM. */
export type RunPolicy = 'Always' | 'RerunOnFailure' | 'Once' | 'Manual' | 'Halted';

/**
 * How Virtink binds the pod network in the guest: `bridge` hands the pod's
 * address to the guest (DHCP from the VM pod); `masquerade` keeps it in the
 * pod and NATs the guest's traffic through it.
 */
export type PodNetworkBinding = 'bridge' | 'masquerade';

/** A Virtink VM with vhost-user NICs (`VhostUserVm`). */
export interface VmSpec {
  /** VM name, a DNS-1123 label. */
  readonly name: string;

  /**
   * Namespace of the VM; its networks must be in the same namespace.
   *
   * @default 'default'
   */
  readonly namespace?: string;

  /**
   * Dedicated vCPUs (`sockets × coresPerSocket`).
   *
   * @default 1
   */
  readonly cpus?: number;

  /**
   * Virtual sockets the vCPUs are spread over.
   *
   * @default 1
   */
  readonly sockets?: number;

  /** Guest memory, hugepage-backed, for example `2Gi`. */
  readonly memory: string;

  /**
   * Hugepage size backing guest memory; must be the nodes' default size.
   *
   * @default - the hugepage size of the nodes
   */
  readonly hugepageSize?: string;

  /**
   * Container disk image with the guest's root disk.
   *
   * @default 'smartxworks/virtink-container-disk-ubuntu'
   */
  readonly image?: string;

  /**
   * Also attach the pod network (Virtink `bridge` binding) for management.
   *
   * @default true on the Userspace CNI path, false on Kube-OVN
   */
  readonly podNetwork?: boolean;

  /**
   * Virtink's binding of the pod network; needs `podNetwork`.
   *
   * @default 'bridge'
   * @see https://github.com/smartxworks/virtink/blob/main/docs/interfaces_and_networks.md
   */
  readonly podNetworkBinding?: PodNetworkBinding;

  /** The vhost-user NICs, one per network. */
  readonly interfaces: VmInterfaceSpec[];

  /**
   * Node pool the VM runs on.
   *
   * @default - any OVS-DPDK node pool where it fits
   */
  readonly nodePool?: string;

  /**
   * The Kubernetes node the VM must run on: a host of `nodes` (of `nodePool`,
   * when that is given too). The VM's pool is the host's.
   *
   * @default - any host of its pool where it fits
   */
  readonly host?: string;

  /**
   * When Virtink starts the VM again. Virtink's own default `Once` never
   * restarts a VM whose pod is gone: long-lived VMs want `Always`.
   *
   * @default 'Always'
   */
  readonly runPolicy?: RunPolicy;

  /**
   * Cloud-init of the guest.
   *
   * @default - none
   */
  readonly cloudInit?: CloudInitSpec;

  /**
   * Extra labels of the VM object.
   *
   * @default - none
   */
  readonly labels?: Record<string, string>;

  /**
   * Extra annotations of the VM object.
   *
   * @default - none (one annotation naming this library is always added)
   */
  readonly annotations?: Record<string, string>;
}

/** A vhost-user NIC of a VM. */
export interface VmInterfaceSpec {
  /** Name of the network (the NAD) the NIC attaches to. */
  readonly network: string;

  /**
   * Interface name inside the VM spec (at most 15 characters).
   *
   * @default - the network name, shortened when needed
   */
  readonly name?: string;

  /**
   * MAC address of the NIC.
   *
   * @default - a stable locally administered address derived from the VM
   *   and network names
   */
  readonly mac?: string;

  /**
   * Static address of the NIC (no DHCP on the network), inside the
   * network's range.
   *
   * @default - allocated from the network's `cidr` when it has one and no
   *   DHCP subnet serves it
   */
  readonly ip?: string;
}

/** Cloud-init of a VM. SSH keys come first; passwords are refused by default. */
export interface CloudInitSpec {
  /**
   * Public SSH keys authorized for the default user.
   *
   * @default - none
   */
  readonly sshAuthorizedKeys?: string[];

  /**
   * Plain-text password of the default user. Refused unless
   * `allowPlainTextPassword` is set: it ends up readable in the VM object.
   *
   * @default - none
   */
  readonly password?: string;

  /**
   * Accept `password` in plain text.
   *
   * @default false
   */
  readonly allowPlainTextPassword?: boolean;

  /**
   * Secret (key `value`) holding the whole user data instead.
   *
   * @default - none
   */
  readonly userDataSecretName?: string;

  /**
   * Extra cloud-config, merged after the keys above (YAML text without the
   * `#cloud-config` line).
   *
   * @default - none
   */
  readonly extraUserData?: string;
}
