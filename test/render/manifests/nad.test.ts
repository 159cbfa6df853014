import { CniConfig, NetworkPlan } from '../../../src/plan/types';
import { renderNetworkAttachmentDefinition } from '../../../src/render/manifests/nad';
import { ManifestObject } from '../../../src/render/types';
import {
  kubeOvnNetworkFixture, userspaceNetworkFixture,
} from '../../support/render-plans';
import { expectValidManifests } from '../../support/schema-validate';

function configOf(nad: ManifestObject): Record<string, unknown> {
  return JSON.parse((nad.spec as { config: string }).config);
}

describe('renderNetworkAttachmentDefinition', () => {
  test('is a valid Multus NAD in the network namespace', () => {
    const nad = renderNetworkAttachmentDefinition(kubeOvnNetworkFixture());

    expectValidManifests([nad]);
    expect(nad.metadata).toMatchObject({ name: 'ovn-dpdk', namespace: 'default' });
  });

  test('spec.config is the JSON of the plan CNI configuration', () => {
    const network = userspaceNetworkFixture();

    const nad = renderNetworkAttachmentDefinition(network);

    expect(configOf(nad)).toEqual(network.cniConfig);
  });

  test('spec.config puts cniVersion, name and type first, then sorts every level', () => {
    const network = {
      ...kubeOvnNetworkFixture(),
      cniConfig: { z: { b: 1, a: 2 }, type: 'kube-ovn', cniVersion: '0.3.0', a: [3, 1] },
    } as unknown as NetworkPlan;

    const nad = renderNetworkAttachmentDefinition(network);

    expect((nad.spec as { config: string }).config)
      .toBe('{"cniVersion":"0.3.0","type":"kube-ovn","a":[3,1],"z":{"a":2,"b":1}}');
  });

  test('spec.config does not depend on the order the plan built its keys in', () => {
    const network = kubeOvnNetworkFixture();
    const reversed = Object.fromEntries(Object.entries(network.cniConfig).reverse());

    const first = renderNetworkAttachmentDefinition(network);
    const second = renderNetworkAttachmentDefinition({
      ...network, cniConfig: reversed as unknown as CniConfig,
    });

    expect(second.spec).toEqual(first.spec);
  });

  test('model values in the configuration are written in their text form', () => {
    const network = {
      ...kubeOvnNetworkFixture(),
      cniConfig: { ...kubeOvnNetworkFixture().cniConfig, mtu: { toJSON: () => '1400' } },
    };

    const nad = renderNetworkAttachmentDefinition(network);

    expect(configOf(nad).mtu).toBe('1400');
  });
});
