import { MAX_MEMORY } from './ovs-memory';
import { Findings } from '../diagnostics/findings';
import { ValueError } from '../model/errors';
import { NicInfo } from '../model/nic';
import { PciAddress } from '../model/pci';
import { Size } from '../model/size';
import { HostTopology } from '../model/topology';
import { NicSpec, TopologySpec } from '../spec/host';

/** Architectures whose hugepage sizes and IOMMU arguments the rules know. */
export const KNOWN_ARCHITECTURES: readonly string[] = [
  'x86_64', 'aarch64', 'ppc64le', 's390x', 'riscv64',
];

/**
 * Builds the hardware of a node pool from what the user wrote: the `uniform`,
 * `numaNodes` or `lscpu` form of the topology, plus the NICs given to
 * OVS-DPDK. Never throws: every problem becomes a diagnostic.
 *
 * NICs are added to the topology when their PCI address reads and their NUMA
 * node exists; the others are reported (NIC001, NIC004, NIC005) and left out.
 *
 * @param spec the topology as written
 * @param nics the pool's NICs as written
 * @param path path of the node pool in the cluster spec, such as `nodes[0]`
 * @param findings where problems are reported
 * @returns the topology, or `undefined` when it cannot be read at all
 */
export function topologyFromSpec(
  spec: TopologySpec,
  nics: readonly NicSpec[] | undefined,
  path: string,
  findings: Findings,
): HostTopology | undefined {
  const where = `${path}.topology`;
  const read = readTopology(spec, where, findings);
  if (read === undefined) {
    return undefined;
  }
  const host = withinMemoryLimit(read, where, findings);

  if (!KNOWN_ARCHITECTURES.includes(host.architecture)) {
    findings.warn('TOPO005', {
      path: `${where}.architecture`,
      message: `the architecture "${host.architecture}" is not one the rules know `
        + `(${KNOWN_ARCHITECTURES.join(', ')}): hugepage sizes and IOMMU arguments are not `
        + 'checked',
      hint: 'Write the architecture as `uname -m` prints it, for example x86_64.',
    });
  }
  // Memory given but refused (TOPO003) is unknown too; that error says so already.
  const memoryRefused = () => findings.all
    .some((d) => d.code === 'TOPO003' && d.path.startsWith(where));
  if (host.numaNodes.some((node) => node.memory === undefined) && !memoryRefused()) {
    findings.warn('TOPO004', {
      path: where,
      message: 'the memory of the NUMA nodes is unknown, so the hugepage budget per NUMA '
        + 'node is not checked',
      hint: 'Give the memory of each NUMA node (`memoryPerNumaNode` with the lscpu form).',
    });
  }

  return host.withNics(readNics(nics ?? [], host, path, findings));
}

function readTopology(
  spec: TopologySpec, where: string, findings: Findings,
): HostTopology | undefined {
  const forms = (['uniform', 'numaNodes', 'lscpu'] as const)
    .filter((form) => spec[form] !== undefined);
  if (forms.length !== 1) {
    findings.error('TOPO001', {
      path: where,
      message: forms.length === 0
        ? 'the topology gives none of uniform, numaNodes and lscpu'
        : `the topology gives ${forms.join(' and ')}; only one form may be given`,
      hint: 'Describe the host once: `uniform` for identical NUMA nodes, `numaNodes` node by '
        + 'node, or `lscpu` with the output of `lscpu -p=CPU,CORE,SOCKET,NODE`.',
    });
    return undefined;
  }

  try {
    if (spec.uniform !== undefined) {
      const uniform = spec.uniform;
      return HostTopology.uniform({
        numaNodes: uniform.numaNodes,
        coresPerNumaNode: uniform.coresPerNumaNode,
        threadsPerCore: uniform.threadsPerCore,
        siblings: uniform.siblings,
        architecture: spec.architecture,
        memoryPerNumaNode: readMemory(
          uniform.memoryPerNumaNode, `${where}.uniform.memoryPerNumaNode`, findings),
      });
    }
    if (spec.numaNodes !== undefined) {
      return HostTopology.of({
        architecture: spec.architecture,
        numaNodes: spec.numaNodes.map((node, i) => ({
          id: node.id,
          memory: readMemory(node.memory, `${where}.numaNodes[${i}].memory`, findings),
          cores: node.cores.map((core) => ({ socket: core.socket ?? 0, threads: core.threads })),
        })),
      });
    }
    return HostTopology.fromLscpu(spec.lscpu ?? '', {
      architecture: spec.architecture,
      memoryPerNumaNode: readMemory(
        spec.memoryPerNumaNode, `${where}.memoryPerNumaNode`, findings),
    });
  } catch (e) {
    if (!(e instanceof ValueError)) {
      throw e;
    }
    findings.error('TOPO002', {
      path: `${where}.${forms[0]}`,
      message: `the ${forms[0]} topology cannot be read: ${e.reason}`,
      hint: e.hint,
    });
    return undefined;
  }
}

/**
 * The host, or the host without its memory when the NUMA nodes together hold
 * more than any machine has (TOPO003), so that sums of it stay exact.
 */
function withinMemoryLimit(host: HostTopology, where: string, findings: Findings): HostTopology {
  const total = host.numaNodes.reduce((sum, node) => sum + BigInt(node.memory?.bytes ?? 0), 0n);
  if (total <= BigInt(MAX_MEMORY.bytes)) {
    return host;
  }
  findings.error('TOPO003', {
    path: where,
    message: `the NUMA nodes hold more than ${MAX_MEMORY} of memory in total, more than any `
      + 'machine has; the memory is taken as unknown',
    hint: 'Write the memory of each NUMA node in the unit you mean, such as 64Gi.',
  });
  return HostTopology.of({
    architecture: host.architecture,
    numaNodes: host.numaNodes.map((node) => ({ id: node.id, cores: node.cores })),
  });
}

function readMemory(
  text: string | undefined, path: string, findings: Findings,
): Size | undefined {
  if (text === undefined) {
    return undefined;
  }
  try {
    return Size.parse(text);
  } catch (e) {
    if (!(e instanceof ValueError)) {
      throw e;
    }
    findings.error('TOPO003', {
      path,
      message: `the memory "${text}" cannot be read: ${e.reason}`,
      hint: 'Write a Kubernetes quantity such as 64Gi.',
    });
    return undefined;
  }
}

function readNics(
  nics: readonly NicSpec[], host: HostTopology, path: string, findings: Findings,
): NicInfo[] {
  const read: NicInfo[] = [];
  nics.forEach((nic, i) => {
    const where = `${path}.nics[${i}]`;
    let pci: PciAddress;
    try {
      pci = PciAddress.parse(nic.pci);
    } catch (e) {
      if (!(e instanceof ValueError)) {
        throw e;
      }
      findings.error('NIC001', {
        path: `${where}.pci`,
        message: `the PCI address "${nic.pci}" cannot be read: ${e.reason}`,
        hint: 'Write it as `lspci -D` prints it, for example 0000:af:00.0.',
      });
      return;
    }
    const earlier = read.findIndex((other) => other.pci.equals(pci));
    if (earlier >= 0) {
      findings.error('NIC005', {
        path: `${where}.pci`,
        message: `the PCI address ${pci} is already given by nics[${earlier}]`,
        hint: 'Give each NIC once.',
      });
      return;
    }
    if (nic.numaNode !== undefined && !host.numaNodeIds().includes(nic.numaNode)) {
      findings.error('NIC004', {
        path: `${where}.numaNode`,
        message: `the NIC ${pci} is on NUMA node ${nic.numaNode}, which the host does not `
          + `have (it has ${host.numaNodeIds().join(', ')})`,
        hint: 'Read the node from /sys/bus/pci/devices/<pci>/numa_node, or leave numaNode out '
          + 'when it is unknown.',
      });
      return;
    }
    read.push({
      pci,
      numaNode: nic.numaNode,
      driverFamily: nic.driver ?? 'vfio-pci',
      isVirtualFunction: nic.virtualFunction ?? false,
    });
  });
  return read;
}

/**
 * The CPU vendor of an x86_64 pool: `cpuVendor` when given, else the
 * `Vendor ID:` line of the `lscpu` text (`AuthenticAMD` is AMD), else Intel.
 */
export function cpuVendorOf(spec: TopologySpec): 'intel' | 'amd' {
  if (spec.cpuVendor !== undefined) {
    return spec.cpuVendor;
  }
  const vendor = /^\s*Vendor ID:\s*(\S+)/m.exec(spec.lscpu ?? '')?.[1];
  return vendor === 'AuthenticAMD' ? 'amd' : 'intel';
}
