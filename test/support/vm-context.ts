import { collect } from './findings';
import { Size } from '../../src/model/size';
import { planNetworks } from '../../src/plan/network';
import { planSubnets } from '../../src/plan/subnet';
import { VmContext } from '../../src/plan/vm';
import { NetworkPath, NetworkSpec, SubnetSpec, VmSpec } from '../../src/spec';

/** A VM context with the given networks and subnets on one path, and one 1Gi pool. */
export function vmContextOf(
  path: NetworkPath, networks: NetworkSpec[], subnets: SubnetSpec[] = [],
): VmContext {
  const pools = [{ name: 'pool-a', bridge: 'br-int' }];
  const planned = collect((f) => planNetworks(networks, { path, pools, subnets }, f)).result;
  const subnetPlans = collect((f) => planSubnets(subnets, {
    networks: planned, tunnelType: 'geneve', encapIps: [],
  }, f)).result;
  return {
    path,
    networks: planned,
    subnets: subnetPlans,
    poolNames: ['pool-a'],
    hosts: [{ pool: 'pool-a', name: 'pool-a' }],
    pageSizes: [{ pool: 'pool-a', size: Size.parse('1Gi') }],
  };
}

/** Userspace CNI networks: one without a range, one /24 with a gateway, one /30. */
export const USERSPACE_CONTEXT = vmContextOf('userspace', [
  { name: 'ovs-dpdk' },
  { name: 'static', cidr: '10.10.0.0/24', gateway: '10.10.0.1' },
  { name: 'tiny', cidr: '10.20.0.0/30' },
]);

/** The Kube-OVN network ovn-dpdk, served by a subnet excluding .2 to .9. */
export const KUBE_OVN_CONTEXT = vmContextOf('kube-ovn', [{ name: 'ovn-dpdk' }], [{
  name: 'sn-dhcp',
  network: 'ovn-dpdk',
  cidr: '172.18.0.0/16',
  excludeIps: ['172.18.0.2..172.18.0.9'],
}]);

/** A 2Gi VM `vm-1` on network ovs-dpdk, with changes. */
export function vmSpec(changes: Partial<VmSpec> = {}): VmSpec {
  return { name: 'vm-1', memory: '2Gi', interfaces: [{ network: 'ovs-dpdk' }], ...changes };
}
