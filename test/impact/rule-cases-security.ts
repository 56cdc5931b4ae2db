import { base, collect, LT, MY, PG } from './rule-case-kit.js'
import { posts, schema, users } from './schemas.js'

// Row-level security, policies and exclusion constraints (BC012, BC013, LK012, LK025).

/** The blog schema with `users` replaced (the table helpers know no policies or exclusions). */
const blog = (u: Record<string, unknown>, p = posts()) => schema([u, p] as Parameters<typeof schema>[0])

const { cases, add } = collect()

const own = { name: 'own_rows', using: 'id = 1' }
const secured = (policies: readonly Record<string, unknown>[], rowSecurity: string | null = 'enabled') =>
  blog({ ...users(), ...(rowSecurity ? { rowSecurity } : {}), policies }, posts())

add('BC012', PG, 'row-level security enabled with no policy', base, secured([]), ['danger users'])
add('BC012', PG, 'row-level security forced with no policy', base, secured([], 'forced'), ['danger users'])
add('BC012', PG, 'row-level security enabled with its policy', base, secured([own]), [])
add('BC012', PG, 'a policy added to a table already secured without one', secured([]), secured([own]), [])
add('BC013', PG, 'the last policy dropped, security kept', secured([own]), secured([]), ['warning users'])
add('BC013', PG, 'the last policy dropped with security', secured([own]), secured([], null), [])
add('BC013', PG, 'one of two policies dropped', secured([own, { ...own, name: 'b' }]), secured([own]), [])
add('LK025', PG, 'USING of a policy changed', secured([own]), secured([{ ...own, using: 'id = 2' }]), ['info users'])
add('LK025', PG, 'a policy added', secured([own]), secured([own, { ...own, name: 'b' }]), [])
const exclusion = {
  type: 'exclude',
  name: 'no_same_name',
  using: 'btree',
  elements: [{ column: 'name', operator: '=' }],
}
const withExclusion = (...constraints: Record<string, unknown>[]) => {
  const u = users()
  return blog({ ...u, constraints: [...u.constraints, ...constraints] }, posts())
}
add('LK012', PG, 'exclusion constraint on an existing table', base, withExclusion(exclusion), [
  'warning users.no_same_name',
])
add('LK012', PG, 'check added NOT VALID by the schema: no scan, not LK012', base, withExclusion(), [])
add(
  'LK007',
  PG,
  'check the schema itself keeps NOT VALID (no scan)',
  base,
  withExclusion({ type: 'check', name: 'ck', expression: 'id > 0', notValid: true }),
  [],
)
add(
  'LK007',
  PG,
  'a NOT VALID check validated (VALIDATE CONSTRAINT, not a re-add)',
  withExclusion({ type: 'check', name: 'ck', expression: 'id > 0', notValid: true }),
  withExclusion({ type: 'check', name: 'ck', expression: 'id > 0' }),
  [],
)

// BP021: MySQL and SQLite refuse them, once for the table (not once per column).
const rooms = (extra: Record<string, unknown>) =>
  schema([
    {
      name: 'rooms',
      columns: [
        { name: 'id', type: 'integer', nullable: false },
        { name: 'name', type: 'text' },
      ],
      constraints: [{ type: 'primary_key', columns: ['id'] }],
      ...extra,
    },
  ] as unknown as Parameters<typeof schema>[0])
const emptySchema = schema([])
for (const dialects of [MY, LT]) {
  add(
    'BP021',
    dialects,
    'row-level security and a policy',
    emptySchema,
    rooms({ rowSecurity: 'enabled', policies: [own] }),
    ['danger rooms'],
  )
  add('BP021', dialects, 'a table without PostgreSQL-only parts', emptySchema, rooms({}), [])
}

/** Row-level security and exclusion constraint cases. */
export const securityCases = cases
