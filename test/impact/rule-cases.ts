import type { Schema, Severity } from '../../src/index.js'
import { type Options, posts, schema, type TableOptions, table, users } from './schemas.js'

// One diff that triggers each rule and one that must not, per dialect the rule applies to. `expect`
// is the exact list of `severity path` of the rule's findings (empty: the rule must stay silent).

export interface RuleCase {
  readonly code: string
  readonly dialects: readonly string[]
  readonly name: string
  readonly from: Schema
  readonly to: Schema
  readonly options?: Options
  readonly expect: readonly string[]
}

const PG = ['postgres']
const MY = ['mysql']
const LT = ['sqlite']
const PG_MY = ['postgres', 'mysql']
const ALL = ['postgres', 'mysql', 'sqlite']

const base = schema([users(), posts()])
const blog = (u = users(), p = posts(), extra: ReturnType<typeof table>[] = []) => schema([u, p, ...extra])
const tags = table('tags', { id: 'integer!', name: 'varchar(50)!' }, { pk: ['id'] })
const mood = (values: readonly string[]) => [{ name: 'mood', values }]
const ormDefault = (s: Schema): Schema => ({
  ...s,
  tables: s.tables.map((t) =>
    t.name !== 'users' ? t : { ...t, columns: t.columns.map((c) => (c.name === 'status' ? { ...c, extra: { default: 'new' } } : c)) },
  ),
})

const cases: RuleCase[] = []
const add = (code: string, dialects: readonly string[], name: string, from: Schema, to: Schema, expect: readonly string[], options: Options = {}) =>
  cases.push({ code, dialects, name, from, to, expect, options })

// DS: destructive
add('DS002', ALL, 'drop a table', base, schema([users()]), ['danger posts'])
add('DS002', ALL, 'drop an empty table (profile)', base, schema([users()]), ['info posts'], { profile: { tables: { posts: { rows: 0 } } } })
add('DS002', ALL, 'a drop that looks like a rename is left to DS013', blog(users(), posts(), []), schema([users(), { ...posts(), name: 'articles' }]), [])
add('DS003', ALL, 'drop a column', base, blog(users(), posts({ body: undefined })), ['danger posts.body'])
add('DS003', ALL, 'drop a virtual generated column', blog(users(), posts({ slug: { type: 'text', nullable: true, generated: { expression: 'lower(title)', stored: false } } })), base, [])
add('DS004', PG, 'uuid to integer', blog(users({ token: 'uuid' })), blog(users({ token: 'integer' })), ['danger users.token'])
add('DS004', PG, 'uuid to text', blog(users({ token: 'uuid' })), blog(users({ token: 'text' })), [])
add('DS005', PG_MY, 'varchar(200) to varchar(100)', base, blog(users(), posts({ title: 'varchar(100)!' })), ['warning posts.title'])
add('DS005', PG_MY, 'varchar(200) to varchar(300)', base, blog(users(), posts({ title: 'varchar(300)!' })), [])
add('DS006', PG, 'named enum loses a value', schema([users({ mood: 'mood' }), posts()], mood(['sad', 'ok', 'happy'])), schema([users({ mood: 'mood' }), posts()], mood(['ok', 'happy'])), ['warning enum:mood'])
add('DS006', PG, 'named enum gains a value', schema([users({ mood: 'mood' }), posts()], mood(['sad', 'ok'])), schema([users({ mood: 'mood' }), posts()], mood(['sad', 'ok', 'happy'])), [])
add('DS006', MY, 'inline enum loses a value', blog(users({ mood: "enum('sad','ok','happy')" })), blog(users({ mood: "enum('ok','happy')" })), ['warning users.mood'])
add('DS006', MY, 'inline enum gains a value', blog(users({ mood: "enum('sad','ok')" })), blog(users({ mood: "enum('sad','ok','happy')" })), [])
const cascading = posts({}, { fks: [{ columns: ['user_id'], table: 'users', onDelete: 'cascade' }] })
add('DS009', LT, 'rebuild of a parent with cascading children', blog(users(), cascading), blog(users({ name: 'varchar(150)' }), cascading), ['warning users.name'])
add('DS009', LT, 'rebuild of a parent without cascading children', base, blog(users({ name: 'varchar(150)' })), [])
add('DS010', ALL, 'drop a foreign key', base, blog(users(), posts({}, { fks: [] })), ['warning posts.posts_user_id_fkey'])
add('DS010', ALL, 'change the ON DELETE action', base, blog(users(), cascading), [])
add('DS011', ALL, 'drop an index', base, blog(users(), posts({}, { indexes: [] })), ['warning posts.ix_posts_user_id'])
add('DS011', ALL, 'replace an index by a wider one', base, blog(users(), posts({}, { indexes: [{ name: 'ix_posts_user', columns: ['user_id', 'id'] }] })), [])
add('DS012', ALL, 'move the primary key', base, blog(users({}, { pk: ['email'] })), ['warning users.users_pkey'])
add('DS012', ALL, 'keep the primary key', base, blog(users({ age: 'integer' })), [])
const summary = posts({ summary: 'text' })
const abstract = posts({ abstract: 'text' })
add('DS013', ALL, 'drop + add that scores as a rename', blog(users(), summary), blog(users(), abstract), ['danger posts.summary'])
add('DS013', ALL, 'the same with the rename hint', blog(users(), summary), blog(users(), abstract), [], { diff: { renames: { columns: { 'posts.summary': 'abstract' } } } })

// DD: data-dependent
const emailIndex = (unique: boolean) => users({}, { indexes: [{ name: 'ix_users_email', columns: ['email'], unique }] })
add('DD001', ALL, 'unique index on an existing column', base, blog(emailIndex(true)), ['warning users.ix_users_email'])
add('DD001', ALL, 'unique index on a column this migration adds', base, blog(users({ nick: 'varchar(50)' }, { indexes: [{ name: 'ix_nick', columns: ['nick'], unique: true }] })), [])
add('DD002', ALL, 'index made unique', blog(emailIndex(false)), blog(emailIndex(true)), ['warning users.ix_users_email'])
add('DD002', ALL, 'unique index made non-unique', blog(emailIndex(true)), blog(emailIndex(false)), [])
add('DD003', ['postgres', 'sqlite'], 'NOT NULL column without default', base, blog(users({ age: 'integer!' })), ['danger users.age'])
add('DD003', MY, 'NOT NULL column without default', base, blog(users({ age: 'integer!' })), ['warning users.age'])
add('DD003', ALL, 'NOT NULL column with default', base, blog(users({ age: 'integer! = 0' })), [])
add('DD004', ALL, 'nullable column made NOT NULL', base, blog(users({ name: 'varchar(100)!' })), ['warning users.name'])
add('DD004', LT, 'NOT NULL with a default the rebuild fills in', base, blog(users({ name: "varchar(100)! = 'x'" })), ['info users.name'])
add('DD004', ALL, 'NOT NULL dropped', base, blog(users({ email: 'varchar(120)' })), [])
const check = (expression: string) => users({}, { checks: [{ name: 'ck_users', expression }] })
add('DD005', ALL, 'check on existing columns', base, blog(check('id > 0')), ['warning users.ck_users'])
add('DD005', ALL, 'check on a column this migration adds', base, blog(users({ score: 'integer' }, { checks: [{ name: 'ck_users', expression: 'score >= 0' }] })), [])
add('DD005', MY, 'check on MySQL 8.0.15, which ignores CHECK', base, blog(check('id > 0')), [], { dialectVersion: '8.0.15' })
const unlinked = posts({}, { fks: [] })
add('DD006', ALL, 'foreign key on an existing column', blog(users(), unlinked), base, ['warning posts.posts_user_id_fkey'])
add('DD006', ALL, 'foreign key on a column this migration adds', base, blog(users(), posts({ editor_id: 'integer' }, { fks: [{ columns: ['user_id'], table: 'users' }, { columns: ['editor_id'], table: 'users' }] })), [])
add('DD007', PG_MY, 'text to integer', base, blog(users(), posts({ body: 'integer' })), ['warning posts.body'])
add('DD007', PG_MY, 'integer to bigint', blog(users({ age: 'integer' })), blog(users({ age: 'bigint' })), [])
add('DD008', PG, 'text to text[]', base, blog(users(), posts({ body: 'text[]' })), ['danger posts.body'])
add('DD008', PG, 'text to unbounded varchar', base, blog(users(), posts({ body: 'varchar' })), [])
add('DD009', ALL, 'NOT NULL column with an ORM-only default', base, ormDefault(blog(users({ status: 'varchar(20)!' }))), ['warning users.status'])
add('DD009', ALL, 'NOT NULL column with a server default', base, ormDefault(blog(users({ status: "varchar(20)! = 'new'" }))), [])
add('DD011', ALL, 'NOT NULL column with a default', base, blog(users({ is_active: 'boolean! = true' })), ['info users.is_active'])
add('DD011', ALL, 'nullable column with a default', base, blog(users({ is_active: 'boolean = true' })), [])

// LK: locks and rewrites
const nameIndex = users({}, { indexes: [{ name: 'ix_users_name', columns: ['name'] }] })
add('LK001', PG, 'index on an existing table', base, blog(nameIndex), ['warning users.ix_users_name'])
add('LK001', PG, 'index built concurrently', base, blog(nameIndex), [], { plan: { concurrently: true } })
add('LK002', PG, 'drop an index', base, blog(users(), posts({}, { indexes: [] })), ['warning posts.ix_posts_user_id'])
add('LK002', PG, 'drop an index concurrently', base, blog(users(), posts({}, { indexes: [] })), [], { plan: { concurrently: true } })
add('LK004', PG, 'unique constraint on an existing table', base, blog(users({}, { unique: [['email']] })), ['warning users.users_email_key'])
add('LK004', PG, 'unique constraint on a new table', base, blog(users(), posts(), [table('tags', { id: 'integer!', name: 'text' }, { pk: ['id'], unique: [['name']] })]), [])
const events = (pk?: string[]) => table('events', { id: 'bigint!', at: 'timestamptz' }, pk ? { pk } : {})
add('LK005', PG, 'primary key on an existing table', blog(users(), posts(), [events()]), blog(users(), posts(), [events(['id'])]), ['warning events.events_pkey'])
add('LK005', PG, 'primary key on a new table', base, blog(users(), posts(), [events(['id'])]), [])
add('LK006', PG_MY, 'foreign key on an existing table', blog(users(), unlinked), base, ['warning posts.posts_user_id_fkey'])
add('LK006', PG, 'foreign key added NOT VALID', blog(users(), unlinked), base, [], { plan: { notValid: true } })
add('LK006', MY, 'foreign key on a new table', schema([users()]), base, [])
add('LK007', PG_MY, 'check on an existing table', base, blog(check('id > 0')), ['warning users.ck_users'])
add('LK007', PG, 'check added NOT VALID', base, blog(check('id > 0')), [], { plan: { notValid: true } })
add('LK007', MY, 'check on MySQL 8.0.15, which ignores CHECK', base, blog(check('id > 0')), [], { dialectVersion: '8.0.15' })
add('LK008', PG, 'SET NOT NULL', base, blog(users({ name: 'varchar(100)!' })), ['warning users.name'])
add('LK008', PG, 'DROP NOT NULL', base, blog(users({ email: 'varchar(120)' })), [])
add('LK009', PG_MY, 'integer to bigint', blog(users({ age: 'integer' })), blog(users({ age: 'bigint' })), ['warning users.age'])
add('LK009', PG, 'varchar(100) to varchar(150) (binary coercible)', base, blog(users({ name: 'varchar(150)' })), [])
add('LK009', MY, 'varchar(50) to varchar(80) (crosses 255 bytes)', blog(users({ nick: 'varchar(50)' })), blog(users({ nick: 'varchar(80)' })), ['warning users.nick'])
add('LK009', MY, 'varchar(50) to varchar(60) (same length prefix)', blog(users({ nick: 'varchar(50)' })), blog(users({ nick: 'varchar(60)' })), [])
add('LK010', PG, 'constant default on PostgreSQL 10', base, blog(users({ is_active: 'boolean! = true' })), ['warning users.is_active'], { dialectVersion: 10 })
add('LK010', PG, 'constant default on PostgreSQL 11', base, blog(users({ is_active: 'boolean! = true' })), [], { dialectVersion: 11 })
add('LK010', PG, 'volatile default on PostgreSQL 16', base, blog(users({ token: 'uuid = gen_random_uuid()' })), ['warning users.token'], { dialectVersion: 16 })
const stored = { type: 'integer', nullable: true, generated: { expression: 'id * 2', stored: true } }
add('LK011', PG_MY, 'stored generated column', base, blog(users({ double_id: stored })), ['warning users.double_id'])
add('LK011', PG_MY, 'plain column', base, blog(users({ double_id: 'integer' })), [])
add('LK013', MY, 'enum value inserted in the middle', blog(users({ status: "enum('a','c')" })), blog(users({ status: "enum('a','b','c')" })), ['warning users.status'])
add('LK013', MY, 'enum value appended', blog(users({ status: "enum('a','c')" })), blog(users({ status: "enum('a','c','d')" })), [])
const wide = (columns: string[]) => users({ x: 'integer' }, { indexes: [{ name: 'ix_wide', columns }] })
add('LK021', ALL, 'index on four columns', blog(users({ x: 'integer' })), blog(wide(['email', 'name', 'id', 'x'])), ['info users.ix_wide'])
add('LK021', ALL, 'index on three columns', blog(users({ x: 'integer' })), blog(wide(['email', 'name', 'x'])), [])

// BC: backward-incompatible
add('BC001', ALL, 'rename a table', blog(users(), posts(), [tags]), blog(users(), posts(), [{ ...tags, name: 'labels' }]), ['warning labels'], { diff: { renames: { tables: { tags: 'labels' } } } })
add('BC001', ALL, 'keep the table name', blog(users(), posts(), [tags]), blog(users(), posts(), [table('tags', { id: 'integer!', name: 'varchar(50)!', x: 'text' }, { pk: ['id'] })]), [])
const renamed = table('users', { id: 'integer!', email: 'varchar(120)!', full_name: 'varchar(100)' }, { pk: ['id'] })
add('BC002', ALL, 'rename a column', base, blog(renamed), ['warning users.full_name'], { diff: { renames: { columns: { 'users.name': 'full_name' } } } })
add('BC002', ALL, 'add a column', base, blog(users({ nick: 'text' })), [])
add('BC005', ALL, 'DROP NOT NULL', base, blog(users({ email: 'varchar(120)' })), ['warning users.email'])
add('BC005', ALL, 'SET NOT NULL', base, blog(users({ name: 'varchar(100)!' })), [])
add('BC006', ALL, 'required column', base, blog(users({ age: 'integer!' })), ['danger users.age'])
add('BC006', ALL, 'required column with a default', base, blog(users({ age: 'integer! = 0' })), [])
add('BC007', PG, 'enum values reordered', schema([users({ mood: 'mood' }), posts()], mood(['sad', 'ok'])), schema([users({ mood: 'mood' }), posts()], mood(['ok', 'sad'])), ['info enum:mood'])
add('BC007', PG, 'enum value appended', schema([users({ mood: 'mood' }), posts()], mood(['sad', 'ok'])), schema([users({ mood: 'mood' }), posts()], mood(['sad', 'ok', 'happy'])), [])
add('BC007', MY, 'inline enum values reordered', blog(users({ mood: "enum('sad','ok')" })), blog(users({ mood: "enum('ok','sad')" })), ['info users.mood'])
add('BC007', MY, 'inline enum value appended', blog(users({ mood: "enum('sad','ok')" })), blog(users({ mood: "enum('sad','ok','happy')" })), [])
add('BC008', PG, 'json column', base, blog(users({ prefs: 'json' })), ['warning users.prefs'])
add('BC008', PG, 'jsonb column', base, blog(users({ prefs: 'jsonb' })), [])
const collated = (col: 'email' | 'name', collation: string | undefined) =>
  users({ [col]: { type: col === 'email' ? 'varchar(120)' : 'varchar(100)', nullable: col !== 'email', ...(collation ? { collation } : {}) } }, { unique: [['email']] })
add('BC009', PG_MY, 'collation change on a unique column', blog(collated('email', undefined)), blog(collated('email', 'C')), ['warning users.email'])
add('BC009', PG_MY, 'collation change on a plain column', blog(collated('name', undefined)), blog(collated('name', 'C')), [])
add('BC010', ALL, 'default changed (rule enabled)', blog(users({ status: "text = 'a'" })), blog(users({ status: "text = 'b'" })), ['info users.status'], { rules: { enable: ['BC010'] } })
add('BC010', ALL, 'default changed (opt-in rule not enabled)', blog(users({ status: "text = 'a'" })), blog(users({ status: "text = 'b'" })), [])
add('BC011', PG_MY, 'integer to text', blog(users({ age: 'integer' })), blog(users({ age: 'text' })), ['warning users.age'])
add('BC011', PG_MY, 'integer to bigint', blog(users({ age: 'integer' })), blog(users({ age: 'bigint' })), [])

// TX: transactions
const moodDefault = (value: string | undefined, values: string[]) =>
  schema([users({ mood: value ? `mood = '${value}'` : 'mood' }), posts()], mood(values))
add('TX001', PG, 'enum value added and used as a default', moodDefault(undefined, ['sad', 'ok']), moodDefault('meh', ['sad', 'ok', 'meh']), ['warning enum:mood'])
add('TX001', PG, 'enum value added, not used', moodDefault(undefined, ['sad', 'ok']), moodDefault(undefined, ['sad', 'ok', 'meh']), [])
add('TX004', PG, 'concurrent index on PostgreSQL 14.2', base, blog(nameIndex), ['warning users.ix_users_name'], { dialectVersion: '14.2', plan: { concurrently: true } })
add('TX004', PG, 'concurrent index on PostgreSQL 14.4', base, blog(nameIndex), [], { dialectVersion: '14.4', plan: { concurrently: true } })

// BP: design
const optIn = (code: string): Options => ({ rules: { enable: [code] } })
const newTable = (columns: Record<string, string | Record<string, unknown>>, o: TableOptions = {}) => blog(users(), posts(), [table('events', columns, o)])
add('BP001', PG, 'integer primary key', base, newTable({ id: 'integer!' }, { pk: ['id'] }), ['info events'], optIn('BP001'))
add('BP001', PG, 'bigint primary key', base, newTable({ id: 'bigint!' }, { pk: ['id'] }), [], optIn('BP001'))
add('BP002', PG, 'serial column', base, newTable({ id: 'bigint! auto' }, { pk: ['id'] }), ['info events'], optIn('BP002'))
add('BP002', PG, 'identity column', base, newTable({ id: { type: 'bigint', nullable: false, identity: { generation: 'by_default' } } }, { pk: ['id'] }), [], optIn('BP002'))
add('BP003', PG, 'varchar(n) column', base, blog(users({ nick: 'varchar(40)' })), ['info users.nick'], optIn('BP003'))
add('BP003', PG, 'text column', base, blog(users({ nick: 'text' })), [], optIn('BP003'))
add('BP004', PG, 'timestamp without time zone', base, blog(users({ seen_at: 'timestamp' })), ['info users.seen_at'], optIn('BP004'))
add('BP004', PG, 'timestamp with time zone', base, blog(users({ seen_at: 'timestamptz' })), [], optIn('BP004'))
add('BP005', ALL, 'table without primary key', base, newTable({ at: 'timestamptz' }), ['warning events'])
add('BP005', ALL, 'table with primary key', base, newTable({ id: 'bigint!' }, { pk: ['id'] }), [])
const comments = (indexed: boolean) =>
  table('comments', { id: 'bigint!', post_id: 'integer' }, { pk: ['id'], fks: [{ columns: ['post_id'], table: 'posts' }], ...(indexed ? { indexes: [{ name: 'ix_comments_post_id', columns: ['post_id'] }] } : {}) })
add('BP006', ['postgres', 'sqlite'], 'foreign key without index', base, blog(users(), posts(), [comments(false)]), ['warning comments'])
add('BP006', ['postgres', 'sqlite'], 'foreign key with index', base, blog(users(), posts(), [comments(true)]), [])
const twoIndexes = (second: string[]) =>
  users({}, { indexes: [{ name: 'ix_email_name', columns: ['email', 'name'] }, { name: 'ix_second', columns: second }] })
add('BP007', ALL, 'index covered by a wider one', blog(users({}, { indexes: [{ name: 'ix_email_name', columns: ['email', 'name'] }] })), blog(twoIndexes(['email'])), ['info users.ix_second'])
add('BP007', ALL, 'index on other columns', blog(users({}, { indexes: [{ name: 'ix_email_name', columns: ['email', 'name'] }] })), blog(twoIndexes(['name'])), [])
const longName = 'customer_subscription_billing_period_adjustment_history_entries_archive'
add('BP008', PG, 'name over 63 bytes', base, blog(users(), posts(), [table(longName, { id: 'bigint!' }, { pk: ['id'] })]), [`warning ${longName}`])
add('BP008', MY, 'name over 64 characters', base, blog(users(), posts(), [table(longName, { id: 'bigint!' }, { pk: ['id'] })]), [`danger ${longName}`])
add('BP008', PG_MY, 'short name', base, newTable({ id: 'bigint!' }, { pk: ['id'] }), [])
add('BP012', PG, 'new enum type', base, schema([users(), posts()], mood(['sad', 'ok'])), ['info enum:mood'], optIn('BP012'))
add('BP012', MY, 'new inline enum column', base, blog(users({ mood: "enum('sad','ok')" })), ['info users.mood'], optIn('BP012'))
add('BP012', PG_MY, 'new text column', base, blog(users({ mood: 'text' })), [], optIn('BP012'))
add('BP013', ALL, 'foreign key with ON DELETE CASCADE', blog(users(), unlinked), blog(users(), cascading), ['info posts.posts_user_id_fkey'], optIn('BP013'))
add('BP013', ALL, 'foreign key without actions', blog(users(), unlinked), base, [], optIn('BP013'))
add('BP015', PG, 'referenced key widened alone', base, blog(users({ id: 'bigint!' })), ['warning users.id'])
add('BP015', MY, 'referenced key widened alone', base, blog(users({ id: 'bigint!' })), ['danger users.id'])
add('BP015', PG_MY, 'both sides widened', base, blog(users({ id: 'bigint!' }), posts({ user_id: 'bigint!' })), [])

/** Every case, in catalogue order. */
export const ruleCases: readonly RuleCase[] = cases
