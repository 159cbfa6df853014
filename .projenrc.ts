import { javascript, typescript } from 'projen';

/**
 * The project definition. Edit this file, then run `npx projen` to
 * regenerate package.json, tsconfig*.json, jest and eslint settings.
 */
const project = new typescript.TypeScriptProject({
  name: 'vhost-user-k8s',
  description:
    'Typed infrastructure for vhost-user VM networking on Kubernetes: ' +
    'OVS-DPDK, Kube-OVN or Userspace CNI, Multus and Virtink, as cdk8s ' +
    'constructs and Pulumi components, checked before they reach a node.',
  license: 'Apache-2.0',
  copyrightOwner: 'The vhost-user-k8s authors',
  keywords: [
    'cdk8s', 'pulumi', 'ovs-dpdk', 'vhost-user', 'virtink',
    'kube-ovn', 'userspace-cni', 'multus', 'dpdk', 'numa',
  ],
  defaultReleaseBranch: 'main',
  projenrcTs: true,
  packageManager: javascript.NodePackageManager.NPM,
  minNodeVersion: '20.0.0',
  typescriptVersion: '~5.9',

  github: false,
  release: false,
  buildWorkflow: false,
  depsUpgrade: false,
  pullRequestTemplate: false,
  docgen: false,
  sampleCode: false,
  prettier: false,

  deps: [
    'ip-address@^10',
    'yaml@^2',
    'ajv@^8',
    'commander@^14',
    '@sinclair/typebox@^0.34',
  ],
  peerDeps: [
    'cdk8s@^2.70',
    'constructs@^10.4',
    '@pulumi/pulumi@^3.150',
    '@pulumi/kubernetes@^4.20',
    '@pulumi/command@^1.0',
  ],
  // Peers are tested against the current releases below.
  peerDependencyOptions: { pinnedDevDependency: false },
  devDeps: [
    'cdk8s@^2.70',
    'constructs@^10.4',
    '@pulumi/pulumi@^3.200',
    '@pulumi/kubernetes@^4.23',
    '@pulumi/command@^1.1',
    'cdk8s-cli@^2',
    'fast-check@^4',
    'typedoc@^0.28',
    'typedoc-plugin-markdown@^4',
    'kubernetes-models@~4.5',
    'ts-node@^10',
    // 2.4 is the last release that runs on Node 20.
    'ts-json-schema-generator@~2.4.0',
  ],

  tsconfig: {
    compilerOptions: {
      lib: ['es2022'],
      target: 'ES2022',
      skipLibCheck: true,
      noUnusedLocals: true,
      noUnusedParameters: true,
    },
  },
  tsconfigDev: {
    include: ['examples/**/*.ts', 'bench/**/*.ts'],
    compilerOptions: {},
  },

  jestOptions: {
    // Snapshot drift fails the build; `npx projen test:update` rewrites them.
    updateSnapshot: javascript.UpdateSnapshot.NEVER,
    passWithNoTests: false,
    jestConfig: {
      testPathIgnorePatterns: ['/node_modules/', '/lib/', '/dist/'],
      testTimeout: 120_000,
    },
  },
});

// Pulumi users opt in; cdk8s users never install it.
project.package.addField('peerDependenciesMeta', {
  '@pulumi/pulumi': { optional: true },
  '@pulumi/kubernetes': { optional: true },
  '@pulumi/command': { optional: true },
  'cdk8s': { optional: true },
  'constructs': { optional: true },
});

// One package, three entry points: the framework-free core, cdk8s, Pulumi.
project.package.addField('exports', {
  '.': { types: './lib/index.d.ts', default: './lib/index.js' },
  './cdk8s': { types: './lib/cdk8s/index.d.ts', default: './lib/cdk8s/index.js' },
  './pulumi': { types: './lib/pulumi/index.d.ts', default: './lib/pulumi/index.js' },
  './package.json': './package.json',
});
project.package.addField('typesVersions', {
  '*': {
    cdk8s: ['lib/cdk8s/index.d.ts'],
    pulumi: ['lib/pulumi/index.d.ts'],
  },
});
project.package.addBin({ 'vhost-user-k8s': 'bin/vhost-user-k8s' });
project.npmignore?.exclude('/examples/', '/bench/', '/test/', '/dist/');
project.gitignore.exclude('/dist/', '/examples/**/dist/', '/.bench/');

// API reference, generated from the TSDoc of every export.
const apiDocs = project.addTask('docgen', {
  description: 'Generate API.md from the TSDoc of every export',
  exec: 'typedoc',
});
project.postCompileTask.spawn(apiDocs);

// The JSON Schema of cluster spec files, generated from the TypeScript types
// so that it is never maintained twice.
const specSchema = project.addTask('schema', {
  description: 'Generate schema/cluster-spec.schema.json from src/spec',
  exec: 'ts-node --transpile-only scripts/generate-schema.ts',
});
project.preCompileTask.spawn(specSchema);

project.addTask('example', {
  description: 'Synthesize the built-in example cluster into dist/',
  exec: 'ts-node --transpile-only src/cli/bin.ts synth -o dist',
  receiveArgs: true,
});

project.addTask('test:all', {
  description:
    'Install the system packages the tests use (Open vSwitch, DPDK, ' +
    'shellcheck), then run the whole test suite',
  steps: [
    { exec: 'bash scripts/install-test-deps.sh' },
    { spawn: 'test' },
  ],
});

project.addTask('bench', {
  description: 'Fleet-scale synthesis benchmark (figures, not a test)',
  exec: 'ts-node --project tsconfig.dev.json bench/synth-fleet.ts',
  receiveArgs: true,
});

project.synth();
