import { randomBytes } from 'node:crypto'
import { afterAll, expect, it } from 'vitest'
import { diffSchemas, parseSchema, type Schema } from '../../../src/index.js'
import { introspect } from '../../../src/introspect/index.js'
import { createSchemaSQL } from '../../../src/sql/create-schema-sql.js'
import { type Engine, run } from '../../engines/engines.js'
import { describeEngines, plan, resetDatabase, runMigration } from './harness.js'

// Column privileges (`grants` with `columns`, attacl), grants on a serial column's sequence
// (`sequenceGrants`), owners of tables and views (`owner`, read with `owners: true`) and a routine
// without PUBLIC's default EXECUTE (`publicExecute: false`): read, compared, planned, and judged by
// pg_catalog (attacl, relacl, relowner, proacl).

const tag = randomBytes(3).toString('hex')
const [r1, r2] = [`sl_reader_${tag}`, `sl_owner ${tag}`] as const
const q = (role: string) => `"${role.replaceAll('"', '""')}"`
const options = { comparePrivileges: true }

const doc = (over: Record<string, unknown>): Schema =>
  parseSchema({ format: 'schemaledger/1', tables: [], ...over }) as Schema

/** Owners and privileges of the public namespace's relations, columns and routines, NULL ACLs as defaults. */
const catalog = async (e: Engine) =>
  (
    await e.query(`
SELECT 'relation ' || c.relname || ' owner ' || c.relowner::regrole::text || ' ' ||
  (SELECT string_agg(x::text, ',' ORDER BY x::text)
     FROM unnest(coalesce(c.relacl, acldefault(CASE WHEN c.relkind = 'S' THEN 's' ELSE 'r' END::"char", c.relowner))) x) AS line
FROM pg_class c WHERE c.relnamespace = 'public'::regnamespace AND c.relkind IN ('r', 'v', 'S')
UNION ALL
SELECT 'column ' || c.relname || '.' || a.attname || ' ' || (SELECT string_agg(x::text, ',' ORDER BY x::text) FROM unnest(a.attacl) x)
FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid
WHERE c.relnamespace = 'public'::regnamespace AND a.attnum > 0 AND cardinality(a.attacl) > 0
UNION ALL
SELECT 'routine ' || p.oid::regprocedure::text || ' ' ||
  (SELECT string_agg(x::text, ',' ORDER BY x::text) FROM unnest(coalesce(p.proacl, acldefault('f', p.proowner))) x)
FROM pg_proc p WHERE p.pronamespace = 'public'::regnamespace`)
  )
    .map((r) => String(r.line))
    .sort()

const readOwners = (e: Engine) =>
  introspect((sql, params) => e.query(sql, params), { dialect: 'postgres', schema: 'public', owners: true })

const counters = (over: Record<string, unknown>, n: Record<string, unknown> = {}) => ({
  name: 'counters',
  columns: [
    { name: 'id', type: 'bigint', nullable: false },
    { name: 'n', type: 'integer', nullable: false, autoincrement: true, ...n },
    { name: 'secret', type: 'text', nullable: true },
  ],
  constraints: [{ type: 'primary_key', columns: ['id'] }],
  indexes: [],
  ...over,
})

describeEngines('column privileges, sequence grants, owners and PUBLIC EXECUTE', (engine) => {
  let roles = false
  const setUp = async () => {
    if (!roles) for (const r of [r1, r2]) await engine().exec(`CREATE ROLE ${q(r)}`)
    roles = true
    await resetDatabase(engine())
  }
  afterAll(async () => {
    if (!roles) return
    await resetDatabase(engine())
    for (const r of [r1, r2]) await engine().exec(`DROP ROLE IF EXISTS ${q(r)}`)
  }, 60_000)

  it('reads column grants, sequence grants and owners, and creates the same catalog from them', async () => {
    const e = engine()
    await setUp()
    await e.exec(`
CREATE TABLE counters (id bigint PRIMARY KEY, n serial NOT NULL, secret text);
GRANT SELECT (id, secret), UPDATE (secret) ON TABLE counters TO ${q(r1)};
GRANT INSERT ON TABLE counters TO ${q(r1)} WITH GRANT OPTION;
GRANT USAGE, SELECT ON SEQUENCE counters_n_seq TO ${q(r1)};
ALTER TABLE counters OWNER TO ${q(r2)};
CREATE VIEW v AS SELECT id FROM counters;
ALTER VIEW v OWNER TO ${q(r2)};
CREATE FUNCTION f(x integer) RETURNS integer LANGUAGE sql AS 'SELECT x';
REVOKE EXECUTE ON FUNCTION f(integer) FROM PUBLIC`)
    const written = await catalog(e)
    const first = await readOwners(e)
    const table = first.tables[0]
    expect(table?.owner).toBe(r2)
    expect(table?.grants).toEqual([
      { grantee: r1, privileges: ['select'], columns: ['id', 'secret'] },
      { grantee: r1, privileges: ['update'], columns: ['secret'] },
      { grantee: r1, privileges: ['insert'], withGrantOption: true },
    ])
    expect(table?.columns.find((c) => c.name === 'n')?.sequenceGrants).toEqual([
      { grantee: r1, privileges: ['select', 'usage'] },
    ])
    expect(first.views?.[0]?.owner).toBe(r2)
    expect(first.functions?.[0]?.publicExecute).toBe(false)
    const statements = createSchemaSQL(first, 'postgres').map((s) => s.sql)
    expect(statements.filter((s) => /^(GRANT|REVOKE|ALTER (TABLE|VIEW) \S+ OWNER)/.test(s))).toEqual([
      `REVOKE EXECUTE ON FUNCTION "f"(x integer) FROM PUBLIC`,
      `ALTER TABLE "counters" OWNER TO ${q(r2)}`,
      `GRANT SELECT ("id", "secret"), UPDATE ("secret") ON TABLE "counters" TO ${q(r1)}`,
      `GRANT INSERT ON TABLE "counters" TO ${q(r1)} WITH GRANT OPTION`,
      `GRANT SELECT, USAGE ON SEQUENCE "counters_n_seq" TO ${q(r1)}`,
      `ALTER VIEW "v" OWNER TO ${q(r2)}`,
    ])
    await resetDatabase(e)
    await run(e, createSchemaSQL(first, 'postgres'))
    expect(await catalog(e)).toEqual(written)
    expect(diffSchemas(await readOwners(e), first, options).changes).toEqual([])
  }, 120_000)

  it('grants and revokes column privileges and sequence grants, and hands a table and a view over, up and down', async () => {
    const e = engine()
    const view = (owner?: string) => ({ name: 'v', definition: 'SELECT id FROM counters', ...(owner ? { owner } : {}) })
    const from = doc({
      tables: [
        counters(
          { grants: [{ grantee: r1, privileges: ['select'], columns: ['id', 'secret'] }] },
          { sequenceGrants: [{ grantee: r1, privileges: ['select', 'usage'] }] },
        ),
      ],
      views: [view()],
    })
    const to = doc({
      tables: [
        counters(
          {
            owner: r2,
            grants: [
              { grantee: r1, privileges: ['select'], columns: ['id'] },
              { grantee: 'public', privileges: ['insert'] },
            ],
          },
          { sequenceGrants: [{ grantee: r1, privileges: ['usage'] }] },
        ),
      ],
      views: [view(r2)],
    })
    await setUp()
    await run(e, createSchemaSQL(to, 'postgres'))
    const fresh = await catalog(e)
    await setUp()
    await run(e, createSchemaSQL(from, 'postgres'))
    const before = await catalog(e)
    // The database read with its owners states them: `from` says none, so give it the current ones.
    const current = await readOwners(e)
    expect(diffSchemas(current, from, options).changes).toEqual([])
    expect(
      diffSchemas(from, to).changes,
      'privileges are compared only when asked; owners when both state one',
    ).toEqual([])
    const up = plan(current, to, {}, options).up
    expect(up.map((s) => s.sql)).toEqual([
      `ALTER VIEW "v" OWNER TO ${q(r2)}`,
      `ALTER TABLE "counters" OWNER TO ${q(r2)}`,
      `GRANT INSERT ON TABLE "counters" TO PUBLIC`,
      `REVOKE SELECT ("secret") ON TABLE "counters" FROM ${q(r1)}`,
      `REVOKE SELECT ON SEQUENCE "counters_n_seq" FROM ${q(r1)}`,
    ])
    await runMigration(e, up)
    expect(await catalog(e), 'after up').toEqual(fresh)
    expect(diffSchemas(await readOwners(e), to, options).changes, 're-plan after up').toEqual([])
    await runMigration(e, plan(to, current, {}, options).up)
    expect(await catalog(e), 'after down').toEqual(before)
    expect(diffSchemas(await readOwners(e), current, options).changes, 're-plan after down').toEqual([])
  }, 120_000)

  it("revokes PUBLIC's default EXECUTE on a routine and grants it back", async () => {
    const e = engine()
    const routine = { name: 'f', arguments: 'x integer', returns: 'integer', body: 'SELECT x' }
    const from = doc({ functions: [routine] })
    const to = doc({ functions: [{ ...routine, publicExecute: false }] })
    await setUp()
    await run(e, createSchemaSQL(from, 'postgres'))
    const before = await catalog(e)
    expect(diffSchemas(from, to).changes, 'compared only with comparePrivileges').toEqual([])
    const up = plan(from, to, {}, options).up
    expect(up.map((s) => s.sql)).toEqual(['REVOKE EXECUTE ON FUNCTION "f"(x integer) FROM PUBLIC'])
    await runMigration(e, up)
    expect(await catalog(e)).toEqual([`routine f(integer) postgres=X/postgres`])
    const revoked = await readOwners(e)
    expect(revoked.functions?.[0]?.publicExecute).toBe(false)
    expect(diffSchemas(revoked, to, options).changes, 're-plan after up').toEqual([])
    expect((await e.query(`SELECT has_function_privilege($1, 'f(integer)', 'EXECUTE') AS ok`, [r1]))[0]?.ok).toBe(false)
    const down = plan(to, from, {}, options).up
    expect(down.map((s) => s.sql)).toEqual(['GRANT EXECUTE ON FUNCTION "f"(x integer) TO PUBLIC'])
    await runMigration(e, down)
    expect(await catalog(e)).toEqual(before)
    expect(diffSchemas(await readOwners(e), from, options).changes, 're-plan after down').toEqual([])
  }, 120_000)

  it('revokes nothing on the sequence of a column that stops being serial: the sequence goes', () => {
    const serial = doc({ tables: [counters({}, { sequenceGrants: [{ grantee: r1, privileges: ['usage'] }] })] })
    const plain = doc({ tables: [counters({}, { autoincrement: undefined })] })
    expect(plan(serial, plain, {}, options).up.map((s) => s.sql)).toEqual([
      'ALTER TABLE "counters" ALTER COLUMN "n" DROP DEFAULT',
      'DROP SEQUENCE "counters_n_seq"',
    ])
  })

  it('refuses a column grant on a column the table lacks, and publicExecute false beside a PUBLIC EXECUTE grant', () => {
    const bad = doc({ tables: [counters({ grants: [{ grantee: r1, privileges: ['select'], columns: ['nope'] }] })] })
    expect(() => createSchemaSQL(bad, 'postgres')).toThrow('counters: grants[0].columns: the table has no column nope')
    const delet = doc({ tables: [counters({ grants: [{ grantee: r1, privileges: ['delete'], columns: ['id'] }] })] })
    expect(() => createSchemaSQL(delet, 'postgres')).toThrow(
      'counters: grants[0].privileges: DELETE is not a column privilege (insert, references, select, update)',
    )
    const both = doc({
      functions: [
        {
          name: 'f',
          arguments: '',
          returns: 'integer',
          body: 'SELECT 1',
          publicExecute: false,
          grants: [{ grantee: 'public', privileges: ['execute'] }],
        },
      ],
    })
    expect(() => createSchemaSQL(both, 'postgres')).toThrow(
      'function f(): publicExecute: false, yet grants give PUBLIC EXECUTE',
    )
    const noSequence = doc({
      tables: [counters({}, { autoincrement: undefined, sequenceGrants: [{ grantee: r1, privileges: ['usage'] }] })],
    })
    expect(() => createSchemaSQL(noSequence, 'postgres')).toThrow(
      'counters.n.sequenceGrants: the column has no sequence (it is neither serial nor identity)',
    )
    expect(() => createSchemaSQL(doc({ tables: [counters({ owner: r2 })] }), 'sqlite')).toThrow(
      "counters: an owner role: not planned for SQLite (owners are modelled as PostgreSQL's)",
    )
  })
})
