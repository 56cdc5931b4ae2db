import {
  ALL,
  base,
  blog,
  cascading,
  check,
  collect,
  LT,
  MY,
  mood,
  ormDefault,
  PG,
  PG_MY,
  unlinked,
} from './rule-case-kit.js'
import { posts, schema, users } from './schemas.js'

// DS and DD: destructive and data-dependent rules

const { cases, add } = collect()

// DS: destructive
add('DS002', ALL, 'drop a table', base, schema([users()]), ['danger posts'])
add('DS002', ALL, 'drop an empty table (profile)', base, schema([users()]), ['info posts'], {
  profile: { tables: { posts: { rows: 0 } } },
})
add(
  'DS002',
  ALL,
  'a drop that looks like a rename is left to DS013',
  blog(users(), posts(), []),
  schema([users(), { ...posts(), name: 'articles' }]),
  [],
)
add('DS003', ALL, 'drop a column', base, blog(users(), posts({ body: undefined })), ['danger posts.body'])
add(
  'DS003',
  ALL,
  'drop a virtual generated column',
  blog(
    users(),
    posts({ slug: { type: 'text', nullable: true, generated: { expression: 'lower(title)', stored: false } } }),
  ),
  base,
  [],
)
add('DS004', PG, 'uuid to integer', blog(users({ token: 'uuid' })), blog(users({ token: 'integer' })), [
  'danger users.token',
])
add('DS004', PG, 'uuid to text', blog(users({ token: 'uuid' })), blog(users({ token: 'text' })), [])
add('DS005', PG_MY, 'varchar(200) to varchar(100)', base, blog(users(), posts({ title: 'varchar(100)!' })), [
  'warning posts.title',
])
add('DS005', PG_MY, 'varchar(200) to varchar(300)', base, blog(users(), posts({ title: 'varchar(300)!' })), [])
add(
  'DS006',
  PG,
  'named enum loses a value',
  schema([users({ mood: 'mood' }), posts()], mood(['sad', 'ok', 'happy'])),
  schema([users({ mood: 'mood' }), posts()], mood(['ok', 'happy'])),
  ['warning enum:mood'],
)
add(
  'DS006',
  PG,
  'named enum gains a value',
  schema([users({ mood: 'mood' }), posts()], mood(['sad', 'ok'])),
  schema([users({ mood: 'mood' }), posts()], mood(['sad', 'ok', 'happy'])),
  [],
)
add(
  'DS006',
  MY,
  'inline enum loses a value',
  blog(users({ mood: "enum('sad','ok','happy')" })),
  blog(users({ mood: "enum('ok','happy')" })),
  ['warning users.mood'],
)
add(
  'DS006',
  MY,
  'inline enum gains a value',
  blog(users({ mood: "enum('sad','ok')" })),
  blog(users({ mood: "enum('sad','ok','happy')" })),
  [],
)
add(
  'DS009',
  LT,
  'rebuild of a parent with cascading children',
  blog(users(), cascading),
  blog(users({ name: 'varchar(150)' }), cascading),
  ['warning users.name'],
)
add('DS009', LT, 'rebuild of a parent without cascading children', base, blog(users({ name: 'varchar(150)' })), [])
add('DS010', ALL, 'drop a foreign key', base, blog(users(), posts({}, { fks: [] })), [
  'warning posts.posts_user_id_fkey',
])
add('DS010', ALL, 'change the ON DELETE action', base, blog(users(), cascading), [])
add('DS011', ALL, 'drop an index', base, blog(users(), posts({}, { indexes: [] })), ['warning posts.ix_posts_user_id'])
add(
  'DS011',
  ALL,
  'replace an index by a wider one',
  base,
  blog(users(), posts({}, { indexes: [{ name: 'ix_posts_user', columns: ['user_id', 'id'] }] })),
  [],
)
add('DS012', ALL, 'move the primary key', base, blog(users({}, { pk: ['email'] })), ['warning users.users_pkey'])
add('DS012', ALL, 'keep the primary key', base, blog(users({ age: 'integer' })), [])
const summary = posts({ summary: 'text' })
const abstract = posts({ abstract: 'text' })
add('DS013', ALL, 'drop + add that scores as a rename', blog(users(), summary), blog(users(), abstract), [
  'danger posts.summary',
])
add('DS013', ALL, 'the same with the rename hint', blog(users(), summary), blog(users(), abstract), [], {
  diff: { renames: { columns: { 'posts.summary': 'abstract' } } },
})

// DD: data-dependent
// DD012: a key WITHOUT OVERLAPS on an existing table (PostgreSQL 18), not on a new one.
const bookings = (key?: Record<string, unknown>) => ({
  name: 'bookings',
  columns: [
    { name: 'room', type: 'integer', nullable: false },
    { name: 'during', type: 'daterange', nullable: false },
  ],
  constraints: key ? [{ type: 'primary_key', name: 'bookings_pk', columns: ['room', 'during'], ...key }] : [],
  indexes: [],
})
add('DD012', PG, 'key WITHOUT OVERLAPS added', schema([bookings()]), schema([bookings({ withoutOverlaps: true })]), [
  'warning bookings.bookings_pk',
])
add('DD012', PG, 'key made WITHOUT OVERLAPS', schema([bookings({})]), schema([bookings({ withoutOverlaps: true })]), [
  'warning bookings.bookings_pk',
])
add('DD012', PG, 'table created with the key', schema([]), schema([bookings({ withoutOverlaps: true })]), [])
add('DD012', PG, 'plain key added', schema([bookings()]), schema([bookings({})]), [])

const emailIndex = (unique: boolean) => users({}, { indexes: [{ name: 'ix_users_email', columns: ['email'], unique }] })
add('DD001', ALL, 'unique index on an existing column', base, blog(emailIndex(true)), ['warning users.ix_users_email'])
add(
  'DD001',
  ALL,
  'unique index on a column this migration adds',
  base,
  blog(users({ nick: 'varchar(50)' }, { indexes: [{ name: 'ix_nick', columns: ['nick'], unique: true }] })),
  [],
)
add('DD002', ALL, 'index made unique', blog(emailIndex(false)), blog(emailIndex(true)), [
  'warning users.ix_users_email',
])
add('DD002', ALL, 'unique index made non-unique', blog(emailIndex(true)), blog(emailIndex(false)), [])
add('DD003', ['postgres', 'sqlite'], 'NOT NULL column without default', base, blog(users({ age: 'integer!' })), [
  'danger users.age',
])
add('DD003', MY, 'NOT NULL column without default', base, blog(users({ age: 'integer!' })), ['warning users.age'])
add('DD003', ALL, 'NOT NULL column with default', base, blog(users({ age: 'integer! = 0' })), [])
add('DD004', ALL, 'nullable column made NOT NULL', base, blog(users({ name: 'varchar(100)!' })), ['warning users.name'])
add('DD004', LT, 'NOT NULL with a default the rebuild fills in', base, blog(users({ name: "varchar(100)! = 'x'" })), [
  'info users.name',
])
add('DD004', ALL, 'NOT NULL dropped', base, blog(users({ email: 'varchar(120)' })), [])
add('DD005', ALL, 'check on existing columns', base, blog(check('id > 0')), ['warning users.ck_users'])
add(
  'DD005',
  ALL,
  'check on a column this migration adds',
  base,
  blog(users({ score: 'integer' }, { checks: [{ name: 'ck_users', expression: 'score >= 0' }] })),
  [],
)
add('DD005', MY, 'check on MySQL 8.0.15, which ignores CHECK', base, blog(check('id > 0')), [], {
  dialectVersion: '8.0.15',
})
add('DD006', ALL, 'foreign key on an existing column', blog(users(), unlinked), base, [
  'warning posts.posts_user_id_fkey',
])
add(
  'DD006',
  ALL,
  'foreign key on a column this migration adds',
  base,
  blog(
    users(),
    posts(
      { editor_id: 'integer' },
      {
        fks: [
          { columns: ['user_id'], table: 'users' },
          { columns: ['editor_id'], table: 'users' },
        ],
      },
    ),
  ),
  [],
)
add('DD007', PG_MY, 'text to integer', base, blog(users(), posts({ body: 'integer' })), ['warning posts.body'])
add('DD007', PG_MY, 'integer to bigint', blog(users({ age: 'integer' })), blog(users({ age: 'bigint' })), [])
add('DD008', PG, 'text to text[]', base, blog(users(), posts({ body: 'text[]' })), ['danger posts.body'])
add('DD008', PG, 'text to unbounded varchar', base, blog(users(), posts({ body: 'varchar' })), [])
add(
  'DD009',
  ALL,
  'NOT NULL column with an ORM-only default',
  base,
  ormDefault(blog(users({ status: 'varchar(20)!' }))),
  ['warning users.status'],
)
add(
  'DD009',
  ALL,
  'NOT NULL column with a server default',
  base,
  ormDefault(blog(users({ status: "varchar(20)! = 'new'" }))),
  [],
)
add('DD011', ALL, 'NOT NULL column with a default', base, blog(users({ is_active: 'boolean! = true' })), [
  'info users.is_active',
])
add('DD011', ALL, 'nullable column with a default', base, blog(users({ is_active: 'boolean = true' })), [])

/** The cases of DS and DD. */
export const dataCases = cases
