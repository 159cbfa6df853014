import { ValueError } from '../model/errors';

const VERSION = /^v?(\d+)\.(\d+)(?:\.(\d+))?(?:[-+~._][0-9A-Za-z.+~_-]*)?$/;

/**
 * A component version (kubelet, OVS, Kube-OVN, kernel): `major.minor` and an
 * optional patch level. Rules that depend on a version compare against it.
 *
 * Reads the spellings people copy from release pages and tools: `v1.10.7`,
 * `1.32`, `3.1`, `3.1.0-2+deb12u1` (a Debian package), `6.1.0-18-amd64`
 * (`uname -r`). What follows the patch level is kept in the text and ignored
 * by comparisons.
 *
 * @example
 * Version.parse('v1.10.7').atLeast('1.10');   // true
 * Version.parse('3.1').compare(Version.parse('3.3')); // -1
 */
export class Version {
  /**
   * Reads a version.
   *
   * @param text the version as written
   * @param what what the version is of, for the error message (`'kubelet'`)
   * @throws ValueError when the text does not start with `major.minor`
   */
  public static parse(text: string, what = 'version'): Version {
    const match = VERSION.exec(text.trim());
    if (!match) {
      throw new ValueError(`${what} version`, text,
        'a version is major.minor with an optional patch level',
        'Write it like 1.32, 3.1 or v1.16.2.');
    }
    return new Version(
      Number(match[1]), Number(match[2]), match[3] === undefined ? 0 : Number(match[3]),
      text.trim(),
    );
  }

  /** The version `major.minor.patch`. */
  public static of(major: number, minor: number, patch = 0): Version {
    return new Version(major, minor, patch, `${major}.${minor}.${patch}`);
  }

  /** Major version. */
  public readonly major: number;
  /** Minor version. */
  public readonly minor: number;
  /** Patch level; 0 when the text had none. */
  public readonly patch: number;
  /** The text as given. */
  public readonly text: string;

  private constructor(major: number, minor: number, patch: number, text: string) {
    this.major = major;
    this.minor = minor;
    this.patch = patch;
    this.text = text;
  }

  /** -1, 0 or 1 as this version is older than, equal to or newer than `other`. */
  public compare(other: Version | string): -1 | 0 | 1 {
    const that = typeof other === 'string' ? Version.parse(other) : other;
    const order = [
      this.major - that.major,
      this.minor - that.minor,
      this.patch - that.patch,
    ].find((d) => d !== 0) ?? 0;
    return order < 0 ? -1 : order > 0 ? 1 : 0;
  }

  /** Whether this version is `other` or newer (`'3.3'` means 3.3.0). */
  public atLeast(other: Version | string): boolean {
    return this.compare(other) >= 0;
  }

  /** Whether this version is older than `other`. */
  public below(other: Version | string): boolean {
    return this.compare(other) < 0;
  }

  /** `major.minor`, as rules and diagnostics name a release line. */
  public get majorMinor(): string {
    return `${this.major}.${this.minor}`;
  }

  /** The text as given. */
  public toString(): string {
    return this.text;
  }

  /** The text as given. */
  public toJSON(): string {
    return this.text;
  }
}
