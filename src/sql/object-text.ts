import type { Dialect, SqlTextKind } from '../dialects/dialect.js'
import { expression, query } from '../dialects/render.js'
import { InvalidIdentifierError, UnsafeExpressionError } from '../errors.js'
import { OBJECT_KINDS, OBJECT_LISTS, type ObjectKind, type ObjectOfKind, objectsOf } from '../model/object-kinds.js'
import type { Schema } from '../model/types.js'
import { tokenizeSql } from '../sql-text/sql-tokenizer.js'
import { dialectLabel } from './schema-text.js'

// The texts of the objects beside tables and enums that a plan writes into SQL, checked for the
// target dialect before any SQL is written and named by document path (`views[2].definition`):
// names and comments the database would change or refuse, and verbatim SQL (a view's query, a
// trigger's WHEN, a domain's checks, a routine's arguments) that is not exactly one query, clause or
// expression to the dialect's lexer. A routine's quoted body is never parsed: it is written inside a
// quote no body can close (see the dialect's generator); a SQL-standard one must be exactly one body.

type Check = 'name' | 'table' | 'comment' | 'names' | 'expression' | 'query' | 'clause' | 'body'

/** Per kind, the field and how it is checked. */
const FIELDS: { readonly [K in ObjectKind]: Readonly<Record<string, Check>> } = {
  namespace: { name: 'name', comment: 'comment' },
  extension: { name: 'name', schema: 'name', version: 'clause', comment: 'comment' },
  type: { name: 'name', schema: 'name', comment: 'comment' },
  domain: {
    name: 'name',
    schema: 'name',
    type: 'clause',
    default: 'expression',
    collation: 'name',
    comment: 'comment',
  },
  sequence: { name: 'name', schema: 'name', comment: 'comment' },
  function: {
    name: 'name',
    schema: 'name',
    arguments: 'clause',
    returns: 'clause',
    language: 'name',
    body: 'body',
    comment: 'comment',
  },
  view: { name: 'table', schema: 'name', definition: 'query', columns: 'names', comment: 'comment' },
  trigger: {
    name: 'name',
    table: 'table',
    schema: 'name',
    columns: 'names',
    when: 'expression',
    body: 'body',
    comment: 'comment',
  },
  event: { name: 'name', schema: 'name', body: 'body', comment: 'comment' },
}

/** `name=value` with a plain (maybe dotted) setting name. */
const SETTING = /^[A-Za-z_][A-Za-z0-9_$]*(\.[A-Za-z_][A-Za-z0-9_$]*)?=/

/** Words that start a routine attribute: a return type holding one outside parentheses says more than a type. */
const ROUTINE_ATTRIBUTES = new Set([
  'as',
  'language',
  'set',
  'security',
  'strict',
  'immutable',
  'stable',
  'volatile',
  'leakproof',
  'parallel',
  'cost',
  'rows',
  'support',
  'window',
  'called',
  'returns',
  'transform',
  'external',
  'begin',
  'return',
  'not',
])

/** The first routine attribute word of a return type outside parentheses, if any. */
function attributeWord(text: string): string | undefined {
  let depth = 0
  for (const t of tokenizeSql(text)) {
    if (t.text === '(') depth++
    else if (t.text === ')') depth--
    else if (depth === 0 && t.kind === 'word' && ROUTINE_ATTRIBUTES.has(t.text.toLowerCase())) return t.text
  }
  return undefined
}

function text(d: Dialect, value: string, kind: SqlTextKind, path: string): void {
  const problem = d.textProblem?.(value, kind)
  if (problem) throw new InvalidIdentifierError(path, dialectLabel(d), `${JSON.stringify(value)} is ${problem}`)
}

/**
 * Checks one object's texts for `d` at `path` (`views[2]`): throws `InvalidIdentifierError` or
 * `UnsafeExpressionError` at the first problem. @internal
 */
export function checkObjectText<K extends ObjectKind>(d: Dialect, kind: K, o: ObjectOfKind[K], path: string): void {
  const record = o as Record<string, unknown>
  for (const [field, check] of Object.entries(FIELDS[kind])) {
    const value = record[field]
    if (value === undefined) continue
    const at = `${path}.${field}`
    if (check === 'names') for (const [i, n] of (value as string[]).entries()) text(d, n, 'name', `${at}[${i}]`)
    else if (check === 'expression') expression(d, value as string, at)
    // A body written verbatim (MySQL, SQLite); PostgreSQL's sits in a quote no body can close.
    else if (check === 'body') {
      // A SQL-standard body (PostgreSQL) is unquoted: exactly one body, or refused here.
      const standard = kind === 'function' ? (o as ObjectOfKind['function']).bodyKind : undefined
      if (standard === undefined) d.checkBody?.(value as string, at)
      else d.checkStandardBody?.(value as string, standard, at)
    } else if (check === 'query' || check === 'clause') {
      if (value !== '') query(d, value as string, at, check)
    } else text(d, value as string, check, at)
  }
  if (kind === 'domain')
    for (const [i, c] of ((o as ObjectOfKind['domain']).checks ?? []).entries()) {
      if (c.name !== undefined) text(d, c.name, 'name', `${path}.checks[${i}].name`)
      expression(d, c.expression, `${path}.checks[${i}].expression`)
    }
  if (kind === 'type') {
    const t = o as ObjectOfKind['type']
    for (const [i, a] of (t.attributes ?? []).entries()) {
      text(d, a.name, 'name', `${path}.attributes[${i}].name`)
      query(d, a.type, `${path}.attributes[${i}].type`, 'clause')
    }
    if (t.range) {
      query(d, t.range.subtype, `${path}.range.subtype`, 'clause')
      for (const f of ['subtypeOpclass', 'collation', 'canonical', 'subtypeDiff', 'multirangeTypeName'] as const) {
        const value = t.range[f]
        if (value !== undefined) for (const part of value.split('.')) text(d, part, 'name', `${path}.range.${f}`)
      }
    }
  }
  if (kind === 'function') {
    const r = o as ObjectOfKind['function']
    // Values are written as string literals (the generator quotes them): only the name is SQL.
    for (const [i, c] of (r.config ?? []).entries()) {
      if (!SETTING.test(c))
        throw new UnsafeExpressionError(`${path}.config[${i}]`, 'not name=value with a plain setting name', c)
    }
    if (r.language !== undefined && !/^[A-Za-z_][A-Za-z0-9_]*$/.test(r.language))
      throw new UnsafeExpressionError(`${path}.language`, 'not a plain language name', r.language)
    // psql counts an unquoted BEGIN in CREATE FUNCTION as a block to close before the statement ends.
    if (r.language !== undefined && r.language.toLowerCase() === 'begin')
      throw new UnsafeExpressionError(`${path}.language`, 'BEGIN, which psql reads as opening a block', r.language)
    for (const [i, c] of (r.config ?? []).entries())
      if (/(^|\.)begin(\.|=)/i.test(c.replace(/\s+/g, '')))
        throw new UnsafeExpressionError(
          `${path}.config[${i}]`,
          'a setting name holding BEGIN, which psql reads as opening a block',
          c,
        )
    const word = r.returns === undefined ? undefined : attributeWord(r.returns)
    if (word !== undefined)
      throw new UnsafeExpressionError(
        `${path}.returns`,
        `the keyword ${word.toUpperCase()} outside parentheses, which would add to the routine's definition`,
        r.returns as string,
      )
  }
}

/** Checks every object of a schema, with paths under `prefix` (`to.`). @internal */
export function checkObjectsText(d: Dialect, schema: Schema, prefix = ''): void {
  for (const kind of OBJECT_KINDS) {
    // A kind the dialect cannot write (events on PostgreSQL) is refused by the planner, by name.
    if (d.objects?.[kind] === undefined) continue
    for (const [i, o] of objectsOf(schema, kind).entries())
      checkObjectText(d, kind, o as ObjectOfKind[typeof kind], `${prefix}${OBJECT_LISTS[kind]}[${i}]`)
  }
}
