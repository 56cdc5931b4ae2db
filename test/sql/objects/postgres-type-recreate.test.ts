import { expect, it } from 'vitest'
import { diffSchemas, parseSchema, type Schema } from '../../../src/index.js'
import { createSchemaSQL } from '../../../src/sql/create-schema-sql.js'
import { type Engine, run } from '../../engines/engines.js'
import { describeEngines, plan, read, resetDatabase, runMigration } from '../postgres/harness.js'

// Domains and composite types that must be dropped and created again (a domain's base type, a
// composite type's attribute order), with and without columns that use them. Judged by pg_catalog.

const doc = (over: Record<string, unknown>): Schema =>
  parseSchema({ format: 'schemaledger/1', tables: [], ...over }) as Schema

/** The domains and composite types of `public`, with their base type or attributes. */
const catalog = async (e: Engine) =>
  (
    await e.query(`
SELECT 'domain ' || t.typname || ' ' || format_type(t.typbasetype, t.typtypmod) AS line
FROM pg_type t WHERE t.typtype = 'd' AND t.typnamespace = 'public'::regnamespace
UNION ALL
SELECT 'type ' || t.typname || ' ' || string_agg(a.attname || ' ' || format_type(a.atttypid, a.atttypmod), ', ' ORDER BY a.attnum)
FROM pg_type t JOIN pg_attribute a ON a.attrelid = t.typrelid AND a.attnum > 0 AND NOT a.attisdropped
WHERE t.typtype = 'c' AND t.typnamespace = 'public'::regnamespace
  AND (SELECT relkind FROM pg_class WHERE oid = t.typrelid) = 'c'
GROUP BY t.typname`)
  )
    .map((r) => String(r.line))
    .sort()

async function upAndDown(e: Engine, from: Schema, to: Schema) {
  await resetDatabase(e)
  await run(e, createSchemaSQL(from, 'postgres'))
  const before = await catalog(e)
  const up = plan(from, to).up
  await runMigration(e, up)
  expect(diffSchemas(await read(e), to).changes, 're-plan after up').toEqual([])
  const after = await catalog(e)
  await runMigration(e, plan(to, from).up)
  expect(diffSchemas(await read(e), from).changes, 're-plan after down').toEqual([])
  expect(await catalog(e)).toEqual(before)
  return { up: up.map((s) => s.sql), after }
}

const people = (type: string) => ({
  name: 'people',
  columns: [
    { name: 'id', type: 'integer', nullable: true },
    { name: 'v', type, nullable: true },
  ],
})

describeEngines('domains and composite types created again', (engine) => {
  it('re-creates a domain whose base type changes when no column uses it', async () => {
    const from = doc({ domains: [{ name: 'code', type: 'varchar(10)' }] })
    const to = doc({ domains: [{ name: 'code', type: 'integer', checks: [{ expression: 'VALUE > 0' }] }] })
    const { up, after } = await upAndDown(engine(), from, to)
    expect(up).toEqual([
      'DROP DOMAIN "code"',
      'CREATE DOMAIN "code" AS integer CONSTRAINT "code_check" CHECK (VALUE > 0)',
    ])
    expect(after).toEqual(['domain code integer'])
  }, 120_000)

  it('refuses to re-create a domain or a composite type that columns use, naming them', async () => {
    const e = engine()
    const domainFrom = doc({ tables: [people('code')], domains: [{ name: 'code', type: 'varchar(10)' }] })
    const domainTo = doc({ tables: [people('code')], domains: [{ name: 'code', type: 'integer' }] })
    expect(() => plan(domainFrom, domainTo)).toThrow(
      'domain:code: the domain must be dropped and created again (type cannot change in place), but columns use it: people.v. Move those columns to another type first (or drop them), then change the domain',
    )
    const pair = [
      { name: 'a', type: 'integer' },
      { name: 'b', type: 'text' },
    ]
    const typeFrom = doc({ tables: [people('pair[]')], types: [{ name: 'pair', attributes: pair }] })
    const typeTo = doc({ tables: [people('pair[]')], types: [{ name: 'pair', attributes: [...pair].reverse() }] })
    expect(() => plan(typeFrom, typeTo)).toThrow(/^type:pair: .*but columns use it: people\.v\./)
    // The refusal is the database's answer too: the DROP a plan would need fails.
    await resetDatabase(e)
    await run(e, createSchemaSQL(domainFrom, 'postgres'))
    await expect(e.exec('DROP DOMAIN "code"')).rejects.toThrow(/depend/)
    // Once the column has moved, the same change plans and runs.
    const moved = doc({ tables: [people('varchar(10)')], domains: [{ name: 'code', type: 'varchar(10)' }] })
    const { up } = await upAndDown(e, moved, { ...domainTo, tables: moved.tables })
    expect(up).toEqual(['DROP DOMAIN "code"', 'CREATE DOMAIN "code" AS integer'])
  }, 120_000)

  it('reads range types a hand-written database holds, and creates the same ones from what it read', async () => {
    const e = engine()
    await resetDatabase(e)
    await e.exec(`
CREATE FUNCTION time_diff(a time, b time) RETURNS double precision LANGUAGE sql IMMUTABLE STRICT AS 'SELECT EXTRACT(EPOCH FROM (a - b))';
CREATE TYPE floatrange AS RANGE (subtype = float8, subtype_diff = float8mi);
CREATE TYPE timerange AS RANGE (subtype = time, subtype_diff = time_diff, multirange_type_name = many_times);
CREATE TYPE textrange AS RANGE (subtype = text, collation = "C", subtype_opclass = text_pattern_ops);
COMMENT ON TYPE textrange IS 'words';
CREATE TABLE slots (id int, during timerange, spans many_times, f floatrange[])`)
    const ranges = async () =>
      (
        await e.query(`
SELECT t.typname || ' ' || format_type(r.rngsubtype, NULL) || ' ' || r.rngsubopc::regclass::text || ' ' ||
  coalesce(r.rngcollation::regcollation::text, '-') || ' ' || r.rngcanonical::text || ' ' || r.rngsubdiff::text || ' ' ||
  r.rngmultitypid::regtype::text || ' ' || coalesce(obj_description(t.oid, 'pg_type'), '-') AS line
FROM pg_range r JOIN pg_type t ON t.oid = r.rngtypid WHERE t.typnamespace = 'public'::regnamespace`)
      )
        .map((r) => String(r.line))
        .sort()
    const written = await ranges()
    const first = await read(e)
    expect(first.types).toEqual([
      { name: 'floatrange', range: { subtype: 'double precision', subtypeDiff: 'float8mi' } },
      {
        name: 'textrange',
        range: { subtype: 'text', subtypeOpclass: 'text_pattern_ops', collation: 'C' },
        comment: 'words',
      },
      {
        name: 'timerange',
        range: { subtype: 'time without time zone', subtypeDiff: 'time_diff', multirangeTypeName: 'many_times' },
      },
    ])
    // The range constructors are the type's, not routines of the schema.
    expect(first.functions?.map((f) => f.name)).toEqual(['time_diff'])
    const statements = createSchemaSQL(first, 'postgres').map((s) => s.sql)
    expect(statements.filter((s) => s.startsWith('CREATE TYPE'))).toEqual([
      'CREATE TYPE "floatrange" AS RANGE (SUBTYPE = double precision, SUBTYPE_DIFF = "float8mi")',
      'CREATE TYPE "textrange" AS RANGE (SUBTYPE = text, SUBTYPE_OPCLASS = "text_pattern_ops", COLLATION = "C")',
      'CREATE TYPE "timerange" AS RANGE (SUBTYPE = time without time zone, SUBTYPE_DIFF = "time_diff", MULTIRANGE_TYPE_NAME = "many_times")',
    ])
    const at = (prefix: string) => statements.findIndex((s) => s.startsWith(prefix))
    expect(at('CREATE FUNCTION "time_diff"')).toBeLessThan(at('CREATE TYPE "timerange"'))
    expect(at('CREATE TYPE "timerange"')).toBeLessThan(at('CREATE TABLE "slots"'))
    await resetDatabase(e)
    await run(e, createSchemaSQL(first, 'postgres'))
    expect(await ranges()).toEqual(written)
    expect(diffSchemas(await read(e), first).changes).toEqual([])
  }, 120_000)

  it('re-creates a range type whose definition changes, and refuses while a column uses it', async () => {
    const from = doc({ types: [{ name: 'floatrange', range: { subtype: 'float8' } }] })
    const to = doc({
      types: [{ name: 'floatrange', range: { subtype: 'numeric', multirangeTypeName: 'floatranges' }, comment: 'n' }],
    })
    const { up, after } = await upAndDown(engine(), from, to)
    expect(up).toEqual([
      'DROP TYPE "floatrange"',
      'CREATE TYPE "floatrange" AS RANGE (SUBTYPE = numeric, MULTIRANGE_TYPE_NAME = "floatranges")',
      `COMMENT ON TYPE "floatrange" IS 'n'`,
    ])
    expect(after).toEqual([])
    const used = (s: Schema, type: string) => ({ ...s, tables: doc({ tables: [people(type)] }).tables })
    expect(() => plan(used(from, 'floatrange'), used(to, 'floatrange'))).toThrow(
      /^type:floatrange: the type must be dropped and created again \(range cannot change in place\), but columns use it: people\.v\./,
    )
    expect(() => plan(used(from, 'floatmultirange'), used(to, 'floatmultirange'))).toThrow(
      /columns use it: people\.v\./,
    )
  }, 120_000)

  it('a type is composite or range, never both nor neither', () => {
    expect(() => doc({ types: [{ name: 'r' }] })).toThrow(
      'types[0].attributes: A type needs either attributes (a composite type) or range (a range type)',
    )
  })

  it('reads what routines depend on from pg_depend, and creates them after it', async () => {
    const e = engine()
    await resetDatabase(e)
    await e.exec(`
CREATE DOMAIN posint AS integer CHECK (VALUE > 0);
CREATE TYPE mood AS ENUM ('ok', 'sad');
CREATE TYPE pair AS (a integer, b text);
CREATE TYPE floatrange AS RANGE (subtype = float8);
CREATE TABLE people (id posint, m mood);
CREATE FUNCTION bump(x posint, p pair[]) RETURNS floatrange LANGUAGE sql AS 'SELECT floatrange(x, x + 1)';
CREATE FUNCTION everyone() RETURNS SETOF people LANGUAGE plpgsql AS 'BEGIN RETURN QUERY SELECT * FROM people; END';
CREATE FUNCTION moods() RETURNS mood LANGUAGE sql BEGIN ATOMIC SELECT m FROM people LIMIT 1; END`)
    const signatures = async () =>
      (
        await e.query(`SELECT p.oid::regprocedure::text || ' ' || pg_get_function_result(p.oid) AS line
FROM pg_proc p WHERE p.pronamespace = 'public'::regnamespace AND p.prokind = 'f'
  AND NOT EXISTS (SELECT 1 FROM pg_depend i WHERE i.objid = p.oid AND i.deptype = 'i')`)
      )
        .map((r) => String(r.line))
        .sort()
    const first = await read(e)
    expect(first.functions?.map((f) => [f.name, f.dependsOn])).toEqual([
      ['bump', ['domain:posint', 'type:floatrange', 'type:pair']],
      ['everyone', ['table:people']],
      ['moods', ['enum:mood', 'table:people']],
    ])
    const statements = createSchemaSQL(first, 'postgres').map((s) => s.sql)
    const at = (prefix: string) => statements.findIndex((s) => s.startsWith(prefix))
    // The plpgsql routine returns the table's row type: it waits for the table.
    expect(at('CREATE TABLE "people"')).toBeLessThan(at('CREATE FUNCTION "everyone"'))
    expect(at('CREATE TYPE "floatrange"')).toBeLessThan(at('CREATE FUNCTION "bump"'))
    // A SQL-standard body reads the table: PostgreSQL resolves it when it creates the routine.
    expect(at('CREATE TABLE "people"')).toBeLessThan(at('CREATE FUNCTION "moods"'))
    const expected = await signatures()
    await resetDatabase(e)
    await run(e, createSchemaSQL(first, 'postgres'))
    expect(await signatures()).toEqual(expected)
    expect(diffSchemas(await read(e), first).changes).toEqual([])
  }, 120_000)
})
