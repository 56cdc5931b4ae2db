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
})
