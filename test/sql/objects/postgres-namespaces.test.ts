import { expect, it } from 'vitest'
import { diffSchemas, parseSchema, type Schema } from '../../../src/index.js'
import { introspect } from '../../../src/introspect/index.js'
import { planMigration } from '../../../src/sql/plan-migration.js'
import type { Engine } from '../../engines/engines.js'
import { describeEngines, resetDatabase, runMigration } from '../postgres/harness.js'

// Namespaces on PostgreSQL, judged by pg_catalog and by exact SQL: a database read whole lists its
// namespaces, so two databases compare them (CREATE SCHEMA before what lives in a new namespace,
// DROP SCHEMA after what lived in a dropped one); a document that lists none, planned against a
// database read whole, gets the namespaces its objects live in created; an enum of a listed
// namespace that holds no table is that namespace's own; a domain whose check calls a function this
// plan creates comes after the function.

const NAMESPACES = ['app', 'kinds', 'dom', 'rep', 'fn', 'keep']

/** Every non-system namespace, as introspection reads by default. */
const readWhole = (e: Engine): Promise<Schema> =>
  introspect((sql, params) => e.query(sql, params), { dialect: 'postgres' })

async function reset(e: Engine): Promise<void> {
  await resetDatabase(e)
  for (const ns of NAMESPACES) await e.exec(`DROP SCHEMA IF EXISTS "${ns}" CASCADE`)
}

const namespacesOf = async (e: Engine) =>
  (await e.query(`SELECT nspname AS n FROM pg_namespace WHERE nspname = ANY($1) ORDER BY 1`, [NAMESPACES])).map((r) =>
    String(r.n),
  )

const doc = (over: Record<string, unknown>): Schema => parseSchema({ format: 'schemaledger/1', tables: [], ...over })

/** One object of each kind, each in a namespace of its own (a document that lists none). */
const SPREAD = doc({
  tables: [{ name: 'users', schema: 'app', columns: [{ name: 'id', type: 'integer', nullable: true }] }],
  enums: [{ name: 'mood', schema: 'kinds', values: ['sad', 'ok'] }],
  domains: [{ name: 'posint', schema: 'dom', type: 'integer' }],
  views: [{ name: 'counted', schema: 'rep', definition: 'SELECT count(*) AS n FROM app.users' }],
  functions: [{ name: 'one', schema: 'fn', arguments: '', returns: 'integer', body: 'SELECT 1' }],
})

describeEngines('namespaces', (engine) => {
  it('a database read whole lists its namespaces besides the default one, with their comments', async () => {
    const e = engine()
    await reset(e)
    expect((await readWhole(e)).namespaces).toEqual([])
    await e.exec(`CREATE SCHEMA app; COMMENT ON SCHEMA app IS 'the app'; CREATE SCHEMA keep`)
    expect((await readWhole(e)).namespaces).toEqual([{ name: 'app', comment: 'the app' }, { name: 'keep' }])
    // Narrowed to some namespaces, a read cannot tell which namespaces the database has.
    const narrowed = await introspect((sql, params) => e.query(sql, params), {
      dialect: 'postgres',
      schemas: ['public', 'keep'],
    })
    expect(narrowed.namespaces).toBeUndefined()
  })

  it('two databases read whole: CREATE SCHEMA before what lives in it, DROP SCHEMA after it', async () => {
    const e = engine()
    await reset(e)
    const empty = await readWhole(e)
    await e.exec(`CREATE SCHEMA app; COMMENT ON SCHEMA app IS 'the app';
      CREATE TABLE app.users (id integer PRIMARY KEY); CREATE DOMAIN app.posint AS integer CHECK (VALUE > 0)`)
    const full = await readWhole(e)
    await reset(e)
    const migration = planMigration(diffSchemas(empty, full), { dialect: 'postgres', from: empty, to: full })
    expect(migration.up.map((s) => s.sql)).toEqual([
      'CREATE SCHEMA "app"',
      `COMMENT ON SCHEMA "app" IS 'the app'`,
      'CREATE DOMAIN "app"."posint" AS integer CONSTRAINT "posint_check" CHECK (VALUE > 0)',
      'CREATE TABLE "app"."users" (\n  "id" integer NOT NULL,\n  CONSTRAINT "users_pkey" PRIMARY KEY ("id")\n)',
    ])
    expect(migration.down.map((s) => s.sql)).toEqual([
      'DROP TABLE "app"."users"',
      'DROP DOMAIN "app"."posint"',
      'DROP SCHEMA "app"',
    ])
    await runMigration(e, migration.up)
    expect(diffSchemas(await readWhole(e), full).changes).toEqual([])
    await runMigration(e, migration.down)
    expect(await namespacesOf(e)).toEqual([])
    expect(diffSchemas(await readWhole(e), empty).changes).toEqual([])
  })

  it('a document that lists no namespaces, against a database read whole: the namespaces its objects live in are created first', async () => {
    const e = engine()
    await reset(e)
    await e.exec('CREATE SCHEMA keep')
    const db = await readWhole(e)
    const migration = planMigration(diffSchemas(db, SPREAD), { dialect: 'postgres', from: db, to: SPREAD })
    expect(migration.up.map((s) => s.sql)).toEqual([
      'CREATE SCHEMA "app"',
      'CREATE SCHEMA "dom"',
      'CREATE SCHEMA "fn"',
      'CREATE SCHEMA "kinds"',
      'CREATE SCHEMA "rep"',
      `CREATE TYPE "kinds"."mood" AS ENUM ('sad', 'ok')`,
      'CREATE DOMAIN "dom"."posint" AS integer',
      'CREATE FUNCTION "fn"."one"() RETURNS integer LANGUAGE sql AS $function$SELECT 1$function$',
      'CREATE TABLE "app"."users" (\n  "id" integer\n)',
      'CREATE VIEW "rep"."counted" AS SELECT count(*) AS n FROM app.users',
    ])
    // `keep` is not in the document, which says nothing of it: it stays.
    expect(migration.up.some((s) => s.sql.includes('"keep"'))).toBe(false)
    await runMigration(e, migration.up)
    expect(await namespacesOf(e)).toEqual(['app', 'dom', 'fn', 'keep', 'kinds', 'rep'])
    expect(diffSchemas(await readWhole(e), SPREAD).changes).toEqual([])
    await runMigration(e, migration.down)
    expect(await namespacesOf(e)).toEqual(['keep'])
  })

  it('without a list on either side nothing is said of namespaces', () => {
    expect(diffSchemas(doc({}), SPREAD).changes.filter((c) => c.path.startsWith('namespace:'))).toEqual([])
    expect(diffSchemas(doc({ namespaces: [{ name: 'keep' }] }), doc({})).changes).toEqual([])
  })

  it('an enum of a listed namespace that holds no table is dropped with it, after the column leaves it', async () => {
    const e = engine()
    await reset(e)
    await e.exec(`CREATE SCHEMA kinds; CREATE TYPE kinds.mood AS ENUM ('sad', 'ok');
      CREATE TABLE items (id integer, m kinds.mood)`)
    const from = await readWhole(e)
    const to = doc({
      namespaces: [],
      tables: [{ name: 'items', columns: [{ name: 'id', type: 'integer', nullable: true }] }],
    })
    const migration = planMigration(diffSchemas(from, to), { dialect: 'postgres', from, to })
    expect(migration.up.map((s) => s.sql)).toEqual([
      'ALTER TABLE "items" DROP COLUMN "m"',
      'DROP TYPE "kinds"."mood"',
      'DROP SCHEMA "kinds"',
    ])
    await runMigration(e, migration.up)
    expect(await namespacesOf(e)).toEqual([])
  })

  it('a domain whose check calls a function this plan creates comes after the function', async () => {
    const e = engine()
    await reset(e)
    const to = doc({
      functions: [
        {
          name: 'is_email',
          arguments: 's text',
          returns: 'boolean',
          language: 'sql',
          volatility: 'immutable',
          body: `SELECT s LIKE '%@%'`,
        },
      ],
      domains: [{ name: 'email', type: 'text', checks: [{ expression: 'is_email(VALUE)' }] }],
    })
    const migration = planMigration(diffSchemas(doc({}), to), { dialect: 'postgres', from: doc({}), to })
    expect(migration.up.map((s) => s.sql)).toEqual([
      `CREATE FUNCTION "is_email"(s text) RETURNS boolean LANGUAGE sql IMMUTABLE AS $function$SELECT s LIKE '%@%'$function$`,
      'CREATE DOMAIN "email" AS text CONSTRAINT "email_check" CHECK (is_email(VALUE))',
    ])
    expect(migration.down.map((s) => s.sql)).toEqual(['DROP DOMAIN "email"', 'DROP FUNCTION "is_email"(s text)'])
    await runMigration(e, migration.up)
    await runMigration(e, migration.down)
  })
})
