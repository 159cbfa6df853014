// The YAML manifests of Virtink's vhost-user guide, as the guide writes them
// (test/fixtures/manual-guide/manifests.yaml), so that tests compare the renderers
// with the guide's own text.
import * as fs from 'fs';
import * as path from 'path';
import { parseAllDocuments } from 'yaml';

const MANIFESTS = path.resolve(__dirname, '../fixtures/manual-guide/manifests.yaml');

/** One manifest of the guide, in document order. */
export interface GuideManifest {
  readonly kind: string;
  readonly name: string;
  readonly object: Record<string, any>;
}

/**
 * Every manifest of the guide's `yaml` blocks, in the order the guide shows
 * them: the Kube-OVN NAD and VM, the Userspace CNI NAD and VM, the DHCP Subnet.
 */
export function guideManifests(): GuideManifest[] {
  return parseAllDocuments(fs.readFileSync(MANIFESTS, 'utf8')).map((doc) => {
    const object = doc.toJS() as Record<string, any>;
    return { kind: object.kind, name: object.metadata?.name, object };
  });
}

/** The guide's manifest of a kind, the nth of that kind (0 first). */
export function guideManifest(kind: string, nth = 0): Record<string, any> {
  const found = guideManifests().filter((m) => m.kind === kind)[nth];
  if (found === undefined) {
    throw new Error(`the manual guide has no ${kind} number ${nth + 1}`);
  }
  return found.object;
}
