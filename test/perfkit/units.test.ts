import { Size } from '../../src/model/size';
import {
  Bandwidth, formatMessageRate, formatMessageSize, Latency, significant,
} from '../../src/perfkit/units';
import { valueErrorOf } from '../support/value-error';

describe('Bandwidth.parseQperf', () => {
  test.each([
    ['2.14', 'GB/sec', 17.12e9],
    ['643', 'MB/sec', 5.144e9],
    ['52.7', 'KB/sec', 421.6e3],
    ['113', 'bytes/sec', 904],
    ['1,234', 'TB/sec', 9.872e15],
    ['19.52', 'Mb/sec', 19.52e6],
    ['25.36', 'Gb/sec', 25.36e9],
  ])('reads %s %s as decimal units (qperf steps by 1000)', (value, unit, bits) => {
    expect(Bandwidth.parseQperf(value, unit).bitsPerSecond).toBeCloseTo(bits, -1);
  });

  test('refuses the zero qperf prints when nothing arrived', () => {
    expect(valueErrorOf(() => Bandwidth.parseQperf('0', 'bytes/sec')).hint)
      .toBe('A zero means the tool measured nothing: treat the run as failed.');
  });

  test('refuses a unit qperf never prints', () => {
    expect(valueErrorOf(() => Bandwidth.parseQperf('1', 'GiB/sec')).reason)
      .toBe('qperf prints no such unit');
  });

  test('refuses a number qperf never prints', () => {
    expect(valueErrorOf(() => Bandwidth.parseQperf('1e3', 'MB/sec')).kind)
      .toBe('qperf number');
  });
});

describe('Latency.parseQperf', () => {
  test.each([
    ['11.7', 'us', 11.7],
    ['850', 'ns', 0.85],
    ['1.08', 'ms', 1080],
    ['2', 'sec', 2e6],
  ])('reads %s %s in microseconds', (value, unit, micro) => {
    expect(Latency.parseQperf(value, unit).microseconds).toBeCloseTo(micro, 6);
  });

  test('refuses 0 ns, qperf\'s way of saying no round trip completed', () => {
    expect(valueErrorOf(() => Latency.parseQperf('0', 'ns')).input).toBe('0');
  });
});

describe('formatting in the guide\'s style', () => {
  test.each([
    [19.52e6, '19.5 Mb/s'],
    [984e6, '984 Mb/s'],
    [2.14e9, '2.14 Gb/s'],
    [25.36e9, '25.4 Gb/s'],
    [18e9, '18 Gb/s'],
    [904, '904 b/s'],
  ])('bandwidth %d bit/s reads %s', (bits, text) => {
    expect(Bandwidth.ofBitsPerSecond(bits).toString()).toBe(text);
  });

  test.each([
    [11.7, '11.7 µs'],
    [443, '443 µs'],
    [1080, '1.08 ms'],
    [154000, '154 ms'],
    [0.85, '850 ns'],
  ])('latency %d µs reads %s', (micro, text) => {
    expect(Latency.ofMicroseconds(micro).toString()).toBe(text);
  });

  test.each([
    [1, '1 B'],
    [64, '64 B'],
    [1024, '1 KiB'],
    [1500, '1500 B'],
    [128 * 1024 ** 2, '128 MiB'],
  ])('message size %d bytes reads %s', (bytes, text) => {
    expect(formatMessageSize(Size.bytes(bytes))).toBe(text);
  });

  test.each([
    [2.44e6, '2.44 M'],
    [698e3, '698 K'],
    [7.5, '7.5'],
  ])('message rate %d per second reads %s', (rate, text) => {
    expect(formatMessageRate(rate)).toBe(text);
  });

  test('keeps three significant digits and drops trailing zeros', () => {
    expect(significant(2.1)).toBe('2.1');
  });
});
