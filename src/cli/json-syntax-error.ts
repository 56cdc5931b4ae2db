// Where JSON.parse failed, as a line and column: V8 reports an offset for some errors (`at position
// 12`), the whole text for others (`Unexpected token '}', "..." is not valid JSON`), and Node 22 adds
// `(line 3 column 2)`. A user looks for a line, so every case is turned into one.

/** Where a JSON text stops being valid, and why, in words without offsets or the text itself. */
export interface JsonSyntaxError {
  /** 1-based. */
  readonly line: number
  /** 1-based, in UTF-16 code units like an editor's column. */
  readonly column: number
  readonly reason: string
}

const POSITION = /(?: in JSON)? at position (\d+)(?: \(line \d+ column \d+\))?$/
const QUOTED_TEXT = /, (?:\.\.\.)?".*"(?:\.\.\.)? is not valid JSON$/s

/** The offset JSON.parse reports for a text, when its message has one. */
function reportedOffset(message: string): number | undefined {
  const at = POSITION.exec(message)?.[1]
  return at === undefined ? undefined : Number(at)
}

/** Whether JSON.parse fails on `text` before its end (not merely because the text stops too soon). */
function failsInside(text: string): boolean {
  try {
    JSON.parse(text)
    return false
  } catch (error) {
    const message = (error as Error).message
    if (message.startsWith('Unexpected end of JSON input')) return false
    return reportedOffset(message) !== text.length
  }
}

/**
 * The offset of the first character JSON.parse cannot accept: the one it reports, the end of the text
 * for a text that stops too soon, else found by bisection (the shortest prefix that fails inside ends
 * at it), which costs a few parses and is only paid for an invalid text.
 */
function failureOffset(text: string, message: string): number {
  const reported = reportedOffset(message)
  if (reported !== undefined) return reported
  if (message.startsWith('Unexpected end of JSON input')) return text.length
  let [low, high] = [1, text.length]
  while (low < high) {
    const middle = Math.floor((low + high) / 2)
    if (failsInside(text.slice(0, middle))) high = middle
    else low = middle + 1
  }
  return low - 1
}

/**
 * Line, column and reason of the error JSON.parse threw for `text`.
 *
 * @example
 * ```ts
 * jsonSyntaxError('{\n  "a": 1,\n}', 'Expected double-quoted property name in JSON at position 12')
 * // { line: 3, column: 1, reason: 'Expected double-quoted property name' }
 * ```
 */
export function jsonSyntaxError(text: string, message: string): JsonSyntaxError {
  const offset = Math.min(failureOffset(text, message), text.length)
  const before = text.slice(0, offset)
  const lineStart = before.lastIndexOf('\n') + 1
  const reason = message.replace(POSITION, '').replace(QUOTED_TEXT, '')
  return { line: before.split('\n').length, column: offset - lineStart + 1, reason }
}
