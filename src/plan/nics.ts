import { NicPlan } from './types';
import { Findings } from '../diagnostics/findings';
import { ValueError } from '../model/errors';
import { PciAddress } from '../model/pci';
import { HostTopology } from '../model/topology';
import { NicSpec } from '../spec/host';

const PORT_NAME = /^[A-Za-z0-9_.-]{1,15}$/;

/**
 * The DPDK ports of a node pool: one per NIC that `topologyFromSpec` could
 * read (the others are reported there), named `dpdk<index>` unless given.
 * Reports SR-IOV virtual functions (NIC002), unknown (NIC003) and CPU-less
 * (NIC007) NUMA nodes, repeated (NIC005) and invalid (NIC006) port names.
 *
 * @param path path of the node pool, such as `nodes[0]`
 */
export function planNics(
  specs: readonly NicSpec[] | undefined,
  host: HostTopology,
  path: string,
  findings: Findings,
): NicPlan[] {
  const plans: NicPlan[] = [];
  (specs ?? []).forEach((spec, i) => {
    const where = `${path}.nics[${i}]`;
    const pci = pciOrUndefined(spec.pci);
    const nic = pci === undefined ? undefined : host.nic(pci);
    if (nic === undefined || plans.some((other) => other.pci.equals(nic.pci))) {
      return;
    }
    const port = spec.port ?? `dpdk${i}`;
    if (!PORT_NAME.test(port)) {
      findings.error('NIC006', {
        path: `${where}.port`,
        message: `the port name "${port}" is not 1 to 15 letters, digits, ".", "_" or "-"`,
        hint: `Name the port like dpdk${i}.`,
      });
    } else if (plans.some((other) => other.port === port)) {
      findings.error('NIC005', {
        path: `${where}.port`,
        message: `the port name "${port}" is already used by another NIC of the pool`,
        hint: 'Give each DPDK port its own name.',
      });
    }

    if (nic.isVirtualFunction) {
      findings.error('NIC002', {
        path: `${where}.virtualFunction`,
        message: `the NIC ${nic.pci} is an SR-IOV virtual function: it drops unicast frames `
          + 'not addressed to its PF or VFs, so VM traffic never arrives',
        hint: 'Give OVS-DPDK a physical function (PF) of the NIC.',
      });
    }
    if (nic.numaNode === undefined) {
      findings.warn('NIC003', {
        path: `${where}.numaNode`,
        message: `the NUMA node of the NIC ${nic.pci} is unknown, so every NUMA node gets a `
          + 'PMD core and its mempool cannot be placed',
        hint: `Read it from /sys/bus/pci/devices/${nic.pci}/numa_node and set numaNode.`,
      });
    } else if (host.coresOf(nic.numaNode).length === 0) {
      findings.warn('NIC007', {
        path: `${where}.numaNode`,
        message: `the NIC ${nic.pci} is on NUMA node ${nic.numaNode}, which has no CPUs, so no `
          + 'PMD thread can poll it locally',
        hint: 'Move the NIC to a slot of a NUMA node with CPUs, if the machine allows.',
      });
    }

    plans.push({
      pci: nic.pci,
      port,
      numaNode: nic.numaNode,
      driver: nic.driverFamily,
      virtualFunction: nic.isVirtualFunction,
    });
  });
  return plans;
}

function pciOrUndefined(text: string): PciAddress | undefined {
  try {
    return PciAddress.parse(text);
  } catch (e) {
    if (e instanceof ValueError) {
      return undefined;
    }
    throw e;
  }
}
