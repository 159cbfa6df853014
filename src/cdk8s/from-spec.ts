import { Construct } from 'constructs';
import { DEFAULT_NAMESPACE } from '../plan/defaults';
import { ClusterSpec } from '../spec';
import { KubeOvnDpdk } from './kube-ovn';
import { VhostUserNetwork } from './network';
import { OvsDpdkNode } from './node';
import { PerfTestKit } from './perf-kit';
import { DhcpSubnet } from './subnet';
import { UserspaceCni } from './userspace-cni';
import { VhostUserVm } from './vm';

/**
 * Creates the members a cluster spec describes, under a cluster (the body of
 * `VhostUserCluster.fromSpec`).
 *
 * @internal
 */
export function addMembersFromSpec(cluster: Construct, spec: ClusterSpec): void {
  if (spec.kubeOvn !== undefined) {
    new KubeOvnDpdk(cluster, 'KubeOvn', spec.kubeOvn);
  }
  if (spec.userspaceCni !== undefined) {
    new UserspaceCni(cluster, 'UserspaceCni', spec.userspaceCni);
  }

  group(cluster, 'Nodes', spec.nodes, (node) => node.name,
    (scope, id, node) => new OvsDpdkNode(scope, id, node));
  group(cluster, 'Networks', spec.networks, (n) => qualified(n.name, n.namespace),
    (scope, id, network) => new VhostUserNetwork(scope, id, network));
  group(cluster, 'Subnets', spec.subnets, (subnet) => subnet.name,
    (scope, id, subnet) => new DhcpSubnet(scope, id, subnet));
  group(cluster, 'Vms', spec.vms, (vm) => qualified(vm.name, vm.namespace),
    (scope, id, vm) => new VhostUserVm(scope, id, vm));
  if (spec.perfKit !== undefined) {
    new PerfTestKit(cluster, 'PerfKit', spec.perfKit);
  }
}

/**
 * One member per entry under a construct named after the section. Names that
 * repeat (an error the cluster reports at synth, SPEC004) get `-2`, `-3`, ...
 * so that building the tree never fails before the cluster can say why.
 */
function group<T>(
  cluster: Construct,
  id: string,
  entries: readonly T[] | undefined,
  idOf: (entry: T) => string,
  create: (scope: Construct, id: string, entry: T) => void,
): void {
  if (entries === undefined || entries.length === 0) {
    return;
  }
  const scope = new Construct(cluster, id);
  for (const entry of entries) {
    const base = idOf(entry);
    let childId = base;
    for (let n = 2; scope.node.tryFindChild(childId) !== undefined; n++) {
      childId = `${base}-${n}`;
    }
    create(scope, childId, entry);
  }
}

function qualified(name: string, namespace: string | undefined): string {
  return namespace === undefined || namespace === DEFAULT_NAMESPACE ? name : `${namespace}.${name}`;
}
