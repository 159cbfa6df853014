// A stand-in for Pulumi's Node.js language host, in a process of its own:
// sets the SDK's mocks up, then loads the program, as `pulumi up` would load
// it after connecting to the engine. Started by `runProgram`, under ts-node
// registered as the language host registers it; never loaded by jest.
//
//   program-host.ts <program> <project> <result.json>
import { writeFileSync } from 'fs';
import * as pulumi from '@pulumi/pulumi';
import { mockRuntime, settled, valueOf } from './support';

async function host(program: string, project: string, result: string): Promise<void> {
  const registry = await mockRuntime({ project });
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const exported: Record<string, unknown> = require(program);

  // The program's exports are the stack's outputs.
  const outputs: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(exported)) {
    outputs[name] = pulumi.Output.isInstance(value) ? await valueOf(value) : await value;
  }
  await settled();
  writeFileSync(result, JSON.stringify({ registrations: registry.all, outputs }));
}

const [program, project, result] = process.argv.slice(2);
host(program, project, result).catch((e: Error) => {
  process.stderr.write(`${e.stack ?? e.message}\n`);
  process.exit(1);
});
