/**
 * Precedence-based parenthesis removal for the expression normalizers: where a primary expression
 * starts and ends, and which `(...)` groups are redundant. Parentheses are removed when redundant by
 * precedence rules common to PostgreSQL, MySQL and SQLite (OR < AND < NOT < IS <
 * comparisons/LIKE/IN/BETWEEN < || < + - < * / %), and always around a single literal, name or call.
 * `||` is read as concatenation, never as MySQL's OR.
 */
import { isOp, isPunct, isUnary, isWord, KEYWORD_OPS, type SqlLeaf, type SqlNode } from './sql-tokenizer.js'

const GROUP_WORDS = new Set(
  [...KEYWORD_OPS].filter((w) => !/^(in|any|all|some|exists|values|over|using|with|mod)$/.test(w)),
)
const CALL_KEYWORDS = new Set(['any', 'all', 'some', 'exists', 'mod', 'values'])
const SUBQUERY_WORDS = new Set(['select', 'with', 'values', 'union', 'intersect', 'except'])
/** Type names that may prefix a string literal (`date '2024-01-01'`). @internal */
export const TYPED_LITERALS = new Set(['date', 'time', 'timestamp', 'timestamptz', 'interval'])
const [OR, AND, NOT, IS, CMP, OTHER, ADD, MUL] = [1, 2, 3, 4, 5, 6, 7, 8] as const
const LEVELS = new Map<string, number>([
  ...Object.entries({ or: OR, and: AND, is: IS, '+': ADD, '-': ADD, '*': MUL, '/': MUL, '%': MUL }),
  // PostgreSQL's "any other operator" level; `&&` is left out because it is AND in MySQL.
  ...'|| -> ->> #> #>> @> <@ ? ?| ?& @@ #- ~ ~* !~ !~* & | << >> #'.split(' ').map((o) => [o, OTHER] as const),
  ...Object.entries({ div: MUL, mod: MUL }),
  ...'= <> < > <= >= <=> like ilike in between regexp rlike glob'.split(' ').map((o) => [o, CMP] as const),
])
const NEGATABLE = /^(like|ilike|in|between|regexp|rlike|glob)$/
/** The text of a word node, else ''. @internal */
export const wordAt = (n: SqlNode | undefined): string => (isWord(n) ? n.text : '')

/** The function (or keyword) a `(` group belongs to, or '' for a grouping parenthesis. @internal */
export function callName(list: readonly SqlNode[], i: number): string {
  const p = list[i - 1]
  const g = list[i]
  if (g?.t !== 'group' || g.open !== '(' || p?.t !== 'leaf') return ''
  if (p.kind === 'identifier') return p.value
  return p.kind === 'word' && !GROUP_WORDS.has(p.text) ? p.text : ''
}

/** Whether `n` is an identifier or a word. @internal */
export function isName(n: SqlNode | undefined): n is SqlLeaf {
  return n?.t === 'leaf' && (n.kind === 'identifier' || n.kind === 'word')
}

/** The value of a lone plain (unprefixed) string literal. @internal */
export function plainString(op: readonly SqlNode[]): string | undefined {
  const n = op[0]
  return op.length === 1 && n?.t === 'leaf' && n.kind === 'string' && n.prefix === '' ? n.value : undefined
}

function isOperandLeaf(list: readonly SqlNode[], i: number): boolean {
  const n = list[i]
  if (n?.t !== 'leaf') return false
  if (n.kind === 'word') return !KEYWORD_OPS.has(n.text) || (CALL_KEYWORDS.has(n.text) && list[i + 1]?.t === 'group')
  return n.kind === 'string' || n.kind === 'number' || n.kind === 'parameter' || n.kind === 'identifier'
}

/** End (exclusive) of the primary expression starting at `i`, or -1. */
function primaryEnd(list: readonly SqlNode[], i: number): number {
  const n = list[i]
  let j = i + 1
  if (n?.t === 'group') {
    if (n.open !== '(' || !n.closed) return -1
  } else if (n?.t === 'leaf') {
    if (!isOperandLeaf(list, i)) return -1
    if (isName(n)) {
      while (isPunct(list[j], '.') && (isName(list[j + 1]) || isOp(list[j + 1], '*'))) j += 2
      const next = list[j]
      if (next?.t === 'group' && next.open === '(' && next.closed) j++
      else if (TYPED_LITERALS.has(n.text) && j === i + 1 && next && plainString([next]) !== undefined) j++
    }
  } else if (!n) return -1
  for (let g = list[j]; g?.t === 'group' && g.open === '[' && g.closed; g = list[j]) j++
  return j
}

/** Start of the primary expression ending just before `end`, or -1. @internal */
export function primaryStart(list: readonly SqlNode[], end: number): number {
  // Primaries span few nodes; the window keeps long `a::t || b::t || ...` chains linear.
  for (let i = Math.max(0, end - 64); i < end; i++) if (primaryEnd(list, i) === end) return i
  return -1
}

function isPrimary(list: readonly SqlNode[]): boolean {
  let i = 0
  while (isUnary(list, i)) i++
  return list.length > 0 && primaryEnd(list, i) === list.length
}

/**
 * Removes every `(...)` that precedence makes redundant, until none is left. Left to right; after a
 * group is replaced by its content, the node before it is looked at again (it has a new neighbour),
 * then the content. Nodes not yet looked at wait on a stack, so replacing a group costs its own size,
 * not the length of the list (splicing into one array was quadratic in the number of groups).
 * @internal
 */
export function stripParens(input: readonly SqlNode[]): SqlNode[] {
  const done: SqlNode[] = []
  const pending = [...input].reverse() // the next node is the last one
  let between = input.some((x) => isWord(x, 'between'))
  while (pending.length > 0) {
    const g = pending[pending.length - 1] as SqlNode
    if (g.t === 'group' && g.open === '(' && g.closed) {
      // The two nodes on either side are all the checks below look at.
      const around = [
        done[done.length - 2],
        done[done.length - 1],
        g,
        pending[pending.length - 2],
        pending[pending.length - 3],
      ]
      const list = around as SqlNode[]
      if (isGroupingParen(list, 2) && canStrip(list, 2, g.items, between)) {
        between ||= g.items.some((x) => isWord(x, 'between'))
        pending.pop()
        for (let k = g.items.length - 1; k >= 0; k--) pending.push(g.items[k] as SqlNode)
        const before = done.pop()
        if (before !== undefined) pending.push(before)
        continue
      }
    }
    done.push(pending.pop() as SqlNode)
  }
  return done
}

/** Whether the group at `i` is a grouping parenthesis (not a call's or a cast's). @internal */
export function isGroupingParen(list: readonly SqlNode[], i: number): boolean {
  const p = list[i - 1]
  if (p === undefined) return true
  if (p.t !== 'leaf') return false
  if (p.kind === 'operator') return p.text !== '::'
  return isPunct(p, ',') || isPunct(p, ';') || (p.kind === 'word' && GROUP_WORDS.has(p.text))
}

function canStrip(list: readonly SqlNode[], i: number, content: readonly SqlNode[], between: boolean): boolean {
  if (
    content.length === 0 ||
    content.some((n) => isPunct(n, ',') || isPunct(n, ';') || (isWord(n) && SUBQUERY_WORDS.has(n.text)))
  )
    return false
  const next = list[i + 1]
  if (isPrimary(content)) {
    return (
      next === undefined ||
      isPunct(next, ',') ||
      isPunct(next, ';') ||
      (isWord(next) && KEYWORD_OPS.has(next.text)) ||
      (next.t === 'leaf' && next.kind === 'operator' && next.text !== '::')
    )
  }
  const info = analyze(content)
  const [before, after] = [list[i - 1], list[i + 1]]
  const text = (n: SqlNode | undefined): string => (n?.t === 'leaf' ? n.text : '')
  return (
    fits(neighbour(list, i - 1, true, between), text(before), info, true) &&
    fits(neighbour(list, i + 1, false, between), text(after), info, false)
  )
}

type Side = number | 'full' | 'none'

/** Whether content of `info` may lose its parentheses next to an operator of level `side` (text `op`). */
function fits(side: Side, op: string, info: { min: number; ops: Set<string> } | undefined, left: boolean): boolean {
  if (side === 'full') return true
  if (side === 'none' || info === undefined) return false
  // Dialects order the "other" operators differently: only chains of one left-associative operator
  // (JSON arrows count as one, they share a level in PostgreSQL and SQLite).
  const family = (o: string): string => (/^(->>?|#>>?)$/.test(o) ? '->' : o)
  if (side === OTHER)
    return info.min === OTHER && [...info.ops].every((o) => family(o) === family(op)) && (!left || op === '||')
  if (side < info.min) return true
  return side === info.min && (info.min === OR || info.min === AND || (!left && info.min >= ADD))
}

/** The binding strength of the node at `k` towards a parenthesized neighbour; `between` when `list` has BETWEEN. */
function neighbour(list: readonly SqlNode[], k: number, left: boolean, between: boolean): Side {
  const n = list[k]
  if (n === undefined || isPunct(n, ',') || isPunct(n, ';')) return 'full'
  if (n.t !== 'leaf' || (left && isUnary(list, k))) return 'none'
  if (n.kind === 'word') {
    if (
      (left ? /^(when|then|else|case|where|select|on|having|return|returning)$/ : /^(then|else|end|when)$/).test(n.text)
    )
      return 'full'
    if (n.text === 'and' && between) return CMP // possibly BETWEEN's own AND
    if (n.text === 'not') return left ? NOT : NEGATABLE.test(wordAt(list[k + 1])) ? CMP : 'none'
  }
  if (n.kind !== 'word' && n.kind !== 'operator') return 'none'
  return LEVELS.get(n.text) ?? 'none'
}

/** The loosest binary operator level at the top of `list` and its operators; undefined if unknown syntax. */
function analyze(list: readonly SqlNode[]): { min: number; ops: Set<string> } | undefined {
  let min = Number.POSITIVE_INFINITY
  const ops = new Set<string>()
  let operand = true
  let between = 0
  for (let i = 0; i < list.length; i++) {
    const n = list[i]!
    if (operand) {
      if (isUnary(list, i)) continue
      if (isWord(n, 'not')) {
        min = Math.min(min, NOT)
        continue
      }
      const end = primaryEnd(list, i)
      if (end < 0) return undefined
      i = end - 1
      operand = false
      continue
    }
    if (isWord(n, 'not') && NEGATABLE.test(wordAt(list[i + 1]))) continue
    if (isWord(n, 'and') && between > 0) {
      between--
      operand = true
      continue
    }
    const level = n.t === 'leaf' && (n.kind === 'word' || n.kind === 'operator') ? LEVELS.get(n.text) : undefined
    if (level === undefined || n.t !== 'leaf') return undefined
    if (isWord(n, 'between')) between++
    if (isWord(n, 'is') && isWord(list[i + 1], 'not')) i++
    if (isWord(n, 'is') && isWord(list[i + 1], 'distinct') && isWord(list[i + 2], 'from')) i += 2
    min = Math.min(min, level)
    ops.add(n.text)
    operand = true
  }
  return operand ? undefined : { min, ops }
}
