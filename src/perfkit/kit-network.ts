// The network side of a kit: the static addresses of its vhost-user pairs,
// the headless Services of its pod-network pairs, and the labels of its objects.
import { checkLabel, PerfInterfaceType, PerfPlacement } from './names';
import { PerfRun } from './run-plan';
import { ValueError } from '../model/errors';
import { Cidr, IpAddress } from '../model/ip';
import { ManifestObject } from '../render/types';

/** The vhost-user network the vhost-user pairs are measured over. */
export interface PerfVhostUserNetwork {
  /** Name of the network (its NAD), in the kit's namespace. */
  readonly network: string;
  /**
   * The network's address range. The kit's VMs take static addresses from its
   * top (the last hosts), away from addresses allocated from the bottom.
   */
  readonly cidr: string;
  /**
   * Addresses of the range the kit must not take, such as the gateway or
   * Kube-OVN's `excludeIps`: single addresses or `first..last` ranges.
   *
   * @default - none
   */
  readonly reserved?: readonly string[];
}

const LABEL_NAME = 'app.kubernetes.io/name';
const LABEL_KIT = 'app.kubernetes.io/instance';
const LABEL_PAIR = 'vhost-user-k8s/perf-pair';

/** The labels every object of a kit carries, whatever its pair: a selector of the kit. */
export function perfKitSelector(kit: string): Record<string, string> {
  return { [LABEL_NAME]: 'vhost-user-k8s-perf', [LABEL_KIT]: kit };
}

/** The labels of the objects of one pair. */
export function kitLabels(kit: string, pair: string): Record<string, string> {
  return { ...perfKitSelector(kit), [LABEL_PAIR]: pair };
}

/** Two addresses per vhost-user pair (server, client), from the top of the range. */
export function vhostUserAddresses(
  network: PerfVhostUserNetwork | undefined,
  types: readonly PerfInterfaceType[], placements: readonly PerfPlacement[],
): string[] {
  if (!types.includes('vhost-user')) {
    return [];
  }
  if (network === undefined) {
    throw new ValueError('vhostUser', 'undefined',
      'measuring vhost-user needs the vhost-user network and its address range',
      'Set vhostUser: { network: "<NAD name>", cidr: "<range>" }, '
      + 'or leave vhost-user out of interfaceTypes.');
  }
  checkLabel('vhostUser.network', network.network);
  const cidr = Cidr.parse(network.cidr);
  const reserved = (network.reserved ?? []).map((entry) => {
    const [first, last] = entry.split('..').map((part) => IpAddress.parse(part.trim()));
    return { first, last: last ?? first };
  });
  const free = (address: IpAddress) => !reserved.some((r) =>
    r.first.version === address.version
    && r.first.compare(address) <= 0 && address.compare(r.last) <= 0);

  const needed = 2 * placements.length;
  const found: string[] = [];
  const hosts = cidr.size - 2n;
  for (let i = 0; found.length < needed && BigInt(i) < hosts && i < 4096; i++) {
    const address = cidr.hostAt(-2 - i);
    if (free(address)) {
      found.push(address.toString());
    }
  }
  if (found.length < needed) {
    throw new ValueError('vhostUser.cidr', network.cidr,
      `the kit takes ${needed} free addresses from the top of the range, and it has `
      + `${found.length} besides the network, broadcast and reserved addresses`,
      'Give a larger range, or free addresses at its top.');
  }
  return found;
}

/** The headless Service that names the server of a pod-network pair. */
export function headlessService(
  kit: string, namespace: string, pair: string, server: string, run: PerfRun,
): ManifestObject {
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: {
      name: `${kit}-${pair}`,
      namespace,
      labels: kitLabels(kit, pair),
    },
    spec: {
      // Headless: the name resolves to the server pod's address, which the
      // guest holds (bridge) or receives through Virtink's DNAT (masquerade).
      clusterIP: 'None',
      publishNotReadyAddresses: true,
      selector: { 'virtink.io/vm.name': server },
      ports: [
        { name: 'qperf', protocol: 'TCP', port: run.qperfPort },
        { name: 'iperf3', protocol: 'TCP', port: run.iperf3Port },
        { name: 'iperf3-udp', protocol: 'UDP', port: run.iperf3Port },
      ],
    },
  };
}
