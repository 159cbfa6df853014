import { App, AppProps, Names } from 'cdk8s';
import { IConstruct } from 'constructs';
import { Diagnostic, hasErrors } from '../diagnostics/diagnostic';
import { ClusterSpec } from '../spec';
import { VhostUserCluster } from './cluster';
import { synthesize } from '../synth/synthesize';
import { writeFilesAtomically } from '../synth/write';

/**
 * A cdk8s `App` that also writes each cluster's node files
 * (`nodes/<pool>/bootstrap.sh`, `verify.sh`, config files) and `PLAN.md` into
 * its output folder, beside the manifests.
 *
 * `synth()` first checks the whole tree, as `App.synth()` does, but before
 * the output folder is even created: a cluster with errors writes nothing.
 * Then `App.synth()` writes the manifests into the staged copy of the output
 * folder, and they move in with the node files, all or nothing: on a failure
 * the folder is left as it was. The output folder is `outdir`, else `$CDK8S_OUTDIR`
 * (which `cdk8s synth` sets), else `dist`.
 *
 * With a plain `App`, the manifests are written but not the node files; write
 * `cluster.files` yourself then. `cdk8s synth --stdout` prints the `.yaml`
 * files of the output folder and drops the folder, so the node files are not
 * kept in that mode.
 */
export class VhostUserApp extends App {
  /**
   * @param props as for `App`
   */
  public constructor(props: AppProps = {}) {
    super(props);
  }

  /**
   * Writes the manifests, the node files and `PLAN.md`, all or nothing.
   *
   * @throws Error listing every error of every construct, with nothing written
   * @throws Error naming the path that could not be written and why, with the
   *   output folder as it was
   */
  public override synth(): void {
    const constructs = this.node.findAll();
    const clusters = constructs.filter(VhostUserCluster.isVhostUserCluster);
    if (clusters.length > 1) {
      throw new Error('VhostUserApp writes the node files of one VhostUserCluster, and this '
        + `app has ${clusters.length} (${clusters.map((c) => c.node.path).join(', ')}): `
        + 'their nodes/ folders and PLAN.md would collide. Give each cluster its own app.');
    }
    failOnInvalid(constructs);

    const [only] = clusters;
    if (only === undefined) {
      super.synth();
      return;
    }

    // The manifests are written into the staged output, so that they and the
    // node files replace the previous output together or not at all.
    // App.synth() validates the tree twice more, which need not bring the
    // cluster's node-side objects in line again.
    writeFilesAtomically(this.outdir, only.files, {
      stageMore: (staged) => this.synthInto(staged, () => only._holdingTree(() => super.synth())),
    });
  }

  /**
   * Runs `App.synth()` with another output folder, for the time of the call:
   * cdk8s writes to `outdir`, which it takes as fixed.
   */
  private synthInto(folder: string, synth: () => void): void {
    const app = this as { outdir: string };
    const outdir = app.outdir;
    app.outdir = folder;
    try {
      synth();
    } finally {
      app.outdir = outdir;
    }
  }
}

/** What {@link synthesizeApp} did. */
export interface AppSynthesis {
  /** Every finding. When one is an error, nothing was written. */
  readonly diagnostics: Diagnostic[];

  /**
   * The files written, relative to the output folder: the manifest file
   * first, then the node files and `PLAN.md`. Empty when nothing was written.
   */
  readonly files: string[];
}

/** Options of {@link synthesizeApp}. */
export interface SynthesizeAppOptions {
  /**
   * The output folder.
   *
   * @default - $CDK8S_OUTDIR, else 'dist' (as `App`)
   */
  readonly outdir?: string;
}

/**
 * Writes a cluster spec's manifests, node files and `PLAN.md` through the
 * same app `cdk8s synth` runs (`VhostUserApp` with
 * `VhostUserCluster.fromSpec(app, spec.name, spec)`), so that the output is
 * byte for byte the same. For the command line.
 *
 * The spec is synthesized first on its own, so that every problem, including
 * an unreadable value that a construct would refuse, comes back as a
 * diagnostic instead of an exception; then nothing is written.
 *
 * @param spec the cluster
 * @param options where to write
 */
export function synthesizeApp(spec: ClusterSpec, options: SynthesizeAppOptions = {}): AppSynthesis {
  const preflight = synthesize(spec);
  if (hasErrors(preflight.diagnostics)) {
    return { diagnostics: preflight.diagnostics, files: [] };
  }

  const app = new VhostUserApp({ outdir: options.outdir });
  const cluster = VhostUserCluster.fromSpec(app, spec.name, spec);
  app.synth();
  return {
    diagnostics: cluster.diagnostics,
    files: [
      `${Names.toDnsLabel(cluster)}${app.outputFileExtension}`,
      ...cluster.files.map((file) => file.path),
    ],
  };
}

/**
 * Runs the validation of each construct (every construct of the app) and
 * throws with the same text as `App.synth()`, which validates only after
 * creating the output folder.
 */
function failOnInvalid(constructs: readonly IConstruct[]): void {
  const errors: string[] = [];
  for (const c of constructs) {
    for (const error of c.node.validate()) {
      errors.push(`[${c.node.path}] ${error}`);
    }
  }
  if (errors.length > 0) {
    throw new Error(`Validation failed with the following errors:\n  ${errors.join('\n  ')}`);
  }
}
