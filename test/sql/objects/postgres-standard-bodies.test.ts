import { expect, it } from 'vitest'
import type { Migration } from '../../../src/dialects/types.js'
import { diffSchemas, parseSchema, type Schema } from '../../../src/index.js'
import { toCanonicalDocument } from '../../../src/model/serialize-schema.js'
import { createSchemaSQL } from '../../../src/sql/create-schema-sql.js'
import { planMigration } from '../../../src/sql/plan-migration.js'
import { type Engine, run } from '../../engines/engines.js'
import { describeEngines, read, resetDatabase, runMigration } from '../postgres/harness.js'
import { catalog } from './pg-objects-fixture.js'

// SQL-standard routine bodies (PostgreSQL 14+): `BEGIN ATOMIC ... END` and `RETURN expression`, which
// the database parses when it creates the routine and prints its own way (pg_get_function_sqlbody).
// Read back from hand-written SQL, created again from the document with the same pg_get_functiondef,
// changed by a plan that applies and re-plans empty; the body's table is created before it.

const HAND_WRITTEN = `
CREATE TABLE orders (id integer PRIMARY KEY, total numeric NOT NULL);
CREATE FUNCTION order_count() RETURNS bigint LANGUAGE sql STABLE
BEGIN ATOMIC
  SELECT count(*) FROM orders;
END;
CREATE FUNCTION add_tax(amount numeric, rate numeric DEFAULT 0.2) RETURNS numeric LANGUAGE sql IMMUTABLE
  RETURN amount * (1 + rate);
CREATE PROCEDURE add_order(n integer) LANGUAGE sql
BEGIN ATOMIC
  INSERT INTO orders VALUES (n, add_tax(n));
  UPDATE orders SET total = CASE WHEN total > 100 THEN total ELSE 100 END WHERE id = n;
END;
COMMENT ON FUNCTION order_count() IS 'how many';
`

type Doc = Record<string, unknown> & { tables: unknown[] }
const edit = (s: Schema, f: (d: Doc) => void): Schema => {
  const d = structuredClone(toCanonicalDocument(s)) as Doc
  f(d)
  return parseSchema(d)
}
const find = (d: Doc, name: string) =>
  (d.functions as Record<string, unknown>[]).find((o) => o.name === name) as Record<string, unknown>

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

describeEngines('SQL-standard routine bodies', (engine) => {
  let cached: Schema | undefined
  const baseSchema = async (e: Engine) => {
    if (cached) return cached
    await resetDatabase(e)
    await e.exec(HAND_WRITTEN)
    cached = await read(e)
    return cached
  }

  it('reads them as the database prints them and creates them again identically', { timeout: 120_000 }, async () => {
    const e = engine()
    const schema = await baseSchema(e)
    const expected = await catalog(e)
    const doc = toCanonicalDocument(schema) as { functions: unknown[] }
    expect(doc.functions).toEqual([
      {
        name: 'add_order',
        kind: 'procedure',
        arguments: 'IN n integer',
        body: ' INSERT INTO orders (id, total)\n   VALUES (add_order.n, add_tax((add_order.n)::numeric));\n UPDATE orders SET total =\n         CASE\n             WHEN (orders.total > (100)::numeric) THEN orders.total\n             ELSE (100)::numeric\n         END\n   WHERE (orders.id = add_order.n);',
        bodyKind: 'atomic',
        dependsOn: ['function:add_tax(amount numeric, rate numeric)', 'table:orders'],
      },
      {
        name: 'add_tax',
        arguments: 'amount numeric, rate numeric DEFAULT 0.2',
        returns: 'numeric',
        body: '(amount * ((1)::numeric + rate))',
        bodyKind: 'return',
        volatility: 'immutable',
      },
      {
        name: 'order_count',
        arguments: '',
        returns: 'bigint',
        body: ' SELECT count(*) AS count\n    FROM orders;',
        bodyKind: 'atomic',
        volatility: 'stable',
        comment: 'how many',
        dependsOn: ['table:orders'],
      },
    ])
    const statements = createSchemaSQL(schema, 'postgres')
    expect(statements.map((s) => s.sql)).toEqual([
      'CREATE FUNCTION "add_tax"(amount numeric, rate numeric DEFAULT 0.2) RETURNS numeric LANGUAGE sql IMMUTABLE RETURN (amount * ((1)::numeric + rate))',
      'CREATE TABLE "orders" (\n  "id" integer NOT NULL,\n  "total" numeric NOT NULL,\n  CONSTRAINT "orders_pkey" PRIMARY KEY ("id")\n)',
      // After the table their bodies read: PostgreSQL resolves a SQL-standard body when it creates it.
      'CREATE PROCEDURE "add_order"(IN n integer) LANGUAGE sql BEGIN ATOMIC\n INSERT INTO orders (id, total)\n   VALUES (add_order.n, add_tax((add_order.n)::numeric));\n UPDATE orders SET total =\n         CASE\n             WHEN (orders.total > (100)::numeric) THEN orders.total\n             ELSE (100)::numeric\n         END\n   WHERE (orders.id = add_order.n);\nEND',
      'CREATE FUNCTION "order_count"() RETURNS bigint LANGUAGE sql STABLE BEGIN ATOMIC\n SELECT count(*) AS count\n    FROM orders;\nEND',
      `COMMENT ON FUNCTION "order_count"() IS 'how many'`,
    ])
    await resetDatabase(e)
    await run(e, statements)
    expect(await catalog(e)).toEqual(expected)
    const again = await read(e)
    expect(diffSchemas(schema, again).changes).toEqual([])
    expect(toCanonicalDocument(again)).toEqual(toCanonicalDocument(schema))
  })

  it('replaces a changed body in place and switches between body kinds', { timeout: 120_000 }, async () => {
    const e = engine()
    const base = await baseSchema(e)
    const to = edit(base, (d) => {
      find(d, 'order_count').body =
        ' SELECT count(*) AS count\n    FROM orders\n   WHERE (orders.total > (0)::numeric);'
      const addTax = find(d, 'add_tax')
      addTax.bodyKind = 'atomic'
      addTax.body = ' SELECT round((amount * ((1)::numeric + rate)), 2) AS round;'
    })
    expect(diffSchemas(base, to).changes.map((c) => [c.path, 'changes' in c ? c.changes : []])).toEqual([
      ['function:add_tax(amount numeric, rate numeric)', ['body', 'bodyKind']],
      ['function:order_count()', ['body']],
    ])
    const m = await prove(e, base, to)
    expect(m.up.map((s) => s.sql)).toEqual([
      'CREATE OR REPLACE FUNCTION "add_tax"(amount numeric, rate numeric DEFAULT 0.2) RETURNS numeric LANGUAGE sql IMMUTABLE BEGIN ATOMIC\n SELECT round((amount * ((1)::numeric + rate)), 2) AS round;\nEND',
      'CREATE OR REPLACE FUNCTION "order_count"() RETURNS bigint LANGUAGE sql STABLE BEGIN ATOMIC\n SELECT count(*) AS count\n    FROM orders\n   WHERE (orders.total > (0)::numeric);\nEND',
    ])
  })

  it('drops a body before the table it reads, and re-creates it around a column it reads changing type', {
    timeout: 120_000,
  }, async () => {
    const e = engine()
    const base = await baseSchema(e)
    const empty = parseSchema({ format: 'schemaledger/1', tables: [] })
    const gone = await prove(e, base, empty)
    expect(gone.up.map((s) => s.sql)).toEqual([
      'DROP FUNCTION "order_count"()',
      'DROP PROCEDURE "add_order"(n integer)',
      'DROP TABLE "orders"',
      'DROP FUNCTION "add_tax"(amount numeric, rate numeric)',
    ])
    const retyped = edit(base, (d) => {
      const orders = d.tables[0] as { columns: { name: string; type: string }[] }
      ;(orders.columns.find((c) => c.name === 'total') as { type: string }).type = 'numeric(12,2)'
    })
    const m = await prove(e, base, retyped)
    expect(m.up.map((s) => `${s.change?.path}: ${s.sql}`)).toEqual([
      // PostgreSQL refuses to retype a column a SQL-standard body reads: the routines go first.
      'orders.total: DROP FUNCTION "order_count"()',
      'orders.total: DROP PROCEDURE "add_order"(n integer)',
      'orders.total: ALTER TABLE "orders" ALTER COLUMN "total" TYPE numeric(12,2)',
      expect.stringMatching(/^orders.total: CREATE PROCEDURE "add_order"/),
      expect.stringMatching(/^orders.total: CREATE FUNCTION "order_count"/),
      `orders.total: COMMENT ON FUNCTION "order_count"() IS 'how many'`,
    ])
  })

  it('compares bodies as normalized text, and a quoted body with the same text as another body', async () => {
    const e = engine()
    const base = await baseSchema(e)
    const respelled = edit(base, (d) => {
      find(d, 'order_count').body = 'select COUNT(*) as count from ORDERS;'
      find(d, 'add_tax').body = 'amount * ((1)::numeric + rate)'
    })
    expect(diffSchemas(base, respelled).changes).toEqual([])
    const quoted = edit(base, (d) => {
      delete find(d, 'add_tax').bodyKind
      find(d, 'add_tax').body = 'SELECT amount * (1 + rate)'
    })
    expect(diffSchemas(base, quoted).changes.map((c) => ('changes' in c ? c.changes : []))).toEqual([
      ['body', 'bodyKind'],
    ])
  })
})
