import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { VirtualMachine } from '../imports/virt.virtink.smartx.com';
import { IpAddress } from '../model/ip';
import { MacAddress } from '../model/mac';
import { Size } from '../model/size';
import { DEFAULT_NAMESPACE } from '../plan/defaults';
import { VmSpec } from '../spec';
import { joinCluster } from './members';
import { checkProps, valueProp } from './props';
import { RenderedObject } from './rendered-object';

/**
 * Props of {@link VhostUserVm}: exactly a `VmSpec`, one entry of a cluster
 * spec file's `vms:`.
 */
export interface VhostUserVmProps extends VmSpec {}

/**
 * A Virtink VirtualMachine with dedicated CPUs, hugepage-backed memory and one
 * `vhostUser` interface per network, with the resources Virtink's webhook
 * demands and, when asked, cloud-init.
 *
 * The object is in the construct tree from the start (`ApiObject.of(vm)` finds
 * it); its content is rendered when the stack is synthesized, because the
 * pool it lands on and its addresses depend on the whole cluster.
 *
 * @see https://github.com/smartxworks/virtink/blob/main/docs/vhost-user-net.md
 * @see https://kubernetes.io/docs/tasks/manage-hugepages/scheduling-hugepages/
 */
export class VhostUserVm extends Construct {
  /** The VM name. */
  public readonly name: string;

  /** The VM namespace. */
  public readonly namespace: string;

  /** The VirtualMachine. */
  public readonly apiObject: ApiObject;

  /**
   * @param scope a `VhostUserCluster`, or a construct inside one
   * @param id the construct id
   * @param props the VM
   * @throws Error when a prop has the wrong shape or an unreadable value
   */
  public constructor(scope: Construct, id: string, props: VhostUserVmProps) {
    super(scope, id);
    checkProps(this, 'vms', props, () => {
      const values = [
        ...valueProp('memory', props.memory, Size.parse),
        ...valueProp('hugepageSize', props.hugepageSize, Size.parse),
      ];
      // Paths only for the values given: a fleet's VMs rarely give any.
      props.interfaces.forEach((nic, i) => {
        if (nic.mac !== undefined) {
          values.push(...valueProp(`interfaces[${i}].mac`, nic.mac, MacAddress.parse));
        }
        if (nic.ip !== undefined) {
          values.push(...valueProp(`interfaces[${i}].ip`, nic.ip, IpAddress.parse));
        }
      });
      return values;
    });

    this.name = props.name;
    this.namespace = props.namespace ?? DEFAULT_NAMESPACE;
    const cluster = joinCluster(this, 'vms', props);
    this.apiObject = new RenderedObject(this, 'Resource', {
      gvk: VirtualMachine.GVK,
      name: this.name,
      namespace: this.namespace,
      source: (key) => cluster._manifest(key),
    });
  }
}
