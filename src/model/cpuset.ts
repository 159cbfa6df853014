import { cpusToMask, listToCpus, maskToCpus, MAX_CPU } from './cpuset-text';
import { ValueError } from './errors';

/**
 * An immutable set of logical CPU numbers, as Linux, the kubelet and OVS-DPDK
 * name them.
 *
 * Two spellings are read and written:
 * - the **list** form of `lscpu`, sysfs and `isolcpus=`: `0-1,8-11`, `3`, the empty
 *   string, and strided ranges `0-62:2` (every second CPU) or the kernel's
 *   `0-63:2/8` (the first 2 CPUs of every group of 8);
 * - the **hex mask** of `pmd-cpu-mask` and `dpdk-lcore-mask`: `0xf00`, `F00`, and the
 *   comma-grouped sysfs form `00000000,0000ffff`.
 *
 * Set operations walk the sorted arrays once, so sets of thousands of CPUs stay
 * cheap.
 *
 * @example
 * const pmd = CpuSet.parse('8-11');
 * pmd.toMask();                              // '0xf00'
 * CpuSet.parse('0xf00').equals(pmd);         // true
 * CpuSet.parse('0-15').difference(pmd).toList(); // '0-7,12-15'
 */
export class CpuSet implements Iterable<number> {
  /** The largest CPU number Linux supports (`NR_CPUS` is at most 8192). */
  public static readonly MAX_CPU = MAX_CPU;

  /** The set with no CPUs. */
  public static readonly EMPTY: CpuSet = new CpuSet([]);

  /**
   * Reads either spelling: text starting with `0x` is a hex mask, anything else is
   * the list form. A mask without `0x` (as OVS prints it) needs
   * {@link CpuSet.fromMask}, because `10` would otherwise be ambiguous.
   *
   * @throws ValueError when the text is neither a valid list nor a valid mask
   */
  public static parse(text: string): CpuSet {
    return /^\s*0x/i.test(text) ? CpuSet.fromMask(text) : CpuSet.fromList(text);
  }

  /**
   * Reads the list form: `0-1,8-11`, `3`, `''` (empty), `0-62:2` (stride) or
   * `0-63:2/8` (the kernel's used/group form). Surrounding whitespace (a trailing
   * newline from sysfs) is ignored.
   *
   * @throws ValueError naming the item that cannot be read
   */
  public static fromList(text: string): CpuSet {
    return CpuSet.fromUnsorted(listToCpus(text));
  }

  /**
   * Reads a hex mask, with or without `0x`, optionally in comma-separated groups
   * of 8 digits as sysfs prints it (`00000000,0000ffff`). Bit N is CPU N.
   *
   * @throws ValueError for a missing or non-hex digit, or a bit above
   * {@link CpuSet.MAX_CPU}
   */
  public static fromMask(text: string): CpuSet {
    return new CpuSet(maskToCpus(text));
  }

  /**
   * The set of the given CPU numbers, in any order, duplicates allowed.
   *
   * @throws ValueError for a number that is not an integer from 0 to
   * {@link CpuSet.MAX_CPU}
   */
  public static of(...cpus: number[]): CpuSet {
    for (const cpu of cpus) {
      checkCpu(cpu);
    }
    return CpuSet.fromUnsorted(cpus);
  }

  /**
   * The CPUs from `first` to `last`, both included.
   *
   * @throws ValueError when a bound is not a valid CPU number or `last < first`
   */
  public static range(first: number, last: number): CpuSet {
    checkCpu(first);
    checkCpu(last);
    if (last < first) {
      throw new ValueError('CPU set', `${first}-${last}`, 'the range runs backwards',
        `Write the smaller CPU first: ${last}-${first}.`);
    }
    const cpus = Array.from({ length: last - first + 1 }, (_, i) => first + i);
    return new CpuSet(cpus);
  }

  private static fromUnsorted(cpus: readonly number[]): CpuSet {
    const sorted = [...cpus].sort((a, b) => a - b);
    return new CpuSet(sorted.filter((cpu, i) => i === 0 || cpu !== sorted[i - 1]));
  }

  private readonly cpus: readonly number[];

  private constructor(sortedUnique: readonly number[]) {
    this.cpus = Object.freeze(sortedUnique);
  }

  /** How many CPUs the set holds. */
  public get size(): number {
    return this.cpus.length;
  }

  /** Whether the set holds no CPU. */
  public get isEmpty(): boolean {
    return this.cpus.length === 0;
  }

  /** Whether the set holds `cpu`. */
  public has(cpu: number): boolean {
    let low = 0;
    let high = this.cpus.length - 1;
    while (low <= high) {
      const middle = Math.floor((low + high) / 2);
      const found = this.cpus[middle];
      if (found === cpu) {
        return true;
      }
      if (found < cpu) {
        low = middle + 1;
      } else {
        high = middle - 1;
      }
    }
    return false;
  }

  /** The CPUs in either set. */
  public union(other: CpuSet): CpuSet {
    return new CpuSet(merge(this.cpus, other.cpus, (inA, inB) => inA || inB));
  }

  /** The CPUs in both sets. */
  public intersect(other: CpuSet): CpuSet {
    return new CpuSet(merge(this.cpus, other.cpus, (inA, inB) => inA && inB));
  }

  /** The CPUs of this set that are not in `other`. */
  public difference(other: CpuSet): CpuSet {
    return new CpuSet(merge(this.cpus, other.cpus, (inA, inB) => inA && !inB));
  }

  /** Whether every CPU of this set is also in `other` (true for the empty set). */
  public isSubsetOf(other: CpuSet): boolean {
    return this.difference(other).isEmpty;
  }

  /** Whether the two sets share no CPU. */
  public isDisjointFrom(other: CpuSet): boolean {
    return this.intersect(other).isEmpty;
  }

  /** Whether both sets hold exactly the same CPUs. */
  public equals(other: CpuSet): boolean {
    return this.cpus.length === other.cpus.length
      && this.cpus.every((cpu, i) => cpu === other.cpus[i]);
  }

  /** The lowest CPU number, or `undefined` for the empty set. */
  public first(): number | undefined {
    return this.cpus[0];
  }

  /** The highest CPU number, or `undefined` for the empty set. */
  public last(): number | undefined {
    return this.cpus[this.cpus.length - 1];
  }

  /** The CPU numbers in ascending order (a fresh array each call). */
  public toArray(): number[] {
    return [...this.cpus];
  }

  /** Iterates the CPU numbers in ascending order. */
  public [Symbol.iterator](): Iterator<number> {
    return this.cpus[Symbol.iterator]();
  }

  /** The canonical list form, for example `0-1,8-11`; `''` for the empty set. */
  public toList(): string {
    const items: string[] = [];
    let start = 0;
    for (let i = 1; i <= this.cpus.length; i++) {
      if (i === this.cpus.length || this.cpus[i] !== this.cpus[i - 1] + 1) {
        const [low, high] = [this.cpus[start], this.cpus[i - 1]];
        items.push(low === high ? `${low}` : `${low}-${high}`);
        start = i;
      }
    }
    return items.join(',');
  }

  /** The hex mask with `0x` and no leading zeros, for example `0xf00`; `0x0` if empty. */
  public toMask(): string {
    return cpusToMask(this.cpus);
  }

  /** The list form, see {@link CpuSet.toList}. */
  public toString(): string {
    return this.toList();
  }

  /** The list form, so that a set reads well inside JSON and diagnostics. */
  public toJSON(): string {
    return this.toList();
  }
}

/** Throws unless `cpu` is an integer from 0 to {@link CpuSet.MAX_CPU}. */
function checkCpu(cpu: number): void {
  if (!Number.isInteger(cpu) || cpu < 0 || cpu > MAX_CPU) {
    throw new ValueError('CPU set', String(cpu),
      `a CPU number is a whole number from 0 to ${MAX_CPU}`,
      'Use the numbers lscpu shows in its CPU column.');
  }
}

/**
 * Walks two sorted unique arrays together and keeps each CPU for which `keep`
 * (given whether it is in `a` and in `b`) says yes.
 */
function merge(
  a: readonly number[],
  b: readonly number[],
  keep: (inA: boolean, inB: boolean) => boolean,
): number[] {
  const result: number[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    const cpu = Math.min(a[i] ?? Infinity, b[j] ?? Infinity);
    const inA = a[i] === cpu;
    const inB = b[j] === cpu;
    if (keep(inA, inB)) {
      result.push(cpu);
    }
    i += inA ? 1 : 0;
    j += inB ? 1 : 0;
  }
  return result;
}
