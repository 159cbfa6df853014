import { readFileSync } from 'fs';
import { join } from 'path';

/** The directory of the lscpu and sysfs fixtures (see its README). */
export const LSCPU_FIXTURES = join(__dirname, '..', 'fixtures', 'lscpu');

/** A fixture file cut into the blocks util-linux's lscpu test prints one after the other. */
export interface LscpuFixture {
  /** The whole file. */
  readonly text: string;

  /** What comes before the first `lscpu -p` block: the `lscpu` summary. */
  readonly summary: string;

  /** The `lscpu -p` block, header comments included, when the file has one. */
  readonly parse?: string;

  /** The `lscpu -p --physical` block (the second one), when the file has one. */
  readonly physical?: string;
}

/** The comment line that opens every `lscpu -p` block. */
const PARSE_HEADER = '# The following is the parsable format';

/** Reads a fixture file as text. */
export function readFixture(name: string): string {
  return readFileSync(join(LSCPU_FIXTURES, name), 'utf8');
}

/** Reads a fixture file and cuts it at each `lscpu -p` header. */
export function readLscpuFixture(name: string): LscpuFixture {
  const text = readFixture(name);
  const [summary, ...blocks] = text.split(new RegExp(`^(?=${PARSE_HEADER})`, 'm'));
  return {
    text,
    summary,
    ...(blocks[0] !== undefined ? { parse: blocks[0] } : {}),
    ...(blocks[1] !== undefined ? { physical: blocks[1] } : {}),
  };
}
