import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { parse, stringify } from 'yaml';
import { findCrdSchema, kubeOvnReleaseLine } from './crds';

const CRDS = path.resolve(__dirname, '../../../crds');
const CRD_FILES = [
  'virtink/virt.virtink.smartx.com_virtualmachines.yaml',
  'multus/multus-daemonset.network-attachment-definitions-crd.yml',
  'kube-ovn/subnet-crd.yaml',
];

describe('kubeOvnReleaseLine', () => {
  test.each([
    ['v1.16.2', 'v1.16'], ['1.15', 'v1.15'], [' v1.15.24 ', 'v1.15'], ['v1.17.0', 'v1.17'],
  ])('reads %j as %s', (version, line) => {
    expect(kubeOvnReleaseLine(version)).toBe(line);
  });

  test('refuses a version it cannot read', () => {
    expect(() => kubeOvnReleaseLine('latest'))
      .toThrow('no Kube-OVN Subnet CRD for version "latest"');
  });
});

describe('findCrdSchema', () => {
  test('finds the Subnet CRD of the requested release line', () => {
    const crd = findCrdSchema(CRDS, 'kubeovn.io/v1', 'Subnet', 'v1.15');

    expect(typeof crd !== 'string' && path.basename(crd.file)).toBe('subnet-crd-v1.15.24.yaml');
  });

  test('reads a CRD wrapped in a List, among other documents', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'schema-validate-'));
    for (const file of CRD_FILES) {
      fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
      fs.writeFileSync(path.join(dir, file), fs.readFileSync(path.join(CRDS, file)));
    }
    const nadFile = path.join(dir, CRD_FILES[1]);
    const nadCrd = parse(fs.readFileSync(nadFile, 'utf8'));
    const list = { apiVersion: 'v1', kind: 'List', items: [nadCrd] };
    const configMap = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x' } };
    fs.writeFileSync(nadFile, `${stringify(configMap)}---\n${stringify(list)}`);

    const crd = findCrdSchema(dir, 'k8s.cni.cncf.io/v1', 'NetworkAttachmentDefinition', 'v1.16');
    fs.rmSync(dir, { recursive: true, force: true });

    expect(typeof crd !== 'string' && crd.crdName)
      .toBe('network-attachment-definitions.k8s.cni.cncf.io');
  });

  test('reports the CRD scope', () => {
    const crd = findCrdSchema(CRDS, 'kubeovn.io/v1', 'Subnet', 'v1.16');

    expect(typeof crd !== 'string' && crd.scope).toBe('Cluster');
  });
});
