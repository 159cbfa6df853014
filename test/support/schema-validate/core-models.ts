import type { ErrorObject } from 'ajv';
import { DaemonSet } from 'kubernetes-models/apps/v1/DaemonSet';
import { Deployment } from 'kubernetes-models/apps/v1/Deployment';
import { Job } from 'kubernetes-models/batch/v1/Job';
import { ClusterRole } from 'kubernetes-models/rbac.authorization.k8s.io/v1/ClusterRole';
import {
  ClusterRoleBinding,
} from 'kubernetes-models/rbac.authorization.k8s.io/v1/ClusterRoleBinding';
import { Role } from 'kubernetes-models/rbac.authorization.k8s.io/v1/Role';
import { RoleBinding } from 'kubernetes-models/rbac.authorization.k8s.io/v1/RoleBinding';
import { ConfigMap } from 'kubernetes-models/v1/ConfigMap';
import { Namespace } from 'kubernetes-models/v1/Namespace';
import { Pod } from 'kubernetes-models/v1/Pod';
import { Secret } from 'kubernetes-models/v1/Secret';
import { Service } from 'kubernetes-models/v1/Service';
import { ServiceAccount } from 'kubernetes-models/v1/ServiceAccount';
import type { NameRule } from './object-meta';
import { childPath, type Problem } from './problems';

/** A kubernetes-models class: its constructor and `validate()`, which throws on faults. */
type ModelClass = new (data: never) => { validate(): void };

/** How one core kind is checked. */
interface CoreKind {
  readonly model: ModelClass;
  readonly nameRule: NameRule;
}

/**
 * The core kinds this project renders or may render, by `apiVersion/kind`. Their schemas
 * come from kubernetes-models (the Kubernetes OpenAPI types: field types, required
 * fields, quantity and int-or-string formats). kubernetes-models does not reject unknown
 * fields. To check another kind, add a row.
 */
const CORE_KINDS: Readonly<Record<string, CoreKind>> = {
  'v1/ConfigMap': { model: ConfigMap, nameRule: 'dns-subdomain' },
  'v1/Namespace': { model: Namespace, nameRule: 'dns-label' },
  'v1/Pod': { model: Pod, nameRule: 'dns-subdomain' },
  'v1/Secret': { model: Secret, nameRule: 'dns-subdomain' },
  'v1/Service': { model: Service, nameRule: 'dns-1035-label' },
  'v1/ServiceAccount': { model: ServiceAccount, nameRule: 'dns-subdomain' },
  'apps/v1/DaemonSet': { model: DaemonSet, nameRule: 'dns-subdomain' },
  'apps/v1/Deployment': { model: Deployment, nameRule: 'dns-subdomain' },
  'batch/v1/Job': { model: Job, nameRule: 'dns-subdomain' },
  'rbac.authorization.k8s.io/v1/ClusterRole': { model: ClusterRole, nameRule: 'path-segment' },
  'rbac.authorization.k8s.io/v1/ClusterRoleBinding': {
    model: ClusterRoleBinding, nameRule: 'path-segment',
  },
  'rbac.authorization.k8s.io/v1/Role': { model: Role, nameRule: 'path-segment' },
  'rbac.authorization.k8s.io/v1/RoleBinding': { model: RoleBinding, nameRule: 'path-segment' },
};

/** The API server's rule for ConfigMap and Secret keys (IsConfigMapKey). */
const CONFIG_KEY = /^[-._a-zA-Z0-9]+$/;

/** Lists the `apiVersion/kind` pairs that {@link checkCoreObject} knows. */
export function coreKinds(): string[] {
  return Object.keys(CORE_KINDS);
}

/** The name rule of a core kind, or undefined when the kind is not a known core kind. */
export function coreNameRule(apiVersion: string, kind: string): NameRule | undefined {
  return CORE_KINDS[`${apiVersion}/${kind}`]?.nameRule;
}

/**
 * Validates a core object with its kubernetes-models class and returns the ajv errors
 * (empty when valid), plus the data-key rule of ConfigMap and Secret.
 *
 * @param obj the manifest; its apiVersion/kind must be one of {@link coreKinds}
 */
export function checkCoreObject(
  obj: Record<string, unknown>,
  apiVersion: string,
  kind: string,
): { readonly errors: readonly ErrorObject[]; readonly problems: readonly Problem[] } {
  const entry = CORE_KINDS[`${apiVersion}/${kind}`];
  if (entry === undefined) {
    throw new Error(`schema-validate: ${apiVersion}/${kind} is not a known core kind`);
  }
  let errors: readonly ErrorObject[] = [];
  try {
    new entry.model(obj as never).validate();
  } catch (error) {
    errors = ajvErrorsOf(error);
  }
  const problems = kind === 'ConfigMap' || kind === 'Secret'
    ? ['data', 'binaryData', 'stringData'].flatMap((field) => configKeyProblems(obj, field))
    : [];
  return { errors, problems };
}

function ajvErrorsOf(error: unknown): readonly ErrorObject[] {
  const errors = (error as { errors?: unknown }).errors;
  if (!Array.isArray(errors)) {
    throw error;
  }
  return errors as ErrorObject[];
}

function configKeyProblems(obj: Record<string, unknown>, field: string): Problem[] {
  const map = obj[field];
  if (typeof map !== 'object' || map === null) {
    return [];
  }
  return Object.keys(map)
    .filter((key) => !CONFIG_KEY.test(key) || key.length > 253)
    .map((key) => ({
      path: childPath(field, key),
      message: `${JSON.stringify(key)}: a valid config key must consist of alphanumeric `
        + "characters, '-', '_' or '.' (at most 253)",
    }));
}
