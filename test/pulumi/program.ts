// Runs a Pulumi program (a folder with Pulumi.yaml) under the SDK's mocks,
// the way Pulumi's Node.js language host starts it: in the project folder,
// with ts-node registered on the folder's tsconfig.json, the stack
// configuration in $PULUMI_CONFIG, and `main` of Pulumi.yaml as the program.
import { execFile } from 'child_process';
import { mkdtempSync, readFileSync } from 'fs';
import { tmpdir } from 'os';
import { join, resolve } from 'path';
import { promisify } from 'util';
import * as ts from 'typescript';
import { parse } from 'yaml';
import { Registration, Registry } from './support';

const ROOT = resolve(__dirname, '..', '..');
const TS_NODE = join(ROOT, 'node_modules', '.bin', 'ts-node');

/** What a program did under the mocks. */
export interface ProgramRun {
  /** Every resource it registered, with parents, dependencies and providers. */
  readonly registry: Registry;
  /** The stack outputs (the program's exports), resolved. */
  readonly outputs: Record<string, any>;
}

/**
 * Runs the program of a project folder.
 *
 * @param config stack configuration, by key of the project (`sshUser`);
 *   objects are given as JSON, as `pulumi config set --path` stores them
 */
export async function runProgram(
  folder: string, config: Record<string, unknown> = {},
): Promise<ProgramRun> {
  const project = parse(readFileSync(join(folder, 'Pulumi.yaml'), 'utf8'));
  const result = join(mkdtempSync(join(tmpdir(), 'vhost-user-pulumi-')), 'result.json');
  const stackConfig = Object.fromEntries(Object.entries(config).map(([key, value]) =>
    [`${project.name}:${key}`, typeof value === 'string' ? value : JSON.stringify(value)]));

  await promisify(execFile)(TS_NODE, [
    '--project', 'tsconfig.json',
    '--compilerOptions', JSON.stringify(languageHostOptions(join(folder, 'tsconfig.json'))),
    join(__dirname, 'program-host.ts'),
    resolve(folder, project.main ?? '.'), project.name, result,
  ], {
    cwd: folder,
    env: { ...process.env, PULUMI_CONFIG: JSON.stringify(stackConfig) },
  });

  const { registrations, outputs } = JSON.parse(readFileSync(result, 'utf8'));
  return { registry: new Registry(registrations as Registration[]), outputs };
}

/**
 * The compiler options the language host gives ts-node: its own target and
 * module settings, under the `compilerOptions` written in tsconfig.json
 * (those it extends are not read).
 *
 * @see https://github.com/pulumi/pulumi/blob/master/sdk/nodejs/cmd/run/run.ts
 */
function languageHostOptions(tsconfig: string): object {
  const written = ts.readConfigFile(tsconfig, ts.sys.readFile).config?.compilerOptions ?? {};
  return {
    target: 'ES2020',
    module: 'nodenext',
    moduleResolution: 'nodenext',
    sourceMap: 'true',
    ...written,
  };
}
