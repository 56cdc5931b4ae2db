import { stableStringify } from '../model/assemble-table.js'
import { type ObjectKind, type ObjectOfKind, routineCost, routineRows } from '../model/object-kinds.js'
import { parseColumnType } from '../model/parse-column-type.js'
import type { Grant, Index, Routine } from '../model/types.js'
import { defaultsEqual } from '../sql-text/normalize-default.js'
import { expressionsEqual } from '../sql-text/normalize-expression.js'
import { tokenizeSql } from '../sql-text/sql-tokenizer.js'
import { indexMeaning } from './semantic-keys.js'
import { grantsEqual } from './table-security.js'
import { unqualifiedViewQuery } from './view-query.js'

// When two spellings of an object's field mean the same thing. A database prints queries, types and
// expressions its own way (`pg_get_viewdef`, `format_type`); two prints of the same database compare
// equal as text, and a hand-written text compares equal when it differs only in spacing, keyword case
// or the quoting of plain names. Quoted bodies of routines are code: compared exactly, but for
// surrounding blank space; SQL-standard bodies are the database's print, compared as queries are.

/**
 * The canonical text of a SQL query or type: tokens joined by one space, words and plain names in
 * lower case, plain quoted names unquoted, string literals kept exactly, a final `;` dropped.
 *
 * @example
 * ```ts
 * normalizeQueryText('SELECT "id"\n  FROM Users;') // 'select id from users'
 * ```
 */
export function normalizeQueryText(text: string): string {
  const tokens = tokenizeSql(text)
  const words = tokens.map((t) => {
    if (t.kind === 'word') return t.text.toLowerCase()
    if (t.kind === 'identifier' && /^[a-z_][a-z0-9_$]*$/.test(t.value)) return t.value
    return t.text
  })
  while (words.at(-1) === ';') words.pop()
  return words.join(' ').replace(/\s*([(),])\s*/g, '$1')
}

const same = (a: unknown, b: unknown): boolean => {
  if (a === b) return true
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => same(x, b[i]))
  if (typeof a === 'object' && typeof b === 'object' && a !== null && b !== null) {
    const ka = Object.keys(a)
    const kb = Object.keys(b)
    return (
      ka.length === kb.length &&
      ka.every((k) => same((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]))
    )
  }
  return false
}

const text = (a: unknown, b: unknown) =>
  a === b || (typeof a === 'string' && typeof b === 'string' && normalizeQueryText(a) === normalizeQueryText(b))
/** A type: the same text, or two spellings of one built-in type (`varchar(10)`, `character varying(10)`). */
const typeText = (a: unknown, b: unknown) => {
  if (text(a, b)) return true
  if (typeof a !== 'string' || typeof b !== 'string') return false
  const [x, y] = [parseColumnType(a), parseColumnType(b)]
  return x.kind !== 'custom' && same(x, y)
}
const caseless = (a: unknown, b: unknown) =>
  a === b || (typeof a === 'string' && typeof b === 'string' && a.toLowerCase() === b.toLowerCase())
const body = (a: unknown, b: unknown) =>
  a === b || (typeof a === 'string' && typeof b === 'string' && a.trim() === b.trim())
const expression = (a: unknown, b: unknown) => expressionsEqual(a as string | undefined, b as string | undefined)

type FieldEquality = (a: unknown, b: unknown) => boolean

type Grants = readonly Grant[] | undefined
const grants = (a: unknown, b: unknown) => grantsEqual(a as Grants, b as Grants)
/** A routine's grants, the `EXECUTE` every routine gives `PUBLIC` by default left out of both. */
const routineGrants = (a: unknown, b: unknown) =>
  grantsEqual(withoutDefaultGrants('function', a as Grants), withoutDefaultGrants('function', b as Grants))

/**
 * Grants without what PostgreSQL grants by itself on a new object of the kind: `EXECUTE` to `PUBLIC`
 * on routines (nothing on the others). Stating it changes nothing; introspection leaves it out.
 * @internal
 */
export function withoutDefaultGrants(kind: ObjectKind, list: Grants): Grant[] {
  if (kind !== 'function') return [...(list ?? [])]
  return (list ?? []).flatMap((g) => {
    if (g.grantee !== 'public') return [g]
    const privileges = g.privileges.filter((p) => p !== 'execute')
    return privileges.length === 0 ? [] : [{ ...g, privileges }]
  })
}

/**
 * Whether two routines' bodies are the same: a quoted body exactly but for surrounding blank space;
 * a SQL-standard one, which the database parses and prints its own way, as normalized text (the
 * statements of `BEGIN ATOMIC`) or as an expression (`RETURN`). Bodies of different kinds differ.
 */
function routineBodiesEqual(a: Routine, b: Routine): boolean {
  if (a.bodyKind !== b.bodyKind) return a.body === b.body
  if (a.bodyKind === 'return') return expressionsEqual(a.body, b.body)
  if (a.bodyKind === 'atomic') return text(a.body, b.body)
  return body(a.body, b.body)
}

/** Per kind, the fields not compared exactly, and how they are compared. */
const EQUALITY: { readonly [K in ObjectKind]?: Readonly<Record<string, FieldEquality>> } = {
  namespace: { grants },
  sequence: { grants },
  domain: {
    type: typeText,
    default: (a, b) => defaultsEqual(a as string | undefined, b as string | undefined),
    checks: (a, b) => {
      const x = (a ?? []) as readonly { name?: string; expression: string; notValid?: true }[]
      const y = (b ?? []) as typeof x
      return (
        x.length === y.length &&
        x.every((c, i) => {
          const d = y[i]
          return (
            d !== undefined &&
            c.name === d.name &&
            c.notValid === d.notValid &&
            expressionsEqual(c.expression, d.expression)
          )
        })
      )
    },
  },
  type: {
    attributes: (a, b) => {
      const x = a as readonly { name: string; type: string; collation?: string }[] | undefined
      const y = b as typeof x
      if (x === undefined || y === undefined) return x === y
      return (
        x.length === y.length &&
        x.every(
          (t, i) => same(t.name, y[i]?.name) && typeText(t.type, y[i]?.type) && same(t.collation, y[i]?.collation),
        )
      )
    },
    range: (a, b) => {
      const x = a as Record<string, unknown> | undefined
      const y = b as typeof x
      if (x === undefined || y === undefined) return x === y
      const { subtype: s, ...restX } = x
      const { subtype: t, ...restY } = y
      return typeText(s, t) && same(restX, restY)
    },
  },
  function: { arguments: text, returns: text, language: caseless, grants: routineGrants },
  view: {
    // Absent means whoever owns it: compared only when both versions state one.
    owner: (a, b) => a === undefined || b === undefined || a === b,
    indexes: (a, b) => {
      const key = (x: Index) => `${x.name ?? ''}\u0000${stableStringify(indexMeaning(x))}\u0000${x.comment ?? ''}`
      const [x, y] = [((a ?? []) as readonly Index[]).map(key).sort(), ((b ?? []) as readonly Index[]).map(key).sort()]
      return same(x, y)
    },
    definition: (a, b) =>
      text(a, b) ||
      (typeof a === 'string' && typeof b === 'string' && text(unqualifiedViewQuery(a), unqualifiedViewQuery(b))),
  },
  trigger: { when: expression, body: text },
  event: { body: text },
}

/** Whether field `field` of two objects of kind `kind` holds the same value. @internal */
export function objectFieldEqual<K extends ObjectKind>(
  kind: K,
  field: string,
  a: ObjectOfKind[K],
  b: ObjectOfKind[K],
): boolean {
  const x = (a as Record<string, unknown>)[field]
  const y = (b as Record<string, unknown>)[field]
  if (x === undefined && y === undefined) return true
  // Estimates compare as PostgreSQL holds them: a stated default is the absent one.
  if (kind === 'function' && field === 'cost') return routineCost(a as Routine) === routineCost(b as Routine)
  if (kind === 'function' && field === 'rows') return routineRows(a as Routine) === routineRows(b as Routine)
  if (kind === 'function' && field === 'body') return routineBodiesEqual(a as Routine, b as Routine)
  const equal = EQUALITY[kind]?.[field]
  return equal ? equal(x, y) : same(x, y)
}
