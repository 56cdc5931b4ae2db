import type { Dialect, SqlTextKind } from '../dialects/dialect.js'
import { expression, query } from '../dialects/render.js'
import { InvalidIdentifierError } from '../errors.js'
import { OBJECT_KINDS, OBJECT_LISTS, type ObjectKind, type ObjectOfKind, objectsOf } from '../model/object-kinds.js'
import type { Schema } from '../model/types.js'
import { dialectLabel } from './schema-text.js'

// The texts of the objects beside tables and enums that a plan writes into SQL, checked for the
// target dialect before any SQL is written and named by document path (`views[2].definition`):
// names and comments the database would change or refuse, and verbatim SQL (a view's query, a
// trigger's WHEN, a domain's checks, a routine's arguments) that is not exactly one query, clause or
// expression to the dialect's lexer. A routine's body is never parsed: it is written inside a quote
// no body can close (see the dialect's generator).

type Check = 'name' | 'table' | 'comment' | 'names' | 'expression' | 'query' | 'clause'

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
    comment: 'comment',
  },
  view: { name: 'table', schema: 'name', definition: 'query', columns: 'names', comment: 'comment' },
  trigger: { name: 'name', table: 'table', schema: 'name', columns: 'names', when: 'expression', comment: 'comment' },
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
    else if (check === 'query' || check === 'clause') {
      if (value !== '') query(d, value as string, at, check)
    } else text(d, value as string, check, at)
  }
  if (kind === 'domain')
    for (const [i, c] of ((o as ObjectOfKind['domain']).checks ?? []).entries()) {
      if (c.name !== undefined) text(d, c.name, 'name', `${path}.checks[${i}].name`)
      expression(d, c.expression, `${path}.checks[${i}].expression`)
    }
  if (kind === 'type')
    for (const [i, a] of (o as ObjectOfKind['type']).attributes.entries()) {
      text(d, a.name, 'name', `${path}.attributes[${i}].name`)
      query(d, a.type, `${path}.attributes[${i}].type`, 'clause')
    }
  if (kind === 'function')
    for (const [i, c] of ((o as ObjectOfKind['function']).config ?? []).entries())
      query(d, c, `${path}.config[${i}]`, 'clause')
}

/** Checks every object of a schema, with paths under `prefix` (`to.`). @internal */
export function checkObjectsText(d: Dialect, schema: Schema, prefix = ''): void {
  for (const kind of OBJECT_KINDS)
    for (const [i, o] of objectsOf(schema, kind).entries())
      checkObjectText(d, kind, o as ObjectOfKind[typeof kind], `${prefix}${OBJECT_LISTS[kind]}[${i}]`)
}
