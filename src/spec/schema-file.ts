import { readFileSync } from 'fs';
import { join } from 'path';

/** The JSON Schema of spec files (`schema/cluster-spec.schema.json`). */
export function clusterSpecSchema(): object {
  const file = join(__dirname, '..', '..', 'schema', 'cluster-spec.schema.json');
  return JSON.parse(readFileSync(file, 'utf8'));
}
