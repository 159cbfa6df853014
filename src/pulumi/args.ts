import * as pulumi from '@pulumi/pulumi';
import {
  CloudInitSpec, HostSpec, KubeOvnSpec, NetworkSpec, NodeSpec, PerfKitSpec, SubnetSpec,
  UserspaceCniSpec, VersionSpec, VmSpec,
} from '../spec';

/**
 * Args of {@link VhostUserCluster}: the cluster spec, with Pulumi Inputs
 * where a program would pass outputs of other resources.
 *
 * Everything that decides which objects exist and how the nodes are set up
 * (node pools and hosts, the networking path, names, sizes, subnets) is a
 * plain value, known when the program runs; only the values that land in
 * the objects' fields (namespaces, the VM image, cloud-init keys and Secret
 * names) and the SSH connections may be Inputs. See `VhostUserCluster` for
 * how Inputs that are unknown at preview are planned.
 */
export interface VhostUserClusterArgs {
  /**
   * Name of the cluster (`ClusterSpec.name`), shown in `PLAN.md`.
   *
   * @default - the component name
   */
  readonly name?: string;

  /**
   * Versions of the components on the nodes (kubelet, OVS).
   *
   * @default - see `VersionSpec`
   */
  readonly versions?: VersionSpec;

  /** The node pools running OVS-DPDK (`OvsDpdkNode`). */
  readonly nodes: OvsDpdkNodeArgs[];

  /**
   * The Kube-OVN OVS-DPDK path (`KubeOvnDpdk`). Exactly one of `kubeOvn` and
   * `userspaceCni` is given.
   *
   * @default - not used
   */
  readonly kubeOvn?: KubeOvnDpdkArgs;

  /**
   * The Userspace CNI path (`UserspaceCni`).
   *
   * @default - not used
   */
  readonly userspaceCni?: UserspaceCniArgs;

  /**
   * vhost-user networks (`VhostUserNetwork`, one Multus NAD each).
   *
   * @default - none
   */
  readonly networks?: VhostUserNetworkArgs[];

  /**
   * Kube-OVN subnets serving DHCP to vhost-user VMs (`DhcpSubnet`).
   *
   * @default - none
   */
  readonly subnets?: DhcpSubnetArgs[];

  /**
   * Virtink VMs (`VhostUserVm`).
   *
   * @default - none
   */
  readonly vms?: VhostUserVmArgs[];

  /**
   * A performance test kit (`PerfTestKit`): VM pairs that measure
   * vhost-user, bridge and masquerade on this cluster. Plain values only: it
   * decides which VMs exist.
   *
   * @default - none
   */
  readonly perfKit?: PerfTestKitArgs;

  /**
   * Run each node's `bootstrap.sh` on its hosts over SSH, through
   * `@pulumi/command`.
   *
   * @default - the node files are outputs only; run them yourself
   */
  readonly bootstrap?: RemoteBootstrapArgs;
}

/** Args of {@link OvsDpdkNode}: a `NodeSpec` whose hosts may carry SSH details. */
export interface OvsDpdkNodeArgs extends Omit<NodeSpec, 'hosts'> {
  /**
   * The Kubernetes nodes of this pool.
   *
   * @default - one host named like the pool
   */
  readonly hosts?: OvsDpdkHostArgs[];
}

/** One host of a node pool, with how to reach it over SSH. */
export interface OvsDpdkHostArgs extends HostSpec {
  /**
   * How to reach this host over SSH, merged over `bootstrap.connection`.
   * Used only when the cluster has `bootstrap`.
   *
   * @default - `bootstrap.connection`, with the host name as the address
   */
  readonly connection?: pulumi.Input<SshConnectionArgs>;
}

/**
 * How the cluster runs `bootstrap.sh` on the hosts: for each host, copy the
 * script (`CopyToRemote`), then run it (`remote.Command`); both are replaced,
 * so the script runs again, when its text changes.
 *
 * @see https://www.pulumi.com/registry/packages/command/api-docs/remote/command/
 */
export interface RemoteBootstrapArgs {
  /**
   * SSH settings every host shares, such as `user` and `privateKey`. A
   * host's own `connection` wins field by field.
   *
   * @default - each host's `connection` only
   */
  readonly connection?: pulumi.Input<SshConnectionArgs>;

  /**
   * Run the script with `sudo` (it writes `/etc`, the kernel command line
   * and the kubelet configuration). Set false when the SSH user is root.
   *
   * @default true
   */
  readonly sudo?: boolean;

  /**
   * Pass `--drained`: the hosts are drained, so the script may restart the
   * kubelet with a new CPU or memory manager policy. Without it, such a
   * change makes the script exit with status 2, and the update fails with
   * its message naming the drain commands.
   *
   * @default false
   */
  readonly drained?: boolean;

  /**
   * Folder on the host the script is copied to, relative to the SSH user's
   * home unless absolute. Each pool has its own sub-folder.
   *
   * @default '.vhost-user-k8s'
   */
  readonly remoteDirectory?: string;
}

/**
 * An SSH connection, as `@pulumi/command`'s `remote` resources take it.
 *
 * @see https://www.pulumi.com/registry/packages/command/api-docs/remote/command/#connection
 */
export interface SshConnectionArgs {
  /**
   * Address of the host.
   *
   * @default - the host's Kubernetes node name
   */
  readonly host?: pulumi.Input<string>;

  /**
   * SSH port.
   *
   * @default 22
   */
  readonly port?: pulumi.Input<number>;

  /**
   * User to log in as.
   *
   * @default 'root'
   */
  readonly user?: pulumi.Input<string>;

  /**
   * Private key, in PEM or OpenSSH form. Pass a secret.
   *
   * @default - none: the SSH agent or a password
   */
  readonly privateKey?: pulumi.Input<string>;

  /**
   * Passphrase of `privateKey`.
   *
   * @default - none
   */
  readonly privateKeyPassword?: pulumi.Input<string>;

  /**
   * Password to log in with. Pass a secret.
   *
   * @default - none
   */
  readonly password?: pulumi.Input<string>;

  /**
   * Path of the SSH agent's socket.
   *
   * @default - `$SSH_AUTH_SOCK`
   */
  readonly agentSocketPath?: pulumi.Input<string>;

  /**
   * The host's public key, to check it against.
   *
   * @default - not checked
   */
  readonly hostKey?: pulumi.Input<string>;
}

/** Args of {@link KubeOvnDpdk}: exactly a `KubeOvnSpec`. */
export interface KubeOvnDpdkArgs extends KubeOvnSpec {}

/** Args of {@link UserspaceCni}: exactly a `UserspaceCniSpec`. */
export interface UserspaceCniArgs extends UserspaceCniSpec {}

/** Args of {@link PerfTestKit}: exactly a `PerfKitSpec`. */
export interface PerfTestKitArgs extends PerfKitSpec {}

/** Args of {@link DhcpSubnet}: exactly a `SubnetSpec`. */
export interface DhcpSubnetArgs extends SubnetSpec {}

/** Args of {@link VhostUserNetwork}: a `NetworkSpec` whose namespace may be an Input. */
export interface VhostUserNetworkArgs extends Omit<NetworkSpec, 'namespace'> {
  /**
   * Namespace of the NAD, for example `ns.metadata.name` of a Namespace of
   * the same program; VMs attach only to NADs of their own namespace.
   *
   * @default 'default'
   */
  readonly namespace?: pulumi.Input<string>;
}

/** Args of {@link VhostUserVm}: a `VmSpec` with Inputs for the values objects carry. */
export interface VhostUserVmArgs extends Omit<VmSpec, 'namespace' | 'image' | 'cloudInit'> {
  /**
   * Namespace of the VM; its networks must be in the same namespace.
   *
   * @default 'default'
   */
  readonly namespace?: pulumi.Input<string>;

  /**
   * Container disk image with the guest's root disk.
   *
   * @default 'smartxworks/virtink-container-disk-ubuntu'
   */
  readonly image?: pulumi.Input<string>;

  /**
   * Cloud-init of the guest.
   *
   * @default - none
   */
  readonly cloudInit?: VmCloudInitArgs;
}

/** A `CloudInitSpec` whose keys and Secret name may be Inputs. */
export interface VmCloudInitArgs
  extends Omit<CloudInitSpec, 'sshAuthorizedKeys' | 'userDataSecretName'> {
  /**
   * Public SSH keys authorized for the default user, for example
   * `key.publicKeyOpenssh` of a `tls.PrivateKey`.
   *
   * @default - none
   */
  readonly sshAuthorizedKeys?: pulumi.Input<string>[];

  /**
   * Secret (key `value`) holding the whole user data instead, for example
   * `secret.metadata.name`.
   *
   * @default - none
   */
  readonly userDataSecretName?: pulumi.Input<string>;
}
