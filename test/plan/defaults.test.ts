import { ovsOfKubeOvn } from '../../src/plan/defaults';
import { Version } from '../../src/plan/versions';

describe('ovsOfKubeOvn', () => {
  test.each([
    ['v1.10.7', '2.16'],
    ['v1.12.3', '2.16'],
    ['v1.12.4', '3.1'],
    ['v1.13.0', '3.3'],
    ['v1.14.4', '3.3'],
    ['v1.15.24', '3.5'],
    ['v1.16.2', '3.5'],
  ])('knows the OVS inside the Kube-OVN %s DPDK image: %s', (kubeOvn, ovs) => {
    expect(ovsOfKubeOvn(Version.parse(kubeOvn))?.majorMinor).toBe(ovs);
  });

  test('knows no OVS before v1.10, which has no hybrid DPDK mode', () => {
    expect(ovsOfKubeOvn(Version.parse('v1.9.30'))).toBeUndefined();
  });
});
