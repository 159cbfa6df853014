import { createHash } from 'crypto';
import * as pulumi from '@pulumi/pulumi';
import { OvsDpdkHostArgs, RemoteBootstrapArgs, SshConnectionArgs } from './args';
import { shellQuote } from '../render/node/shell';

/** Where scripts are copied on the hosts when `remoteDirectory` is not given. */
const DEFAULT_REMOTE_DIRECTORY = '.vhost-user-k8s';

/** What {@link runBootstrap} needs to know about a node pool. @internal */
export interface PoolBootstrap {
  /** The pool's component, parent of the resources. */
  readonly parent: pulumi.ComponentResource;
  /** The pool's Pulumi name, which prefixes the resources' names. */
  readonly name: string;
  /** The pool's name in the spec. */
  readonly pool: string;
  /** Its hosts, with their SSH settings. */
  readonly hosts: readonly OvsDpdkHostArgs[];
  /** The text of its `bootstrap.sh`. */
  readonly script: pulumi.Output<string>;
}

/**
 * Copies a pool's `bootstrap.sh` to each of its hosts and runs it there
 * (`<pool>-<host>-copy`, a `remote.CopyToRemote`, then `<pool>-<host>-bootstrap`,
 * a `remote.Command`). Both carry the script's SHA-256 as a trigger, so a
 * changed script is copied and run again; an unchanged one is not. Nothing
 * runs on delete: removing a pool leaves its hosts as they are.
 *
 * The script runs with `NODE_NAME` set to the host's Kubernetes name (the
 * Kube-OVN files differ per host) and `--drained` when asked. A run that
 * ends with a status other than 0 fails the update with the script's output;
 * status 2 means the host must be drained first.
 *
 * @returns the commands, one per host
 * @internal
 */
export function runBootstrap(
  pool: PoolBootstrap, settings: RemoteBootstrapArgs,
): pulumi.CustomResource[] {
  const { remote } = commandPackage();
  const directory = settings.remoteDirectory ?? DEFAULT_REMOTE_DIRECTORY;
  const remotePath = `${directory}/${pool.pool}/bootstrap.sh`;
  const digest = pool.script.apply((text) => createHash('sha256').update(text).digest('hex'));

  return pool.hosts.map((host) => {
    const connection = pulumi.all([settings.connection ?? {}, host.connection ?? {}])
      .apply(([shared, own]) => ({ host: host.name, ...defined(shared), ...defined(own) }));
    const copy = new remote.CopyToRemote(`${pool.name}-${host.name}-copy`, {
      connection,
      source: pool.script.apply((text) => new pulumi.asset.StringAsset(text)),
      remotePath,
      triggers: [digest],
    }, { parent: pool.parent });

    return new remote.Command(`${pool.name}-${host.name}-bootstrap`, {
      connection,
      create: bootstrapCommand(host.name, remotePath, settings),
      triggers: [digest],
    }, { parent: pool.parent, dependsOn: [copy] });
  });
}

/**
 * The command line that runs the script on a host.
 *
 * @internal
 */
export function bootstrapCommand(
  host: string, remotePath: string, settings: RemoteBootstrapArgs,
): string {
  // `sudo -n` fails at once when sudo would ask for a password, rather than
  // waiting for one that never comes.
  const sudo = settings.sudo === false ? '' : 'sudo -n ';
  const drained = settings.drained === true ? ' --drained' : '';
  return `${sudo}env NODE_NAME=${shellQuote(host)} bash ${shellQuote(remotePath)}${drained}`;
}

/** The fields of a connection that are set, so that unset ones do not override. */
function defined(connection: pulumi.Unwrap<SshConnectionArgs>): object {
  return Object.fromEntries(Object.entries(connection).filter(([, v]) => v !== undefined));
}

/**
 * `@pulumi/command`, an optional peer dependency, loaded only when a cluster
 * runs its scripts over SSH.
 */
function commandPackage(): typeof import('@pulumi/command') {
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    return require('@pulumi/command');
  } catch (e) {
    throw new Error('VhostUserCluster runs bootstrap.sh over SSH (`bootstrap` is set) through '
      + `the @pulumi/command package, which cannot be loaded (${(e as Error).message}). `
      + 'Install it (npm install @pulumi/command), or leave `bootstrap` out and run the '
      + 'node files yourself.');
  }
}
