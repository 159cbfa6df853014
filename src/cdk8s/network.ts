import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { NetworkAttachmentDefinition } from '../imports/k8s.cni.cncf.io';
import { Cidr, IpAddress } from '../model/ip';
import { DEFAULT_NAMESPACE } from '../plan/defaults';
import { NetworkSpec } from '../spec';
import { joinCluster } from './members';
import { checkProps, valueProp } from './props';
import { RenderedObject } from './rendered-object';

/**
 * Props of {@link VhostUserNetwork}: exactly a `NetworkSpec`, one entry of a
 * cluster spec file's `networks:`.
 */
export interface VhostUserNetworkProps extends NetworkSpec {}

/**
 * A Multus network that carries vhost-user NICs: one
 * NetworkAttachmentDefinition whose CNI configuration is the Kube-OVN or
 * Userspace CNI one, as the cluster's path needs it.
 *
 * The object is in the construct tree from the start (`ApiObject.of(network)`
 * finds it); its content is rendered when the stack is synthesized.
 *
 * @see https://github.com/k8snetworkplumbingwg/multi-net-spec
 * @see https://kubeovn.github.io/docs/stable/en/advance/dpdk/
 */
export class VhostUserNetwork extends Construct {
  /** The NAD name, which VM interfaces name as their `network`. */
  public readonly name: string;

  /** The NAD namespace. */
  public readonly namespace: string;

  /** The NetworkAttachmentDefinition. */
  public readonly apiObject: ApiObject;

  /**
   * @param scope a `VhostUserCluster`, or a construct inside one
   * @param id the construct id
   * @param props the network
   * @throws Error when a prop has the wrong shape or an unreadable value
   */
  public constructor(scope: Construct, id: string, props: VhostUserNetworkProps) {
    super(scope, id);
    checkProps(this, 'networks', props, () => [
      ...valueProp('cidr', props.cidr, Cidr.parse),
      ...valueProp('gateway', props.gateway, IpAddress.parse),
    ]);

    this.name = props.name;
    this.namespace = props.namespace ?? DEFAULT_NAMESPACE;
    const cluster = joinCluster(this, 'networks', props);
    this.apiObject = new RenderedObject(this, 'Resource', {
      gvk: NetworkAttachmentDefinition.GVK,
      name: this.name,
      namespace: this.namespace,
      source: (key) => cluster._manifest(key),
    });
  }
}
