import { ValueError } from '../model/errors';
import { IpAddress } from '../model/ip';

const LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS_NAME = /^(?=.{1,253}$)[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

/**
 * Checks a DNS-1123 label (lowercase letters, digits and `-`, at most 63).
 *
 * @param what the name of the input, for the message: `kit`, `pair`
 * @param maxLength a tighter limit when the name is part of longer names
 * @throws ValueError for any other value
 */
export function checkLabel(what: string, value: string, maxLength = 63): string {
  if (!LABEL.test(value) || value.length > maxLength) {
    throw new ValueError(`${what} name`, value,
      `it must be a DNS-1123 label of at most ${maxLength} characters `
      + '(lowercase letters, digits and "-", starting and ending with a letter or digit)',
      'Rename it, for example "perf".');
  }
  return value;
}

/** The longest kit name: it starts every VM name, and Virtink's pod names add more. */
export const MAX_KIT_NAME = 24;

/**
 * Checks the name of a kit: a DNS-1123 label of at most 24 characters that
 * starts with a letter, since it also starts the names of Services
 * (DNS-1035 labels).
 *
 * @throws ValueError for any other value
 */
export function checkKitName(value: string): string {
  checkLabel('kit', value, MAX_KIT_NAME);
  if (!/^[a-z]/.test(value)) {
    throw new ValueError('kit name', value, 'it must start with a letter (it names Services)',
      'Rename it, for example "perf".');
  }
  return value;
}

/**
 * Checks a node name (a DNS-1123 subdomain, as `kubectl get nodes` prints it).
 *
 * @throws ValueError for any other value
 */
export function checkNodeName(value: string): string {
  if (!DNS_NAME.test(value)) {
    throw new ValueError('node name', value,
      'it must be a DNS-1123 subdomain (lowercase labels joined by ".")',
      'Use the name `kubectl get nodes` prints.');
  }
  return value;
}

/**
 * Checks the address a client measures to: an IPv4 or IPv6 address (written
 * back in canonical form) or a DNS name such as `perf-bridge-same-node.default.svc`.
 *
 * @throws ValueError for anything else, with the reason the address was refused
 */
export function checkPeer(value: string): string {
  if (DNS_NAME.test(value) && !/^[0-9.]+$/.test(value)) {
    return value;
  }
  try {
    return IpAddress.parse(value).toString();
  } catch (error) {
    const reason = error instanceof ValueError ? `: ${error.reason}` : '';
    throw new ValueError('peer address', value,
      `it is neither an IP address${reason} nor a lowercase DNS name`,
      'Give the server\'s address, such as 172.18.0.10, or its Service name.');
  }
}

/**
 * How a VM of the kit is attached to the network it is measured over:
 * `vhost-user` (a Multus network on OVS-DPDK), or Virtink's `bridge` and
 * `masquerade` bindings of the pod network (the cluster's CNI).
 */
export type PerfInterfaceType = 'vhost-user' | 'bridge' | 'masquerade';

/** Where the two VMs of a pair run: on one node, or on two. */
export type PerfPlacement = 'same-node' | 'cross-node';

/** Every interface type, in the order of the guide's columns. */
export const PERF_INTERFACE_TYPES: readonly PerfInterfaceType[] =
  ['vhost-user', 'bridge', 'masquerade'];

/** Every placement, in the order of the guide's tables. */
export const PERF_PLACEMENTS: readonly PerfPlacement[] = ['same-node', 'cross-node'];

/** The name of a pair: `<interface type>-<placement>`, such as `bridge-cross-node`. */
export function pairName(interfaceType: PerfInterfaceType, placement: PerfPlacement): string {
  return `${interfaceType}-${placement}`;
}

/** Reads a pair name back; undefined for a name the kit does not make. */
export function readPairName(
  name: string,
): { interfaceType: PerfInterfaceType; placement: PerfPlacement } | undefined {
  for (const interfaceType of PERF_INTERFACE_TYPES) {
    for (const placement of PERF_PLACEMENTS) {
      if (name === pairName(interfaceType, placement)) {
        return { interfaceType, placement };
      }
    }
  }
  return undefined;
}
