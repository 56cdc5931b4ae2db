import { ALL, base, blog, check, collect, MY, mood, nameIndex, PG, PG_MY, tags, unlinked } from './rule-case-kit.js'
import { posts, schema, table, users } from './schemas.js'

// LK and TX: locking and transaction rules

const { cases, add } = collect()

// LK: locks and rewrites
add('LK001', PG, 'index on an existing table', base, blog(nameIndex), ['warning users.ix_users_name'])
add('LK001', PG, 'index built concurrently', base, blog(nameIndex), [], { plan: { concurrently: true } })
add('LK002', PG, 'drop an index', base, blog(users(), posts({}, { indexes: [] })), ['warning posts.ix_posts_user_id'])
add('LK002', PG, 'drop an index concurrently', base, blog(users(), posts({}, { indexes: [] })), [], {
  plan: { concurrently: true },
})
add('LK004', PG, 'unique constraint on an existing table', base, blog(users({}, { unique: [['email']] })), [
  'warning users.users_email_key',
])
add(
  'LK004',
  PG,
  'unique constraint on a new table',
  base,
  blog(users(), posts(), [table('tags', { id: 'integer!', name: 'text' }, { pk: ['id'], unique: [['name']] })]),
  [],
)
const events = (pk?: string[]) => table('events', { id: 'bigint!', at: 'timestamptz' }, pk ? { pk } : {})
add(
  'LK005',
  PG,
  'primary key on an existing table',
  blog(users(), posts(), [events()]),
  blog(users(), posts(), [events(['id'])]),
  ['warning events.events_pkey'],
)
add('LK005', PG, 'primary key on a new table', base, blog(users(), posts(), [events(['id'])]), [])
add('LK006', PG_MY, 'foreign key on an existing table', blog(users(), unlinked), base, [
  'warning posts.posts_user_id_fkey',
])
add('LK006', PG, 'foreign key added NOT VALID', blog(users(), unlinked), base, [], { plan: { notValid: true } })
add('LK006', MY, 'foreign key on a new table', schema([users()]), base, [])
add('LK007', PG_MY, 'check on an existing table', base, blog(check('id > 0')), ['warning users.ck_users'])
add('LK007', PG, 'check added NOT VALID', base, blog(check('id > 0')), [], { plan: { notValid: true } })
add('LK007', MY, 'check on MySQL 8.0.15, which ignores CHECK', base, blog(check('id > 0')), [], {
  dialectVersion: '8.0.15',
})
add('LK008', PG, 'SET NOT NULL', base, blog(users({ name: 'varchar(100)!' })), ['warning users.name'])
add('LK008', PG, 'DROP NOT NULL', base, blog(users({ email: 'varchar(120)' })), [])
add('LK009', PG_MY, 'integer to bigint', blog(users({ age: 'integer' })), blog(users({ age: 'bigint' })), [
  'warning users.age',
])
add('LK009', PG, 'varchar(100) to varchar(150) (binary coercible)', base, blog(users({ name: 'varchar(150)' })), [])
add(
  'LK009',
  MY,
  'varchar(50) to varchar(80) (crosses 255 bytes)',
  blog(users({ nick: 'varchar(50)' })),
  blog(users({ nick: 'varchar(80)' })),
  ['warning users.nick'],
)
add(
  'LK009',
  MY,
  'varchar(50) to varchar(60) (same length prefix)',
  blog(users({ nick: 'varchar(50)' })),
  blog(users({ nick: 'varchar(60)' })),
  [],
)
add(
  'LK010',
  PG,
  'constant default on PostgreSQL 10',
  base,
  blog(users({ is_active: 'boolean! = true' })),
  ['warning users.is_active'],
  { dialectVersion: 10 },
)
add('LK010', PG, 'constant default on PostgreSQL 11', base, blog(users({ is_active: 'boolean! = true' })), [], {
  dialectVersion: 11,
})
add(
  'LK010',
  PG,
  'volatile default on PostgreSQL 16',
  base,
  blog(users({ token: 'uuid = gen_random_uuid()' })),
  ['warning users.token'],
  { dialectVersion: 16 },
)
const stored = { type: 'integer', nullable: true, generated: { expression: 'id * 2', stored: true } }
add('LK011', PG_MY, 'stored generated column', base, blog(users({ double_id: stored })), ['warning users.double_id'])
add('LK011', PG_MY, 'plain column', base, blog(users({ double_id: 'integer' })), [])
add(
  'LK013',
  MY,
  'enum value inserted in the middle',
  blog(users({ status: "enum('a','c')" })),
  blog(users({ status: "enum('a','b','c')" })),
  ['warning users.status'],
)
add(
  'LK013',
  MY,
  'enum value appended',
  blog(users({ status: "enum('a','c')" })),
  blog(users({ status: "enum('a','c','d')" })),
  [],
)
const wide = (columns: string[]) => users({ x: 'integer' }, { indexes: [{ name: 'ix_wide', columns }] })
// LK015, LK022, LK023: partitions attached and detached, tables switched between logged and unlogged.
const evts = table('evts', { id: 'integer!', at: 'date!' })
const partitioned = { ...evts, partitionBy: { method: 'range', key: ['at'] } }
const archive = table('archive', { id: 'integer!', at: 'date!' })
const attached = {
  ...archive,
  columns: [],
  partitionOf: { table: 'evts', bound: "FOR VALUES FROM ('2000-01-01') TO ('2024-01-01')" },
}
add('LK015', PG, 'detach a partition', schema([partitioned, attached]), schema([partitioned, archive]), [
  'warning archive',
])
add(
  'LK015',
  PG,
  'attach a partition (nothing detached)',
  schema([partitioned, archive]),
  schema([partitioned, attached]),
  [],
)
add('LK022', PG, 'attach a partition', schema([partitioned, archive]), schema([partitioned, attached]), [
  'warning archive',
])
add('LK022', PG, 'create a partition', schema([partitioned]), schema([partitioned, attached]), [])
add(
  'LK023',
  PG,
  'SET UNLOGGED',
  blog(users(), posts(), [tags]),
  blog(users(), posts(), [{ ...tags, unlogged: true } as typeof tags]),
  ['warning tags'],
)
add('LK023', PG, 'a new unlogged table', base, blog(users(), posts(), [{ ...tags, unlogged: true } as typeof tags]), [])
add('LK021', ALL, 'index on four columns', blog(users({ x: 'integer' })), blog(wide(['email', 'name', 'id', 'x'])), [
  'info users.ix_wide',
])
add('LK021', ALL, 'index on three columns', blog(users({ x: 'integer' })), blog(wide(['email', 'name', 'x'])), [])

// TX: transactions
const moodDefault = (value: string | undefined, values: string[]) =>
  schema([users({ mood: value ? `mood = '${value}'` : 'mood' }), posts()], mood(values))
add(
  'TX001',
  PG,
  'enum value added and used as a default',
  moodDefault(undefined, ['sad', 'ok']),
  moodDefault('meh', ['sad', 'ok', 'meh']),
  ['warning enum:mood'],
)
add(
  'TX001',
  PG,
  'enum value added, not used',
  moodDefault(undefined, ['sad', 'ok']),
  moodDefault(undefined, ['sad', 'ok', 'meh']),
  [],
)
add('TX004', PG, 'concurrent index on PostgreSQL 14.2', base, blog(nameIndex), ['warning users.ix_users_name'], {
  dialectVersion: '14.2',
  plan: { concurrently: true },
})
add('TX004', PG, 'concurrent index on PostgreSQL 14.4', base, blog(nameIndex), [], {
  dialectVersion: '14.4',
  plan: { concurrently: true },
})

/** The cases of LK and TX. */
export const lockCases = cases
