// Markdown building blocks shared by the report and the data dictionary. Names and SQL go in code
// spans and fences, where Markdown does not interpret them; prose is escaped just enough that names
// like `*_tmp` or `<b>` print literally.

const longestRun = (text: string, ch: string) =>
  Math.max(0, ...(text.match(new RegExp(`${ch}+`, 'g')) ?? []).map((r) => r.length))

/**
 * An inline code span that holds any text (backticks included); `|` is escaped so it can sit in a
 * table cell. @internal
 *
 * @example
 * ```ts
 * mdCode('a`b') // '``a`b``'
 * ```
 */
export function mdCode(text: string): string {
  const ticks = '`'.repeat(longestRun(text, '`') + 1)
  const pad = text.startsWith('`') || text.endsWith('`') ? ' ' : ''
  return `${ticks}${pad}${text.replace(/\|/g, '\\|').replace(/[\r\n]+/g, ' ')}${pad}${ticks}`
}

/**
 * A fenced code block, with a fence longer than any backtick run inside. @internal
 *
 * @example
 * ```ts
 * mdFence('SELECT 1;', 'sql') // '```sql\nSELECT 1;\n```'
 * ```
 */
export function mdFence(code: string, lang = ''): string {
  const fence = '`'.repeat(Math.max(3, longestRun(code, '`') + 1))
  return `${fence}${lang}\n${code.replace(/\n+$/, '')}\n${fence}`
}

/**
 * Prose with the characters that would turn into markup escaped, on one line (for table cells and
 * list items). @internal
 *
 * @example
 * ```ts
 * mdText('a <b> | *c*') // 'a &lt;b> \\| \\*c\\*'
 * ```
 */
export function mdText(text: string): string {
  return text
    .replace(/\\/g, '\\\\')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/([*|[\]`])/g, '\\$1')
    .replace(/(^|[^\p{L}\p{N}])_|_(?=[^\p{L}\p{N}]|$)/gu, (m) => m.replace('_', '\\_'))
    .replace(/[\r\n]+/g, ' ')
}

/**
 * A Markdown table from a header row, column alignments and body rows (cells already escaped). @internal
 *
 * @example
 * ```ts
 * mdTable(['a', 'b'], ['left', 'right'], [['x', '1']])
 * ```
 */
export function mdTable(
  header: readonly string[],
  align: readonly ('left' | 'right' | 'center')[],
  rows: readonly (readonly string[])[],
): string {
  const rule = align.map((a) => (a === 'right' ? '---:' : a === 'center' ? ':-:' : '---'))
  const line = (cells: readonly string[]) => `| ${cells.join(' | ')} |`
  return [line(header), line(rule), ...rows.map(line)].join('\n')
}
