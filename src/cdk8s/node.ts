import { Construct } from 'constructs';
import { CpuSet } from '../model/cpuset';
import { InterfaceAddress } from '../model/ip';
import { PciAddress } from '../model/pci';
import { Size, Threshold } from '../model/size';
import { NodeSpec } from '../spec';
import { joinCluster } from './members';
import { checkProps, valueProp, ValueProp } from './props';

/**
 * Props of {@link OvsDpdkNode}: exactly a `NodeSpec`, the description of a
 * node pool that a cluster spec file holds under `nodes:`.
 */
export interface OvsDpdkNodeProps extends NodeSpec {}

/**
 * One node, or a pool of identical nodes, running OVS-DPDK: its CPUs and NUMA
 * nodes, its DPDK NICs, PMD cores, hugepages, kubelet reservations and kernel.
 *
 * The node emits no Kubernetes object of its own. At synth, its stack writes
 * `nodes/<name>/` into the output folder: `bootstrap.sh` (kernel arguments,
 * hugepages, NIC binding, OVS-DPDK settings, kubelet configuration, and on the
 * Kube-OVN path the node label), `verify.sh`, and the files they install.
 * Objects that stand for node-side facts in the cluster (hugepage placeholder
 * pods, the OVS DaemonSet overrides) belong to the stack, because they depend
 * on every pool.
 *
 * @see https://docs.openvswitch.org/en/latest/intro/install/dpdk/
 * @see https://kubernetes.io/docs/tasks/administer-cluster/cpu-management-policies/
 * @see https://kubernetes.io/docs/tasks/administer-cluster/memory-manager/
 */
export class OvsDpdkNode extends Construct {
  /** Name of the node pool (`nodes/<name>/` in the output). */
  public readonly name: string;

  /** The Kubernetes node names of the pool. */
  public readonly hosts: string[];

  /**
   * @param scope a `VhostUserCluster`, or a construct inside one
   * @param id the construct id
   * @param props the node pool
   * @throws Error when a prop has the wrong shape or an unreadable value
   */
  public constructor(scope: Construct, id: string, props: OvsDpdkNodeProps) {
    super(scope, id);
    checkProps(this, 'nodes', props, () => nodeValues(props));

    this.name = props.name;
    this.hosts = (props.hosts ?? [{ name: props.name }]).map((host) => host.name);
    joinCluster(this, 'nodes', props);
  }
}

/** The typed values of a node spec, each with the parser the planner reads it with. */
function nodeValues(props: NodeSpec): ValueProp[] {
  const { topology, cpus, hugepages, kubelet } = props;
  return [
    ...(props.hosts ?? []).flatMap((host, i) =>
      valueProp(`hosts[${i}].encapIp`, host.encapIp, InterfaceAddress.parse)),
    ...valueProp('topology.memoryPerNumaNode', topology.memoryPerNumaNode, Size.parse),
    ...valueProp('topology.uniform.memoryPerNumaNode', topology.uniform?.memoryPerNumaNode,
      Size.parse),
    ...(topology.numaNodes ?? []).flatMap((numaNode, i) =>
      valueProp(`topology.numaNodes[${i}].memory`, numaNode.memory, Size.parse)),
    ...(props.nics ?? []).flatMap((nic, i) =>
      valueProp(`nics[${i}].pci`, nic.pci, PciAddress.parse)),
    ...valueProp('cpus.housekeeping', cpus?.housekeeping, CpuSet.parse),
    ...valueProp('cpus.pmd', cpus?.pmd, CpuSet.parse),
    ...valueProp('cpus.lcore', cpus?.lcore, CpuSet.parse),
    ...valueProp('hugepages.size', hugepages?.size, Size.parse),
    ...valueProp('kubelet.kubeReservedMemory', kubelet?.kubeReservedMemory, Size.parse),
    ...valueProp('kubelet.systemReservedMemory', kubelet?.systemReservedMemory, Size.parse),
    ...valueProp('kubelet.evictionHard', kubelet?.evictionHard, Threshold.parse),
    ...(kubelet?.reservedMemory ?? []).flatMap((size, i) =>
      valueProp(`kubelet.reservedMemory[${i}]`, size, Size.parse)),
  ];
}
