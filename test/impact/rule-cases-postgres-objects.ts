import type { Schema } from '../../src/index.js'
import { base, collect, PG } from './rule-case-kit.js'
import { schema, table, users } from './schemas.js'

// Views, extensions and domains: BC015, BC024, DS017, LK020, LK027.

const { cases, add } = collect()

const withObjects = (s: Schema, objects: Partial<Schema>): Schema => ({ ...s, ...objects }) as Schema
const totals = { name: 'totals', definition: 'SELECT id, email FROM users' }
const counted = (over: Record<string, unknown> = {}) => ({
  name: 'counted',
  materialized: true as const,
  definition: 'SELECT count(*) AS n FROM users',
  ...over,
})

add('BC015', PG, 'view dropped', withObjects(base, { views: [totals] }), base, ['warning view:totals'])
add(
  'BC015',
  PG,
  'view query changed',
  withObjects(base, { views: [totals] }),
  withObjects(base, { views: [{ ...totals, definition: 'SELECT id FROM users' }] }),
  ['warning view:totals'],
)
add(
  'BC015',
  PG,
  'view comment changed',
  withObjects(base, { views: [totals] }),
  withObjects(base, { views: [{ ...totals, comment: 'emails' }] }),
  [],
)

add('DS017', PG, 'extension dropped', withObjects(base, { extensions: [{ name: 'pg_trgm' }] }), base, [
  'warning extension:pg_trgm',
])
add(
  'BC024',
  PG,
  'extension version updated',
  withObjects(base, { extensions: [{ name: 'pg_trgm', version: '1.5' }] }),
  withObjects(base, { extensions: [{ name: 'pg_trgm', version: '1.6' }] }),
  ['warning extension:pg_trgm'],
  { diff: { compareExtensionVersions: true } },
)
add(
  'BC024',
  PG,
  'extension version differs, versions not compared',
  withObjects(base, { extensions: [{ name: 'pg_trgm', version: '1.5' }] }),
  withObjects(base, { extensions: [{ name: 'pg_trgm', version: '1.6' }] }),
  [],
)
add('DS017', PG, 'extension created', base, withObjects(base, { extensions: [{ name: 'pg_trgm' }] }), [])

const ages = (domain: Record<string, unknown>) =>
  withObjects(schema([users({ age: 'posint' })]), { domains: [{ name: 'posint', type: 'integer', ...domain }] })
add('LK020', PG, 'check added to a domain', ages({}), ages({ checks: [{ expression: 'VALUE > 0' }] }), [
  'warning domain:posint',
])
add('LK020', PG, 'NOT NULL set on a domain', ages({}), ages({ notNull: true }), ['warning domain:posint'])
add(
  'LK020',
  PG,
  'check added NOT VALID',
  ages({}),
  ages({ checks: [{ name: 'positive', expression: 'VALUE > 0', notValid: true }] }),
  [],
)

add('LK027', PG, 'materialized view over an existing table', base, withObjects(base, { views: [counted()] }), [
  'warning view:counted',
])
add(
  'LK027',
  PG,
  'materialized view created WITH NO DATA',
  base,
  withObjects(base, { views: [counted({ withNoData: true })] }),
  [],
)
const withLog = (s: Schema) => ({ ...s, tables: [...s.tables, ...schema([table('log', { id: 'integer!' })]).tables] })
add(
  'LK027',
  PG,
  'materialized view over a table created with it',
  base,
  withObjects(withLog(base), { views: [counted({ definition: 'SELECT count(*) AS n FROM log' })] }),
  [],
)

export const postgresObjectCases = cases
