// Small Markdown writers for PLAN.md: tables and fenced blocks, escaped.

/**
 * A Markdown table. Cells are escaped (`|`, line breaks), so a message or a
 * path with those characters cannot break the table.
 */
export function markdownTable(header: string[], rows: string[][]): string {
  const line = (cells: string[]) => `| ${cells.map(escapeCell).join(' | ')} |`;
  return [
    line(header),
    `|${header.map(() => ' --- ').join('|')}|`,
    ...rows.map(line),
  ].join('\n');
}

/** A fenced code block; the fence grows when the text itself holds one. */
export function codeBlock(text: string, language = ''): string {
  const longestRun = Math.max(2, ...(text.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longestRun + 1);
  return `${fence}${language}\n${text.replace(/\n$/, '')}\n${fence}`;
}

/** Inline code, for names and values inside prose. */
export function inlineCode(text: string): string {
  return text.includes('`') ? `\`\` ${text} \`\`` : `\`${text}\``;
}

function escapeCell(text: string): string {
  // Most cells hold none of these: a table of thousands of VMs is written as is.
  if (!/[\\|\n]/.test(text)) {
    return text;
  }
  return text.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/\r?\n/g, '<br>');
}
