import type { ErrorObject } from 'ajv';
import {
  validate, validateNetworkSpec, validateNodeSpec, validateSubnetSpec, validateVmSpec,
} from './schema-validator.generated';
import { ClusterSection } from './sections';

/** A check of a value against the spec files' JSON Schema. @internal */
export interface SchemaValidator {
  /** Whether the value has the shape of a cluster spec. */
  (value: unknown): boolean;
  /** The faults the last call found; null or undefined when it passed. */
  readonly errors?: ErrorObject[] | null;
}

/**
 * Checks a value against `schema/cluster-spec.schema.json` as ajv does with
 * `allErrors` (every fault listed) and `strict: false`, which is the code ajv
 * compiles the schema to: it is generated at build time
 * (`scripts/spec-validator.ts`), because compiling the schema in each process
 * costs more than checking a spec of thousands of VMs with the result.
 *
 * @internal
 */
export const validateSpecSchema: SchemaValidator = validate;

/**
 * Checks one entry of an array section (`nodes[i]`, `networks[i]`,
 * `subnets[i]`, `vms[i]`) against its definition in the same schema, with
 * the same options, for a value that is not inside a spec: an entry passes
 * exactly when a spec that is otherwise right and holds it passes (the schema
 * constrains the entries of a section through their definition only). The
 * errors of a failed check have paths from the entry, not from a spec.
 *
 * @internal
 */
export const validateEntrySchema: Readonly<Partial<Record<ClusterSection, SchemaValidator>>> = {
  nodes: validateNodeSpec,
  networks: validateNetworkSpec,
  subnets: validateSubnetSpec,
  vms: validateVmSpec,
};
