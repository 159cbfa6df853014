/**
 * Writes src/spec/schema-validator.generated.ts, the validator of
 * schema/cluster-spec.schema.json compiled ahead of time (see
 * scripts/spec-validator.ts). Run after the schema is generated.
 */
import { writeFileSync } from 'fs';
import { relative } from 'path';
import { currentSpecValidator, VALIDATOR_FILE } from './spec-validator';

writeFileSync(VALIDATOR_FILE, currentSpecValidator());
process.stdout.write(`wrote ${relative(process.cwd(), VALIDATOR_FILE)}\n`);
