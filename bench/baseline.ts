// The reference side: what writing the fleet's YAML and files costs with no
// model behind it. The objects and files are read back from a synthesis of
// ours, then written again by bare cdk8s ApiObjects and plain fs calls.
import {
  chmodSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync,
} from 'fs';
import { dirname, join, relative } from 'path';
import { ApiObject, App, Chart } from 'cdk8s';
import { parseAllDocuments } from 'yaml';

/** The output of one cluster, as plain data. */
export interface ClusterOutput {
  /** The chart id, which names the manifest file. */
  readonly name: string;
  /** The manifest objects, in file order. */
  readonly objects: Array<Record<string, any>>;
  /** Every other file of the cluster's folder. */
  readonly files: Array<{ path: string; content: string; executable: boolean }>;
}

/** Reads back what {@link synthFleet} wrote for each cluster under `outdir`. */
export function readFleetOutput(
  outdir: string, clusters: readonly string[],
): ClusterOutput[] {
  return clusters.map((name) => {
    const dir = join(outdir, name);
    const manifest = `${name}.k8s.yaml`;
    const objects = parseAllDocuments(readFileSync(join(dir, manifest), 'utf8'))
      .map((doc) => doc.toJS() as Record<string, any>);
    const files = listFiles(dir).filter((path) => path !== manifest).map((path) => ({
      path,
      content: readFileSync(join(dir, path), 'utf8'),
      executable: isExecutable(join(dir, path)),
    }));
    return { name, objects, files };
  });
}

/**
 * Synthesizes the objects with `App.synth()`, one chart per cluster, and
 * writes the files with `mkdirSync`, `writeFileSync` and `chmodSync`.
 */
export function synthBaseline(clusters: readonly ClusterOutput[], outdir: string): void {
  for (const cluster of clusters) {
    const dir = join(outdir, cluster.name);
    const app = new App({ outdir: dir });
    const chart = new Chart(app, cluster.name);
    cluster.objects.forEach((object, i) => {
      new ApiObject(chart, `o${i}`, object as any);
    });
    app.synth();

    for (const file of cluster.files) {
      const path = join(dir, file.path);
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, file.content);
      if (file.executable) chmodSync(path, 0o755);
    }
  }
}

/** Whether the owner may run a file (the mode's octal digits, `...755`). */
export function isExecutable(path: string): boolean {
  const owner = statSync(path).mode.toString(8).slice(-3, -2);
  return ['1', '3', '5', '7'].includes(owner);
}

/** Paths of every file under a folder, relative to it, with `/`. */
export function listFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => relative(dir, join(entry.parentPath, entry.name)))
    .map((path) => path.split('\\').join('/'))
    .sort();
}
