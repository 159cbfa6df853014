// The network data of a VM's cloud-init, as a document and as its text.
import { blockKey, blockScalar, toBlockYaml } from '../yaml-block';

/** One NIC of the network data, as the document holds it. @internal */
export interface NetworkDataNic {
  /** Its name, which is also the key of its entry. */
  readonly name: string;
  readonly mac: string;
  /**
   * Its static address, with the prefix length.
   *
   * @default - none
   */
  readonly address?: string;
  /**
   * The default route through it.
   *
   * @default - none
   */
  readonly route?: { readonly to: string; readonly via: string };
  /**
   * Whether it asks for DHCP (a NIC without an address).
   *
   * @default false
   */
  readonly dhcp?: boolean;
}

/** The pod NIC's entry: its name in the VM spec, and the name it gets in the guest. */
const POD = 'pod';
const POD_GUEST_NAME = 'eth0';

/**
 * Network configuration version 2: the pod NIC first, when there is one, with
 * DHCP; then each NIC, matched by MAC and named, with its address and route
 * or DHCP. A later entry of a name takes the place of the first.
 *
 * @param podMac the MAC of the pod NIC, when the VM has one
 * @internal
 */
export function networkDataDocument(
  podMac: string | undefined, nics: readonly NetworkDataNic[],
): Record<string, unknown> {
  const ethernets: Record<string, unknown> = {};
  for (const nic of nics) {
    const config: Record<string, unknown> = {
      'match': { macaddress: nic.mac }, 'set-name': nic.name,
    };
    if (nic.address !== undefined) {
      config.addresses = [nic.address];
      if (nic.route !== undefined) {
        config.routes = [{ to: nic.route.to, via: nic.route.via }];
      }
    } else if (nic.dhcp === true) {
      config.dhcp4 = true;
    }
    ethernets[nic.name] = config;
  }
  const pod = podMac === undefined ? {}
    : { [POD]: { 'match': { macaddress: podMac }, 'set-name': POD_GUEST_NAME, 'dhcp4': true } };
  return { version: 2, ethernets: { ...pod, ...ethernets } };
}

/**
 * The text of {@link networkDataDocument}: what `toBlockYaml` writes for it,
 * written from the values straight, since a fleet writes one per VM and they
 * differ only in the values. The document itself is written when a name is
 * used twice or a value is not simple enough to write directly.
 *
 * @internal
 */
export function networkDataText(podMac: string | undefined, nics: readonly NetworkDataNic[]): string {
  return writeDirectly(podMac, nics) ?? toBlockYaml(networkDataDocument(podMac, nics));
}

function writeDirectly(
  podMac: string | undefined, nics: readonly NetworkDataNic[],
): string | undefined {
  const names = new Set(podMac === undefined ? [] : [POD]);
  const parts = ['version: 2\nethernets:\n'];
  if (podMac !== undefined) {
    const mac = blockScalar(podMac);
    if (mac === undefined) {
      return undefined;
    }
    parts.push(`  ${POD}:\n    match:\n      macaddress: `, mac,
      `\n    set-name: ${POD_GUEST_NAME}\n    dhcp4: true\n`);
  }
  for (const nic of nics) {
    const key = blockKey(nic.name);
    const name = blockScalar(nic.name);
    const mac = blockScalar(nic.mac);
    // A name twice takes the place of the first, and names of digits go first in an
    // object, whatever their order: the document decides those.
    if (key === undefined || name === undefined || mac === undefined || names.has(nic.name)
      || nic.name === '__proto__' || /^\d+$/.test(nic.name)) {
      return undefined;
    }
    names.add(nic.name);
    parts.push('  ', key, ':\n    match:\n      macaddress: ', mac, '\n    set-name: ', name, '\n');
    if (nic.address !== undefined) {
      const address = blockScalar(nic.address);
      if (address === undefined) {
        return undefined;
      }
      parts.push('    addresses:\n      - ', address, '\n');
      if (nic.route !== undefined) {
        const to = blockScalar(nic.route.to);
        const via = blockScalar(nic.route.via);
        if (to === undefined || via === undefined) {
          return undefined;
        }
        parts.push('    routes:\n      - to: ', to, '\n        via: ', via, '\n');
      }
    } else if (nic.dhcp === true) {
      parts.push('    dhcp4: true\n');
    }
  }
  return parts.join('');
}
