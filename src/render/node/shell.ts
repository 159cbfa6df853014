/**
 * Quoting and value checks for the generated node scripts. Every value that comes
 * from the cluster model reaches bash through {@link shellQuote}; the checks in
 * `safe-values.ts` refuse the values whose *consumer* (GRUB, ovs-vsctl, Kube-OVN's
 * start script) would read them unquoted.
 */

/**
 * Bash text with TypeScript values spliced in. Backslashes stay as written, and
 * `\${` stands for bash's own `${`, so a function body reads as it will run (a
 * backquote must be escaped for TypeScript, and bash then sees it escaped too):
 *
 * ```ts
 * bash`printf '%s\n' "\${NAMES[@]}" ${shellQuote(name)}`
 * ```
 *
 * Spliced values are inserted verbatim: quote them first.
 */
export function bash(strings: TemplateStringsArray, ...values: string[]): string {
  let out = '';
  strings.raw.forEach((raw, i) => {
    out += raw.replace(/\\\$\{/g, '${');
    if (i < values.length) {
      out += values[i];
    }
  });
  return out;
}

/**
 * One bash word that expands to exactly `value`: the value in single quotes, each
 * single quote written as `'\''`. Nothing inside single quotes is special to bash,
 * so any text (newlines, `$`, backquotes, globs) comes back byte for byte.
 *
 * @throws Error for a NUL character, which no bash string can hold
 */
export function shellQuote(value: string): string {
  if (value.includes('\0')) {
    throw new Error(
      `cannot pass ${JSON.stringify(value)} to bash: it holds a NUL character, ` +
      'which a shell string cannot contain. Remove it from the value.');
  }
  if (/^[A-Za-z0-9_./:=@%+-]+$/.test(value)) {
    return value;
  }
  return `'${value.replace(/'/g, "'\\''")}'`;
}

/**
 * A read-only variable holding a text that ends with a newline, written as a quoted
 * here-document so that it reads as the file it is: bash expands nothing in it, and
 * `read -d ''` keeps every byte up to the end marker (including the last newline).
 *
 * @throws Error when the text does not end with a newline, holds a NUL character or
 *   a line equal to the end marker
 */
export function bashText(name: string, text: string): string {
  const marker = `END_OF_${name}`;
  if (!text.endsWith('\n') || text.includes('\0') || text.split('\n').includes(marker)) {
    throw new Error(`cannot embed the text of ${name} as a here-document: it must end with ` +
      `a newline and hold no NUL character and no line "${marker}".`);
  }
  return `IFS= read -r -d '' ${name} <<'${marker}' || true\n${text}${marker}\nreadonly ${name}`;
}

/** `readonly NAME=<quoted value>`. */
export function bashConst(name: string, value: string | number): string {
  return `readonly ${name}=${shellQuote(String(value))}`;
}

/** `readonly -a NAME=(<quoted values>)`, one value per line when the line gets long. */
export function bashArray(name: string, values: readonly (string | number)[]): string {
  const words = values.map((v) => shellQuote(String(v)));
  const oneLine = `readonly -a ${name}=(${words.join(' ')})`;
  if (oneLine.length <= 88) {
    return oneLine;
  }
  return [`readonly -a ${name}=(`, ...words.map((w) => `  ${w}`), ')'].join('\n');
}

/** The lines of a text block, each prefixed with `# ` (or `#` when empty). */
export function bashComment(text: string): string {
  return text.split('\n').map((line) => (line ? `# ${line}` : '#')).join('\n');
}
