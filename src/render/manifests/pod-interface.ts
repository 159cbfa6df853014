import { MacAddress } from '../../model/mac';
import { VmPlan } from '../../plan/types';

/** Name of the pod network's interface and network in a VM spec. */
export const POD_INTERFACE = 'pod';

/** The pod MAC of each planned VM: the VM object and its network data both write it. */
const POD_MACS = new WeakMap<VmPlan, MacAddress>();

/**
 * A stable MAC for the pod network's interface of a VM. Virtink would pick a
 * random one, but cloud-init network data matches NICs by MAC and must name
 * the pod NIC too (it configures nothing it is not told about). Derived like
 * the vhost-user MACs, from `<namespace>/<vm>/<interface>`.
 */
export function podInterfaceMac(vm: VmPlan): MacAddress {
  let mac = POD_MACS.get(vm);
  if (mac === undefined) {
    mac = MacAddress.generate(`${vm.namespace}/${vm.name}/${POD_INTERFACE}`);
    POD_MACS.set(vm, mac);
  }
  return mac;
}
