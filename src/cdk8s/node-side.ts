import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { manifestKey } from './members';
import { RenderedObject } from './rendered-object';
import { ManifestObject } from '../render/types';

/**
 * The objects a cluster needs for facts on its nodes rather than for one
 * member: the hugepage placeholder pods (one per host and NUMA node with OVS
 * memory) and the Kube-OVN DaemonSet overrides.
 *
 * How many there are depends on the planned cluster, which is complete only
 * once every member has been added. So they are created when the stack is
 * synthesized (or asked for them), one `ApiObject` each under this construct,
 * with the id `<Kind>.<namespace>.<name>`, and kept in step with the cluster
 * every time: an object the cluster no longer needs is removed.
 *
 * @internal
 */
export class NodeSideObjects extends Construct {
  public constructor(
    scope: Construct,
    id: string,
    private readonly source: (key: string) => ManifestObject,
  ) {
    super(scope, id);
  }

  /**
   * Brings the children in line with the manifests the cluster renders for
   * its nodes.
   *
   * @returns one object per manifest, in the manifests' order
   */
  public reconcile(manifests: readonly ManifestObject[]): ApiObject[] {
    const wanted = new Map(manifests.map((m) => [childId(m), m]));
    for (const child of [...this.node.children]) {
      const manifest = wanted.get(child.node.id);
      if (!manifest || (child as ApiObject).apiVersion !== manifest.apiVersion) {
        this.node.tryRemoveChild(child.node.id);
      }
    }

    return manifests.map((manifest) => {
      const existing = this.node.tryFindChild(childId(manifest));
      return existing as ApiObject | undefined ?? new RenderedObject(this, childId(manifest), {
        gvk: { apiVersion: manifest.apiVersion, kind: manifest.kind },
        name: manifest.metadata.name,
        namespace: manifest.metadata.namespace,
        source: this.source,
      });
    });
  }
}

/** The construct id of a node-side object. */
function childId(manifest: ManifestObject): string {
  return manifestKey(manifest).split('/').join('.');
}
