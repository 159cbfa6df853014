import { createHash } from 'crypto';
import * as fc from 'fast-check';
import { sha256 } from '../../src/model/sha256';

describe('sha256', () => {
  test('is the SHA-256 digest of the UTF-8 bytes, as createHash gives it', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary' }), (text) =>
      sha256(text).equals(createHash('sha256').update(text, 'utf8').digest())));
  });
});
