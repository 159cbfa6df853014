import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * API.md is generated (`npx projen docgen`) and committed, so that the reference
 * can be read on the repository's page. It must be what the sources give now.
 */
describe('API.md', () => {
  const root = join(__dirname, '../..');
  let dir: string;
  let generated: string;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'api-md-'));
    const bin = (name: string) => join(root, 'node_modules/.bin', name);
    execFileSync(bin('typedoc'), ['--out', join(dir, 'pages')], { cwd: root, stdio: 'pipe' });
    execFileSync(bin('ts-node'), ['--transpile-only', 'scripts/api-md.ts',
      join(dir, 'pages'), join(dir, 'API.md')], { cwd: root, stdio: 'pipe' });
    generated = readFileSync(join(dir, 'API.md'), 'utf8');
  });

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  test('is what docgen writes from the sources now', () => {
    expect(readFileSync(join(root, 'API.md'), 'utf8')).toBe(generated);
  });

  test('documents each entry point, the constructs and the components', () => {
    const sections = generated.split(/^## `/m).slice(1).map((s) => s.split('`')[0]);
    expect(sections).toEqual([
      'vhost-user-k8s', 'vhost-user-k8s/cdk8s', 'vhost-user-k8s/pulumi',
    ]);
    for (const name of ['OvsDpdkNode', 'KubeOvnDpdk', 'UserspaceCni', 'VhostUserNetwork',
      'VhostUserVm', 'DhcpSubnet', 'VhostUserCluster']) {
      expect(generated).toContain(`<a id="cdk8s-${name.toLowerCase()}"></a>`);
      expect(generated).toContain(`<a id="pulumi-${name.toLowerCase()}"></a>`);
    }
  });
});
