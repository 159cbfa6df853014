/** How much of a long input the one-line message echoes before it cuts. */
const MAX_ECHO = 80;

/**
 * Thrown when a value (a CPU set, a size, a PCI or MAC address, an IP address or
 * network) cannot be read or formatted.
 *
 * The message is one line, written for the person who typed the value:
 * `invalid <kind> "<input>": <reason>. <hint>`. The parts are also kept apart so
 * that diagnostics can place them next to the path of the offending field.
 *
 * @example
 * try {
 *   CpuSet.parse('3-1');
 * } catch (e) {
 *   if (e instanceof ValueError) {
 *     e.kind;   // 'CPU set'
 *     e.reason; // 'the range 3-1 runs backwards'
 *   }
 * }
 */
export class ValueError extends Error {
  /** What kind of value was expected, for example `'CPU set'` or `'size'`. */
  public readonly kind: string;

  /** The text that was given, unchanged. */
  public readonly input: string;

  /** What is wrong with the input, without a final period. */
  public readonly reason: string;

  /** How to fix it: one or more sentences, each ending with a period. */
  public readonly hint: string;

  /**
   * @param kind what kind of value was expected, for example `'PCI address'`
   * @param input the text that was given
   * @param reason what is wrong with it, without a final period
   * @param hint how to fix it, as a sentence
   */
  constructor(kind: string, input: string, reason: string, hint: string) {
    super(`invalid ${kind} ${echo(input)}: ${reason}. ${hint}`);
    this.name = 'ValueError';
    this.kind = kind;
    this.input = input;
    this.reason = reason;
    this.hint = hint;
  }
}

/** Quotes the input for the message, escaping line breaks and cutting long text. */
function echo(input: string): string {
  const shown = input.length > MAX_ECHO ? `${input.slice(0, MAX_ECHO)}…` : input;
  return JSON.stringify(shown);
}
