import { describe, expect, test } from 'vitest'
import { type Schema, serializeSchema } from '../../src/index.js'
import { introspect } from '../../src/introspect/index.js'
import { type MigrationFile, orderMigrations, replayMigrations, type Timeline } from '../../src/sources/index.js'
import { INVENTORY_STEPS } from '../fixtures/migrations/inventory-steps.js'
import { PG_URL, uniqueName } from './dump-fixtures.js'
import { type FixtureLayout, flywayVersion, layOut, layoutNames } from './layout-fixtures.js'

// The inventory steps (46 PostgreSQL migrations) in the layout of each tool, replayed once per layout
// on PGlite and, with SCHEMALEDGER_PG_URL, applied on the PostgreSQL server: the schema at every step is
// the server's at the same step.

const LAYOUTS: readonly FixtureLayout[] = ['diesel', 'golang-migrate', 'dbmate', 'flyway', 'plain']
const files = Object.fromEntries(LAYOUTS.map((l) => [l, layOut(INVENTORY_STEPS, l)])) as Record<
  FixtureLayout,
  MigrationFile[]
>
const replays = new Map<FixtureLayout, Promise<Timeline>>()
/** Each layout is replayed once on PGlite; every test of it shares that replay. */
const replayed = (layout: FixtureLayout) => {
  let replay = replays.get(layout)
  if (!replay) {
    replay = replayMigrations(files[layout], { dialect: 'postgres' })
    replays.set(layout, replay)
  }
  return replay
}
/** diesel's first migration is `diesel setup`'s helper functions: the steps come one later. */
const offset = (layout: FixtureLayout) => (layout === 'diesel' ? 1 : 0)

/** A schema without the two functions `diesel setup`'s initial migration creates (diesel's, not the project's). */
function withoutDieselSetup(s: Schema): Schema {
  const functions = (s.functions ?? []).filter((f) => !f.name.startsWith('diesel_'))
  const { functions: _, ...rest } = s
  return functions.length > 0 ? { ...rest, functions } : rest
}

describe('replaying the same 46 migrations in each tool layout', { timeout: 900_000 }, () => {
  test('there are at least 40, with renames, enums, indexes and data backfills', () => {
    expect(INVENTORY_STEPS.length).toBe(46)
    const all = INVENTORY_STEPS.map((s) => s.up).join('\n')
    for (const clue of [
      'RENAME COLUMN',
      'RENAME TO',
      'RENAME CONSTRAINT',
      'RENAME VALUE',
      'ALTER INDEX',
      'CREATE TYPE',
      'ADD VALUE',
      'CREATE UNIQUE INDEX',
      'USING GIN',
      'WHERE discontinued_at IS NULL',
      'INSERT INTO',
      'UPDATE ',
      'GENERATED ALWAYS AS (',
    ])
      expect(all, clue).toContain(clue)
  })

  test('flyway versions sort as numbers (1.10 after 1.9), golang-migrate and plain numbers too (10 after 9)', () => {
    expect([9, 10, 14, 15, 16].map(flywayVersion)).toEqual(['1.9', '1.10', '1.14', '2', '2.1'])
    expect(
      orderMigrations(files.flyway)
        .migrations.slice(9, 12)
        .map((m) => m.name),
    ).toEqual(['V1.9__seed_stock', 'V1.10__rename_title_to_name', 'V1.11__add_unit_pallet'])
    expect(
      orderMigrations(files['golang-migrate'])
        .migrations.slice(8, 10)
        .map((m) => m.name),
    ).toEqual(['9_create_stock', '10_seed_stock'])
    expect(
      orderMigrations(files.plain)
        .migrations.slice(8, 10)
        .map((m) => m.name),
    ).toEqual(['9_create_stock', '10_seed_stock'])
  })

  for (const layout of LAYOUTS) {
    test(`${layout}: detected, every migration a version in its tool's order`, async () => {
      const timeline = await replayed(layout)
      expect(timeline.failure).toBeUndefined()
      expect(timeline.layout).toBe(layout)
      const names = layoutNames(INVENTORY_STEPS, layout)
      expect(names.length).toBe(46 + offset(layout))
      expect(timeline.steps.map((s) => s.name)).toEqual(names)
      expect(timeline.total).toBe(names.length)
      const first = timeline.steps[offset(layout)]
      expect(first?.diff.changes.map((c) => `${c.kind} ${c.path}`)).toEqual(['create_table suppliers'])
      if (layout === 'dbmate' || layout === 'diesel') expect(first?.time).toBe('2024-01-03T09:00:00Z')
      else expect(first?.time).toBeUndefined()
    })
  }

  test('every layout gives the same schema at every step, with the expected diffs', async () => {
    const reference = await replayed('golang-migrate')
    const at = (name: string) => {
      const step = reference.steps.find((s) => s.name.endsWith(`_${name}`))
      if (!step) throw new Error(`no step ${name}`)
      return step
    }
    const kinds = (name: string) => at(name).diff.changes.map((c) => `${c.kind} ${c.path}`)
    // Data migrations change nothing; the DDL after them depends on them.
    for (const name of [
      'seed_products',
      'backfill_unit',
      'backfill_line_price',
      'backfill_refunds',
      'raise_acme_prices',
    ])
      expect(kinds(name), name).toEqual([])
    expect(kinds('line_price_not_null')).toEqual(['alter_column order_lines.unit_price_cents'])
    expect(kinds('rename_title_to_name').sort()).toEqual(['add_column products.name', 'drop_column products.title'])
    expect(kinds('add_unit_pallet')).toEqual(['alter_enum enum:unit'])
    expect(kinds('rename_state_cancelled')).toEqual(['alter_enum enum:order_state'])
    expect(kinds('rename_stock_index')).toEqual(['alter_index stock.stock_by_warehouse_idx'])
    expect(at('drop_opened_on').findings.some((f) => f.severity === 'danger')).toBe(true)
    expect(reference.steps.at(-1)?.schema.tables.map((t) => t.name)).toEqual([
      'clients',
      'order_lines',
      'orders',
      'price_history',
      'products',
      'refunds',
      'stock',
      'suppliers',
      'warehouses',
    ])
    expect(reference.steps.at(-1)?.schema.enums.map((e) => `${e.name}: ${e.values.join(' ')}`)).toEqual([
      'order_state: new paid shipped refunded canceled',
      'product_unit: piece kg box pallet',
    ])
    const expected = reference.steps.map((s) => serializeSchema(s.schema))
    for (const layout of LAYOUTS) {
      const timeline = await replayed(layout)
      const schemas = timeline.steps.slice(offset(layout)).map((s) => serializeSchema(withoutDieselSetup(s.schema)))
      expect(schemas.length, layout).toBe(expected.length)
      for (const [i, schema] of schemas.entries()) expect(schema, `${layout} step ${i + 1}`).toBe(expected[i])
    }
  })

  test('the down parts are real: run in reverse after the ups, each gives back the schema before its up', async () => {
    const n = INVENTORY_STEPS.length
    // The ups then the downs, newest first, as one numbered folder.
    const there = INVENTORY_STEPS.map((s, i) => ({ path: `${i + 1}_${s.name}.up.sql`, text: s.up }))
    const back = INVENTORY_STEPS.map((s, i) => ({ path: `${2 * n - i}_undo_${s.name}.up.sql`, text: s.down }))
    const timeline = await replayMigrations([...there, ...back], { dialect: 'postgres' })
    expect(timeline.failure).toBeUndefined()
    const schemas = timeline.steps.map((s) => serializeSchema(s.schema))
    expect(schemas.length).toBe(2 * n)
    // A whole database read says it has no namespace but the default one.
    const empty = serializeSchema({ tables: [], enums: [], namespaces: [] } as never)
    for (let k = 1; k <= n; k++) {
      // After undoing the k newest, the schema is the one after the first n - k ups.
      expect(schemas[n - 1 + k], `undo ${INVENTORY_STEPS[n - k]?.name}`).toBe(k === n ? empty : schemas[n - 1 - k])
    }
  })

  test.skipIf(!PG_URL)(
    `the schema at every step equals the PostgreSQL server's at the same step, in every layout${PG_URL ? '' : ' (skipped: SCHEMALEDGER_PG_URL is not set)'}`,
    async () => {
      const pg = (await import('pg')).default
      const admin = new pg.Client({ connectionString: PG_URL })
      await admin.connect()
      try {
        for (const layout of LAYOUTS) {
          const { steps } = await replayed(layout)
          const database = uniqueName('sl_layout')
          await admin.query(`CREATE DATABASE ${database}`)
          const target = new URL(PG_URL as string)
          target.pathname = `/${database}`
          const db = new pg.Pool({ connectionString: target.toString(), max: 4 })
          db.on('error', () => undefined) // connections ended by DROP DATABASE ... WITH (FORCE)
          try {
            const query = async (sql: string, params?: readonly unknown[]) =>
              (await db.query(sql, params as unknown[])).rows
            const { migrations } = orderMigrations(files[layout])
            expect(migrations.length).toBe(steps.length)
            for (const [i, migration] of migrations.entries()) {
              await db.query(migration.sql)
              const onServer = await introspect(query, { dialect: 'postgres' })
              expect(serializeSchema(steps[i]?.schema as never), `${layout} ${migration.name}`).toBe(
                serializeSchema(onServer),
              )
            }
          } finally {
            await db.end()
            await admin.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`)
          }
        }
      } finally {
        await admin.end()
      }
    },
  )
})
