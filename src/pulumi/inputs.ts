import * as pulumi from '@pulumi/pulumi';
import { DEFAULT_NAMESPACE, DEFAULT_VM_IMAGE } from '../plan/defaults';
import { ClusterSpec } from '../spec';
import { VhostUserClusterArgs } from './args';

/**
 * The cluster spec as far as it is known when the program runs: every Input
 * that is not a plain value yet (an Output or a Promise) is replaced by a
 * stand-in, so that the cluster can be planned and checked before any
 * resource is registered. The final spec comes from {@link resolvedSpec}.
 *
 * @internal
 */
export interface KnownSpec {
  /** The spec, with stand-ins. */
  readonly spec: ClusterSpec;

  /** Paths of the fields that hold stand-ins (`vms[0].namespace`). */
  readonly standIns: string[];
}

/** A field that may be an Input, and what stands in for it until it is known. */
interface InputField {
  readonly path: RegExp;
  /** The stand-in; namespaces are chosen afterwards, see `standInNamespaces`. */
  readonly standIn: string;
}

/** A key line the cloud-init rules accept, standing in for a key not known yet. */
const STAND_IN_KEY = 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIPulumiInputNotKnownYet pulumi';

const INPUT_FIELDS: readonly InputField[] = [
  { path: /^networks\[\d+\]\.namespace$/, standIn: DEFAULT_NAMESPACE },
  { path: /^vms\[\d+\]\.namespace$/, standIn: DEFAULT_NAMESPACE },
  { path: /^vms\[\d+\]\.image$/, standIn: DEFAULT_VM_IMAGE },
  { path: /^vms\[\d+\]\.cloudInit\.sshAuthorizedKeys\[\d+\]$/, standIn: STAND_IN_KEY },
  { path: /^vms\[\d+\]\.cloudInit\.userDataSecretName$/, standIn: 'pulumi-input' },
];

/**
 * The spec part of the args: without the SSH settings, and named.
 *
 * @internal
 */
export function specArgs(name: string, args: VhostUserClusterArgs): object {
  const { bootstrap: _bootstrap, nodes, name: clusterName, ...rest } = args;
  return {
    name: clusterName ?? name,
    ...rest,
    nodes: nodes.map(({ hosts, ...node }) => ({
      ...node,
      ...(hosts && { hosts: hosts.map(({ connection: _connection, ...host }) => host) }),
    })),
  };
}

/**
 * The spec with stand-ins for the Inputs not known yet.
 *
 * @throws Error when an Output or a Promise is given for a field that decides
 *   which objects exist or how the nodes are set up
 * @internal
 */
export function knownSpec(name: string, args: VhostUserClusterArgs): KnownSpec {
  const standIns: string[] = [];
  const spec = replaceUnknown(specArgs(name, args), '', standIns) as ClusterSpec;
  return { spec: standInNamespaces(spec, standIns), standIns };
}

/**
 * The spec with every Input resolved: known once the values of the Outputs
 * it was given are.
 *
 * @internal
 */
export function resolvedSpec(name: string, args: VhostUserClusterArgs): pulumi.Output<ClusterSpec> {
  return pulumi.output(specArgs(name, args))
    .apply((spec) => JSON.parse(JSON.stringify(spec)) as ClusterSpec);
}

function replaceUnknown(value: unknown, path: string, standIns: string[]): unknown {
  if (isUnknown(value)) {
    const field = INPUT_FIELDS.find((f) => f.path.test(path));
    if (field === undefined) {
      throw new Error(`${path} is a Pulumi Output (or a Promise), but it decides which `
        + 'objects the cluster has or how its nodes are set up, so it must be known when the '
        + 'program runs. Give it as a plain value (config.require() returns one). Only '
        + 'namespaces, the VM image, cloud-init keys and Secret names, and SSH connections '
        + 'may be Outputs.');
    }
    standIns.push(path);
    return field.standIn;
  }
  if (Array.isArray(value)) {
    return value.map((item, i) => replaceUnknown(item, `${path}[${i}]`, standIns));
  }
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value)
      .filter(([, item]) => item !== undefined)
      .map(([key, item]) =>
        [key, replaceUnknown(item, path === '' ? key : `${path}.${key}`, standIns)]));
  }
  return value;
}

function isUnknown(value: unknown): boolean {
  return pulumi.Output.isInstance(value) || value instanceof Promise;
}

/**
 * Chooses stand-in namespaces that keep a VM and its networks together, as
 * they must be: a network whose namespace is not known yet takes the known
 * namespace of a VM that attaches to it, and a VM whose namespace is not
 * known yet takes that of its first network. Otherwise `default`. The real
 * namespaces are checked again once known.
 */
function standInNamespaces(spec: ClusterSpec, standIns: readonly string[]): ClusterSpec {
  const unknown = (section: string, i: number) => standIns.includes(`${section}[${i}].namespace`);
  const knownVms = (spec.vms ?? []).filter((_, i) => !unknown('vms', i));

  const networks = (spec.networks ?? []).map((network, i) => {
    if (!unknown('networks', i)) {
      return network;
    }
    const user = knownVms.find((vm) => vm.interfaces.some((nic) => nic.network === network.name));
    return { ...network, namespace: user?.namespace ?? DEFAULT_NAMESPACE };
  });
  const vms = (spec.vms ?? []).map((vm, i) => {
    if (!unknown('vms', i)) {
      return vm;
    }
    const first = networks.find((network) => network.name === vm.interfaces[0]?.network);
    return { ...vm, namespace: first?.namespace ?? DEFAULT_NAMESPACE };
  });

  return {
    ...spec,
    ...(spec.networks && { networks }),
    ...(spec.vms && { vms }),
  };
}
