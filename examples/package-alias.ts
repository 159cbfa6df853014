// The examples import the library by its package name, as an application
// would. They run against this source tree rather than an installed package,
// so this module, which each example's tsconfig.json loads first (ts-node
// `require`), sends the package's entry points to the TypeScript sources.
// The matching `paths` in each tsconfig.json do the same for type checking.
// An application that installs vhost-user-k8s needs neither.
import * as path from 'path';

const ENTRY_POINTS: Record<string, string> = {
  'vhost-user-k8s': path.join(__dirname, '..', 'src', 'index.ts'),
  'vhost-user-k8s/cdk8s': path.join(__dirname, '..', 'src', 'cdk8s', 'index.ts'),
  'vhost-user-k8s/pulumi': path.join(__dirname, '..', 'src', 'pulumi', 'index.ts'),
};

// eslint-disable-next-line @typescript-eslint/no-require-imports
const Module = require('module');
const resolveFilename = Module._resolveFilename;
Module._resolveFilename = function resolve(
  this: unknown, request: string, ...rest: unknown[]
): string {
  return ENTRY_POINTS[request] ?? resolveFilename.call(this, request, ...rest);
};
