import { randomBytes } from 'node:crypto'
import { afterAll, expect, it } from 'vitest'
import { diffSchemas, parseSchema, type Schema } from '../../../src/index.js'
import { introspect } from '../../../src/introspect/index.js'
import { createSchemaSQL } from '../../../src/sql/create-schema-sql.js'
import { type Engine, run } from '../../engines/engines.js'
import { describeEngines, plan, read, resetDatabase, runMigration } from '../postgres/harness.js'

// Privileges on sequences, routines and namespaces, like those on tables: read from the ACLs
// (without the owner's and PUBLIC's default EXECUTE on routines), compared only with
// `comparePrivileges`, planned as GRANT / REVOKE after the object exists. Judged by pg_catalog.

const tag = randomBytes(3).toString('hex')
const [r1, r2] = [`sl_app_${tag}`, `sl_ops ${tag}`] as const
const options = { comparePrivileges: true }

const doc = (over: Record<string, unknown>): Schema =>
  parseSchema({ format: 'schemaledger/1', tables: [], ...over }) as Schema

/** Every privilege on the sequences, routines and namespace `billing` but the owner's, defaults included. */
const catalog = async (e: Engine) =>
  (
    await e.query(`
SELECT kind || ' ' || name || ' ' || CASE WHEN a.grantee = 0 THEN 'public' ELSE a.grantee::regrole::text END || ' ' ||
  a.privilege_type || CASE WHEN a.is_grantable THEN '*' ELSE '' END AS line
FROM (
  SELECT 'sequence' AS kind, c.relname::text AS name, coalesce(c.relacl, acldefault('s', c.relowner)) AS acl, c.relowner AS owner
  FROM pg_class c WHERE c.relkind = 'S' AND c.relnamespace = 'public'::regnamespace
  UNION ALL
  SELECT 'routine', p.oid::regprocedure::text, coalesce(p.proacl, acldefault('f', p.proowner)), p.proowner
  FROM pg_proc p WHERE p.pronamespace = 'public'::regnamespace
  UNION ALL
  SELECT 'namespace', n.nspname::text, coalesce(n.nspacl, acldefault('n', n.nspowner)), n.nspowner
  FROM pg_namespace n WHERE n.nspname = 'billing'
) o, aclexplode(o.acl) a
WHERE a.grantee <> o.owner`)
  )
    .map((r) => String(r.line))
    .sort()

const q = (role: string) => `"${role.replaceAll('"', '""')}"`

const SQL = `
CREATE SEQUENCE ids;
GRANT USAGE, SELECT ON SEQUENCE ids TO ${q(r1)};
GRANT UPDATE ON SEQUENCE ids TO ${q(r2)} WITH GRANT OPTION;
CREATE FUNCTION add_one(x integer) RETURNS integer LANGUAGE sql IMMUTABLE AS 'SELECT x + 1';
GRANT EXECUTE ON FUNCTION add_one(integer) TO ${q(r1)};
CREATE FUNCTION secret() RETURNS integer LANGUAGE sql AS 'SELECT 42';
CREATE PROCEDURE tidy() LANGUAGE sql AS 'SELECT 1';
GRANT EXECUTE ON PROCEDURE tidy() TO ${q(r2)} WITH GRANT OPTION`

describeEngines('privileges on sequences, routines and namespaces', (engine) => {
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

  it('reads the grants a hand-written database holds and creates the same privileges from them', async () => {
    const e = engine()
    await setUp()
    await e.exec(SQL)
    const written = await catalog(e)
    expect(written).toEqual([
      'routine add_one(integer) public EXECUTE',
      `routine add_one(integer) ${r1} EXECUTE`,
      'routine secret() public EXECUTE',
      `routine tidy() ${q(r2)} EXECUTE*`,
      'routine tidy() public EXECUTE',
      `sequence ids ${q(r2)} UPDATE*`,
      `sequence ids ${r1} SELECT`,
      `sequence ids ${r1} USAGE`,
    ])
    const first = await read(e)
    expect(first.sequences?.[0]?.grants).toEqual([
      { grantee: r1, privileges: ['select', 'usage'] },
      { grantee: r2, privileges: ['update'], withGrantOption: true },
    ])
    // PUBLIC's EXECUTE on every routine is the default: not read.
    expect(first.functions?.map((f) => [f.name, f.grants])).toEqual([
      ['add_one', [{ grantee: r1, privileges: ['execute'] }]],
      ['secret', undefined],
      ['tidy', [{ grantee: r2, privileges: ['execute'], withGrantOption: true }]],
    ])
    const statements = createSchemaSQL(first, 'postgres').map((s) => s.sql)
    expect(statements.filter((s) => s.startsWith('GRANT'))).toEqual([
      `GRANT SELECT, USAGE ON SEQUENCE "ids" TO ${q(r1)}`,
      `GRANT UPDATE ON SEQUENCE "ids" TO ${q(r2)} WITH GRANT OPTION`,
      `GRANT EXECUTE ON FUNCTION "add_one"(x integer) TO ${q(r1)}`,
      `GRANT EXECUTE ON PROCEDURE "tidy"() TO ${q(r2)} WITH GRANT OPTION`,
    ])
    await resetDatabase(e)
    await run(e, createSchemaSQL(first, 'postgres'))
    expect(await catalog(e)).toEqual(written)
    expect(diffSchemas(await read(e), first, options).changes).toEqual([])
  }, 120_000)

  it('grants and revokes on a sequence, a routine and a namespace, up and down', async () => {
    const e = engine()
    const routine = { name: 'add_one', arguments: 'x integer', returns: 'integer', body: 'SELECT x + 1' }
    const from = doc({
      namespaces: [{ name: 'billing', grants: [{ grantee: r1, privileges: ['usage'] }] }],
      sequences: [{ name: 'ids', grants: [{ grantee: r1, privileges: ['select'] }] }],
      functions: [{ ...routine, grants: [{ grantee: r2, privileges: ['execute'] }] }],
    })
    const to = doc({
      namespaces: [{ name: 'billing', grants: [{ grantee: r2, privileges: ['create', 'usage'] }] }],
      sequences: [{ name: 'ids', grants: [{ grantee: r1, privileges: ['select', 'usage'], withGrantOption: true }] }],
      // PUBLIC's EXECUTE stated or not means the same.
      functions: [{ ...routine, grants: [{ grantee: 'public', privileges: ['execute'] }] }],
    })
    await setUp()
    await run(e, createSchemaSQL(to, 'postgres'))
    const fresh = await catalog(e)
    await setUp()
    await run(e, createSchemaSQL(from, 'postgres'))
    const before = await catalog(e)
    expect(diffSchemas(await read(e), from, options).changes).toEqual([])
    expect(diffSchemas(from, to).changes, 'grants are compared only when asked').toEqual([])
    const diff = diffSchemas(from, to, options)
    expect(diff.changes.map((c) => `${c.kind} ${c.path} ${'changes' in c ? c.changes.join(',') : ''}`)).toEqual([
      'alter_namespace namespace:billing grants',
      'alter_sequence sequence:ids grants',
      'alter_function function:add_one(x integer) grants',
    ])
    const up = plan(from, to, {}, options).up
    expect(up.map((s) => s.sql)).toEqual([
      `REVOKE USAGE ON SCHEMA "billing" FROM ${q(r1)}`,
      `GRANT CREATE, USAGE ON SCHEMA "billing" TO ${q(r2)}`,
      `GRANT SELECT, USAGE ON SEQUENCE "ids" TO ${q(r1)} WITH GRANT OPTION`,
      `REVOKE EXECUTE ON FUNCTION "add_one"(x integer) FROM ${q(r2)}`,
    ])
    await runMigration(e, up)
    expect(await catalog(e), 'after up').toEqual(fresh)
    expect(diffSchemas(await read(e), to, options).changes, 're-plan after up').toEqual([])
    expect(
      (await e.query(`SELECT has_schema_privilege($1, 'billing', 'CREATE') AS ok`, [r2]))[0]?.ok,
      'r2 may create in billing',
    ).toBe(true)
    await runMigration(e, plan(to, from, {}, options).up)
    expect(await catalog(e), 'after down').toEqual(before)
    expect(diffSchemas(await read(e), from, options).changes, 're-plan after down').toEqual([])
    expect((await e.query(`SELECT has_function_privilege($1, 'add_one(integer)', 'EXECUTE') AS ok`, [r2]))[0]?.ok).toBe(
      true,
    )
  }, 120_000)

  it("a database read whole holds its namespaces' grants, and creates the same privileges from them", async () => {
    const e = engine()
    await setUp()
    await e.exec(
      `CREATE SCHEMA billing; GRANT USAGE ON SCHEMA billing TO ${q(r1)}; GRANT CREATE ON SCHEMA billing TO ${q(r2)} WITH GRANT OPTION`,
    )
    const whole = () => introspect((sql, params) => e.query(sql, params), { dialect: 'postgres' })
    const written = await catalog(e)
    const first = await whole()
    expect(first.namespaces).toEqual([
      {
        name: 'billing',
        grants: [
          { grantee: r1, privileges: ['usage'] },
          { grantee: r2, privileges: ['create'], withGrantOption: true },
        ].sort((a, b) => a.grantee.localeCompare(b.grantee)),
      },
    ])
    await setUp()
    await run(e, createSchemaSQL(first, 'postgres'))
    expect(await catalog(e)).toEqual(written)
    expect(diffSchemas(await whole(), first, options).changes).toEqual([])
  }, 120_000)

  it('a privilege the kind does not have is refused with its path', () => {
    const s = doc({ sequences: [{ name: 'ids', grants: [{ grantee: r1, privileges: ['execute'] }] }] })
    expect(() => createSchemaSQL(s, 'postgres')).toThrow(
      'sequence ids: grants[0].privileges: EXECUTE is not a privilege of a sequence (select, update, usage)',
    )
  })

  it('MySQL/MariaDB refuse a routine with grants rather than leave them out', () => {
    const s = doc({
      functions: [
        {
          name: 'one',
          arguments: '',
          returns: 'int',
          body: 'RETURN 1',
          grants: [{ grantee: r1, privileges: ['execute'] }],
        },
      ],
    })
    expect(() => createSchemaSQL(s, 'mysql')).toThrow(
      "function:one.grants: grants to roles (privileges are modelled as PostgreSQL's): not in MySQL",
    )
  })

  it('MySQL/MariaDB and SQLite refuse a view with an owner rather than leave it out', () => {
    const s = doc({ views: [{ name: 'v', definition: 'SELECT 1 AS one', owner: 'reporter' }] })
    expect(() => createSchemaSQL(s, 'mysql')).toThrow(
      "view:v.owner: an owner role (owners are modelled as PostgreSQL's; a MySQL view has a DEFINER): not in MySQL",
    )
    expect(() => createSchemaSQL(s, 'sqlite')).toThrow('view:v.owner: an owner role: not in SQLite')
  })
})
