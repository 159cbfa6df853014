import * as k8s from '@pulumi/kubernetes';
import * as pulumi from '@pulumi/pulumi';
import { RenderedCluster } from './prepare';
import { ManifestObject } from '../render/types';

/** Options of {@link renderedResource}. @internal */
export interface RenderedResourceOptions {
  /** The member component the resource belongs to. */
  readonly parent: pulumi.Resource;

  /**
   * The object's namespace as the caller gave it, when it may be an Input.
   *
   * @default - the namespace of the known manifest
   */
  readonly namespace?: pulumi.Input<string>;

  /**
   * Resources that must exist first: the `dependsOn` of the member, which
   * its resources take over.
   *
   * @default - none
   */
  readonly dependsOn?: pulumi.ResourceOptions['dependsOn'];
}

/** Fields every manifest has besides its body. */
const ENVELOPE = ['apiVersion', 'kind', 'metadata'];

/**
 * A Kubernetes resource for one object of the cluster.
 *
 * Its identity (kind, name, and namespace unless that is an Input) comes from
 * the manifest rendered when the program ran; its content comes from the
 * final rendering, so that Inputs known later land in it. Kinds:
 *
 * - `Pod` (hugepage placeholders): a `core.v1.Pod` that Pulumi does not wait
 *   for (`pulumi.com/skipAwait`): it stays Pending until its host has the
 *   hugepages, which may take a reboot.
 * - `Service` (the perf test kit's headless Services): a `core.v1.Service`
 *   that Pulumi does not wait for: its endpoints come with the kit's VMs.
 * - `DaemonSet` (the Kube-OVN overrides, partial objects): an
 *   `apps.v1.DaemonSetPatch`, applied server-side under its own field
 *   manager and forced over the installer's fields (`pulumi.com/patchForce`).
 * - anything else (NADs, Subnets, VirtualMachines): an
 *   `apiextensions.CustomResource`.
 *
 * @param name the Pulumi name
 * @param known the manifest as rendered when the program ran
 * @param rendering the final rendering
 * @internal
 */
export function renderedResource(
  name: string,
  known: ManifestObject,
  rendering: pulumi.Output<RenderedCluster>,
  options: RenderedResourceOptions,
): pulumi.CustomResource {
  const opts: pulumi.CustomResourceOptions = {
    parent: options.parent,
    ...(options.dependsOn !== undefined && { dependsOn: options.dependsOn }),
  };
  const manifest = pulumi.all([rendering, options.namespace ?? known.metadata.namespace])
    .apply(([final, namespace]) => find(final, known, namespace));

  const body: Record<string, pulumi.Output<unknown>> = Object.fromEntries(Object.keys(known)
    .filter((field) => !ENVELOPE.includes(field))
    .map((field) => [field, manifest.apply((m) => m[field])]));
  const metadata = (extra: Record<string, string>) => manifest.apply((m) => {
    const annotations = { ...m.metadata.annotations, ...extra };
    return { ...m.metadata, ...(Object.keys(annotations).length > 0 && { annotations }) };
  });

  switch (known.kind) {
    case 'Pod':
      return new k8s.core.v1.Pod(name, {
        metadata: metadata({ 'pulumi.com/skipAwait': 'true' }),
        ...body,
      }, opts);
    case 'Service':
      return new k8s.core.v1.Service(name, {
        metadata: metadata({ 'pulumi.com/skipAwait': 'true' }),
        ...body,
      }, opts);
    case 'DaemonSet':
      return new k8s.apps.v1.DaemonSetPatch(name, {
        metadata: metadata({ 'pulumi.com/patchForce': 'true' }),
        ...body,
      }, opts);
    default:
      return new k8s.apiextensions.CustomResource(name, {
        apiVersion: known.apiVersion,
        kind: known.kind,
        metadata: metadata({}),
        ...body,
      }, opts);
  }
}

/** The final manifest of an object, found by kind, name and final namespace. */
function find(
  final: RenderedCluster, known: ManifestObject, namespace: string | undefined,
): ManifestObject {
  const { kind, metadata: { name } } = known;
  const manifest = final.manifests.find((m) =>
    m.kind === kind && m.metadata.name === name && m.metadata.namespace === namespace);
  if (manifest === undefined) {
    throw new Error(`the cluster rendered no ${kind} ${namespace ?? ''}/${name} once its `
      + 'Inputs were known, though it did before: this is a fault of vhost-user-k8s; please '
      + 'report it with the cluster args');
  }
  return manifest;
}
