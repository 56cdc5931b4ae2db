import type { Schema } from '../../src/index.js'
import { base, collect, LT, MY, PG, PG_MY } from './rule-case-kit.js'
import { posts, schema, table, users } from './schemas.js'

// Changed routines, triggers, sequences, materialized views and types: BC016, BC017, BC018, LK028,
// LK029, LK030, LK031, DS018, DS019, and BC014 on SQLite, DS016 on a signature change.

const { cases, add } = collect()

// Objects as plain documents: the rule cases exercise what the model accepts, not its types.
const withObjects = (s: Schema, objects: Record<string, unknown>): Schema => ({ ...s, ...objects }) as Schema

// Routines: the same shape reads on PostgreSQL and MySQL (MySQL ignores `language`).
const price = (over: Record<string, unknown> = {}) => ({
  name: 'price',
  arguments: 'a integer',
  returns: 'integer',
  body: 'SELECT a',
  ...over,
})
const myPrice = (over: Record<string, unknown> = {}) =>
  price({ arguments: 'a INT', returns: 'INT', body: 'RETURN a', deterministic: true, ...over })
const pgPrice = (over: Record<string, unknown> = {}) => price({ language: 'sql', ...over })
const fns = (s: Schema, ...functions: Record<string, unknown>[]) => withObjects(s, { functions })

add('BC016', PG, 'argument type changes', fns(base, pgPrice()), fns(base, pgPrice({ arguments: 'a bigint' })), [
  'warning function:price(a integer)',
])
add('BC016', PG, 'return type changes', fns(base, pgPrice()), fns(base, pgPrice({ returns: 'bigint' })), [
  'warning function:price(a integer)',
])
add('BC016', PG, 'only the body changes', fns(base, pgPrice()), fns(base, pgPrice({ body: 'SELECT a + 1' })), [])
add('BC016', MY, 'argument type changes', fns(base, myPrice()), fns(base, myPrice({ arguments: 'a BIGINT' })), [
  'warning function:price(a INT)',
])
add('BC016', MY, 'only the body changes', fns(base, myPrice()), fns(base, myPrice({ body: 'RETURN a + 1' })), [])
add(
  'DS016',
  PG_MY,
  'a routine dropped for a new signature is BC016',
  fns(base, pgPrice()),
  fns(base, pgPrice({ arguments: 'a bigint' })),
  [],
)

const priced = (s: Schema, definition = 'SELECT price(id) AS p FROM users') =>
  withObjects(s, { views: [{ name: 'prices', definition }] })
add(
  'LK028',
  PG,
  'return type changes under a view',
  priced(fns(base, pgPrice())),
  priced(fns(base, pgPrice({ returns: 'bigint' }))),
  ['info function:price(a integer)'],
)
const defaulted = schema([users({ score: 'integer = price(1)' }), posts()])
add(
  'LK028',
  PG,
  'return type changes under a column default',
  fns(defaulted, pgPrice()),
  fns(defaulted, pgPrice({ returns: 'bigint' })),
  ['danger function:price(a integer)'],
)
add(
  'LK028',
  PG,
  'only the body changes under a view (CREATE OR REPLACE)',
  priced(fns(base, pgPrice())),
  priced(fns(base, pgPrice({ body: 'SELECT a + 1' }))),
  [],
)
add('LK028', MY, 'the body changes', fns(base, myPrice()), fns(base, myPrice({ body: 'RETURN a + 1' })), [
  'warning function:price(a INT)',
])
add('LK028', MY, 'only the comment changes', fns(base, myPrice()), fns(base, myPrice({ comment: 'in cents' })), [])

// Triggers: PostgreSQL runs a function, MySQL and SQLite a statement.
const audit = { name: 'audit', arguments: '', returns: 'trigger', language: 'plpgsql', body: 'BEGIN RETURN NEW; END' }
const pgTrigger = (over: Record<string, unknown> = {}) => ({
  name: 'posts_audit',
  table: 'posts',
  timing: 'before',
  events: ['insert'],
  function: 'audit',
  ...over,
})
const myTrigger = (over: Record<string, unknown> = {}) => ({
  name: 'posts_audit',
  table: 'posts',
  timing: 'before',
  events: ['insert'],
  body: 'SET NEW.title = UPPER(NEW.title)',
  ...over,
})
const ltTrigger = (over: Record<string, unknown> = {}) =>
  myTrigger({ timing: 'after', body: 'BEGIN UPDATE posts SET body = NULL WHERE id = NEW.id; END', ...over })
const triggers = (s: Schema, ...list: Record<string, unknown>[]) =>
  withObjects(s, {
    triggers: list,
    ...(list.some((t) => 'function' in t) ? { functions: [audit] } : {}),
  })
const pgBase = withObjects(base, { functions: [audit] })
const logTable = table('log', { id: 'integer!', body: 'text' }, { pk: ['id'] })
const withLog = schema([users(), posts(), logTable])

add('LK029', PG, 'trigger created on an existing table', pgBase, triggers(base, pgTrigger()), [
  'info trigger:posts.posts_audit',
])
add('LK029', PG, 'trigger dropped from an existing table', triggers(base, pgTrigger()), pgBase, [
  'info trigger:posts.posts_audit',
])
add('LK029', PG, 'trigger created with its table', pgBase, triggers(withLog, pgTrigger({ table: 'log' })), [])
add('LK029', MY, 'trigger created on an existing table', base, triggers(base, myTrigger()), [
  'info trigger:posts.posts_audit',
])
add(
  'LK029',
  MY,
  'trigger created with its table',
  base,
  triggers(withLog, myTrigger({ table: 'log', body: 'SET NEW.body = NULL' })),
  [],
)

add('BC017', PG, 'BEFORE trigger created on an existing table', pgBase, triggers(base, pgTrigger()), [
  'warning trigger:posts.posts_audit',
])
add(
  'BC017',
  PG,
  'AFTER trigger gets another event',
  triggers(base, pgTrigger({ timing: 'after' })),
  triggers(base, pgTrigger({ timing: 'after', events: ['insert', 'update'] })),
  ['info trigger:posts.posts_audit'],
)
add(
  'BC017',
  PG,
  'trigger comment changes',
  triggers(base, pgTrigger()),
  triggers(base, pgTrigger({ comment: 'audit' })),
  [],
)
add('BC017', MY, 'BEFORE trigger created on an existing table', base, triggers(base, myTrigger()), [
  'warning trigger:posts.posts_audit',
])
add(
  'BC017',
  MY,
  'AFTER trigger changed: dropped and created again',
  triggers(base, myTrigger({ timing: 'after', body: 'SET @n = 1' })),
  triggers(base, myTrigger({ timing: 'after', body: 'SET @n = 2' })),
  ['warning trigger:posts.posts_audit'],
)
add(
  'BC017',
  MY,
  'trigger created with its table',
  base,
  triggers(withLog, myTrigger({ table: 'log', body: 'SET NEW.body = NULL' })),
  [],
)
add('BC017', LT, 'AFTER trigger created on an existing table', base, triggers(base, ltTrigger()), [
  'info trigger:posts.posts_audit',
])
add(
  'BC017',
  LT,
  'trigger created with its table',
  base,
  triggers(withLog, ltTrigger({ table: 'log', body: 'BEGIN SELECT 1; END' })),
  [],
)

add(
  'BC017',
  PG,
  'AFTER trigger disabled',
  triggers(base, pgTrigger({ timing: 'after' })),
  triggers(base, pgTrigger({ timing: 'after', enabled: 'disabled' })),
  ['info trigger:posts.posts_audit'],
)

// Sequences.
const numbered = (column?: string) => schema([users(column === undefined ? {} : { number: column }), posts()])
const seqs = (s: Schema, ...sequences: Record<string, unknown>[]) => withObjects(s, { sequences })
const nextNumber = "bigint = nextval('numbers'::regclass)"
add(
  'DS018',
  PG,
  'sequence dropped while a default uses it',
  seqs(numbered(nextNumber), { name: 'numbers' }),
  numbered(nextNumber),
  ['danger sequence:numbers'],
)
add(
  'DS018',
  PG,
  'sequence dropped with the default that used it',
  seqs(numbered(nextNumber), { name: 'numbers' }),
  numbered('bigint'),
  ['warning sequence:numbers'],
)
add('DS018', PG, 'sequence no default uses dropped', seqs(base, { name: 'numbers' }), base, [])

add(
  'DS019',
  PG,
  'sequence narrowed to smallint',
  seqs(base, { name: 'numbers' }),
  seqs(base, { name: 'numbers', type: 'smallint' }),
  ['warning sequence:numbers'],
)
add(
  'DS019',
  PG,
  'sequence maximum lowered',
  seqs(base, { name: 'numbers', maxValue: '100000' }),
  seqs(base, { name: 'numbers', maxValue: '1000' }),
  ['warning sequence:numbers'],
)
add(
  'DS019',
  PG,
  'sequence widened to bigint',
  seqs(base, { name: 'numbers', type: 'integer' }),
  seqs(base, { name: 'numbers' }),
  [],
)

// Materialized views.
const counted = (over: Record<string, unknown> = {}) => ({
  name: 'counted',
  materialized: true,
  definition: 'SELECT id FROM users',
  ...over,
})
const mviews = (s: Schema, ...views: Record<string, unknown>[]) => withObjects(s, { views })
add(
  'BC018',
  PG,
  'query changed, re-created WITH NO DATA',
  mviews(base, counted()),
  mviews(base, counted({ definition: 'SELECT id, email FROM users', withNoData: true })),
  ['warning view:counted'],
)
add(
  'BC018',
  PG,
  'query changed, re-created with data',
  mviews(base, counted()),
  mviews(base, counted({ definition: 'SELECT id, email FROM users' })),
  [],
)
const wideIds = schema([users({ id: 'bigint!' }), posts()])
add('LK030', PG, 'column type changed under a materialized view', mviews(base, counted()), mviews(wideIds, counted()), [
  'warning users.id',
])
add(
  'LK030',
  PG,
  'column type changed under one WITH NO DATA',
  mviews(base, counted({ withNoData: true })),
  mviews(wideIds, counted({ withNoData: true })),
  [],
)

// Domains and composite types.
const ages = (type: string, column = true) =>
  withObjects(schema([users(column ? { age: 'posint' } : {}), posts()]), {
    domains: [{ name: 'posint', type }],
  })
add('LK031', PG, 'base type of a domain a column uses changes', ages('integer'), ages('bigint'), [
  'danger domain:posint',
])
add(
  'LK031',
  PG,
  'domain dropped while a column keeps it',
  ages('integer'),
  schema([users({ age: 'posint' }), posts()]),
  ['danger domain:posint'],
)
add(
  'LK031',
  PG,
  'domain dropped with its column retyped',
  ages('integer'),
  schema([users({ age: 'integer' }), posts()]),
  [],
)
add('LK031', PG, 'base type of an unused domain changes', ages('integer', false), ages('bigint', false), [])
const pairs = (type: string) =>
  withObjects(schema([users({ p: 'pair' }), posts()]), {
    types: [
      {
        name: 'pair',
        attributes: [
          { name: 'a', type },
          { name: 'b', type: 'integer' },
        ],
      },
    ],
  })
add('LK031', PG, 'attribute type of a composite type a column uses changes', pairs('integer'), pairs('bigint'), [
  'danger type:pair',
])

// BC014 on SQLite: a dropped table under a view.
const titles = { name: 'post_titles', definition: 'SELECT id, title FROM posts' }
add('BC014', LT, 'table dropped under a view', mviews(base, titles), mviews(schema([users()]), titles), [
  'warning posts',
])
add('BC014', LT, 'table dropped with its view', mviews(base, titles), schema([users()]), [])

export const objectChangeCases = cases
