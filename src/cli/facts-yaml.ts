import { Document, Scalar, YAMLMap, YAMLSeq } from 'yaml';
import { NicInfo } from '../model/nic';
import { HostTopology } from '../model/topology';
import { NicSpec, TopologySpec } from '../spec/host';

/** What `facts` read, besides the topology itself. */
export interface FactsYamlOptions {
  /** Where the facts were read from, for the header: `/sys and /proc/cpuinfo`. */
  readonly source: string;

  /**
   * CPU vendor of an x86_64 host.
   *
   * @default - left out: the spec then assumes Intel
   */
  readonly cpuVendor?: 'intel' | 'amd';

  /**
   * Kernel release of the host (`uname -r`).
   *
   * @default - left out: the spec then treats the kernel as unknown
   */
  readonly kernelVersion?: string;
}

/**
 * The `topology:`, `nics:` and `kernel:` of a node pool, as YAML ready to paste into a
 * spec file under `nodes[i]`: cores one per line, PCI addresses quoted, and
 * a comment over each NIC with its interface name, vendor and kernel driver.
 */
export function renderFacts(host: HostTopology, options: FactsYamlOptions): string {
  const doc = new Document({
    topology: topologySpec(host, options),
    nics: nicSpecs(host),
    ...(options.kernelVersion !== undefined && { kernel: { version: options.kernelVersion } }),
  });
  doc.commentBefore = header(host, options);

  const numaNodes = doc.getIn(['topology', 'numaNodes']) as YAMLSeq<YAMLMap>;
  for (const node of numaNodes.items) {
    for (const core of (node.get('cores') as YAMLSeq<YAMLMap>).items) {
      core.flow = true;
    }
  }
  const nics = doc.get('nics') as YAMLSeq<YAMLMap>;
  nics.items.forEach((item, index) => {
    item.commentBefore = ` ${describeNic(host.nics[index])}`;
    (item.get('pci', true) as Scalar).type = Scalar.QUOTE_DOUBLE;
  });

  return doc.toString({ indentSeq: true, flowCollectionPadding: false, lineWidth: 0 });
}

function topologySpec(host: HostTopology, options: FactsYamlOptions): TopologySpec {
  const json = host.toJSON();
  return {
    architecture: json.architecture,
    ...(options.cpuVendor !== undefined && { cpuVendor: options.cpuVendor }),
    numaNodes: json.numaNodes.map((node) => ({
      id: node.id,
      ...(node.memory !== undefined && { memory: node.memory }),
      cores: node.cores.map((core) => ({ socket: core.socket, threads: core.threads })),
    })),
  };
}

function nicSpecs(host: HostTopology): NicSpec[] {
  return host.nics.map((nic) => ({
    pci: nic.pci.toString(),
    ...(nic.numaNode !== undefined && { numaNode: nic.numaNode }),
    driver: nic.driverFamily,
    virtualFunction: nic.isVirtualFunction,
  }));
}

function header(host: HostTopology, options: FactsYamlOptions): string {
  const cores = host.numaNodes.reduce((sum, node) => sum + node.cores.length, 0);
  return [
    ` Read by \`vhost-user-k8s facts\` from ${options.source}.`,
    ` ${host.architecture}: ${plural(host.numaNodes.length, 'NUMA node')}, `
      + `${plural(cores, 'core')}, ${plural(host.cpus().size, 'CPU')}, `
      + `up to ${plural(host.threadsPerCore, 'thread')} per core.`,
    ' Paste `topology`, `nics` and `kernel` under a node pool of a spec (nodes[i]), and keep in',
    ' `nics` only the NICs given to OVS-DPDK. Hosts of one pool must be identical.',
  ].join('\n');
}

function describeNic(nic: NicInfo): string {
  const parts = [
    nic.name ?? 'no kernel interface',
    nic.vendor ?? 'vendor unknown',
    nic.driver === undefined ? 'bound to no driver' : `bound to ${nic.driver}`,
  ];
  if (nic.numaNode === undefined) {
    parts.push('NUMA node unknown (numa_node is -1)');
  }
  if (nic.isVirtualFunction) {
    parts.push('an SR-IOV virtual function, which cannot be the DPDK NIC');
  }
  return parts.join(', ');
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
