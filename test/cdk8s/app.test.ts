import {
  existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync,
  writeFileSync,
} from 'fs';
import { tmpdir } from 'os';
import { join, relative } from 'path';
import { parseAllDocuments } from 'yaml';
import { errorOf, KUBE_OVN_VM } from './support';
import {
  synthesizeApp, VhostUserApp, VhostUserCluster, VhostUserVm,
} from '../../src/cdk8s';
import { manualGuideKubeOvn } from '../fixtures/specs/manual-guide-kube-ovn';
import { expectValidManifests } from '../support/schema-validate';

/** A fresh output folder that does not exist yet. */
function outdir(): string {
  return join(mkdtempSync(join(tmpdir(), 'vhost-user-cdk8s-')), 'dist');
}

/** Every file under a folder, relative to it, sorted. */
function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((path) => statSync(join(dir, path)).isFile())
    .map((path) => relative(dir, join(dir, path)))
    .sort();
}

describe('VhostUserApp', () => {
  test('synth writes the manifests, the node files and PLAN.md into one folder', () => {
    const app = new VhostUserApp({ outdir: outdir() });
    VhostUserCluster.fromSpec(app, 'kube-ovn-guide', manualGuideKubeOvn);

    app.synth();

    expect(filesUnder(app.outdir)).toEqual(expect.arrayContaining([
      'PLAN.md', 'kube-ovn-guide.k8s.yaml', 'nodes/dpdk/bootstrap.sh', 'nodes/dpdk/verify.sh',
    ]));
  });

  test('the manifests written are valid', () => {
    const app = new VhostUserApp({ outdir: outdir() });
    VhostUserCluster.fromSpec(app, 'kube-ovn-guide', manualGuideKubeOvn);
    app.synth();

    const text = readFileSync(join(app.outdir, 'kube-ovn-guide.k8s.yaml'), 'utf8');
    expectValidManifests(parseAllDocuments(text).map((doc) => doc.toJS()));
  });

  test('leaves the previous output as it was when a node file cannot be written', () => {
    const out = outdir();
    const first = new VhostUserApp({ outdir: out });
    VhostUserCluster.fromSpec(first, 'kube-ovn-guide', manualGuideKubeOvn);
    first.synth();
    writeFileSync(join(out, 'kube-ovn-guide.k8s.yaml'), 'the previous manifests\n');
    rmSync(join(out, 'nodes/dpdk/verify.sh'));
    mkdirSync(join(out, 'nodes/dpdk/verify.sh'));

    const app = new VhostUserApp({ outdir: out });
    VhostUserCluster.fromSpec(app, 'kube-ovn-guide', manualGuideKubeOvn);
    expect(() => app.synth()).toThrow('nodes/dpdk/verify.sh: it is a folder');
    expect(readFileSync(join(out, 'kube-ovn-guide.k8s.yaml'), 'utf8'))
      .toBe('the previous manifests\n');
  });

  test('node scripts are written executable', () => {
    const app = new VhostUserApp({ outdir: outdir() });
    VhostUserCluster.fromSpec(app, 'kube-ovn-guide', manualGuideKubeOvn);
    app.synth();

    const mode = statSync(join(app.outdir, 'nodes/dpdk/bootstrap.sh')).mode;
    expect((mode % 0o1000).toString(8)).toBe('755');
  });

  test('a cluster with errors fails with every error and writes no file, no folder', () => {
    const app = new VhostUserApp({ outdir: outdir() });
    const cluster = VhostUserCluster.fromSpec(app, 'lab', manualGuideKubeOvn);
    new VhostUserVm(cluster, 'second', { ...KUBE_OVN_VM, name: 'second', memory: '1536Mi' });
    cluster.node.findChild('Subnets').node.tryRemoveChild('sn-dhcp');

    const message = errorOf(() => app.synth());

    expect(message.match(/error [A-Z]+\d+/g)).toEqual(['error NET003', 'error VM004']);
    expect(existsSync(app.outdir)).toBe(false);
  });

  test('one app writes the node files of one cluster', () => {
    const app = new VhostUserApp({ outdir: outdir() });
    VhostUserCluster.fromSpec(app, 'a', manualGuideKubeOvn);
    VhostUserCluster.fromSpec(app, 'b', manualGuideKubeOvn);

    expect(errorOf(() => app.synth())).toBe('VhostUserApp writes the node files of one '
      + 'VhostUserCluster, and this app has 2 (a, b): their nodes/ folders and PLAN.md would '
      + 'collide. Give each cluster its own app.');
  });
});

describe('synthesizeApp', () => {
  test('lists the files it wrote, manifests first', () => {
    const dir = outdir();

    const { files } = synthesizeApp(manualGuideKubeOvn, { outdir: dir });

    expect(files[0]).toBe('kube-ovn-guide.k8s.yaml');
    expect([...files].sort()).toEqual(filesUnder(dir));
  });

  test('writes byte for byte what cdk8s writes for the same cluster', () => {
    const dir = outdir();
    const app = new VhostUserApp({ outdir: outdir() });
    VhostUserCluster.fromSpec(app, manualGuideKubeOvn.name, manualGuideKubeOvn);
    app.synth();

    synthesizeApp(manualGuideKubeOvn, { outdir: dir });

    for (const file of filesUnder(app.outdir)) {
      const read = (folder: string) => readFileSync(join(folder, file), 'utf8');
      expect(read(dir)).toBe(read(app.outdir));
    }
  });

  test('returns a value a construct would refuse as a diagnostic, and writes nothing', () => {
    const dir = outdir();

    const result = synthesizeApp({
      ...manualGuideKubeOvn, vms: [{ ...KUBE_OVN_VM, memory: '1 Gi' }],
    }, { outdir: dir });

    expect(result.diagnostics.map((d) => `${d.code} ${d.path}`)).toEqual(['VM002 vms[0].memory']);
    expect([result.files, existsSync(dir)]).toEqual([[], false]);
  });
});
