// SHA-256 of a short text, for the stable MACs and addresses derived from
// names. Internal to the model.
import * as crypto from 'node:crypto';

type OneShot = (algorithm: string, data: string, encoding: 'buffer') => Buffer;

/** `crypto.hash`, the one-shot digest of Node 20.12 and later, where there is one. */
const oneShot = (crypto as { hash?: OneShot }).hash;

/**
 * The SHA-256 digest of a text's UTF-8 bytes. A fleet derives tens of
 * thousands of these, so the one-shot `crypto.hash` is used where Node has
 * it: it skips the `Hash` object `createHash` builds for each.
 */
export function sha256(text: string): Buffer {
  return oneShot !== undefined ? oneShot('sha256', text, 'buffer')
    : crypto.createHash('sha256').update(text, 'utf8').digest();
}
