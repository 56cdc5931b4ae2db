import type { ValidationIssue } from '../errors.js'

// A document may come from anyone, so its size is bounded where work grows with it: nesting (every
// recursive reader, writer and comparer), type spellings (parsed by a grammar) and SQL expressions
// (lexed, normalized and checked by every dialect). The bounds are far above what real schemas use and
// are checked before anything else reads the document, in one walk that recurses into nothing.

/**
 * The limits {@link safeParseSchema} enforces before reading a document; each broken limit is a
 * validation issue with its path (`too_deep`, `type_too_long`, `expression_too_long`,
 * `expression_too_deep`).
 *
 * - `maxDepth`: objects and arrays nest at most this many levels, the document itself being level 1
 *   (a column's `identity` is level 6 of a SQLAlchemy document; unknown keys kept in `extra` add theirs).
 * - `maxTypeLength`: characters of a type spelling (any string under a `type` key); MySQL's longest
 *   `ENUM(...)`/`SET(...)` definitions fit.
 * - `maxExpressionLength`: characters of a SQL expression (any string under `server_default`,
 *   `default`, `sqltext`, `expression`, `where`, `postgresql_where`, `sqlite_where`, or in an
 *   `expressions` list or a partition's `lessThan` and `in`).
 * - `maxExpressionDepth`: parentheses and brackets nest at most this deep in an expression (outside
 *   quotes); engines refuse far less deep ones (SQLite's expression depth limit is 1000).
 *
 * @example
 * ```ts
 * DOCUMENT_LIMITS.maxExpressionLength // 65536
 * ```
 */
export const DOCUMENT_LIMITS = {
  maxDepth: 64,
  maxTypeLength: 65_536,
  maxExpressionLength: 65_536,
  maxExpressionDepth: 256,
} as const

const EXPRESSION_KEYS = new Set([
  'server_default',
  'default',
  'sqltext',
  'expression',
  'where',
  'postgresql_where',
  'sqlite_where',
  'using',
  'withCheck',
])
/** Lists whose strings are SQL expressions (partition bounds are SQL values). */
const EXPRESSION_LISTS = new Set(['expressions', 'lessThan', 'in'])
/** Strings shorter than this cannot break a limit on strings. */
const SHORTEST_CHECKED = DOCUMENT_LIMITS.maxExpressionDepth + 1

/** One object or array being walked: its keys (for objects), the next position, and how it was reached. */
interface Frame {
  readonly value: object
  readonly keys: readonly string[] | undefined
  readonly depth: number
  readonly parent: Frame | undefined
  readonly key: string | number
  next: number
}

/**
 * Every {@link DOCUMENT_LIMITS} the document breaks, in document order, with paths
 * (`metadata.tables[0].columns[3].type`). Empty for documents within the limits. Nothing beyond a
 * broken limit is looked at, so the walk stays linear in the document and never recurses.
 * @internal
 */
export function documentLimitIssues(document: unknown): ValidationIssue[] {
  if (typeof document !== 'object' || document === null || !breaksLimits(document)) return []
  return locateIssues(document)
}

/** The quick walk every document gets: no paths, one stack of values and one of depths. */
function breaksLimits(document: object): boolean {
  const values: object[] = [document]
  const depths: number[] = [1]
  while (values.length > 0) {
    const value = values.pop() as Record<string, unknown> | unknown[]
    const depth = depths.pop() as number
    if (Array.isArray(value)) {
      // Strings in lists matter only in an expression list, checked with the object holding it.
      for (let i = 0; i < value.length; i++) {
        const item = value[i]
        if (typeof item !== 'object' || item === null) continue
        if (depth >= DOCUMENT_LIMITS.maxDepth) return true
        values.push(item)
        depths.push(depth + 1)
      }
      continue
    }
    for (const key in value) {
      const item = value[key]
      if (typeof item === 'string') {
        if (item.length >= SHORTEST_CHECKED && stringProblem(item, key) !== undefined) return true
      } else if (typeof item === 'object' && item !== null) {
        if (depth >= DOCUMENT_LIMITS.maxDepth) return true
        if (EXPRESSION_LISTS.has(key) && Array.isArray(item)) {
          for (const e of item) if (typeof e === 'string' && stringProblem(e, 0, key) !== undefined) return true
        }
        values.push(item)
        depths.push(depth + 1)
      }
    }
  }
  return false
}

/** The careful walk, for documents that break a limit: in document order, with a path per issue. */
function locateIssues(document: object): ValidationIssue[] {
  const issues: ValidationIssue[] = []
  const stack: Frame[] = [frame(document, 1, undefined, '')]
  while (stack.length > 0) {
    const top = stack[stack.length - 1] as Frame
    const length = top.keys === undefined ? (top.value as unknown[]).length : top.keys.length
    if (top.next >= length) {
      stack.pop()
      continue
    }
    const key = top.keys === undefined ? top.next : (top.keys[top.next] as string)
    top.next++
    const value = (top.value as Record<string | number, unknown>)[key]
    if (typeof value === 'object' && value !== null) {
      if (top.depth < DOCUMENT_LIMITS.maxDepth) stack.push(frame(value, top.depth + 1, top, key))
      else
        issues.push({
          code: 'too_deep',
          path: pathOf(top, key),
          message: `Objects and arrays nest more than ${DOCUMENT_LIMITS.maxDepth} levels deep here; a schema document needs far fewer`,
        })
    } else if (typeof value === 'string' && value.length >= SHORTEST_CHECKED) {
      const problem = stringProblem(value, key, top.key)
      if (problem !== undefined) issues.push({ code: problem.code, path: pathOf(top, key), message: problem.message })
    }
  }
  return issues
}

function frame(value: object, depth: number, parent: Frame | undefined, key: string | number): Frame {
  return { value, keys: Array.isArray(value) ? undefined : Object.keys(value), depth, parent, key, next: 0 }
}

/**
 * What is wrong with a string under `key`, or undefined. A list item (`key` a number) counts as an
 * expression when the list is an expression list (`listKey`: `expressions`, `lessThan`, `in`).
 */
function stringProblem(
  value: string,
  key: string | number,
  listKey?: string | number,
): { code: string; message: string } | undefined {
  const { maxTypeLength, maxExpressionLength, maxExpressionDepth } = DOCUMENT_LIMITS
  if (key === 'type') {
    if (value.length <= maxTypeLength) return undefined
    return {
      code: 'type_too_long',
      message: `Type is ${count(value.length)} characters long; at most ${count(maxTypeLength)} are accepted`,
    }
  }
  const expression =
    typeof key === 'number' ? typeof listKey === 'string' && EXPRESSION_LISTS.has(listKey) : EXPRESSION_KEYS.has(key)
  if (!expression) return undefined
  if (value.length > maxExpressionLength) {
    return {
      code: 'expression_too_long',
      message: `Expression is ${count(value.length)} characters long; at most ${count(maxExpressionLength)} are accepted`,
    }
  }
  if (!nestingExceeds(value, maxExpressionDepth)) return undefined
  return {
    code: 'expression_too_deep',
    message: `Expression nests parentheses more than ${maxExpressionDepth} deep; databases refuse such expressions`,
  }
}

/**
 * Whether `(`/`[` nest deeper than `max` outside quoted runs (`'...'`, `"..."`, `` `...` ``, a doubled
 * quote standing for one). Dialect details (backslash escapes, dollar quotes, comments) are left to the
 * dialect's lexer: at worst they make a literal's brackets count, which takes hundreds to matter.
 */
function nestingExceeds(text: string, max: number): boolean {
  let depth = 0
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    if (c === 0x28 || c === 0x5b) {
      if (++depth > max) return true
    } else if (c === 0x29 || c === 0x5d) {
      if (depth > 0) depth--
    } else if (c === 0x27 || c === 0x22 || c === 0x60) {
      // Skip to the closing quote; a doubled quote is read as a closing and an opening one.
      const close = text.indexOf(text[i] as string, i + 1)
      if (close < 0) return false
      i = close
    }
  }
  return false
}

function pathOf(owner: Frame, key: string | number): string {
  const parts: (string | number)[] = [key]
  for (let f: Frame | undefined = owner; f?.parent !== undefined; f = f.parent) parts.push(f.key)
  let out = ''
  for (let i = parts.length - 1; i >= 0; i--) {
    const part = parts[i] as string | number
    out += typeof part === 'number' ? `[${part}]` : out === '' ? part : `.${part}`
  }
  return out
}

const count = (n: number): string => n.toLocaleString('en-US')
