import type { ErrorObject } from 'ajv';
import { validate } from './schema-validator.generated';

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
