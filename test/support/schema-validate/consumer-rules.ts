import type { Problem } from './problems';

/**
 * Rules that a real consumer applies beyond a CRD's schema, for the custom resources this
 * project renders. The API server accepts objects that break them; the fault shows only
 * when the consumer reads the object, on a node, at pod start.
 *
 * NetworkAttachmentDefinition (Multus, see shared/reference/virtink.md section 3.2):
 * - `spec.config` is required here. The CRD does not require it, but without it Multus
 *   looks on each node for a CNI config file named after the NAD, which this project
 *   never installs.
 * - `spec.config` must be a JSON object (Multus: "failed to unmarshal Spec.Config"),
 *   with `type`, or `plugins` (a conflist) (Multus: "delegate must have the 'type' or
 *   'plugin' field").
 *
 * @param obj the manifest, already known to be an object
 */
export function consumerProblems(obj: Record<string, unknown>): Problem[] {
  if (obj.apiVersion !== 'k8s.cni.cncf.io/v1' || obj.kind !== 'NetworkAttachmentDefinition') {
    return [];
  }
  const spec = obj.spec as Record<string, unknown> | undefined;
  const config = typeof spec === 'object' && spec !== null ? spec.config : undefined;
  if (config === undefined) {
    return [{
      path: 'spec.config',
      message: 'required field is missing: the CRD allows it, but then Multus looks for a '
        + 'CNI config file named after the NAD on each node (Multus rule, not in the schema)',
    }];
  }
  if (typeof config !== 'string') {
    return []; // The schema reports the wrong type.
  }

  let parsed: unknown;
  try {
    parsed = JSON.parse(config);
  } catch (error) {
    return [{
      path: 'spec.config',
      message: 'must be JSON (Multus: "failed to unmarshal Spec.Config"): '
        + (error as Error).message,
    }];
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    return [{ path: 'spec.config', message: 'must be a JSON object with the CNI config' }];
  }
  const delegate = parsed as Record<string, unknown>;
  if (typeof delegate.type !== 'string' && !Array.isArray(delegate.plugins)) {
    return [{
      path: 'spec.config',
      message: 'needs "type" (one plugin) or "plugins" (a conflist) '
        + '(Multus: "delegate must have the \'type\' or \'plugin\' field")',
    }];
  }
  return [];
}
