import * as pulumi from '@pulumi/pulumi';
import { userspaceArgs } from './clusters';
import { mockRuntime, settled, valueOf } from './support';
import { VhostUserClusterArgs } from '../../src/pulumi';
import { finalRendering, prepareCluster } from '../../src/pulumi/prepare';
import * as synth from '../../src/synth/synthesize';

beforeEach(() => mockRuntime());
afterEach(settled);

/** The guide's cluster with a second VM of the same name in another namespace. */
function twoVms(first: pulumi.Input<string>, second: pulumi.Input<string>): VhostUserClusterArgs {
  const args = userspaceArgs();
  const vm = args.vms![0];
  return {
    ...args,
    networks: [{ name: 'ovs-dpdk' }, { name: 'ovs-dpdk', namespace: 'b' }],
    vms: [{ ...vm, namespace: first }, { ...vm, namespace: second }],
  };
}

/**
 * The error an Output fails with. Its value, and whether it is known or
 * secret, are promises of the SDK's that reject together.
 */
function rejectionOf(output: pulumi.Output<unknown>): Promise<Error> {
  const parts = output as any;
  parts.isKnown.catch(() => undefined);
  parts.isSecret.catch(() => undefined);
  return parts.promise().then(() => new Error('no rejection'), (e: Error) => e);
}

describe('prepareCluster', () => {
  test('names members <cluster>-<name>, with a plain namespace other than default', () => {
    const { names } = prepareCluster('lab', twoVms('default', 'b'));

    expect(names.vms).toEqual(['lab-ubuntu-vhostuser', 'lab-b.ubuntu-vhostuser']);
  });

  test('refuses two members whose names only a namespace not known yet would tell apart',
    () => {
      expect(() => prepareCluster('lab', twoVms('default', pulumi.output('b'))))
        .toThrow("VhostUserCluster 'lab': two vms would both be named 'lab-ubuntu-vhostuser'");
    });

  test('names the fields checked with stand-ins when the cluster has errors', () => {
    const args = userspaceArgs();
    const vms = [{ ...args.vms![0], hugepageSize: '2Mi', namespace: pulumi.output('x') }];

    expect(() => prepareCluster('lab', { ...args, vms }))
      .toThrow(/\n\(checked before these Inputs were known, with stand-ins: vms\[0\]\.namespace\)$/);
  });
});

describe('finalRendering', () => {
  test('synthesizes once when every Input is known', async () => {
    const spy = jest.spyOn(synth, 'synthesize');
    const args = userspaceArgs();
    const prepared = prepareCluster('lab', args);

    expect(await valueOf(finalRendering('lab', args, prepared))).toEqual(prepared.rendered);
    expect(spy).toHaveBeenCalledTimes(1);
  });

  test('fails with the errors only the real values reveal', async () => {
    const args = twoVms('default', pulumi.output('c'));
    const prepared = prepareCluster('lab', { ...args, vms: [args.vms![1]] });

    const error = await rejectionOf(finalRendering('lab', { ...args, vms: [args.vms![1]] },
      prepared));
    expect(error.message).toMatch(/^VhostUserCluster 'lab': 1 error\(s\) in the cluster model:\n/);
    expect(error.message).toContain('error VM006: network "ovs-dpdk" does not exist in namespace c');
  });
});
