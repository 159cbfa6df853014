import { ValueError } from '../../src/model/errors';

/**
 * Runs `fn` and returns the ValueError it throws, so that a test can assert one
 * part of it (usually `reason`). Fails when nothing or something else is thrown.
 */
export function valueErrorOf(fn: () => unknown): ValueError {
  try {
    fn();
  } catch (e) {
    if (e instanceof ValueError) {
      return e;
    }
    throw e;
  }
  throw new Error('expected a ValueError, but nothing was thrown');
}
