import { IConstruct } from 'constructs';
import { manifestKey, Member } from './members';
import { formatDiagnostic } from '../diagnostics/diagnostic';
import { ManifestObject } from '../render/types';
import { ClusterSection, ClusterSpec, specEntryOf } from '../spec';
import { Synthesis } from '../synth/synthesize';

/**
 * A synthesis of a cluster's members, kept until they change, with the
 * look-ups that every member's validation and object make in it.
 */
export interface CachedSynthesis {
  /** The generation and name it was last checked against. */
  readonly generation: number;
  readonly clusterName: string;
  /** The versions it was last checked against, as JSON. */
  readonly versions: string | undefined;
  /** The spec it was made from. */
  readonly spec: ClusterSpec;
  /**
   * The spec but its versions (compared as JSON on their own), as JSON: made
   * only when a later spec is compared with it.
   */
  key?: string;
  readonly synthesis: Synthesis;
  /** Made on first use, for this synthesis. */
  lookups?: Lookups;
}

/** What the members of a cluster look up in its synthesis. */
export interface Lookups {
  /** The {@link manifestKey} of each manifest of the synthesis, in order. */
  readonly keys: string[];
  /** The manifests by {@link manifestKey}; the first of a key wins. */
  readonly manifests: Map<string, ManifestObject>;
  /** The error lines of each construct, in the order of the diagnostics. */
  readonly problems: Map<IConstruct, string[]>;
  /** The active members of each section, in spec order. */
  readonly sections: Map<ClusterSection, Member[]>;
}

/**
 * The look-ups of a synthesis.
 *
 * @param synthesis the cluster's synthesis
 * @param members the members still in the tree, in spec order
 * @param cluster where the errors about no member go
 */
export function makeLookups(
  synthesis: Synthesis, members: readonly Member[], cluster: IConstruct,
): Lookups {
  const { manifests, diagnostics } = synthesis;
  const lookups: Lookups = {
    keys: manifests.map(manifestKey),
    manifests: new Map(),
    problems: new Map(),
    sections: new Map(),
  };

  for (const member of members) {
    append(lookups.sections, member.section, member);
  }
  manifests.forEach((manifest, i) => {
    if (!lookups.manifests.has(lookups.keys[i])) {
      lookups.manifests.set(lookups.keys[i], manifest);
    }
  });
  for (const error of diagnostics.filter((d) => d.severity === 'error')) {
    const construct = memberAt(lookups.sections, error.path)?.construct ?? cluster;
    append(lookups.problems, construct, formatDiagnostic(error));
  }
  return lookups;
}

/**
 * A spec as JSON, but its versions: they are the cluster's props object, which
 * may change in place, and are compared on their own.
 */
export function specKey(spec: ClusterSpec): string {
  return JSON.stringify({ ...spec, versions: undefined });
}

/** The member a spec path is about, among the active members of each section. */
export function memberAt(sections: Lookups['sections'], path: string): Member | undefined {
  const entry = specEntryOf(path);
  return entry === undefined ? undefined : sections.get(entry.section)?.[entry.index];
}

function append<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const values = map.get(key);
  if (values === undefined) {
    map.set(key, [value]);
  } else {
    values.push(value);
  }
}
