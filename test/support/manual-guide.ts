// The YAML manifests of Virtink's vhost-user guide, read from the shared
// reference copy, so that tests compare the renderers with the guide's own text.
import * as fs from 'fs';
import * as path from 'path';
import { parseAllDocuments } from 'yaml';

/** The environment variable that points at another copy of the guide. */
export const GUIDE_ENV = 'VHOST_USER_K8S_MANUAL_GUIDE';

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
  const file = process.env[GUIDE_ENV]
    ?? path.resolve(__dirname, '../../../shared/reference/manual-guide.md');
  const text = fs.readFileSync(file, 'utf8');
  const blocks = [...text.matchAll(/^( *)```yaml\n([\s\S]*?)^\1```/gm)]
    .map(([, indent, body]) => body.split('\n')
      .map((line) => line.slice(indent.length))
      .join('\n'));
  return blocks.flatMap((block) => parseAllDocuments(block).map((doc) => {
    const object = doc.toJS() as Record<string, any>;
    return { kind: object.kind, name: object.metadata?.name, object };
  }));
}

/** The guide's manifest of a kind, the nth of that kind (0 first). */
export function guideManifest(kind: string, nth = 0): Record<string, any> {
  const found = guideManifests().filter((m) => m.kind === kind)[nth];
  if (found === undefined) {
    throw new Error(`the manual guide has no ${kind} number ${nth + 1}`);
  }
  return found.object;
}
