// Reading the text forms of a memory amount into whole bytes. Internal to the
// model: `Size` is the public face.
import { ValueError } from './errors';

const KIND = 'size';
const KIB = 1024;

/** Binary and decimal unit suffixes of a Kubernetes quantity, as [numerator, denominator]. */
const QUANTITY_SUFFIXES: ReadonlyMap<string, readonly [bigint, bigint]> = new Map([
  ['', [1n, 1n]],
  ['Ki', [1024n, 1n]],
  ['Mi', [1024n ** 2n, 1n]],
  ['Gi', [1024n ** 3n, 1n]],
  ['Ti', [1024n ** 4n, 1n]],
  ['Pi', [1024n ** 5n, 1n]],
  ['Ei', [1024n ** 6n, 1n]],
  ['n', [1n, 10n ** 9n]],
  ['u', [1n, 10n ** 6n]],
  ['m', [1n, 10n ** 3n]],
  ['k', [10n ** 3n, 1n]],
  ['M', [10n ** 6n, 1n]],
  ['G', [10n ** 9n, 1n]],
  ['T', [10n ** 12n, 1n]],
  ['P', [10n ** 15n, 1n]],
  ['E', [10n ** 18n, 1n]],
]);

const QUANTITY_HINT = 'Write a Kubernetes quantity: a number with one of the suffixes '
  + 'Ki, Mi, Gi, Ti, Pi (powers of 1024) or k, M, G, T, P (powers of 1000), '
  + 'like 512Mi or 1Gi.';

/**
 * The spelling nearly every quantity has, `2Gi` or `1073741824`: digits, with
 * a binary unit or none. Read without big integers; the full grammar reads
 * the rest and gives the errors.
 */
const COMMON_QUANTITY = /^(\d{1,15})(Ki|Mi|Gi|Ti|Pi|Ei)?$/;

/** The binary units of {@link COMMON_QUANTITY}, in bytes. */
const BINARY_FACTORS: ReadonlyMap<string, number> = new Map([
  ['Ki', KIB], ['Mi', KIB ** 2], ['Gi', KIB ** 3], ['Ti', KIB ** 4], ['Pi', KIB ** 5],
  ['Ei', KIB ** 6],
]);

/** Binary units from the largest down, for the shortest exact spelling. */
const BINARY_UNITS: readonly (readonly [string, number])[] = [
  ['Pi', KIB ** 5], ['Ti', KIB ** 4], ['Gi', KIB ** 3], ['Mi', KIB ** 2], ['Ki', KIB],
];

/** Units the kernel's `memparse` and hugepage sysfs names use, all powers of 1024. */
const KERNEL_SUFFIXES: ReadonlyMap<string, number> = new Map([
  ['', 1], ['K', KIB], ['k', KIB], ['kB', KIB], ['M', KIB ** 2], ['m', KIB ** 2],
  ['G', KIB ** 3], ['g', KIB ** 3], ['T', KIB ** 4], ['t', KIB ** 4],
]);

/**
 * Reads a Kubernetes quantity (`1Gi`, `512M`, `1e3`, `1.5Gi`, `1073741824`) into
 * whole bytes. Mirrors the grammar of apimachinery's `resource.ParseQuantity`,
 * but refuses what cannot be a whole number of bytes.
 */
export function quantityToBytes(text: string): number {
  const common = COMMON_QUANTITY.exec(text);
  if (common !== null) {
    // Digits times a power of two is exact while it is a safe integer.
    const bytes = Number(common[1]) * (BINARY_FACTORS.get(common[2]) ?? 1);
    if (Number.isSafeInteger(bytes)) {
      return bytes;
    }
  }
  if (text === '') {
    throw new ValueError(KIND, text, 'it is empty', QUANTITY_HINT);
  }
  if (/\s/.test(text)) {
    throw new ValueError(KIND, text, 'it contains whitespace',
      'Write the number and its unit together, like 1Gi.');
  }
  if (text.startsWith('-')) {
    throw new ValueError(KIND, text, 'a memory size cannot be negative',
      'Remove the minus sign.');
  }

  const match = /^\+?(\d+\.?\d*|\.\d+)(.*)$/.exec(text);
  if (!match) {
    throw new ValueError(KIND, text, 'it does not start with a number', QUANTITY_HINT);
  }

  const [, number, suffix] = match;
  const [numerator, denominator] = suffixFactor(text, suffix);
  const [whole, fraction = ''] = number.split('.');
  const scaled = BigInt(whole + fraction) * numerator;
  const divisor = denominator * 10n ** BigInt(fraction.length);
  if (scaled % divisor !== 0n) {
    throw new ValueError(KIND, text, 'it is not a whole number of bytes',
      suffix === 'm'
        ? 'The suffix m means thousandths; for mebibytes write Mi, like 512Mi.'
        : 'Use a smaller unit, like 1536Mi instead of 1.5Gi, so that it counts whole bytes.');
  }
  return checkSafe(text, scaled / divisor);
}

function suffixFactor(text: string, suffix: string): readonly [bigint, bigint] {
  const known = QUANTITY_SUFFIXES.get(suffix);
  if (known !== undefined) {
    return known;
  }

  const exponent = /^[eE]([+-]?\d+)$/.exec(suffix);
  if (exponent) {
    const power = Number(exponent[1]);
    if (Math.abs(power) > 30) {
      throw new ValueError(KIND, text, `the exponent ${power} is out of range`,
        'Write the size with a unit instead, like 1Gi.');
    }
    return power >= 0 ? [10n ** BigInt(power), 1n] : [1n, 10n ** BigInt(-power)];
  }

  throw new ValueError(KIND, text, `"${suffix}" is not a unit Kubernetes knows`,
    suggestUnit(suffix) ?? QUANTITY_HINT);
}

/** A targeted hint for the usual mistakes: GB, GiB, MB, K, lower-case units. */
function suggestUnit(suffix: string): string | undefined {
  const letter = suffix.charAt(0).toUpperCase();
  if (!/^[KMGTP]$/.test(letter) || !/^.(i?B|i)?$/i.test(suffix)) {
    return undefined;
  }
  const decimal = letter === 'K' ? 'k' : letter;
  return `Write ${letter}i for powers of 1024 or ${decimal} for powers of 1000; `
    + `Kubernetes does not read "${suffix}".`;
}

/**
 * Reads the kernel's hugepage size syntax (`1G`, `2M`, `2048kB`, `1048576kB`,
 * plain bytes) into bytes. All units are powers of 1024, as in `memparse`.
 */
export function kernelToBytes(text: string): number {
  const match = /^(\d+)([a-zA-Z]*)$/.exec(text.trim());
  const factor = match ? KERNEL_SUFFIXES.get(match[2]) : undefined;
  if (!match || factor === undefined) {
    const quantity = /^\d+[KMGT]i$/.test(text.trim());
    throw new ValueError(KIND, text, 'it is not a kernel size', quantity
      ? `The kernel writes ${text.trim().slice(0, -1)}, not ${text.trim()}.`
      : 'Write a number with K, M or G (powers of 1024) like 2M or 1G, or in kB like 2048kB.');
  }
  return checkSafe(text, BigInt(match[1]) * BigInt(factor));
}

/** Reads one OVS `dpdk-socket-mem` entry: a whole number of MiB, no unit. */
export function ovsMegabytesToBytes(text: string): number {
  const trimmed = text.trim();
  if (!/^\d+$/.test(trimmed)) {
    throw new ValueError(KIND, text, 'an OVS memory amount is a whole number of megabytes',
      'Write digits only, like 1024 for 1Gi; OVS counts in MiB and takes no unit.');
  }
  return checkSafe(text, BigInt(trimmed) * BigInt(KIB ** 2));
}

/** Checks that bytes fit a JavaScript number exactly (below 8 PiB). */
export function checkSafe(text: string, bytes: bigint): number {
  if (bytes > BigInt(Number.MAX_SAFE_INTEGER)) {
    throw new ValueError(KIND, text,
      'it is 8Pi or more, beyond the largest size this library counts',
      'Check the number and its unit.');
  }
  return Number(bytes);
}

/** The largest exact binary unit (`1Gi`, `2148Mi`), else plain bytes; `0` for zero. */
export function bytesToQuantity(bytes: number): string {
  const unit = largestExactUnit(bytes, 0);
  return unit === undefined ? `${bytes}` : `${bytes / unit[1]}${unit[0]}`;
}

/** The largest exact kernel unit among G, M and K (`1G`, `2M`), else plain bytes. */
export function bytesToKernel(bytes: number): string {
  const unit = largestExactUnit(bytes, 2);
  return unit === undefined ? `${bytes}` : `${bytes / unit[1]}${unit[0].charAt(0)}`;
}

/**
 * The first of the binary units from `first` on that divides `bytes` evenly.
 * A loop rather than `find`: sizes are spelled for every VM and every file.
 */
function largestExactUnit(bytes: number, first: number): readonly [string, number] | undefined {
  if (bytes > 0) {
    for (let i = first; i < BINARY_UNITS.length; i++) {
      if (bytes % BINARY_UNITS[i][1] === 0) {
        return BINARY_UNITS[i];
      }
    }
  }
  return undefined;
}
