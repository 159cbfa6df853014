import { NetworkPlan } from '../../plan/types';
import { ManifestObject } from '../types';
import { canonicalJson, managedLabels } from './common';

/**
 * The Multus NetworkAttachmentDefinition of a vhost-user network.
 *
 * `spec.config` is the JSON of the CNI configuration the plan built from
 * typed values, with a canonical key order (`cniVersion`, `name`, `type`,
 * then alphabetical), so that the same plan always yields the same text.
 *
 * @see https://github.com/k8snetworkplumbingwg/multi-net-spec
 */
export function renderNetworkAttachmentDefinition(network: NetworkPlan): ManifestObject {
  return {
    apiVersion: 'k8s.cni.cncf.io/v1',
    kind: 'NetworkAttachmentDefinition',
    metadata: {
      name: network.name,
      namespace: network.namespace,
      labels: managedLabels(),
    },
    spec: {
      config: JSON.stringify(canonicalJson(network.cniConfig)),
    },
  };
}
