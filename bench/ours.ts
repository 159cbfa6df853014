// The measured side: the fleet through the cdk8s path, as a user's app would
// run it. One VhostUserApp per cluster, since an app writes the node files
// of one cluster.
import { join } from 'path';
import { VhostUserApp, VhostUserCluster } from '../src/cdk8s';
import { ClusterSpec } from '../src/spec';

/**
 * Builds each cluster's construct tree and synthesizes it into
 * `<outdir>/<cluster>/`: the manifests, `nodes/` and `PLAN.md`.
 */
export function synthFleet(specs: readonly ClusterSpec[], outdir: string): void {
  for (const spec of specs) {
    const app = new VhostUserApp({ outdir: join(outdir, spec.name) });
    VhostUserCluster.fromSpec(app, spec.name, spec);
    app.synth();
  }
}
