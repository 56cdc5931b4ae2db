import { expect, it } from 'vitest'
import type { Migration } from '../../../src/dialects/types.js'
import { diffSchemas, parseSchema, type Schema } from '../../../src/index.js'
import { toCanonicalDocument } from '../../../src/model/serialize-schema.js'
import { createSchemaSQL } from '../../../src/sql/create-schema-sql.js'
import { planMigration } from '../../../src/sql/plan-migration.js'
import { type Engine, run } from '../../engines/engines.js'
import { describeEngines, read, resetDatabase, runMigration } from '../postgres/harness.js'
import { catalog, HAND_WRITTEN } from './pg-objects-fixture.js'

// Changes to functions, procedures, triggers and sequences planned and applied up and down, judged by
// the catalog of a database created directly from each version; the re-plan after each is empty.

type Doc = Record<string, unknown> & { tables: unknown[] }
const edit = (s: Schema, f: (d: Doc) => void): Schema => {
  const d = structuredClone(toCanonicalDocument(s)) as Doc
  f(d)
  return parseSchema(d)
}
const list = (d: Doc, key: string) => d[key] as Record<string, unknown>[]
const find = (d: Doc, key: string, name: string) => list(d, key).find((o) => o.name === name) as Record<string, unknown>

async function prove(e: Engine, from: Schema, to: Schema): Promise<Migration> {
  await resetDatabase(e)
  await run(e, createSchemaSQL(to, 'postgres'))
  const expectedTo = await catalog(e)
  await resetDatabase(e)
  await run(e, createSchemaSQL(from, 'postgres'))
  const expectedFrom = await catalog(e)
  const migration = planMigration(diffSchemas(from, to), { dialect: 'postgres', from, to })
  await runMigration(e, migration.up)
  expect(await catalog(e)).toEqual(expectedTo)
  expect(diffSchemas(await read(e), to).changes).toEqual([])
  await runMigration(e, migration.down)
  expect(await catalog(e)).toEqual(expectedFrom)
  expect(diffSchemas(await read(e), from).changes).toEqual([])
  return migration
}

describeEngines('routine, trigger and sequence changes', (engine) => {
  let cached: Schema | undefined
  // The hand-written objects as introspection reads them.
  const baseSchema = async (e: Engine) => {
    if (cached) return cached
    await resetDatabase(e)
    await e.exec(HAND_WRITTEN)
    cached = await read(e)
    return cached
  }
  const sql = (m: Migration) => m.up.map((s) => s.sql)

  it('creates everything from nothing in an order PostgreSQL accepts, and drops it back', {
    timeout: 120_000,
  }, async () => {
    const e = engine()
    const base = await baseSchema(e)
    const empty = parseSchema({ format: 'schemaledger/1', tables: [] })
    const m = await prove(e, empty, base)
    const up = sql(m)
    // The default calls next_code(), created before the table; order_count() reads the table, after it.
    expect(up.findIndex((s) => s.startsWith('CREATE FUNCTION "next_code"'))).toBeLessThan(
      up.findIndex((s) => s.startsWith('CREATE TABLE "orders"')),
    )
    expect(up.findIndex((s) => s.startsWith('CREATE FUNCTION "order_count"'))).toBeGreaterThan(
      up.findIndex((s) => s.startsWith('CREATE TABLE "orders"')),
    )
    expect(m.down.map((s) => s.sql)).toEqual([
      'DROP TRIGGER "orders_touch" ON "orders"',
      'DROP TRIGGER "orders_audit" ON "orders"',
      'DROP TABLE "orders"',
      'DROP FUNCTION "touch"()',
      'DROP FUNCTION "order_count"()',
      'DROP FUNCTION "next_code"(prefix text)',
      'DROP PROCEDURE "archive"(days integer)',
      'DROP FUNCTION "add_tax"(amount numeric, rate numeric)',
      'DROP SEQUENCE "invoice_numbers"',
    ])
  })

  it('replaces a body in place, re-creates the trigger of a function whose signature changes', async () => {
    const e = engine()
    const base = await baseSchema(e)
    const to = edit(base, (d) => {
      const addTax = find(d, 'functions', 'add_tax')
      addTax.arguments = 'amount numeric, rate numeric DEFAULT 0.2, digits integer DEFAULT 2'
      addTax.body = 'SELECT round(amount * (1 + rate), digits)'
      addTax.comment = 'gross, rounded'
      find(d, 'functions', 'touch').body = ' BEGIN NEW.updated_at := clock_timestamp(); RETURN NEW; END '
      find(d, 'triggers', 'orders_audit').enabled = 'always'
    })
    const m = await prove(e, base, to)
    expect(m.up.map((s) => `${s.change?.path}: ${s.sql}`)).toEqual([
      // The old overload goes before the new one exists, and the trigger that calls it is re-created.
      'function:add_tax(amount numeric, rate numeric): DROP TRIGGER "orders_touch" ON "orders"',
      'function:add_tax(amount numeric, rate numeric): DROP FUNCTION "add_tax"(amount numeric, rate numeric)',
      'function:add_tax(amount numeric, rate numeric, digits integer): CREATE FUNCTION "add_tax"(amount numeric, rate numeric DEFAULT 0.2, digits integer DEFAULT 2) RETURNS numeric LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $function$SELECT round(amount * (1 + rate), digits)$function$',
      `function:add_tax(amount numeric, rate numeric, digits integer): COMMENT ON FUNCTION "add_tax"(amount numeric, rate numeric, digits integer) IS 'gross, rounded'`,
      `function:touch(): CREATE OR REPLACE FUNCTION "touch"() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path TO 'public', 'pg_temp' SET work_mem TO '64MB' AS $function$ BEGIN NEW.updated_at := clock_timestamp(); RETURN NEW; END $function$`,
      'trigger:orders.orders_audit: ALTER TABLE "orders" ENABLE ALWAYS TRIGGER "orders_audit"',
      `function:add_tax(amount numeric, rate numeric): CREATE TRIGGER "orders_touch" BEFORE UPDATE OF "total", "code" ON "orders" FOR EACH ROW WHEN ((old.total IS DISTINCT FROM new.total) AND (add_tax(new.total) > (0)::numeric)) EXECUTE FUNCTION "touch"('x', 'it''s')`,
      `function:add_tax(amount numeric, rate numeric): COMMENT ON TRIGGER "orders_touch" ON "orders" IS 'keeps updated_at'`,
    ])
  })

  it('re-creates a trigger whose function is re-created with its new arguments and WHEN', {
    timeout: 120_000,
  }, async () => {
    const e = engine()
    const base = await baseSchema(e)
    const to = edit(base, (d) => {
      find(d, 'functions', 'add_tax').arguments = 'amount numeric, rate numeric DEFAULT 0.2, digits integer DEFAULT 2'
      const trigger = find(d, 'triggers', 'orders_touch')
      trigger.arguments = ['y']
      trigger.when = '(old.total IS DISTINCT FROM new.total) AND (add_tax(new.total, 0.1, 0) > (1)::numeric)'
    })
    const m = await prove(e, base, to)
    expect(m.up.map((s) => s.sql)).toEqual([
      'DROP TRIGGER "orders_touch" ON "orders"',
      'DROP FUNCTION "add_tax"(amount numeric, rate numeric)',
      'CREATE FUNCTION "add_tax"(amount numeric, rate numeric DEFAULT 0.2, digits integer DEFAULT 2) RETURNS numeric LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $function$SELECT amount * (1 + rate)$function$',
      `COMMENT ON FUNCTION "add_tax"(amount numeric, rate numeric, digits integer) IS 'gross from net'`,
      `CREATE TRIGGER "orders_touch" BEFORE UPDATE OF "total", "code" ON "orders" FOR EACH ROW WHEN ((old.total IS DISTINCT FROM new.total) AND (add_tax(new.total, 0.1, 0) > (1)::numeric)) EXECUTE FUNCTION "touch"('y')`,
      `COMMENT ON TRIGGER "orders_touch" ON "orders" IS 'keeps updated_at'`,
    ])
  })

  it('re-creates a trigger with its new arguments when its WHEN moves to a new overload', {
    timeout: 120_000,
  }, async () => {
    const e = engine()
    const base = await baseSchema(e)
    const to = edit(base, (d) => {
      find(d, 'functions', 'add_tax').arguments = 'amount integer, rate numeric DEFAULT 0.2'
      const trigger = find(d, 'triggers', 'orders_touch')
      trigger.arguments = ['y']
      trigger.when = '(old.total IS DISTINCT FROM new.total) AND (add_tax((new.total)::integer) > (0)::numeric)'
    })
    const diff = diffSchemas(base, to)
    // Another identity: the old overload is dropped, the new one created, the trigger changed.
    expect(diff.changes.map((c) => c.kind)).toEqual(['create_function', 'drop_function', 'alter_trigger'])
    const m = await prove(e, base, to)
    expect(m.up.map((s) => s.sql)).toEqual([
      'DROP TRIGGER "orders_touch" ON "orders"',
      'DROP FUNCTION "add_tax"(amount numeric, rate numeric)',
      'CREATE FUNCTION "add_tax"(amount integer, rate numeric DEFAULT 0.2) RETURNS numeric LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $function$SELECT amount * (1 + rate)$function$',
      `COMMENT ON FUNCTION "add_tax"(amount integer, rate numeric) IS 'gross from net'`,
      `CREATE TRIGGER "orders_touch" BEFORE UPDATE OF "total", "code" ON "orders" FOR EACH ROW WHEN ((old.total IS DISTINCT FROM new.total) AND (add_tax((new.total)::integer) > (0)::numeric)) EXECUTE FUNCTION "touch"('y')`,
      `COMMENT ON TRIGGER "orders_touch" ON "orders" IS 'keeps updated_at'`,
    ])
  })

  it('changes COST and ROWS in place, creates them stated, and reads a stated default as the absent one', async () => {
    const e = engine()
    const base = await baseSchema(e)
    const codes = {
      name: 'codes',
      arguments: 'n integer',
      returns: 'SETOF integer',
      body: 'SELECT generate_series(1, n)',
    }
    const to = edit(base, (d) => {
      find(d, 'functions', 'add_tax').cost = 10
      d.functions = [...list(d, 'functions'), { ...codes, cost: 500, rows: 50 }]
    })
    const m = await prove(e, base, to)
    expect(sql(m)).toEqual([
      'CREATE FUNCTION "codes"(n integer) RETURNS SETOF integer LANGUAGE sql COST 500 ROWS 50 AS $function$SELECT generate_series(1, n)$function$',
      'ALTER FUNCTION "add_tax"(amount numeric, rate numeric) COST 10',
    ])
    expect(m.down.map((s) => s.sql)).toEqual([
      'ALTER FUNCTION "add_tax"(amount numeric, rate numeric) COST 100',
      'DROP FUNCTION "codes"(n integer)',
    ])
    // PostgreSQL's defaults stated (100 for SQL and plpgsql, 1000 rows of a set) are no change.
    const defaults = edit(base, (d) => {
      find(d, 'functions', 'add_tax').cost = 100
      find(d, 'functions', 'touch').cost = 100
      d.functions = [...list(d, 'functions'), { ...codes, rows: 1000 }]
    })
    const plain = edit(base, (d) => {
      d.functions = [...list(d, 'functions'), codes]
    })
    expect(diffSchemas(plain, defaults).changes).toEqual([])
    expect(
      diffSchemas(
        defaults,
        edit(defaults, (d) => {
          find(d, 'functions', 'codes').rows = 10
        }),
      ).changes,
    ).toEqual([expect.objectContaining({ kind: 'alter_function', changes: ['rows'] })])
  })

  it('changes sequence options and ownership in place', async () => {
    const e = engine()
    const base = await baseSchema(e)
    const to = edit(base, (d) => {
      const s = find(d, 'sequences', 'invoice_numbers')
      s.increment = '1'
      s.maxValue = '2147483647'
      delete s.cycle
      s.ownedBy = 'orders.total'
      delete find(d, 'sequences', 'orders_legacy_seq').ownedBy
    })
    const m = await prove(e, base, to)
    expect(sql(m)).toEqual([
      'ALTER SEQUENCE "invoice_numbers" INCREMENT BY 1 MAXVALUE 2147483647 NO CYCLE',
      'ALTER SEQUENCE "invoice_numbers" OWNED BY "orders"."total"',
      'ALTER SEQUENCE "orders_legacy_seq" OWNED BY NONE',
    ])
  })

  it('keeps triggers through a table rename, and drops a table with its trigger and owned sequence', async () => {
    const e = engine()
    const base = await baseSchema(e)
    const renamed = edit(base, (d) => {
      ;(d.tables[0] as Record<string, unknown>).name = 'purchases'
      for (const t of list(d, 'triggers')) t.table = 'purchases'
      find(d, 'sequences', 'orders_legacy_seq').ownedBy = 'purchases.id'
      find(d, 'functions', 'order_count').body = 'SELECT count(*) FROM purchases'
    })
    const diff = diffSchemas(base, renamed, { renames: { tables: { orders: 'purchases' } } })
    expect(diff.changes.map((c) => c.path)).toEqual(['purchases', 'function:order_count()'])
    const m = planMigration(diff, { dialect: 'postgres', from: base, to: renamed })
    await resetDatabase(e)
    await run(e, createSchemaSQL(base, 'postgres'))
    await runMigration(e, m.up)
    expect(diffSchemas(await read(e), renamed).changes).toEqual([])
    await runMigration(e, m.down)
    expect(diffSchemas(await read(e), base).changes).toEqual([])

    const dropped = edit(base, (d) => {
      d.tables = []
      d.triggers = []
      list(d, 'sequences').splice(1, 1)
      d.functions = list(d, 'functions').filter((f) => f.name !== 'order_count' && f.name !== 'archive')
    })
    const drop = await prove(e, base, dropped)
    expect(sql(drop)).toEqual([
      'DROP TRIGGER "orders_touch" ON "orders"',
      'DROP TRIGGER "orders_audit" ON "orders"',
      'DROP TABLE "orders"',
      'DROP FUNCTION "order_count"()',
      'DROP PROCEDURE "archive"(days integer)',
    ])
  })
})
