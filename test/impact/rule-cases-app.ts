import { ALL, base, blog, cascading, collect, LT, MY, mood, PG, PG_MY, tags, unlinked } from './rule-case-kit.js'
import { type Options, posts, schema, type TableOptions, table, users } from './schemas.js'

// BC and BP: backward-incompatible and design rules

const { cases, add } = collect()

// BC: backward-incompatible
add(
  'BC001',
  ALL,
  'rename a table',
  blog(users(), posts(), [tags]),
  blog(users(), posts(), [{ ...tags, name: 'labels' }]),
  ['warning labels'],
  { diff: { renames: { tables: { tags: 'labels' } } } },
)
add(
  'BC001',
  ALL,
  'keep the table name',
  blog(users(), posts(), [tags]),
  blog(users(), posts(), [table('tags', { id: 'integer!', name: 'varchar(50)!', x: 'text' }, { pk: ['id'] })]),
  [],
)
const renamed = table('users', { id: 'integer!', email: 'varchar(120)!', full_name: 'varchar(100)' }, { pk: ['id'] })
add('BC002', ALL, 'rename a column', base, blog(renamed), ['warning users.full_name'], {
  diff: { renames: { columns: { 'users.name': 'full_name' } } },
})
add('BC002', ALL, 'add a column', base, blog(users({ nick: 'text' })), [])
add('BC005', ALL, 'DROP NOT NULL', base, blog(users({ email: 'varchar(120)' })), ['warning users.email'])
add('BC005', ALL, 'SET NOT NULL', base, blog(users({ name: 'varchar(100)!' })), [])
add('BC006', ALL, 'required column', base, blog(users({ age: 'integer!' })), ['danger users.age'])
add('BC006', ALL, 'required column with a default', base, blog(users({ age: 'integer! = 0' })), [])
add(
  'BC007',
  PG,
  'enum values reordered',
  schema([users({ mood: 'mood' }), posts()], mood(['sad', 'ok'])),
  schema([users({ mood: 'mood' }), posts()], mood(['ok', 'sad'])),
  ['info enum:mood'],
)
add(
  'BC007',
  PG,
  'enum value appended',
  schema([users({ mood: 'mood' }), posts()], mood(['sad', 'ok'])),
  schema([users({ mood: 'mood' }), posts()], mood(['sad', 'ok', 'happy'])),
  [],
)
add(
  'BC007',
  MY,
  'inline enum values reordered',
  blog(users({ mood: "enum('sad','ok')" })),
  blog(users({ mood: "enum('ok','sad')" })),
  ['info users.mood'],
)
add(
  'BC007',
  MY,
  'inline enum value appended',
  blog(users({ mood: "enum('sad','ok')" })),
  blog(users({ mood: "enum('sad','ok','happy')" })),
  [],
)
add('BC008', PG, 'json column', base, blog(users({ prefs: 'json' })), ['warning users.prefs'])
add('BC008', PG, 'jsonb column', base, blog(users({ prefs: 'jsonb' })), [])
const collated = (col: 'email' | 'name', collation: string | undefined) =>
  users(
    {
      [col]: {
        type: col === 'email' ? 'varchar(120)' : 'varchar(100)',
        nullable: col !== 'email',
        ...(collation ? { collation } : {}),
      },
    },
    { unique: [['email']] },
  )
add(
  'BC009',
  PG_MY,
  'collation change on a unique column',
  blog(collated('email', undefined)),
  blog(collated('email', 'C')),
  ['warning users.email'],
)
add(
  'BC009',
  PG_MY,
  'collation change on a plain column',
  blog(collated('name', undefined)),
  blog(collated('name', 'C')),
  [],
)
add(
  'BC010',
  ALL,
  'default changed (rule enabled)',
  blog(users({ status: "text = 'a'" })),
  blog(users({ status: "text = 'b'" })),
  ['info users.status'],
  { rules: { enable: ['BC010'] } },
)
add(
  'BC010',
  ALL,
  'default changed (opt-in rule not enabled)',
  blog(users({ status: "text = 'a'" })),
  blog(users({ status: "text = 'b'" })),
  [],
)
add('BC011', PG_MY, 'integer to text', blog(users({ age: 'integer' })), blog(users({ age: 'text' })), [
  'warning users.age',
])
add('BC011', PG_MY, 'integer to bigint', blog(users({ age: 'integer' })), blog(users({ age: 'bigint' })), [])

// BP: design
const optIn = (code: string): Options => ({ rules: { enable: [code] } })
const newTable = (columns: Record<string, string | Record<string, unknown>>, o: TableOptions = {}) =>
  blog(users(), posts(), [table('events', columns, o)])
add(
  'BP001',
  PG,
  'integer primary key',
  base,
  newTable({ id: 'integer!' }, { pk: ['id'] }),
  ['info events'],
  optIn('BP001'),
)
add('BP001', PG, 'bigint primary key', base, newTable({ id: 'bigint!' }, { pk: ['id'] }), [], optIn('BP001'))
add(
  'BP002',
  PG,
  'serial column',
  base,
  newTable({ id: 'bigint! auto' }, { pk: ['id'] }),
  ['info events'],
  optIn('BP002'),
)
add(
  'BP002',
  PG,
  'identity column',
  base,
  newTable({ id: { type: 'bigint', nullable: false, identity: { generation: 'by_default' } } }, { pk: ['id'] }),
  [],
  optIn('BP002'),
)
add('BP003', PG, 'varchar(n) column', base, blog(users({ nick: 'varchar(40)' })), ['info users.nick'], optIn('BP003'))
add('BP003', PG, 'text column', base, blog(users({ nick: 'text' })), [], optIn('BP003'))
add(
  'BP004',
  PG,
  'timestamp without time zone',
  base,
  blog(users({ seen_at: 'timestamp' })),
  ['info users.seen_at'],
  optIn('BP004'),
)
add('BP004', PG, 'timestamp with time zone', base, blog(users({ seen_at: 'timestamptz' })), [], optIn('BP004'))
add('BP005', ALL, 'table without primary key', base, newTable({ at: 'timestamptz' }), ['warning events'])
add('BP005', ALL, 'table with primary key', base, newTable({ id: 'bigint!' }, { pk: ['id'] }), [])
const comments = (indexed: boolean) =>
  table(
    'comments',
    { id: 'bigint!', post_id: 'integer' },
    {
      pk: ['id'],
      fks: [{ columns: ['post_id'], table: 'posts' }],
      ...(indexed ? { indexes: [{ name: 'ix_comments_post_id', columns: ['post_id'] }] } : {}),
    },
  )
add('BP006', ['postgres', 'sqlite'], 'foreign key without index', base, blog(users(), posts(), [comments(false)]), [
  'warning comments',
])
add('BP006', ['postgres', 'sqlite'], 'foreign key with index', base, blog(users(), posts(), [comments(true)]), [])
const twoIndexes = (second: string[]) =>
  users(
    {},
    {
      indexes: [
        { name: 'ix_email_name', columns: ['email', 'name'] },
        { name: 'ix_second', columns: second },
      ],
    },
  )
add(
  'BP007',
  ALL,
  'index covered by a wider one',
  blog(users({}, { indexes: [{ name: 'ix_email_name', columns: ['email', 'name'] }] })),
  blog(twoIndexes(['email'])),
  ['info users.ix_second'],
)
add(
  'BP007',
  ALL,
  'index on other columns',
  blog(users({}, { indexes: [{ name: 'ix_email_name', columns: ['email', 'name'] }] })),
  blog(twoIndexes(['name'])),
  [],
)
const longName = 'customer_subscription_billing_period_adjustment_history_entries_archive'
add(
  'BP008',
  PG,
  'name over 63 bytes',
  base,
  blog(users(), posts(), [table(longName, { id: 'bigint!' }, { pk: ['id'] })]),
  [`danger ${longName}`],
)
add(
  'BP008',
  MY,
  'name over 64 characters',
  base,
  blog(users(), posts(), [table(longName, { id: 'bigint!' }, { pk: ['id'] })]),
  [`danger ${longName}`],
)
add(
  'BP008',
  LT,
  'name SQLite keeps for itself',
  base,
  blog(users(), posts(), [table('sqlite_archive', { id: 'bigint!' }, { pk: ['id'] })]),
  ['danger sqlite_archive'],
)
add('BP008', ALL, 'short name', base, newTable({ id: 'bigint!' }, { pk: ['id'] }), [])
add(
  'BP012',
  PG,
  'new enum type',
  base,
  schema([users(), posts()], mood(['sad', 'ok'])),
  ['info enum:mood'],
  optIn('BP012'),
)
add(
  'BP012',
  MY,
  'new inline enum column',
  base,
  blog(users({ mood: "enum('sad','ok')" })),
  ['info users.mood'],
  optIn('BP012'),
)
add('BP012', PG_MY, 'new text column', base, blog(users({ mood: 'text' })), [], optIn('BP012'))
add(
  'BP013',
  ALL,
  'foreign key with ON DELETE CASCADE',
  blog(users(), unlinked),
  blog(users(), cascading),
  ['info posts.posts_user_id_fkey'],
  optIn('BP013'),
)
add('BP013', ALL, 'foreign key without actions', blog(users(), unlinked), base, [], optIn('BP013'))
add('BP015', PG, 'referenced key widened alone', base, blog(users({ id: 'bigint!' })), ['warning users.id'])
add('BP015', MY, 'referenced key widened alone', base, blog(users({ id: 'bigint!' })), ['danger users.id'])
add('BP015', PG_MY, 'both sides widened', base, blog(users({ id: 'bigint!' }), posts({ user_id: 'bigint!' })), [])

/** Every case, in catalogue order. */

/** The cases of BC and BP. */
export const appCases = cases
