import * as k8s from '@pulumi/kubernetes';
import * as pulumi from '@pulumi/pulumi';
import { userspaceArgs } from './clusters';
import { mockRuntime, Registry, settled } from './support';
import { VhostUserClusterArgs } from '../../src/pulumi';
import { synthesize } from '../../src/synth';
import { manualGuideUserspace } from '../fixtures/specs/manual-guide-userspace';

type Lib = typeof import('../../src/pulumi');
let lib: Lib;

async function runtime(options: Parameters<typeof mockRuntime>[0] = {}): Promise<Registry> {
  const registry = await mockRuntime(options);
  lib = await import('../../src/pulumi');
  return registry;
}
afterEach(settled);

/** The guide's cluster with its network and VM in these namespaces. */
function inNamespace(
  namespace: pulumi.Input<string>, vmNamespace = namespace,
): VhostUserClusterArgs {
  const args = userspaceArgs();
  return {
    ...args,
    networks: [{ ...args.networks![0], namespace }],
    vms: [{ ...args.vms![0], namespace: vmNamespace }],
  };
}

const VM = 'VirtualMachine lab-ubuntu-vhostuser';

describe('VhostUserVm', () => {
  test('a namespace of the same program lands in metadata.namespace; the VM waits for it',
    async () => {
      const registry = await runtime();
      const namespace = new k8s.core.v1.Namespace('vms', { metadata: { name: 'vms' } });
      new lib.VhostUserCluster('lab', inNamespace(namespace.metadata.name));
      await settled();

      expect(registry.get(VM).inputs.metadata.namespace).toBe('vms');
      expect(registry.dependenciesOf(VM)).toContain('Namespace vms');
    });

  test('is planned with the real namespace once known, as a plain spec would be', async () => {
    const registry = await runtime();
    new lib.VhostUserCluster('lab', inNamespace(pulumi.output('vms')));
    await settled();

    const spec = JSON.parse(JSON.stringify(manualGuideUserspace));
    spec.networks[0].namespace = 'vms';
    spec.vms[0] = { ...spec.vms[0], namespace: 'vms', cpus: 2 };
    const plain = synthesize({ ...spec, name: 'lab' }).manifests
      .find((m) => m.kind === 'VirtualMachine')!;
    expect(registry.get(VM).inputs.spec).toEqual(JSON.parse(JSON.stringify(plain.spec)));
  });

  test('with a namespace unknown at preview, the VM is registered with unknown content',
    async () => {
      const registry = await runtime({
        preview: true,
        state: (args) => (args.type === 'kubernetes:core/v1:Namespace' ? {} : args.inputs),
      });
      const namespace = new k8s.core.v1.Namespace('vms', {});
      new lib.VhostUserCluster('lab', inNamespace(namespace.metadata.name));
      await settled();

      expect(pulumi.isUnknown(registry.get(VM).inputs.spec)).toBe(true);
    });
});
