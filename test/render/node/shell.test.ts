import { spawnSync } from 'node:child_process';
import * as fc from 'fast-check';
import { bash, bashArray, bashConst, bashText, shellQuote } from '../../../src/render/node/shell';

/** Runs a bash program and returns its stdout as bytes. */
function runBash(program: string): Buffer {
  const result = spawnSync('bash', ['-c', program]);
  if (result.status !== 0) {
    throw new Error(`bash failed (${result.status}): ${result.stderr.toString()}`);
  }
  return result.stdout;
}

const METACHARACTERS = [...'\'"$`\\!*?[]{}();|&<>~#=%^, \t\n\r-'];

/** Any string bash can hold: full Unicode, or text made mostly of shell syntax. */
const shellText = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.string({ unit: fc.constantFrom(...METACHARACTERS, 'a', 'é', '😀'), maxLength: 40 }),
).filter((s) => !s.includes('\0'));

describe('shellQuote', () => {
  test('any string comes back from bash byte for byte', () => {
    fc.assert(fc.property(shellText, (value) => {
      const out = runBash(`printf '%s' ${shellQuote(value)}`);
      expect(out.equals(Buffer.from(value, 'utf8'))).toBe(true);
    }), { numRuns: 300 });
  });

  test('a quoted value stays one word in an array of several', () => {
    fc.assert(fc.property(fc.array(shellText, { maxLength: 5 }), (values) => {
      const out = runBash(`${bashArray('A', values)}
for v in "\${A[@]}"; do printf '%s\\0' "$v"; done`);
      const expected = values.map((v) => `${v}\0`).join('');
      expect(out.equals(Buffer.from(expected, 'utf8'))).toBe(true);
    }), { numRuns: 150 });
  });

  test('a read-only constant holds the value unchanged', () => {
    fc.assert(fc.property(shellText, (value) => {
      const out = runBash(`${bashConst('V', value)}\nprintf '%s' "$V"`);
      expect(out.equals(Buffer.from(value, 'utf8'))).toBe(true);
    }), { numRuns: 150 });
  });

  test('leaves a plain word unquoted, so the scripts stay readable', () => {
    expect(shellQuote('0000:af:00.0')).toBe('0000:af:00.0');
  });

  test('quotes a word with a comma, which shellcheck would read as a list', () => {
    expect(shellQuote('1024,1024')).toBe("'1024,1024'");
  });

  test('refuses a NUL character, which no bash string can hold', () => {
    expect(() => shellQuote('a\0b')).toThrow(/NUL character/);
  });
});

describe('bashText', () => {
  const textFile = fc.array(shellText.map((s) => s.replace(/\n/g, ' ')), { maxLength: 6 })
    .map((lines) => `${lines.join('\n')}\n`);

  test('a text ending with a newline comes back byte for byte', () => {
    fc.assert(fc.property(textFile, (text) => {
      const out = runBash(`${bashText('T', text)}\nprintf '%s' "$T"`);
      expect(out.equals(Buffer.from(text, 'utf8'))).toBe(true);
    }), { numRuns: 150 });
  });

  test('refuses a text holding its own end marker as a line', () => {
    expect(() => bashText('T', 'a\nEND_OF_T\nb\n')).toThrow(/END_OF_T/);
  });

  test('refuses a text without a final newline', () => {
    expect(() => bashText('T', 'no newline')).toThrow(/end with a newline/);
  });
});

describe('bash', () => {
  test('turns an escaped ${ into bash\'s own and keeps backslashes', () => {
    const name = 'x';
    expect(bash`echo "\${A[@]}" '%s\n' ${name}`).toBe('echo "${A[@]}" \'%s\\n\' x');
  });
});
