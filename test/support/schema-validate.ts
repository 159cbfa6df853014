import * as fs from 'fs';
import * as path from 'path';
import { consumerProblems } from './schema-validate/consumer-rules';
import { checkCoreObject, coreKinds, coreNameRule } from './schema-validate/core-models';
import {
  CURRENT_KUBE_OVN_RELEASE, findCrdSchema, kubeOvnReleaseLine,
} from './schema-validate/crds';
import { objectMetaProblems } from './schema-validate/object-meta';
import {
  formatProblem, problemsFromAjv, unique, type Problem,
} from './schema-validate/problems';

/**
 * Offline schema validation of rendered manifests, for tests.
 *
 * Custom resources (Virtink VirtualMachine, Multus NetworkAttachmentDefinition, Kube-OVN
 * Subnet) are checked against the upstream CRDs' openAPIV3Schema, read from the shared
 * schema folder, with the API server's structural-schema meaning (see
 * schema-validate/structural-schema.ts), plus a few consumer rules the schema does not
 * hold (schema-validate/consumer-rules.ts). Core objects are checked with
 * kubernetes-models. Every object also gets the API server's metadata checks (name format
 * by kind, namespace, labels, annotations).
 *
 * Not checked: admission webhooks (Virtink's, kube-ovn-webhook) and unknown fields in
 * core objects. A CRD with CEL rules (x-kubernetes-validations) is refused, not half
 * checked.
 */

/** The environment variable that points at another schema folder. */
export const SCHEMA_DIR_ENV = 'VHOST_USER_K8S_SCHEMAS';

/** Options of {@link validateManifest} and {@link expectValidManifests}. */
export interface SchemaValidateOptions {
  /**
   * The Kube-OVN version whose Subnet CRD applies, such as `v1.15.24` or `1.16`.
   * @default - the current release line, v1.16
   */
  readonly kubeOvnVersion?: string;
  /**
   * The folder holding the upstream CRD copies (virtink/, multus/, kube-ovn/).
   * @default - $VHOST_USER_K8S_SCHEMAS, else the repository's crds/
   */
  readonly schemaDir?: string;
}

/** Resolves the schema folder and checks that it exists. */
export function schemaDirectory(options: SchemaValidateOptions = {}): string {
  const dir = options.schemaDir
    ?? process.env[SCHEMA_DIR_ENV]
    ?? path.resolve(__dirname, '../../crds');
  if (!fs.existsSync(dir)) {
    throw new Error(`schema-validate: schema folder ${dir} does not exist; set `
      + `${SCHEMA_DIR_ENV} to a folder of CRD copies laid out as crds/ is`);
  }
  return dir;
}

/**
 * Validates one manifest (a plain object, as synthesized) and returns its problems as
 * `field.path: message` strings, empty when the manifest is valid.
 *
 * @param obj the manifest
 * @param options Kube-OVN version and schema folder
 */
export function validateManifest(obj: unknown, options: SchemaValidateOptions = {}): string[] {
  return manifestProblems(obj, options).map(formatProblem);
}

/**
 * Fails the current test when any manifest is invalid, listing every problem of every
 * manifest with its kind and name (`VirtualMachine default/vm-1: spec.instance: ...`).
 *
 * @param objs the manifests
 * @param options Kube-OVN version and schema folder
 */
export function expectValidManifests(
  objs: readonly object[],
  options: SchemaValidateOptions = {},
): void {
  const lines = objs.flatMap((obj, index) => validateManifest(obj, options)
    .map((problem) => `${describeManifest(obj, index)}: ${problem}`));
  if (lines.length > 0) {
    throw new Error(`${lines.length} manifest problem(s):\n  ${lines.join('\n  ')}`);
  }
}

/** Names a manifest for messages: `Kind namespace/name`, or its position without a name. */
export function describeManifest(obj: object, index: number): string {
  const record = obj as Record<string, unknown>;
  const metadata = (record.metadata ?? {}) as Record<string, unknown>;
  const kind = typeof record.kind === 'string' ? record.kind : '(no kind)';
  const name = typeof metadata.name === 'string' ? metadata.name : `#${index} (no name)`;
  const namespace = typeof metadata.namespace === 'string' ? `${metadata.namespace}/` : '';
  return `${kind} ${namespace}${name}`;
}

function manifestProblems(obj: unknown, options: SchemaValidateOptions): Problem[] {
  if (typeof obj !== 'object' || obj === null || Array.isArray(obj)) {
    return [{ path: '', message: 'a manifest must be an object' }];
  }
  const record = obj as Record<string, unknown>;
  const { apiVersion, kind } = record;
  if (typeof apiVersion !== 'string' || typeof kind !== 'string') {
    return ['apiVersion', 'kind']
      .filter((field) => typeof record[field] !== 'string')
      .map((field) => ({ path: field, message: 'required string is missing' }));
  }

  const nameRule = coreNameRule(apiVersion, kind);
  if (nameRule !== undefined) {
    const { errors, problems } = checkCoreObject(record, apiVersion, kind);
    return unique([
      ...objectMetaProblems(record.metadata, nameRule),
      ...problemsFromAjv(errors, record),
      ...problems,
    ]);
  }
  if (!apiVersion.includes('/')) {
    return [{
      path: 'kind',
      message: `no schema for core ${apiVersion}/${kind}; known core kinds: `
        + `${coreKinds().join(', ')} (add a row to schema-validate/core-models.ts)`,
    }];
  }

  const release = kubeOvnReleaseLine(options.kubeOvnVersion ?? CURRENT_KUBE_OVN_RELEASE);
  const crd = findCrdSchema(schemaDirectory(options), apiVersion, kind, release);
  if (typeof crd === 'string') {
    return [{ path: 'apiVersion', message: crd }];
  }
  crd.validate(record);
  return unique([
    // Custom resource names are DNS-1123 subdomains (apiextensions-apiserver).
    ...objectMetaProblems(record.metadata, 'dns-subdomain'),
    ...problemsFromAjv(crd.validate.errors ?? [], record),
    ...consumerProblems(record),
  ]);
}
