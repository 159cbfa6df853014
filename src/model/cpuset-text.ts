// Reading and writing the two text forms of a CPU set. Internal to the model:
// `CpuSet` is the public face.
import { ValueError } from './errors';

/** The largest CPU number Linux supports (`NR_CPUS` is at most 8192). */
export const MAX_CPU = 8191;

const KIND = 'CPU set';
const LIST_HINT = 'Write CPU numbers and ranges separated by commas, like 0-3,8-11.';
const HEX_DIGITS = '0123456789abcdef';

/** A list item: `N`, `N-M`, `N-M:S` (stride) or `N-M:U/G` (U used of every G). */
const ITEM = /^(\d+)(?:-(\d+)(?::(\d+)(?:\/(\d+))?)?)?$/;

/**
 * Reads the list form into CPU numbers (unsorted, possibly repeated).
 *
 * The strided forms follow util-linux (`0-62:2`, every second CPU) and the
 * kernel's `bitmap_parselist` (`0-63:2/8`, the first 2 CPUs of each group of 8).
 */
export function listToCpus(text: string): number[] {
  const body = text.trim();
  if (body === '') {
    return [];
  }

  const cpus: number[] = [];
  for (const raw of body.split(',')) {
    const item = raw.trim();
    if (item === '') {
      throw new ValueError(KIND, text, 'it has an empty item between commas', LIST_HINT);
    }
    addItem(text, item, cpus);
  }
  return cpus;
}

function addItem(text: string, item: string, cpus: number[]): void {
  const match = ITEM.exec(item);
  if (!match) {
    throw new ValueError(KIND, text, describeBadItem(item), hintForBadItem(text));
  }

  const first = toCpu(text, match[1]);
  const last = match[2] === undefined ? first : toCpu(text, match[2]);
  if (last < first) {
    throw new ValueError(KIND, text, `the range ${item} runs backwards`,
      `Write the smaller CPU first: ${last}-${first}.`);
  }

  const stride = match[3] === undefined ? 1 : Number(match[3]);
  const group = match[4] === undefined ? stride : Number(match[4]);
  const used = match[4] === undefined ? 1 : stride;
  if (stride === 0 || group === 0 || used > group) {
    throw new ValueError(KIND, text, `the stride in ${item} is not usable`,
      'Use first-last:step with a step of 1 or more (0-62:2), or first-last:used/group '
      + 'with used no larger than group (0-63:2/8).');
  }

  for (let start = first; start <= last; start += group) {
    for (let cpu = start; cpu < start + used && cpu <= last; cpu++) {
      cpus.push(cpu);
    }
  }
}

function toCpu(text: string, digits: string): number {
  const cpu = Number(digits);
  if (cpu > MAX_CPU) {
    throw new ValueError(KIND, text, `CPU ${digits} is beyond ${MAX_CPU}, the largest CPU `
      + 'number Linux supports', 'Use the numbers lscpu shows in its CPU column.');
  }
  return cpu;
}

function describeBadItem(item: string): string {
  if (/^-\d/.test(item)) {
    return `CPU numbers cannot be negative (found ${item})`;
  }
  if (/^\d+-$/.test(item)) {
    return `the range ${item} has no last CPU`;
  }
  if (/^\d+:/.test(item)) {
    return `the stride in ${item} needs a range before it`;
  }
  return `"${item}" is not a CPU number or range`;
}

function hintForBadItem(text: string): string {
  if (/^\s*[0-9a-f]+\s*$/i.test(text) && /[a-f]/i.test(text)) {
    return `If this is a hex mask, write it with 0x (0x${text.trim()}). ${LIST_HINT}`;
  }
  return LIST_HINT;
}

/**
 * Reads a hex mask (with or without `0x`, optionally comma-grouped by 8 digits
 * as sysfs prints it) into sorted CPU numbers. Bit N is CPU N.
 */
export function maskToCpus(text: string): number[] {
  const body = text.trim();
  const prefixed = /^0x/i.test(body);
  const digits = prefixed ? body.slice(2) : body;
  if (digits === '') {
    const reason = prefixed ? 'it has no hex digits after 0x' : 'it is empty';
    throw new ValueError(KIND, text, reason,
      'Write a hex mask such as 0xf00 (CPUs 8-11), or 0x0 for no CPUs.');
  }

  checkGroups(text, digits);
  const hex = digits.replace(/,/g, '').toLowerCase();
  const bad = [...hex].find(c => !HEX_DIGITS.includes(c));
  if (bad !== undefined) {
    throw new ValueError(KIND, text, `"${bad}" is not a hex digit`,
      'A mask uses only 0-9 and a-f, like 0xf00. For a list of CPUs, write 8-11 '
      + 'without 0x.');
  }

  const cpus: number[] = [];
  for (let i = hex.length - 1; i >= 0; i--) {
    const value = HEX_DIGITS.indexOf(hex[i]);
    for (let bit = 0; bit < 4; bit++) {
      if (Math.floor(value / 2 ** bit) % 2 === 1) {
        cpus.push((hex.length - 1 - i) * 4 + bit);
      }
    }
  }

  const highest = cpus[cpus.length - 1];
  if (highest > MAX_CPU) {
    throw new ValueError(KIND, text, `the mask sets CPU ${highest}, beyond ${MAX_CPU}, `
      + 'the largest CPU number Linux supports', 'Check the mask for extra digits.');
  }
  return cpus;
}

/** Commas may only separate groups of 8 digits, the first group 1 to 8 digits. */
function checkGroups(text: string, digits: string): void {
  const groups = digits.split(',');
  if (groups.length === 1) {
    return;
  }
  const [head, ...rest] = groups;
  if (head.length < 1 || head.length > 8 || rest.some(g => g.length !== 8)) {
    throw new ValueError(KIND, text, 'its commas do not separate groups of 8 hex digits',
      'Use the sysfs form with 8 digits after each comma (00000000,0000ffff), or write '
      + 'the mask without commas (0xffff).');
  }
}

/** The mask with `0x` and no leading zeros; `0x0` for no CPUs. */
export function cpusToMask(cpus: readonly number[]): string {
  if (cpus.length === 0) {
    return '0x0';
  }

  // One hex digit per 4 CPUs, least significant first; bits are added, never
  // or-ed, because each CPU appears once.
  const nibbles = new Array<number>(Math.floor(cpus[cpus.length - 1] / 4) + 1).fill(0);
  for (const cpu of cpus) {
    nibbles[Math.floor(cpu / 4)] += 2 ** (cpu % 4);
  }
  return '0x' + nibbles.reverse().map(n => HEX_DIGITS[n]).join('');
}
