/**
 * The parts of a cluster spec that the adapters' members stand for: the
 * cdk8s constructs and the Pulumi components of the same names.
 */
export type ClusterSection =
  | 'nodes' | 'networks' | 'subnets' | 'vms' | 'kubeOvn' | 'userspaceCni' | 'perfKit';

/** One entry of a cluster spec, which a member stands for. */
export interface SpecEntry {
  /** The section of the spec. */
  readonly section: ClusterSection;

  /** Index of the entry in its section; 0 for `kubeOvn`, `userspaceCni` and `perfKit`. */
  readonly index: number;
}

const ENTRY_PATH =
  /^(?:(nodes|networks|subnets|vms)\[(\d+)\]|(kubeOvn|userspaceCni|perfKit))(?:$|[.[])/;

/**
 * The entry a diagnostic path is about: `vms[2].memory` is about
 * `{ section: 'vms', index: 2 }`, `kubeOvn.version` about `kubeOvn`,
 * `perfKit.nodes[1]` about `perfKit`.
 *
 * @param path a `Diagnostic.path`
 * @returns undefined for paths about the whole cluster (``, `name`,
 *   `versions.ovs`, `nodes`)
 */
export function specEntryOf(path: string): SpecEntry | undefined {
  const match = ENTRY_PATH.exec(path);
  if (match === null) {
    return undefined;
  }
  const section = (match[1] ?? match[3]) as ClusterSection;
  return { section, index: Number(match[2] ?? 0) };
}
