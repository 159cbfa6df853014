import { Cidr, IpAddress } from '../../model/ip';
import { NetworkPath, NetworkSpec, UserspaceCniSpec } from '../../spec';
import { Findings } from '../findings';
import { quoteList } from './names';
import { readValue } from './read';

/** The NAD Virtink's Kube-OVN wiring works with (its MAC annotation key is fixed). */
export const VIRTINK_KUBE_OVN_NAD = { name: 'ovn-dpdk', namespace: 'default' } as const;

const PATH_NAMES: Record<NetworkPath, string> = {
  'kube-ovn': 'Kube-OVN',
  'userspace': 'Userspace CNI',
};

/** A network's `path` must be the one the cluster enables (NET001). */
export function checkNetworkPath(
  network: NetworkSpec, index: number, clusterPath: NetworkPath, findings: Findings,
): void {
  if (network.path !== undefined && network.path !== clusterPath) {
    findings.error('NET001', {
      path: `networks[${index}].path`,
      message: `network ${JSON.stringify(network.name)} asks for the `
        + `${PATH_NAMES[network.path]} path, but the cluster enables ${PATH_NAMES[clusterPath]}`,
      hint: `remove networks[${index}].path; every network uses the cluster's path`,
    });
  }
}

/**
 * Rules of a Kube-OVN network (NET002, NET003, NET004, NET007): the NAD Virtink
 * can wire, a subnet binding its provider, no static range, no bridge.
 */
export function checkKubeOvnNetwork(
  network: NetworkSpec, index: number, namespace: string, hasSubnet: boolean,
  findings: Findings,
): void {
  const path = `networks[${index}]`;
  const { name: nad, namespace: nadNamespace } = VIRTINK_KUBE_OVN_NAD;
  if (network.name !== nad || namespace !== nadNamespace) {
    findings.error('NET002', {
      path: network.name !== nad ? `${path}.name` : `${path}.namespace`,
      message: `Kube-OVN network ${namespace}/${network.name} cannot carry Virtink VMs: Virtink `
        + `writes the MAC annotation key ${nad}.${nadNamespace}.ovn.kubernetes.io/mac_address `
        + `whatever the NAD, so only the NAD ${nad} in namespace ${nadNamespace} (provider `
        + `${nad}.${nadNamespace}.ovn) gets the VM's MAC; on any other NAD Kube-OVN assigns a `
        + 'random MAC the guest NIC does not have and OVN drops its frames',
      hint: `name the network "${nad}" and leave its namespace "${nadNamespace}"`,
    });
  }
  if (!hasSubnet) {
    const provider = `${network.name}.${namespace}.ovn`;
    findings.error('NET003', {
      path: `${path}.name`,
      message: `Kube-OVN network ${JSON.stringify(network.name)} has no subnet: kube-ovn-cni `
        + `allocates no address for provider ${provider} and the VM pod never starts`,
      hint: `add a subnet with \`network: ${network.name}\` (it also serves DHCP to the guests)`,
      upstream: `provider ${provider} is not bound to any subnet`,
    });
  }
  for (const field of ['cidr', 'gateway'] as const) {
    if (network[field] !== undefined) {
      findings.error('NET004', {
        path: `${path}.${field}`,
        message: `Kube-OVN network ${JSON.stringify(network.name)} has a ${field}, but Kube-OVN `
          + 'hands out addresses from the subnet bound to its provider',
        hint: `remove networks[${index}].${field}; set the range and gateway on the subnet`,
      });
    }
  }
  if (network.bridge !== undefined) {
    findings.warn('NET007', {
      path: `${path}.bridge`,
      message: `bridge ${JSON.stringify(network.bridge)} is ignored on the Kube-OVN path, `
        + 'where kube-ovn-cni adds vhost-user ports to br-int itself',
      hint: `remove networks[${index}].bridge`,
    });
  }
}

/**
 * The CNI spec versions the plugins accept: `version.All` of
 * containernetworking/cni v1.2 and later, which Kube-OVN v1.16 (v1.3.0) and
 * the Userspace CNI (v1.2.1) are built with. The plugin's skeleton refuses a
 * configuration of any other version before ADD runs.
 */
export const CNI_SPEC_VERSIONS: readonly string[] = [
  '0.1.0', '0.2.0', '0.3.0', '0.3.1', '0.4.0', '1.0.0', '1.1.0',
];

/** `cniVersion` must be a CNI spec version the plugins accept (NET008). */
export function checkCniVersion(version: string, path: string, findings: Findings): boolean {
  if (CNI_SPEC_VERSIONS.includes(version)) {
    return true;
  }
  const form = /^\d+\.\d+\.\d+$/.test(version) ? 'a CNI spec version the plugins know'
    : 'a CNI spec version (major.minor.patch)';
  findings.error('NET008', {
    path,
    message: `cniVersion ${JSON.stringify(version)} is not ${form}; they accept `
      + `${CNI_SPEC_VERSIONS.join(', ')}`,
    hint: 'use one of those, such as 0.3.1 or 1.0.0, or leave it out for the version the '
      + 'plugin documents',
    upstream: `incompatible CNI versions: config is ${JSON.stringify(version)}, plugin `
      + `supports [${CNI_SPEC_VERSIONS.map((v) => JSON.stringify(v)).join(' ')}]`,
  });
  return false;
}

/**
 * The Userspace CNI bridge must be the OVS-DPDK bridge every pool sets up
 * (NET006): the plugin creates a missing bridge itself, without an uplink, so
 * a VM on it would reach nothing.
 */
export function checkUserspaceBridge(
  bridge: string, index: number, pools: ReadonlyArray<{ name: string; bridge?: string }>,
  findings: Findings,
): void {
  const missing = pools.filter((pool) => pool.bridge !== bridge);
  if (missing.length === 0) {
    return;
  }
  const found = [...new Set(missing.map((pool) => pool.bridge).filter((b) => b !== undefined))];
  findings.error('NET006', {
    path: `networks[${index}].bridge`,
    message: `bridge ${JSON.stringify(bridge)} is not set up on node pool(s) `
      + `${quoteList(missing.map((pool) => pool.name))}`
      + (found.length > 0 ? `, which have ${quoteList(found as string[])}` : '')
      + '; the Userspace CNI would create it there with datapath_type=netdev but no DPDK '
      + 'uplink, and the VM would reach nothing',
    hint: 'leave networks[].bridge out to use userspaceCni.bridge, which every pool sets up',
  });
}

/**
 * Reads the static range of a network (NET005): a CIDR with room for hosts,
 * and a gateway that is a host of it.
 *
 * @returns the range, or undefined when the network has none or it is invalid
 */
export function readStaticRange(
  network: NetworkSpec, index: number, findings: Findings,
): { cidr: Cidr; gateway?: IpAddress } | undefined {
  const path = `networks[${index}]`;
  if (network.cidr === undefined) {
    if (network.gateway !== undefined) {
      findings.error('NET005', {
        path: `${path}.gateway`,
        message: `network ${JSON.stringify(network.name)} has a gateway but no cidr`,
        hint: 'add the cidr the gateway belongs to, or remove the gateway',
      });
    }
    return undefined;
  }

  const cidr = readValue(() => Cidr.parse(network.cidr as string), 'NET005', `${path}.cidr`,
    findings);
  if (cidr === undefined) {
    return undefined;
  }
  if (cidr.size <= 2n) {
    findings.error('NET005', {
      path: `${path}.cidr`,
      message: `cidr ${cidr} holds ${cidr.size} address(es), too few for guests and a gateway`,
      hint: 'use a wider range, such as a /24',
    });
    return undefined;
  }
  if (network.gateway === undefined) {
    return { cidr };
  }
  const gateway = readValue(() => IpAddress.parse(network.gateway as string), 'NET005',
    `${path}.gateway`, findings);
  if (gateway === undefined) {
    return { cidr };
  }
  const problem = !cidr.contains(gateway) ? `is outside ${cidr}`
    : gateway.equals(cidr.network) ? `is the network address of ${cidr}`
      : cidr.version === 4 && gateway.equals(cidr.broadcast)
        ? `is the broadcast address of ${cidr}` : undefined;
  if (problem !== undefined) {
    findings.error('NET005', {
      path: `${path}.gateway`,
      message: `gateway ${gateway} ${problem}; guests could not reach it`,
      hint: `use a host address of ${cidr}, such as ${cidr.hostAt(1)}`,
    });
    return { cidr };
  }
  return { cidr, gateway };
}

/**
 * Cluster-wide Userspace CNI settings (NET009): the kubeconfig the plugin
 * needs to write the `userspace/configuration-data` annotation Virtink reads,
 * and an absolute log file.
 */
export function checkUserspaceCni(spec: UserspaceCniSpec, findings: Findings): void {
  if (spec.kubeconfig !== undefined && !isAbsolutePath(spec.kubeconfig)) {
    findings.error('NET009', {
      path: 'userspaceCni.kubeconfig',
      message: `kubeconfig ${JSON.stringify(spec.kubeconfig)} is not an absolute path on the `
        + 'node; without a Kubernetes client the plugin writes no configuration-data '
        + 'annotation and Virtink cannot find the socket',
      hint: 'give the absolute path of a kubeconfig on every node, usually '
        + '/etc/cni/net.d/multus.d/multus.kubeconfig (the default)',
      upstream: 'userspace configuration data not found',
    });
  }
  if (spec.logFile !== undefined && !isAbsolutePath(spec.logFile)) {
    findings.error('NET009', {
      path: 'userspaceCni.logFile',
      message: `logFile ${JSON.stringify(spec.logFile)} is not an absolute path on the node`,
      hint: 'give an absolute path such as /var/log/userspace-cni.log, or leave it out',
      upstream: `Userspace-CNI logging: cannot open ${spec.logFile}`,
    });
  }
}

function isAbsolutePath(path: string): boolean {
  return /^\/[^\0\n]*$/.test(path) && !path.split('/').includes('..');
}
