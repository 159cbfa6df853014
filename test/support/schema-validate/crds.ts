import * as fs from 'fs';
import * as path from 'path';
import type { ValidateFunction } from 'ajv';
import { parseAllDocuments } from 'yaml';
import {
  compileJsonSchema, toJsonSchema, type JsonSchema, type StructuralSchema,
} from './structural-schema';

/** The Kube-OVN release line whose Subnet CRD applies when the caller names none. */
export const CURRENT_KUBE_OVN_RELEASE = 'v1.16';

/**
 * The Subnet CRD copy for each Kube-OVN release line, relative to the schema folder (see
 * kube-ovn/SOURCE.txt there). v1.15 keeps the hand-written schema with enums, ranges and
 * the name pattern `^[^0-9]`; v1.16 is controller-gen output with types only, and the
 * v1.17 development head differs from it in descriptions only. No v1.10 copy is held:
 * v1.10's CRD is older still (no `mtu` field, for one), so no other copy stands in for it.
 */
const SUBNET_CRD_BY_RELEASE: Readonly<Record<string, string>> = {
  'v1.15': 'kube-ovn/subnet-crd-v1.15.24.yaml',
  'v1.16': 'kube-ovn/subnet-crd.yaml',
  'v1.17': 'kube-ovn/subnet-crd.yaml',
};

/** The other CRD copies, relative to the schema folder. */
const OTHER_CRD_FILES = [
  'virtink/virt.virtink.smartx.com_virtualmachines.yaml',
  'multus/multus-daemonset.network-attachment-definitions-crd.yml',
];

/** A custom resource's schema, found for its apiVersion and kind. */
export interface CrdSchema {
  /** The CRD's `metadata.name`, e.g. `subnets.kubeovn.io`. */
  readonly crdName: string;
  /** The file the CRD came from. */
  readonly file: string;
  /** `Namespaced` or `Cluster`. */
  readonly scope: string;
  /** The compiled schema of the served version named by the object's apiVersion. */
  readonly validate: ValidateFunction;
}

/**
 * Maps a Kube-OVN version (`v1.16.2`, `1.15`, ...) to its release line (`v1.16`).
 * Throws when the version cannot be read or no Subnet CRD copy exists for that line.
 */
export function kubeOvnReleaseLine(version: string): string {
  const match = /^v?(\d+)\.(\d+)(\.\d+)?$/.exec(version.trim());
  const line = match === null ? undefined : `v${Number(match[1])}.${Number(match[2])}`;
  if (line === undefined || SUBNET_CRD_BY_RELEASE[line] === undefined) {
    throw new Error(`schema-validate: no Kube-OVN Subnet CRD for version "${version}"; `
      + `known release lines: ${Object.keys(SUBNET_CRD_BY_RELEASE).join(', ')}. To add one, `
      + 'put its CRD copy in the schema folder and a row in SUBNET_CRD_BY_RELEASE '
      + '(test/support/schema-validate/crds.ts)');
  }
  return line;
}

/**
 * Finds the CRD for an object's group and kind among the CRD copies (the Subnet copy of
 * the given Kube-OVN release line), and compiles the schema of the version the object's
 * apiVersion names. Returns a reason instead when no CRD matches or the version is not
 * served.
 */
export function findCrdSchema(
  schemaDir: string, apiVersion: string, kind: string, kubeOvnRelease: string,
): CrdSchema | string {
  const [group, version] = apiVersion.split('/');
  const files = [...OTHER_CRD_FILES, SUBNET_CRD_BY_RELEASE[kubeOvnRelease]]
    .map((file) => path.join(schemaDir, file));
  const found = files.flatMap((file) => loadCrds(file).map((crd) => ({ file, crd })))
    .find(({ crd }) => crd.spec.group === group && crd.spec.names.kind === kind);
  if (found === undefined) {
    return `no CRD defines ${kind} in group ${group} among ${files.join(', ')}`;
  }

  const { file, crd } = found;
  const served = crd.spec.versions.filter((v) => v.served);
  const entry = served.find((v) => v.name === version);
  if (entry === undefined) {
    return `apiVersion ${apiVersion} is not served by CRD ${crd.metadata.name} `
      + `(served: ${served.map((v) => `${group}/${v.name}`).join(', ') || 'none'})`;
  }
  const key = `${file}#${crd.metadata.name}/${entry.name}`;
  let validate = COMPILED.get(key);
  if (validate === undefined) {
    validate = compileJsonSchema(rootSchema(entry.schema.openAPIV3Schema));
    COMPILED.set(key, validate);
  }
  return { crdName: crd.metadata.name, file, scope: crd.spec.scope, validate };
}

interface CrdDocument {
  readonly metadata: { readonly name: string };
  readonly spec: {
    readonly group: string;
    readonly scope: string;
    readonly names: { readonly kind: string };
    readonly versions: ReadonlyArray<{
      readonly name: string;
      readonly served: boolean;
      readonly schema: { readonly openAPIV3Schema: StructuralSchema };
    }>;
  };
}

const LOADED = new Map<string, CrdDocument[]>();
const COMPILED = new Map<string, ValidateFunction>();

/**
 * Reads every CustomResourceDefinition in a YAML file: one or more documents, each a CRD,
 * a List of CRDs, or something else (skipped). Only apiextensions.k8s.io/v1 is read.
 */
function loadCrds(file: string): CrdDocument[] {
  const cached = LOADED.get(file);
  if (cached !== undefined) {
    return cached;
  }
  const objects: unknown[] = [];
  for (const document of parseAllDocuments(fs.readFileSync(file, 'utf8'))) {
    if (document.errors.length > 0) {
      const reason = document.errors[0].message;
      throw new Error(`schema-validate: ${file} is not valid YAML: ${reason}`);
    }
    objects.push(document.toJS());
  }
  const crds = flattenLists(objects).filter((o) => o.kind === 'CustomResourceDefinition');
  for (const crd of crds) {
    if (crd.apiVersion !== 'apiextensions.k8s.io/v1') {
      throw new Error(`schema-validate: ${file}: CRD apiVersion ${String(crd.apiVersion)} `
        + 'is not read; convert it to apiextensions.k8s.io/v1');
    }
  }
  const result = crds as unknown as CrdDocument[];
  LOADED.set(file, result);
  return result;
}

function flattenLists(objects: readonly unknown[]): Array<Record<string, unknown>> {
  return objects.flatMap((o) => {
    if (typeof o !== 'object' || o === null) {
      return [];
    }
    const record = o as Record<string, unknown>;
    return Array.isArray(record.items) && String(record.kind).endsWith('List')
      ? flattenLists(record.items)
      : [record];
  });
}

/**
 * Converts a version's openAPIV3Schema for a whole object. apiVersion, kind and metadata
 * are always allowed at the root, declared or not. The API server checks metadata as
 * ObjectMeta and lets a CRD restrict only name and generateName, so only those two keep
 * the CRD's rules here; object-meta.ts checks the rest.
 */
function rootSchema(openAPIV3Schema: StructuralSchema): JsonSchema {
  const metadata = (openAPIV3Schema.properties as Record<string, StructuralSchema> | undefined)
    ?.metadata;
  const nameRules = (metadata?.properties ?? {}) as Record<string, StructuralSchema>;
  const root = toJsonSchema(openAPIV3Schema);
  const restricted = Object.fromEntries(['name', 'generateName']
    .filter((field) => nameRules[field] !== undefined)
    .map((field) => [field, toJsonSchema(nameRules[field], `metadata.${field}`)]));
  root.properties = {
    ...(root.properties as JsonSchema | undefined),
    apiVersion: { type: 'string' },
    kind: { type: 'string' },
    metadata: { type: 'object', properties: restricted },
  };
  return root;
}
