import { ValueError } from '../model/errors';
import { Size } from '../model/size';

/** qperf's bandwidth units (`view_band` in qperf.c): decimal steps of 1000. */
const QPERF_RATE_UNITS: ReadonlyMap<string, number> = new Map([
  ['bytes/sec', 8], ['KB/sec', 8e3], ['MB/sec', 8e6], ['GB/sec', 8e9], ['TB/sec', 8e12],
  ['bits/sec', 1], ['Kb/sec', 1e3], ['Mb/sec', 1e6], ['Gb/sec', 1e9], ['Tb/sec', 1e12],
]);

/** qperf's time units (`view_time` in qperf.c), in microseconds. */
const QPERF_TIME_UNITS: ReadonlyMap<string, number> = new Map([
  ['ns', 1e-3], ['us', 1], ['ms', 1e3], ['sec', 1e6],
]);

/**
 * A measured data rate: a positive, finite number of bits per second. A zero is
 * not a measurement (qperf prints `0 bytes/sec` when nothing arrived), so it is
 * refused here and a run that measured nothing is reported as failed instead.
 *
 * @example
 * Bandwidth.parseQperf('2.14', 'GB/sec').toString(); // '17.1 Gb/s'
 */
export class Bandwidth {
  /** @throws ValueError unless `n` is positive and finite */
  public static ofBitsPerSecond(n: number): Bandwidth {
    return new Bandwidth(positive('bandwidth', n, 'bits per second'));
  }

  /** @throws ValueError unless `n` is positive and finite */
  public static ofBytesPerSecond(n: number): Bandwidth {
    return new Bandwidth(positive('bandwidth', n, 'bytes per second') * 8);
  }

  /**
   * Reads one qperf value: the number as printed (`2.14`, `1,234`) and its unit
   * (`bytes/sec` … `TB/sec`, or `bits/sec` … `Tb/sec` with `--use_bits_per_sec`).
   *
   * @throws ValueError for an unknown unit, a number qperf does not print, or zero
   */
  public static parseQperf(value: string, unit: string): Bandwidth {
    const factor = QPERF_RATE_UNITS.get(unit);
    if (factor === undefined) {
      throw new ValueError('qperf bandwidth unit', unit, 'qperf prints no such unit',
        `Expected one of ${[...QPERF_RATE_UNITS.keys()].join(', ')}.`);
    }
    return Bandwidth.ofBitsPerSecond(qperfNumber(value) * factor);
  }

  /** Bits per second. */
  public readonly bitsPerSecond: number;

  private constructor(bitsPerSecond: number) {
    this.bitsPerSecond = bitsPerSecond;
  }

  /** In the guide's style, with three significant digits: `19.5 Mb/s`, `2.14 Gb/s`. */
  public toString(): string {
    return scaled(this.bitsPerSecond, [[1e12, 'Tb/s'], [1e9, 'Gb/s'], [1e6, 'Mb/s'],
      [1e3, 'Kb/s'], [1, 'b/s']]);
  }
}

/**
 * A measured one-way latency (qperf reports half the round trip): a positive,
 * finite time. A zero is refused for the same reason as in {@link Bandwidth}.
 *
 * @example
 * Latency.parseQperf('11.7', 'us').toString(); // '11.7 µs'
 */
export class Latency {
  /** @throws ValueError unless `n` is positive and finite */
  public static ofMicroseconds(n: number): Latency {
    return new Latency(positive('latency', n, 'microseconds'));
  }

  /**
   * Reads one qperf value: the number as printed and its unit (`ns`, `us`, `ms`,
   * `sec`).
   *
   * @throws ValueError for an unknown unit, a number qperf does not print, or zero
   */
  public static parseQperf(value: string, unit: string): Latency {
    const factor = QPERF_TIME_UNITS.get(unit);
    if (factor === undefined) {
      throw new ValueError('qperf time unit', unit, 'qperf prints no such unit',
        `Expected one of ${[...QPERF_TIME_UNITS.keys()].join(', ')}.`);
    }
    return Latency.ofMicroseconds(qperfNumber(value) * factor);
  }

  /** Microseconds. */
  public readonly microseconds: number;

  private constructor(microseconds: number) {
    this.microseconds = microseconds;
  }

  /** In the guide's style: `11.7 µs`, `1.08 ms`, `154 ms`. */
  public toString(): string {
    return scaled(this.microseconds, [[1e6, 's'], [1e3, 'ms'], [1, 'µs'], [1e-3, 'ns']]);
  }
}

/** A message size as the report prints it: `1 B`, `64 B`, `1 KiB`, `128 MiB`, `1500 B`. */
export function formatMessageSize(size: Size): string {
  const units: [number, string][] = [[1024 ** 3, 'GiB'], [1024 ** 2, 'MiB'], [1024, 'KiB']];
  for (const [factor, unit] of units) {
    if (size.bytes >= factor && size.bytes % factor === 0) {
      return `${size.bytes / factor} ${unit}`;
    }
  }
  return `${size.bytes} B`;
}

/** A message rate as the guide prints it: `2.44 M`, `698 K`, `7.5`. */
export function formatMessageRate(perSecond: number): string {
  return scaled(perSecond, [[1e9, 'G'], [1e6, 'M'], [1e3, 'K'], [0, '']]);
}

/** The value in the largest unit it reaches, with three significant digits. */
function scaled(value: number, units: [number, string][]): string {
  const [factor, unit] = units.find(([f]) => value >= f) ?? units[units.length - 1];
  const shown = factor === 0 ? value : value / factor;
  return unit === '' ? significant(shown) : `${significant(shown)} ${unit}`;
}

/** Three significant digits without trailing zeros; whole numbers from 100 up. */
export function significant(n: number): string {
  return n >= 100 ? String(Math.round(n)) : String(Number(n.toPrecision(3)));
}

/** A number as qperf prints it: digits with `,` between thousands and an optional fraction. */
function qperfNumber(text: string): number {
  if (!/^\d{1,3}(,\d{3})*(\.\d+)?$|^\d+(\.\d+)?$/.test(text)) {
    throw new ValueError('qperf number', text, 'qperf prints no number in this form',
      'Expected digits such as 11.7 or 1,234.');
  }
  return Number(text.replace(/,/g, ''));
}

function positive(kind: string, n: number, unit: string): number {
  if (!Number.isFinite(n) || n <= 0) {
    throw new ValueError(kind, String(n),
      'a measurement must be a positive, finite number of ' + unit,
      'A zero means the tool measured nothing: treat the run as failed.');
  }
  return n;
}
