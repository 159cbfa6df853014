import { ValueError } from './errors';
import {
  bytesToKernel, bytesToQuantity, checkSafe, kernelToBytes, ovsMegabytesToBytes,
  quantityToBytes,
} from './quantity';

const KIB = 1024;
const MIB = KIB ** 2;

/**
 * An amount of memory: a whole, non-negative number of bytes, below 8 PiB
 * (`Number.MAX_SAFE_INTEGER`).
 *
 * Reads and writes the spellings of each layer: Kubernetes quantities (`2148Mi`),
 * OVS `dpdk-socket-mem` megabytes (`1024`), and the kernel's hugepage sizes (`1G`,
 * `hugepages-1048576kB`).
 *
 * @example
 * Size.parse('2Gi').plus(Size.parse('100Mi')).toQuantity(); // '2148Mi'
 * Size.fromKernel('2048kB').toQuantity();                   // '2Mi'
 * Size.parse('1Gi').toOvsMegabytes();                       // '1024'
 */
export class Size {
  /** No memory. */
  public static readonly ZERO: Size = new Size(0);

  /**
   * Reads a Kubernetes quantity: `512Mi`, `1Gi` (powers of 1024: Ki Mi Gi Ti Pi),
   * `500M` (powers of 1000: k M G T P), `1e3`, `1.5Gi`, or plain bytes. A number is
   * taken as bytes, as when YAML holds `memory: 1073741824`.
   *
   * @throws ValueError for an empty or negative value, an unknown unit (`GB`),
   * whitespace (`1 Gi`), or a fraction that is not a whole number of bytes
   */
  public static parse(text: string | number): Size {
    if (typeof text === 'number') {
      return Size.bytes(text);
    }
    return new Size(quantityToBytes(text));
  }

  /**
   * Reads one entry of OVS `dpdk-socket-mem` or `dpdk-socket-limit`: a whole
   * number of MiB with no unit (`1024` is 1Gi).
   *
   * @throws ValueError unless the text is digits only
   */
  public static fromOvsMegabytes(text: string): Size {
    return new Size(ovsMegabytesToBytes(text));
  }

  /**
   * Reads the kernel's hugepage size syntax: `1G`, `2M`, `2048kB`, `1048576kB`
   * (powers of 1024), or plain bytes.
   *
   * @throws ValueError for any other spelling, such as the Kubernetes `1Gi`
   */
  public static fromKernel(text: string): Size {
    return new Size(kernelToBytes(text));
  }

  /**
   * `n` bytes.
   *
   * @throws ValueError unless `n` is a whole number from 0 to 2^53 - 1 (just below 8 PiB)
   */
  public static bytes(n: number): Size {
    if (Number.isSafeInteger(n) && n >= 0) {
      return new Size(n + 0); // -0 becomes 0
    }
    if (!Number.isInteger(n) || n < 0) {
      throw new ValueError('size', String(n),
        'a size is a whole, non-negative number of bytes',
        'Pass a whole number of bytes, or use Size.parse with a unit such as 1Gi.');
    }
    return new Size(checkSafe(String(n), BigInt(n)));
  }

  /** `n` KiB; `n` may be fractional when the result is whole bytes. */
  public static kibibytes(n: number): Size {
    return Size.bytes(n * KIB);
  }

  /** `n` MiB; `n` may be fractional when the result is whole bytes. */
  public static mebibytes(n: number): Size {
    return Size.bytes(n * MIB);
  }

  /** `n` GiB; `n` may be fractional when the result is whole bytes. */
  public static gibibytes(n: number): Size {
    return Size.bytes(n * KIB ** 3);
  }

  /** The total of the sizes; {@link Size.ZERO} for none. */
  public static sum(sizes: Iterable<Size>): Size {
    let total = Size.ZERO;
    for (const size of sizes) {
      total = total.plus(size);
    }
    return total;
  }

  /** The number of bytes. */
  public readonly bytes: number;

  private constructor(bytes: number) {
    this.bytes = bytes;
  }

  /** Whether this is no memory at all. */
  public get isZero(): boolean {
    return this.bytes === 0;
  }

  /** This size and `other` together. */
  public plus(other: Size): Size {
    // Both are safe integers, so a safe sum is exact; any other is too large.
    const sum = this.bytes + other.bytes;
    return Number.isSafeInteger(sum) ? new Size(sum)
      : new Size(checkSafe(`${this} + ${other}`, BigInt(this.bytes) + BigInt(other.bytes)));
  }

  /**
   * This size less `other`.
   *
   * @throws ValueError when `other` is larger, since a size cannot be negative
   */
  public minus(other: Size): Size {
    if (other.bytes > this.bytes) {
      throw new ValueError('size', `${this} - ${other}`, 'the result would be negative',
        'Compare the sizes first, or subtract the smaller from the larger.');
    }
    return new Size(this.bytes - other.bytes);
  }

  /**
   * This size `factor` times.
   *
   * @throws ValueError unless `factor` is a whole, non-negative number
   */
  public times(factor: number): Size {
    if (!Number.isSafeInteger(factor) || factor < 0) {
      throw new ValueError('size', `${this} × ${factor}`,
        'a size can only be multiplied by a whole, non-negative number',
        'Multiply by a count, such as the number of hugepages.');
    }
    // A safe product of safe integers is exact; any other is too large.
    const product = this.bytes * factor;
    return Number.isSafeInteger(product) ? new Size(product)
      : new Size(checkSafe(`${this} × ${factor}`, BigInt(this.bytes) * BigInt(factor)));
  }

  /**
   * How many whole times `other` fits into this size (rounded down), for example
   * how many 1Gi hugepages fit in 2.5Gi (2).
   *
   * @throws ValueError when `other` is zero
   */
  public dividedBy(other: Size): number {
    if (other.isZero) {
      throw new ValueError('size', `${this} ÷ 0`, 'a size cannot be divided by zero',
        'Divide by a size larger than zero, such as a hugepage size.');
    }
    return Math.floor(this.bytes / other.bytes);
  }

  /** Whether this size is a whole number of `other` (for example whole hugepages). */
  public isMultipleOf(other: Size): boolean {
    return other.isZero ? this.isZero : this.bytes % other.bytes === 0;
  }

  /** -1, 0 or 1 as this size is smaller than, equal to or larger than `other`. */
  public compare(other: Size): -1 | 0 | 1 {
    return this.bytes < other.bytes ? -1 : this.bytes > other.bytes ? 1 : 0;
  }

  /** Whether both sizes count the same bytes, however they were written. */
  public equals(other: Size): boolean {
    return this.bytes === other.bytes;
  }

  /**
   * The Kubernetes quantity in the largest binary unit that is exact: `1Gi`,
   * `2148Mi`, `100Mi`; plain bytes when no unit divides evenly; `0` for zero.
   */
  public toQuantity(): string {
    return bytesToQuantity(this.bytes);
  }

  /** The size in MiB, with a fraction when it is not a whole number of MiB. */
  public toMebibytes(): number {
    return this.bytes / MIB;
  }

  /**
   * The OVS `dpdk-socket-mem` spelling: whole MiB, no unit (`1Gi` is `1024`).
   *
   * @throws ValueError when the size is not a whole number of MiB
   */
  public toOvsMegabytes(): string {
    if (this.bytes % MIB !== 0) {
      throw new ValueError('size', this.toQuantity(), 'OVS counts memory in whole MiB',
        'Round the size to a multiple of 1Mi.');
    }
    return `${this.bytes / MIB}`;
  }

  /**
   * The kernel's spelling, as in `hugepagesz=1G`: the largest of G, M, K that is
   * exact, otherwise plain bytes.
   */
  public toKernel(): string {
    return bytesToKernel(this.bytes);
  }

  /**
   * The sysfs directory name of a hugepage size, as under
   * `/sys/kernel/mm/hugepages/`: `hugepages-1048576kB` for 1Gi.
   *
   * @throws ValueError when the size is zero or not a whole number of KiB
   */
  public toSysfsName(): string {
    if (this.isZero || this.bytes % KIB !== 0) {
      throw new ValueError('hugepage size', this.toQuantity(),
        'a hugepage size is a positive, whole number of KiB',
        'Use a size the CPU supports, usually 2Mi or 1Gi.');
    }
    return `hugepages-${this.bytes / KIB}kB`;
  }

  /** The Kubernetes quantity, see {@link Size.toQuantity}. */
  public toString(): string {
    return this.toQuantity();
  }

  /** The Kubernetes quantity, so that sizes read well inside JSON and diagnostics. */
  public toJSON(): string {
    return this.toQuantity();
  }
}

/** Whether an eviction threshold is a fixed size or a share of capacity. */
export type ThresholdKind = 'absolute' | 'percentage';

/**
 * A kubelet eviction threshold such as `evictionHard: {memory.available: 100Mi}`:
 * either a fixed size or a percentage of the node's capacity.
 *
 * The kubelet adds the hard `memory.available` threshold to the memory it
 * reserves, so `reservedMemory` only balances once the threshold is resolved
 * against the node's memory exactly as the kubelet resolves it.
 *
 * @see https://kubernetes.io/docs/concepts/scheduling-eviction/node-pressure-eviction/
 */
export class Threshold {
  /**
   * Reads a threshold value: a quantity (`100Mi`) or a percentage (`5%`, `10.5%`).
   *
   * @throws ValueError for a percentage outside 0-100, a zero or unreadable quantity
   */
  public static parse(text: string): Threshold {
    if (!text.endsWith('%')) {
      const size = Size.parse(text);
      if (size.isZero) {
        throw new ValueError('eviction threshold', text, 'it must be positive',
          'The kubelet refuses a zero threshold; write a size such as 100Mi, or 0% for none.');
      }
      return new Threshold('absolute', size, undefined);
    }

    const number = text.slice(0, -1);
    if (!/^(\d+\.?\d*|\.\d+)$/.test(number) || Number(number) > 100) {
      throw new ValueError('eviction threshold', text,
        'a percentage is a number from 0 to 100 followed by one %',
        'Write it like 5% or 10.5%.');
    }
    return new Threshold('percentage', undefined, Number(number));
  }

  /** A fixed threshold of `size`. */
  public static absolute(size: Size): Threshold {
    return Threshold.parse(size.toQuantity());
  }

  /** A threshold of `percent` (0 to 100) percent of capacity. */
  public static percentage(percent: number): Threshold {
    return Threshold.parse(`${percent}%`);
  }

  /** Whether this is a fixed size or a percentage of capacity. */
  public readonly kind: ThresholdKind;

  /** The fixed size, when {@link Threshold.kind} is `'absolute'`. */
  public readonly size?: Size;

  /** The percentage (0 to 100), when {@link Threshold.kind} is `'percentage'`. */
  public readonly percent?: number;

  private constructor(kind: ThresholdKind, size?: Size, percent?: number) {
    this.kind = kind;
    this.size = size;
    this.percent = percent;
  }

  /**
   * The threshold in bytes for a node with `capacity` of memory.
   *
   * A percentage is rounded as the kubelet rounds it (`GetThresholdQuantity` in
   * pkg/kubelet/eviction): the percentage is held as a float32 fraction, multiplied
   * by the capacity in float64, and truncated to whole bytes. That is why 10% of
   * 1Gi is 107374184 bytes, not 107374182. The text is read into float32 through a
   * float64, where Go reads it into float32 directly; the two differ only for
   * percentages with more digits than a float32 holds.
   */
  public resolve(capacity: Size): Size {
    if (this.size) {
      return this.size;
    }
    const fraction = Math.fround(Math.fround(this.percent ?? 0) / 100);
    return Size.bytes(Math.trunc(capacity.bytes * fraction));
  }

  /** The threshold as the kubelet configuration writes it: `100Mi` or `10.5%`. */
  public toString(): string {
    return this.size ? this.size.toQuantity() : `${this.percent}%`;
  }
}
