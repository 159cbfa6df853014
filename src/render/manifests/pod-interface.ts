import { MacAddress } from '../../model/mac';
import { VmPlan } from '../../plan/types';
import { podMacOf } from '../../plan/vm';

/** Name of the pod network's interface and network in a VM spec. */
export const POD_INTERFACE = 'pod';

/**
 * A stable MAC for the pod network's interface of a VM. Virtink would pick a
 * random one, but cloud-init network data matches NICs by MAC and must name
 * the pod NIC too (it configures nothing it is not told about). Derived like
 * the vhost-user MACs, from `<namespace>/<vm>/<interface>`.
 */
export function podInterfaceMac(vm: VmPlan): MacAddress {
  return podMacOf(vm);
}
