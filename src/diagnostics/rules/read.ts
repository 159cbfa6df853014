import { ValueError } from '../../model/errors';
import { Findings } from '../findings';

/**
 * Reads a value with a model parser (`Size.parse`, `Cidr.parse`, ...) and
 * turns a `ValueError` into an error finding at `path`, so that one bad value
 * is reported and planning goes on without it.
 *
 * @returns the value, or undefined when it cannot be read
 */
export function readValue<T>(
  read: () => T, code: string, path: string, findings: Findings,
): T | undefined {
  try {
    return read();
  } catch (e) {
    if (!(e instanceof ValueError)) {
      throw e;
    }
    findings.error(code, {
      path,
      message: `${path} ${JSON.stringify(e.input)} is not a valid ${e.kind}: ${e.reason}`,
      hint: e.hint,
    });
    return undefined;
  }
}
