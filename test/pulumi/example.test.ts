import { readFileSync } from 'fs';
import { join, resolve } from 'path';
import { parseAllDocuments } from 'yaml';
import { ProgramRun, runProgram } from './program';
import { Registration } from './support';
import { ManifestObject } from '../../src/render/types';
import { filesUnder, synthExample } from '../support/cdk8s-synth';

// examples/pulumi is the cluster of the cdk8s app examples/userspace-two-numa
// as a Pulumi program. Run under the mocks, it must create what `cdk8s synth`
// of that app writes: the same objects and the same node files.

const PROGRAM = resolve(__dirname, '..', '..', 'examples', 'pulumi');
const MANIFESTS = 'userspace-guide.k8s.yaml';

let dist: string;
let plain: ProgramRun;
let overSsh: ProgramRun;

beforeAll(async () => {
  [dist, plain, overSsh] = await Promise.all([
    synthExample('userspace-two-numa'),
    runProgram(PROGRAM),
    runProgram(PROGRAM, {
      sshUser: 'ubuntu', sshPrivateKey: 'key', hostAddresses: { 'node-1': '192.0.2.1' },
    }),
  ]);
}, 300_000);

/** The Kubernetes objects of a run (its provider left out), as created. */
function objectsOf(run: ProgramRun): Registration[] {
  return run.registry.all.filter((r) => /^kubernetes:[^:]+\//.test(r.type));
}

/**
 * Objects by `<kind> <namespace>/<name>`, without the annotations that only
 * tell Pulumi how to handle them (`pulumi.com/skipAwait`).
 */
function byName(objects: readonly ManifestObject[]): Map<string, ManifestObject> {
  return new Map(objects.map((object) => {
    const { metadata } = object;
    const annotations = Object.entries(metadata.annotations ?? {})
      .filter(([key]) => !key.startsWith('pulumi.com/'));
    const { annotations: _all, ...rest } = metadata;
    const kept = annotations.length === 0 ? rest
      : { ...rest, annotations: Object.fromEntries(annotations) };
    return [`${object.kind} ${metadata.namespace ?? ''}/${metadata.name}`,
      { ...object, metadata: kept }];
  }));
}

describe('examples/pulumi run under mocks', () => {
  test('creates the objects cdk8s synth of examples/userspace-two-numa writes', () => {
    const synthesized = parseAllDocuments(readFileSync(join(dist, MANIFESTS), 'utf8'))
      .map((doc) => doc.toJS() as ManifestObject);

    const created = byName(objectsOf(plain).map((r) => r.inputs));
    expect([...created.keys()].sort()).toEqual([...byName(synthesized).keys()].sort());
    expect(created).toEqual(byName(synthesized));
  });

  test('gives the node files and PLAN.md cdk8s synth writes, as the output nodeFiles', () => {
    const files = filesUnder(dist).filter((path) => path !== MANIFESTS);

    expect(Object.keys(plain.outputs.nodeFiles).sort()).toEqual(files);
    for (const path of files) {
      expect(`${path}:\n${plain.outputs.nodeFiles[path]}`)
        .toBe(`${path}:\n${readFileSync(join(dist, path), 'utf8')}`);
    }
  });

  test('creates every object through the program\'s Kubernetes provider', () => {
    const providers = objectsOf(plain).map((r) => r.provider.split('::').slice(2, 4).join(' '));

    expect(new Set(providers)).toEqual(new Set(['pulumi:providers:kubernetes cluster']));
  });

  test('runs nothing on the hosts unless sshUser is set', () => {
    expect(plain.registry.all.filter((r) => r.type.startsWith('command:'))).toEqual([]);
  });

  test('with sshUser, runs bootstrap.sh on each host, at its address if one is set', () => {
    const run = (host: string) =>
      overSsh.registry.get(`Command userspace-guide-dpdk-${host}-bootstrap`).inputs;

    expect([run('node-1').connection, run('node-2').connection]).toMatchObject([
      { host: '192.0.2.1', user: 'ubuntu' }, { host: 'node-2', user: 'ubuntu' },
    ]);
    expect(run('node-2').create)
      .toBe('sudo -n env NODE_NAME=node-2 bash .vhost-user-k8s/dpdk/bootstrap.sh');
  });
});
