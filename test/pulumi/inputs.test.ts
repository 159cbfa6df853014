import * as pulumi from '@pulumi/pulumi';
import { userspaceArgs } from './clusters';
import { mockRuntime, settled, valueOf } from './support';
import { VhostUserClusterArgs } from '../../src/pulumi';
import { knownSpec, resolvedSpec, specArgs } from '../../src/pulumi/inputs';
import { synthesize } from '../../src/synth';

beforeEach(() => mockRuntime());
afterEach(settled);

/** The guide's cluster with its VM and network in namespaces given as these Inputs. */
function withNamespaces(
  network: pulumi.Input<string> | undefined, vm: pulumi.Input<string> | undefined,
): VhostUserClusterArgs {
  const args = userspaceArgs();
  return {
    ...args,
    networks: [{ ...args.networks![0], namespace: network }],
    vms: [{ ...args.vms![0], namespace: vm }],
  };
}

describe('knownSpec', () => {
  test('a VM namespace not known yet stands in as its network\'s namespace', () => {
    const known = knownSpec('lab', withNamespaces('vms', pulumi.output('vms')));

    expect(known.spec.vms![0].namespace).toBe('vms');
    expect(known.standIns).toEqual(['vms[0].namespace']);
  });

  test('a network namespace not known yet stands in as that of a VM attached to it', () => {
    const known = knownSpec('lab', withNamespaces(Promise.resolve('vms'), 'vms'));

    expect(known.spec.networks![0].namespace).toBe('vms');
  });

  test('namespaces not known on either side stand in as default, together', () => {
    const known = knownSpec('lab', withNamespaces(pulumi.output('a'), pulumi.output('b')));

    expect([known.spec.networks![0].namespace, known.spec.vms![0].namespace])
      .toEqual(['default', 'default']);
  });

  test('stand-ins for the image, keys and Secret name pass every rule', () => {
    const args = userspaceArgs();
    const vm = args.vms![0];
    const known = knownSpec('lab', {
      ...args,
      vms: [
        {
          ...vm,
          image: pulumi.output('registry/disk'),
          cloudInit: { sshAuthorizedKeys: [pulumi.output('ssh-ed25519 AAAA x')] },
        },
        { ...vm, name: 'vm-2', cloudInit: { userDataSecretName: pulumi.output('user-data') } },
      ],
    });

    expect(known.standIns).toEqual(['vms[0].image', 'vms[0].cloudInit.sshAuthorizedKeys[0]',
      'vms[1].cloudInit.userDataSecretName']);
    expect(synthesize(known.spec).diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  });

  test('an Output where a plain value is needed is refused, naming the field', () => {
    const args = userspaceArgs();
    const nodes = [{ ...args.nodes[0], name: pulumi.output('dpdk') as unknown as string }];

    expect(() => knownSpec('lab', { ...args, nodes }))
      .toThrow(/^nodes\[0\]\.name is a Pulumi Output \(or a Promise\), but it decides/);
  });
});

describe('specArgs', () => {
  test('leaves out the SSH settings, which are no part of the spec', () => {
    const args = userspaceArgs();
    const hosts = [{ name: 'node-1', connection: { host: '10.0.0.1' } }];
    const spec = specArgs('lab', {
      ...args, nodes: [{ ...args.nodes[0], hosts }], bootstrap: { sudo: false },
    }) as Record<string, any>;

    expect([spec.bootstrap, spec.nodes[0].hosts]).toEqual([undefined, [{ name: 'node-1' }]]);
  });
});

describe('resolvedSpec', () => {
  test('holds the values of the Inputs once known', async () => {
    const spec = await valueOf(resolvedSpec('lab', withNamespaces('vms', pulumi.output('vms'))));

    expect([spec.name, spec.vms![0].namespace]).toEqual(['lab', 'vms']);
  });
});
