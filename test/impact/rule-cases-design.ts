import { ALL, base, blog, collect, LT, MY, mood, PG, PG_MY } from './rule-case-kit.js'
import { type Options, posts, schema, type TableOptions, table, users } from './schemas.js'

// BP and NM rules added with lintSchema, on migrations: each fires on the objects a change
// introduces (the same code lints a whole schema in lint-schema.test.ts).

const { cases, add } = collect()

const optIn = (code: string): Options => ({ rules: { enable: [code] } })
const newTable = (columns: Record<string, string | Record<string, unknown>>, o: TableOptions = {}) =>
  blog(users(), posts(), [table('events', columns, o)])

add(
  'BP001',
  MY,
  'integer primary key',
  base,
  newTable({ id: 'integer!' }, { pk: ['id'] }),
  ['info events'],
  optIn('BP001'),
)
add('BP001', MY, 'bigint primary key', base, newTable({ id: 'bigint!' }, { pk: ['id'] }), [], optIn('BP001'))

// BP021: what the planner refuses for the dialect, object by object.
const activeIndex = (where?: string) =>
  newTable(
    { id: 'integer!', active: 'boolean' },
    { pk: ['id'], indexes: [{ name: 'ix_active', columns: ['id'], ...(where ? { where } : {}) }] },
  )
add('BP021', MY, 'partial index', base, activeIndex('active'), ['danger events'])
add('BP021', MY, 'plain index', base, activeIndex(), [])
add('BP021', LT, 'array column', base, newTable({ id: 'integer!', tags: 'text[]' }, { pk: ['id'] }), ['danger events'])
add('BP021', LT, 'partial index (SQLite has them)', base, activeIndex('active'), [])
const invisible = newTable({ id: 'integer!', h: { type: 'integer', nullable: true, invisible: true } }, { pk: ['id'] })
add('BP021', PG, 'MySQL invisible column', base, invisible, ['danger events'])
add('BP021', PG, 'partial index (PostgreSQL has them)', base, activeIndex('active'), [])

const emailIndexes = (indexes: NonNullable<TableOptions['indexes']>) => blog(users({}, { indexes }))
add(
  'BP007',
  ALL,
  'duplicate index added next to an existing one',
  emailIndexes([{ name: 'ix_email', columns: ['email'] }]),
  emailIndexes([
    { name: 'ix_email', columns: ['email'] },
    { name: 'ix_email_again', columns: ['email'] },
  ]),
  ['info users.ix_email_again'],
)
add(
  'BP007',
  ALL,
  'duplicate indexes in a new table: one finding',
  base,
  newTable(
    { id: 'bigint!', at: 'timestamptz' },
    {
      pk: ['id'],
      indexes: [
        { name: 'ix_a', columns: ['at'] },
        { name: 'ix_b', columns: ['at'] },
      ],
    },
  ),
  ['info events'],
)
add(
  'BP007',
  ALL,
  'unique index on other columns than the wider one',
  emailIndexes([{ name: 'ix_email_name', columns: ['email', 'name'] }]),
  emailIndexes([
    { name: 'ix_email_name', columns: ['email', 'name'] },
    { name: 'ux_email', columns: ['email'], unique: true },
  ]),
  [],
)

add(
  'BP011',
  PG,
  'integer before timestamptz',
  base,
  newTable({ id: 'integer!', at: 'timestamptz!', body: 'text' }, { pk: ['id'] }),
  ['info events'],
  optIn('BP011'),
)
add(
  'BP011',
  PG,
  'widest alignment first',
  base,
  newTable({ at: 'timestamptz!', id: 'integer!', body: 'text' }, { pk: ['id'] }),
  [],
  optIn('BP011'),
)

add(
  'BP016',
  PG,
  'json column in a new table',
  base,
  newTable({ id: 'bigint!', payload: 'json' }, { pk: ['id'] }),
  ['info events'],
  optIn('BP016'),
)
add('BP016', PG, 'json column added: BC008 reports it', base, blog(users({ prefs: 'json' })), [], optIn('BP016'))
add('BP016', PG, 'json column added with BC008 off', base, blog(users({ prefs: 'json' })), ['info users.prefs'], {
  rules: { enable: ['BP016'], disable: ['BC008'] },
})
add(
  'BP016',
  PG,
  'jsonb column',
  base,
  newTable({ id: 'bigint!', payload: 'jsonb' }, { pk: ['id'] }),
  [],
  optIn('BP016'),
)
add('BP017', PG, 'money column', base, blog(users({ credit: 'money' })), ['info users.credit'], optIn('BP017'))
add('BP017', PG, 'numeric column', base, blog(users({ credit: 'numeric(12,2)' })), [], optIn('BP017'))
add('BP018', PG_MY, 'double column', base, blog(users({ credit: 'double' })), ['info users.credit'], optIn('BP018'))
add('BP018', PG_MY, 'decimal column', base, blog(users({ credit: 'decimal(12,2)' })), [], optIn('BP018'))
add('BP019', MY, 'zero date default', base, blog(users({ seen_at: "datetime! = '0000-00-00 00:00:00'" })), [
  'warning users.seen_at',
])
add('BP019', MY, 'real date default', base, blog(users({ seen_at: "datetime! = '1970-01-01 00:00:00'" })), [])
add(
  'BP020',
  ALL,
  'unique constraint on a nullable column',
  base,
  blog(users({}, { unique: [['name']] })),
  ['info users.users_name_key'],
  optIn('BP020'),
)
add(
  'BP020',
  ALL,
  'unique constraint on NOT NULL columns',
  base,
  blog(users({}, { unique: [['email']] })),
  [],
  optIn('BP020'),
)

// NM: a pattern turns its rule on; findings are on the change that introduces the name.
const named = (pattern: string, key: string): Options => ({ naming: { [key]: pattern } })
const inBilling = (name: string) =>
  blog(users(), posts(), [table('invoices', { id: 'bigint!' }, { pk: ['id'], schema: name })])
add(
  'NM001',
  ALL,
  'namespace off the pattern',
  base,
  inBilling('Billing'),
  ['info Billing.invoices'],
  named('^[a-z]+$', 'schema'),
)
add('NM001', ALL, 'namespace on the pattern', base, inBilling('billing'), [], named('^[a-z]+$', 'schema'))
add(
  'NM002',
  ALL,
  'table off the pattern',
  base,
  blog(users(), posts(), [table('UserTags', { id: 'bigint!' }, { pk: ['id'] })]),
  ['info UserTags'],
  named('^[a-z_]+$', 'table'),
)
add('NM002', ALL, 'table name already there', base, blog(users({ nick: 'text' })), [], named('^[a-z_]+$', 'table'))
add('NM003', ALL, 'column off snake_case', base, blog(users({ nickName: 'text' })), ['info users.nickName'], {
  rules: { enable: ['NM003'] },
})
add('NM003', ALL, 'snake_case column', base, blog(users({ nick_name: 'text' })), [], { rules: { enable: ['NM003'] } })
add(
  'NM004',
  ALL,
  'index off the pattern',
  base,
  blog(users({}, { indexes: [{ name: 'users_by_email', columns: ['email'] }] })),
  ['info users.users_by_email'],
  named('^(ix|ux)_', 'index'),
)
add(
  'NM004',
  ALL,
  'index on the pattern',
  base,
  blog(users({}, { indexes: [{ name: 'ix_users_email', columns: ['email'] }] })),
  [],
  named('^(ix|ux)_', 'index'),
)
const fk = (name: string) =>
  blog(users(), posts(), [
    table(
      'comments',
      { id: 'bigint!', post_id: 'integer' },
      { pk: ['id'], fks: [{ columns: ['post_id'], table: 'posts', name }] },
    ),
  ])
add(
  'NM005',
  ALL,
  'foreign key off the pattern',
  base,
  fk('comments_post'),
  ['info comments'],
  named('^fk_', 'foreignKey'),
)
add('NM005', ALL, 'foreign key on the pattern', base, fk('fk_comments_post'), [], named('^fk_', 'foreignKey'))
const ck = (name: string) => users({}, { checks: [{ name, expression: 'length(email) > 3' }] })
add(
  'NM006',
  ALL,
  'check off the pattern',
  base,
  blog(ck('email_long')),
  ['info users.email_long'],
  named('^ck_', 'check'),
)
add('NM006', ALL, 'check on the pattern', base, blog(ck('ck_email_long')), [], named('^ck_', 'check'))
const uq = (name: string) =>
  blog(users(), posts(), [
    table('tags', { id: 'bigint!', name: 'text!' }, { pk: ['id'], unique: [['name']] }),
  ]).tables.map((t) =>
    t.name === 'tags' ? { ...t, constraints: t.constraints.map((c) => (c.type === 'unique' ? { ...c, name } : c)) } : t,
  )
add(
  'NM007',
  ALL,
  'unique constraint off the pattern',
  base,
  { ...base, tables: uq('TagsName') },
  ['info tags'],
  named('^[a-z_]+$', 'constraint'),
)
add(
  'NM007',
  ALL,
  'unique constraint on the pattern',
  base,
  { ...base, tables: uq('tags_name_key') },
  [],
  named('^[a-z_]+$', 'constraint'),
)
add(
  'NM008',
  ALL,
  'enum type off the pattern',
  base,
  schema([users(), posts()], [{ name: 'Mood', values: ['ok'] }]),
  ['info enum:Mood'],
  named('^[a-z_]+$', 'enum'),
)
add(
  'NM008',
  ALL,
  'enum type on the pattern',
  base,
  schema([users(), posts()], mood(['ok'])),
  [],
  named('^[a-z_]+$', 'enum'),
)

/** The cases of the rules lintSchema added. */
export const designCases = cases
