import { parse } from 'yaml';
import { NetworkDataNic, networkDataText } from './network-data';
import { podInterfaceMac } from './pod-interface';
import { NetworkPlan, VmInterfacePlan, VmPlan } from '../../plan/types';
import { CloudInitSpec } from '../../spec';
import { toBlockYaml } from '../yaml-block';

/** The `cloudInit` volume source of a Virtink VM, one form of each part. */
export interface CloudInitSource {
  /** Inline user data, a `#cloud-config` document. @default - none */
  readonly userData?: string;
  /** Secret (key `value`) with the user data. @default - none */
  readonly userDataSecretName?: string;
  /** Inline network configuration, version 2. @default - none */
  readonly networkData?: string;
}

/** What a cloud-config or network-config document holds. */
type Document = Record<string, unknown>;

/**
 * The cloud-init of a VM: user data from its `cloudInit` spec and network
 * data for its vhost-user NICs. Undefined when there is nothing to say, so
 * the VM then has no cloud-init disk.
 *
 * @param vm the planned VM
 * @param networks every network of the plan, to know which NICs get DHCP
 */
export function renderCloudInit(vm: VmPlan, networks: NetworkPlan[]): CloudInitSource | undefined {
  const secret = vm.spec.cloudInit?.userDataSecretName;
  const userData = secret === undefined ? renderUserData(vm) : undefined;
  const networkData = renderNetworkData(vm, networks);
  if (secret === undefined && userData === undefined && networkData === undefined) {
    return undefined;
  }
  return {
    ...(secret !== undefined && { userDataSecretName: secret }),
    ...(userData !== undefined && { userData }),
    ...(networkData !== undefined && { networkData }),
  };
}

/**
 * The `#cloud-config` user data: SSH keys first; a password only when the
 * spec allows plain-text passwords; then `extraUserData`, parsed and merged
 * (maps key by key, lists appended, other values replaced) and written again,
 * so that the result is always one valid YAML document.
 */
export function renderUserData(vm: VmPlan): string | undefined {
  const spec = vm.spec.cloudInit;
  if (spec === undefined) {
    return undefined;
  }
  if (lastUserData !== undefined && sameUserData(spec, lastUserData)) {
    return lastUserData.text;
  }

  const config: Document = {};
  if (spec.sshAuthorizedKeys !== undefined && spec.sshAuthorizedKeys.length > 0) {
    config.ssh_authorized_keys = [...spec.sshAuthorizedKeys];
  }
  if (spec.password !== undefined && spec.allowPlainTextPassword === true) {
    config.password = spec.password;
    config.chpasswd = { expire: false };
    config.ssh_pwauth = true;
  }
  const merged = mergeCloudConfig(config, parseExtraUserData(vm));
  const text = Object.keys(merged).length === 0 ? undefined
    : `#cloud-config\n${toYaml(merged)}`;
  if (spec.extraUserData === undefined) {
    lastUserData = {
      keys: [...spec.sshAuthorizedKeys ?? []],
      password: spec.password,
      allowPlainTextPassword: spec.allowPlainTextPassword,
      text,
    };
  }
  return text;
}

/**
 * The user data last written without `extraUserData`, and what it was
 * written from: the VMs of a fleet mostly share their keys, so the text is
 * written once for a run of them.
 */
let lastUserData: {
  readonly keys: readonly string[];
  readonly password?: string;
  readonly allowPlainTextPassword?: boolean;
  readonly text: string | undefined;
} | undefined;

/** Whether a spec gives the user data last written. */
function sameUserData(spec: CloudInitSpec, last: NonNullable<typeof lastUserData>): boolean {
  const keys = spec.sshAuthorizedKeys ?? [];
  return spec.extraUserData === undefined && spec.password === last.password
    && spec.allowPlainTextPassword === last.allowPlainTextPassword
    && keys.length === last.keys.length && keys.every((key, i) => key === last.keys[i]);
}

function parseExtraUserData(vm: VmPlan): Document {
  const text = vm.spec.cloudInit?.extraUserData;
  if (text === undefined) {
    return {};
  }
  const where = `vms[${vm.index}].cloudInit.extraUserData`;
  let value: unknown;
  try {
    value = parse(text);
  } catch (e) {
    throw new Error(`${where} of VM "${vm.name}" is not valid YAML: ${(e as Error).message}. `
      + 'Write cloud-config keys as a YAML mapping, such as "packages: [qperf]".');
  }
  if (value === null || value === undefined) {
    return {};
  }
  if (!isDocument(value)) {
    throw new Error(`${where} of VM "${vm.name}" is a YAML ${describe(value)}, `
      + 'but cloud-config is a mapping of keys. '
      + 'Write keys with values, such as "packages: [qperf]".');
  }
  return value;
}

/** Merges `extra` into `base`: maps recursively, lists appended, scalars replaced. */
export function mergeCloudConfig(base: Document, extra: Document): Document {
  const result: Document = { ...base };
  for (const [key, value] of Object.entries(extra)) {
    const current = result[key];
    if (isDocument(current) && isDocument(value)) {
      result[key] = mergeCloudConfig(current, value);
    } else if (Array.isArray(current) && Array.isArray(value)) {
      result[key] = [...current, ...value];
    } else {
      result[key] = value;
    }
  }
  return result;
}

/**
 * Network configuration version 2 for the NICs that need one: each vhost-user
 * NIC with a planned address gets it statically, each on a DHCP network gets
 * `dhcp4`, all matched by MAC and named as in the VM spec. Once network data
 * is given, cloud-init configures nothing else, so the pod NIC is listed with
 * `dhcp4` too. The default route goes through the static network's gateway
 * only when the VM has no pod network (which then owns the default route).
 */
export function renderNetworkData(vm: VmPlan, networks: NetworkPlan[]): string | undefined {
  const nics: NetworkDataNic[] = [];
  let routeTaken = vm.podNetwork;
  for (const nic of vm.interfaces) {
    const network = networkNamed(networks, nic.network, vm.namespace);
    const entry = nicEntry(nic, network, !routeTaken);
    if (entry !== undefined) {
      nics.push(entry);
      routeTaken ||= entry.route !== undefined;
    }
  }
  if (nics.length === 0) {
    return undefined;
  }
  return networkDataText(vm.podNetwork ? podInterfaceMac(vm).toString() : undefined, nics);
}

function networkNamed(
  networks: readonly NetworkPlan[], name: string, namespace: string,
): NetworkPlan | undefined {
  for (const network of networks) {
    if (network.name === name && network.namespace === namespace) {
      return network;
    }
  }
  return undefined;
}

function nicEntry(
  nic: VmInterfacePlan, network: NetworkPlan | undefined, withDefaultRoute: boolean,
): NetworkDataNic | undefined {
  const mac = nic.mac.toString();
  if (nic.address !== undefined) {
    const gateway = network?.staticRange?.gateway;
    const address = nic.address.toString();
    if (!withDefaultRoute || gateway === undefined) {
      return { name: nic.name, mac, address };
    }
    const to = gateway.version === 6 ? '::/0' : '0.0.0.0/0';
    return { name: nic.name, mac, address, route: { to, via: gateway.toString() } };
  }
  if (network?.dhcp === true) {
    return { name: nic.name, mac, dhcp: true };
  }
  return undefined;
}

function toYaml(value: Document): string {
  return toBlockYaml(value);
}

function isDocument(value: unknown): value is Document {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function describe(value: unknown): string {
  return Array.isArray(value) ? 'list' : `${typeof value} (${JSON.stringify(value)})`;
}
