/**
 * Writes schema/cluster-spec.schema.json from the TypeScript types in
 * src/spec, so that the schema of spec files is never maintained by hand.
 *
 * TSDoc `@default - <behaviour>` tags describe computed defaults in prose;
 * JSON Schema `default` must be a value, so those move into the description.
 */
import { writeFileSync } from 'fs';
import { join } from 'path';
import { createGenerator } from 'ts-json-schema-generator';

type Json = { [key: string]: unknown };

function moveProseDefaults(node: unknown): void {
  if (Array.isArray(node)) {
    node.forEach(moveProseDefaults);
    return;
  }
  if (node === null || typeof node !== 'object') return;
  const obj = node as Json;
  const dflt = obj.default;
  if (typeof dflt === 'string' && dflt.startsWith('- ')) {
    const prose = dflt.slice(2).replace(/\s+/g, ' ');
    const description = typeof obj.description === 'string' ? obj.description : '';
    obj.description = `${description} Default: ${prose}.`.trim();
    delete obj.default;
  }
  Object.values(obj).forEach(moveProseDefaults);
}

const root = join(__dirname, '..');
const schema = createGenerator({
  path: join(root, 'src/spec/index.ts'),
  tsconfig: join(root, 'tsconfig.json'),
  type: 'ClusterSpec',
  skipTypeCheck: true,
}).createSchema('ClusterSpec') as Json;

moveProseDefaults(schema);

// Top-level keys that start with `x-` are the file's own (docker-compose and
// OpenAPI have the same rule): a place for YAML anchors that VMs or pools merge
// with `<<: *name`. The loader drops them; the typed spec has no such field.
const definitions = schema.definitions as Record<string, Json>;
definitions.ClusterSpec.patternProperties = {
  '^x-': { description: 'An extension key: ignored, a place for YAML anchors.' },
};
const out = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  $id: 'https://vhost-user-k8s.dev/schema/cluster-spec.schema.json',
  title: 'vhost-user-k8s cluster spec',
  ...schema,
};
writeFileSync(join(root, 'schema/cluster-spec.schema.json'), JSON.stringify(out, null, 2) + '\n');
