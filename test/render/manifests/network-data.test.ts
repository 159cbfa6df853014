import * as fc from 'fast-check';
import {
  NetworkDataNic, networkDataDocument, networkDataText,
} from '../../../src/render/manifests/network-data';
import { toBlockYaml } from '../../../src/render/yaml-block';

const name = fc.oneof(
  fc.constantFrom('tenant-a', 'storage', 'pod', 'eth0', '10', '2', 'true', '__proto__', 'a b'),
  fc.string({ unit: fc.constantFrom(...'az09-:#"\' '.split('')), maxLength: 6 }),
);
const address = fc.constantFrom('10.10.0.5/20', '2001:db8::5/64', '::1/128', '');
const nic: fc.Arbitrary<NetworkDataNic> = fc.record({
  name,
  mac: fc.constantFrom('02:1a:2b:3c:4d:5e', '16:a6:3f:c3:1e:38'),
  address: fc.option(address, { nil: undefined }),
  route: fc.option(fc.record({ to: fc.constantFrom('0.0.0.0/0', '::/0'), via: address }),
    { nil: undefined }),
  dhcp: fc.option(fc.boolean(), { nil: undefined }),
}, { requiredKeys: ['name', 'mac'] });

describe('networkDataText', () => {
  test('is what toBlockYaml writes for the document, for any NICs', () => {
    fc.assert(fc.property(fc.option(fc.constant('0a:00:00:00:00:01'), { nil: undefined }),
      fc.array(nic, { minLength: 1, maxLength: 4 }), (podMac, nics) => {
        expect(networkDataText(podMac, nics)).toBe(toBlockYaml(networkDataDocument(podMac, nics)));
      }), { numRuns: 3000 });
  });

  test('lists the pod NIC first, with DHCP, under its guest name', () => {
    const text = networkDataText('0a:00:00:00:00:01', [
      { name: 'storage', mac: '02:00:00:00:00:02', address: '10.30.0.9/19' },
    ]);
    expect(text.split('\n').slice(2, 7)).toEqual([
      '  pod:', '    match:', '      macaddress: 0a:00:00:00:00:01', '    set-name: eth0',
      '    dhcp4: true',
    ]);
  });
});
