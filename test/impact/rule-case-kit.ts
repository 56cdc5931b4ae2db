import type { Schema } from '../../src/index.js'
import { type Options, posts, schema, table, users } from './schemas.js'

// Shared pieces of the rule cases: one diff that triggers each rule and one that must not, per
// dialect the rule applies to. `expect` is the exact list of `severity path` of the rule's findings
// (empty: the rule must stay silent).

export interface RuleCase {
  readonly code: string
  readonly dialects: readonly string[]
  readonly name: string
  readonly from: Schema
  readonly to: Schema
  readonly options?: Options
  readonly expect: readonly string[]
}

export const PG = ['postgres']
export const MY = ['mysql']
export const LT = ['sqlite']
export const PG_MY = ['postgres', 'mysql']
export const ALL = ['postgres', 'mysql', 'sqlite']

export const base = schema([users(), posts()])
export const blog = (u = users(), p = posts(), extra: ReturnType<typeof table>[] = []) => schema([u, p, ...extra])
export const tags = table('tags', { id: 'integer!', name: 'varchar(50)!' }, { pk: ['id'] })
export const mood = (values: readonly string[]) => [{ name: 'mood', values }]
export const ormDefault = (s: Schema): Schema => ({
  ...s,
  tables: s.tables.map((t) =>
    t.name !== 'users'
      ? t
      : { ...t, columns: t.columns.map((c) => (c.name === 'status' ? { ...c, extra: { default: 'new' } } : c)) },
  ),
})

/** Collects cases; `add(code, dialects, name, from, to, expect, options?)`. */
export function collect() {
  const cases: RuleCase[] = []
  const add = (
    code: string,
    dialects: readonly string[],
    name: string,
    from: Schema,
    to: Schema,
    expect: readonly string[],
    options: Options = {},
  ) => cases.push({ code, dialects, name, from, to, expect, options })
  return { cases, add }
}

// Fixtures several families use.
export const cascading = posts({}, { fks: [{ columns: ['user_id'], table: 'users', onDelete: 'cascade' }] })
export const unlinked = posts({}, { fks: [] })
export const check = (expression: string) => users({}, { checks: [{ name: 'ck_users', expression }] })
export const nameIndex = users({}, { indexes: [{ name: 'ix_users_name', columns: ['name'] }] })
