import { createHash } from 'crypto';
import { userspaceArgs } from './clusters';
import { labelOf, mockRuntime, Registry, settled, valueOf } from './support';
import { RemoteBootstrapArgs, VhostUserClusterArgs } from '../../src/pulumi';

type Lib = typeof import('../../src/pulumi');
let lib: Lib;
let registry: Registry;

beforeEach(async () => {
  registry = await mockRuntime();
  lib = await import('../../src/pulumi');
});
afterEach(settled);

/** The guide's cluster, its hosts reached over SSH. */
function overSsh(bootstrap: RemoteBootstrapArgs = {}): VhostUserClusterArgs {
  const args = userspaceArgs();
  const hosts = [{ name: 'node-1', connection: { host: '10.0.0.1' } }, { name: 'node-2' }];
  return { ...args, nodes: [{ ...args.nodes[0], hosts }], bootstrap };
}

describe('OvsDpdkNode', () => {
  test('gives the pool\'s node files as outputs, under nodes/<pool>/', async () => {
    const node = new lib.VhostUserCluster('lab', userspaceArgs()).nodes[0];

    const files = await valueOf(node.files);
    expect(files.filter((file) => !file.path.startsWith('nodes/dpdk/'))).toEqual([]);
    expect(await valueOf(node.bootstrapScript))
      .toBe(files.find((file) => file.path === 'nodes/dpdk/bootstrap.sh')!.content);
  });

  test('without the cluster\'s bootstrap, runs nothing on the hosts', async () => {
    const node = new lib.VhostUserCluster('lab', userspaceArgs()).nodes[0];
    await settled();

    expect(node.bootstrapCommands).toEqual([]);
    expect(registry.all.filter((r) => r.type.startsWith('command:'))).toEqual([]);
  });

  test('with the cluster\'s bootstrap, copies bootstrap.sh to each host, then runs it', async () => {
    new lib.VhostUserCluster('lab', overSsh());
    await settled();

    const steps = registry.all.filter((r) => r.type.startsWith('command:'))
      .map((r) => `${labelOf(r.urn)} <- ${labelOf(r.parent)}`);
    expect(steps.sort()).toEqual([
      'Command lab-dpdk-node-1-bootstrap <- OvsDpdkNode lab-dpdk',
      'Command lab-dpdk-node-2-bootstrap <- OvsDpdkNode lab-dpdk',
      'CopyToRemote lab-dpdk-node-1-copy <- OvsDpdkNode lab-dpdk',
      'CopyToRemote lab-dpdk-node-2-copy <- OvsDpdkNode lab-dpdk',
    ]);
    expect(registry.dependenciesOf('Command lab-dpdk-node-1-bootstrap'))
      .toEqual(['CopyToRemote lab-dpdk-node-1-copy']);
  });

  test('runs the script with sudo, naming the host, from the SSH user\'s home', async () => {
    new lib.VhostUserCluster('lab', overSsh());
    await settled();

    expect(registry.get('Command lab-dpdk-node-2-bootstrap').inputs.create)
      .toBe('sudo -n env NODE_NAME=node-2 bash .vhost-user-k8s/dpdk/bootstrap.sh');
    expect(registry.get('CopyToRemote lab-dpdk-node-2-copy').inputs.remotePath)
      .toBe('.vhost-user-k8s/dpdk/bootstrap.sh');
  });

  test('a host\'s own connection wins over the shared one, field by field', async () => {
    new lib.VhostUserCluster('lab', overSsh({
      connection: { host: 'shared', user: 'ubuntu', privateKey: 'key' },
    }));
    await settled();

    // @pulumi/command fills in its own defaults (port 22, dial limits) beside ours.
    expect(registry.get('Command lab-dpdk-node-1-bootstrap').inputs.connection)
      .toMatchObject({ host: '10.0.0.1', user: 'ubuntu', privateKey: 'key' });
  });

  test('reaches a host with no address by its Kubernetes name', async () => {
    new lib.VhostUserCluster('lab', overSsh({ connection: { user: 'ubuntu' } }));
    await settled();

    expect(registry.get('Command lab-dpdk-node-2-bootstrap').inputs.connection)
      .toMatchObject({ host: 'node-2', user: 'ubuntu' });
  });

  test('triggers on the script\'s SHA-256: a changed script is copied and run again', async () => {
    const node = new lib.VhostUserCluster('lab', overSsh()).nodes[0];
    await settled();

    const digest = createHash('sha256').update(await valueOf(node.bootstrapScript)).digest('hex');
    expect(registry.get('Command lab-dpdk-node-1-bootstrap').inputs.triggers).toEqual([digest]);
    expect(registry.get('CopyToRemote lab-dpdk-node-1-copy').inputs.triggers).toEqual([digest]);
  });

  test('books the hugepage placeholders once the hosts are bootstrapped', async () => {
    new lib.VhostUserCluster('lab', overSsh());
    await settled();

    expect(registry.dependenciesOf('Pod lab-dpdk-ovs-hugepages-node-1-numa0')).toEqual([
      'Command lab-dpdk-node-1-bootstrap', 'Command lab-dpdk-node-2-bootstrap',
    ]);
  });

  test('does not wait for the placeholders to run: they may wait for a reboot', async () => {
    new lib.VhostUserCluster('lab', userspaceArgs());
    await settled();

    expect(registry.get('Pod lab-dpdk-ovs-hugepages-node-2-numa1').inputs.metadata.annotations)
      .toEqual({ 'pulumi.com/skipAwait': 'true' });
  });
});
