import { nicDriverFamilyForVendor, nicVendorName } from '../../src/model/nic';
import { valueErrorOf } from '../support/value-error';

describe('nicDriverFamilyForVendor', () => {
  test.each([
    [0x8086, 'vfio-pci'],
    [0x15b3, 'mlx5'],
    ['0x15b3', 'mlx5'],
    ['15B3', 'mlx5'],
    ['mellanox', 'mlx5'],
    ['intel', 'vfio-pci'],
    [0x14e4, 'vfio-pci'],
    ['0x1077\n', 'vfio-pci'],
  ])('gives vendor %j the %s family', (vendor, family) => {
    expect(nicDriverFamilyForVendor(vendor)).toBe(family);
  });
});

describe('nicVendorName', () => {
  test.each([
    [0x8086, 'intel'],
    ['0x15b3', 'mellanox'],
    ['Mellanox', 'mellanox'],
    [0x14e4, '0x14e4'],
    ['0x1AF4', '0x1af4'],
    [0x1d, '0x001d'],
  ])('names vendor %j %s', (vendor, name) => {
    expect(nicVendorName(vendor)).toBe(name);
  });

  test('refuses a string that is neither a hex id nor a known name', () => {
    expect(valueErrorOf(() => nicVendorName('broadcom')).reason)
      .toBe('it is neither a hex vendor id nor a known vendor name');
  });

  test('refuses a number above 16 bits', () => {
    expect(valueErrorOf(() => nicVendorName(0x10000)).reason)
      .toBe('a vendor id is a 16-bit number');
  });
});
