import { afterAll, beforeAll, describe, expect } from 'vitest'
import type { PlanOptions } from '../../../src/dialects/dialect.js'
import type { Migration, Statement } from '../../../src/dialects/types.js'
import type { ColumnType, DiffOptions, Schema, SchemaDefinition } from '../../../src/index.js'
import { defineSchema, diffSchemas } from '../../../src/index.js'
import { introspect } from '../../../src/introspect/index.js'
import { createSchemaSQL } from '../../../src/sql/create-schema-sql.js'
import { planMigration } from '../../../src/sql/plan-migration.js'
import { type Engine, type EngineFactory, enginesFor, engineTitle, run } from '../../engines/engines.js'

// Shared pieces of the PostgreSQL SQL tests: one engine per test file and engine kind (PGlite always,
// the PostgreSQL server when SCHEMALEDGER_PG_URL is set), and the "apply, introspect, compare" proof.

/** Namespaces the tests create besides `public`; dropped on every reset. */
export const EXTRA_NAMESPACES = ['billing', 'audit']

/** A schema from a definition (the `defineSchema` shape). */
export const schema = (definition: SchemaDefinition): Schema => defineSchema(definition)

/** The planned migration between two schemas, with both passed so every generator sees whole tables. */
export function plan(from: Schema, to: Schema, options: PlanOptions = {}, diffOptions?: DiffOptions): Migration {
  return planMigration(diffSchemas(from, to, diffOptions), { dialect: 'postgres', from, to, ...options })
}

/** Empties the database: `public` and the extra test namespaces. */
export async function resetDatabase(engine: Engine): Promise<void> {
  await engine.reset()
  for (const ns of EXTRA_NAMESPACES) await engine.exec(`DROP SCHEMA IF EXISTS "${ns}" CASCADE`)
}

/**
 * Runs statements as `toSQL` lays them out: consecutive transactional ones inside BEGIN/COMMIT, the
 * others outside any transaction, so a statement wrongly marked transactional fails here.
 */
export async function runMigration(engine: Engine, statements: readonly Statement[]): Promise<void> {
  let open = false
  try {
    for (const s of statements) {
      if (s.transactional && !open) await engine.exec('BEGIN')
      if (!s.transactional && open) await engine.exec('COMMIT')
      open = s.transactional
      await run(engine, [s])
    }
    if (open) await engine.exec('COMMIT')
  } catch (error) {
    if (open) await engine.exec('ROLLBACK')
    throw error
  }
}

/** Reads one namespace of the engine (`public` by default) back into a schema. */
export const read = (engine: Engine, namespace?: string): Promise<Schema> =>
  introspect((sql, params) => engine.query(sql, params), { dialect: 'postgres', schema: namespace ?? 'public' })

/**
 * The part of a schema one namespace holds, as the introspector reports it: the namespace's tables
 * and enums without `schema`, references into it unqualified, enums of other namespaces its columns
 * use kept with theirs.
 */
export function inNamespace(s: Schema, namespace: string | undefined): Schema {
  const here = (x: { readonly schema?: string }) => x.schema === namespace
  const tables = s.tables.filter(here).map((t) => {
    const { schema: _, ...rest } = t
    const constraints = t.constraints.map((c) => {
      if (c.type !== 'foreign_key' || c.referencedSchema !== namespace) return c
      const { referencedSchema: _r, ...fk } = c
      return fk
    })
    return { ...rest, constraints, columns: t.columns.map((c) => ({ ...c, type: unqualified(c.type, namespace) })) }
  })
  const used = new Set(
    s.tables
      .filter(here)
      .flatMap((t) => t.columns.map((c) => (c.type.kind === 'array' ? c.type.of : c.type)))
      .flatMap((t) => (t.kind === 'enum' && t.name ? [`${t.schema}.${t.name}`] : [])),
  )
  const enums = s.enums
    .filter((e) => here(e) || used.has(`${e.schema}.${e.name}`))
    .map((e) => {
      if (!here(e)) return e
      const { schema: _, ...rest } = e
      return rest
    })
  return { ...s, tables, enums }
}

/** A column type with references to the enums of `namespace` unqualified, as a read of that namespace has them. */
function unqualified(type: ColumnType, namespace: string | undefined): ColumnType {
  if (type.kind === 'array') return { kind: 'array', of: unqualified(type.of, namespace) }
  if (type.kind !== 'enum' || type.schema === undefined || type.schema !== namespace) return type
  const { schema: _, ...rest } = type
  return rest
}

const namespacesOf = (s: Schema) => [
  ...new Set([undefined, ...s.tables.map((t) => t.schema), ...s.enums.map((e) => e.schema)]),
]

/**
 * What still differs between the database and the schema it should hold, namespace by namespace
 * (those of `expected` and `also`, so leftovers of another version are seen).
 */
export async function remainingChanges(engine: Engine, expected: Schema, also?: Schema): Promise<string[]> {
  const out: string[] = []
  for (const ns of new Set([...namespacesOf(expected), ...(also ? namespacesOf(also) : [])])) {
    const actual = await read(engine, ns)
    const changes = diffSchemas(actual, inNamespace(expected, ns)).changes
    out.push(
      ...changes.map(
        (c) => `${ns ?? 'public'}: ${c.kind} ${c.path}${'changes' in c ? ` [${c.changes.join(', ')}]` : ''}`,
      ),
    )
  }
  return out
}

/**
 * The acceptance check of a migration: create `from`, apply `up`, the database reads back as `to`;
 * apply `down`, it reads back as `from`.
 */
export async function proveMigration(
  engine: Engine,
  from: Schema,
  to: Schema,
  options: PlanOptions = {},
  diffOptions?: DiffOptions,
): Promise<void> {
  const migration = plan(from, to, options, diffOptions)
  await resetDatabase(engine)
  for (const ns of new Set([...namespacesOf(from), ...namespacesOf(to)]))
    if (ns) await engine.exec(`CREATE SCHEMA "${ns}"`)
  await run(engine, createSchemaSQL(from, 'postgres'))
  expect(await remainingChanges(engine, from), 'created from').toEqual([])
  await runMigration(engine, migration.up)
  expect(await remainingChanges(engine, to, from), 'after up').toEqual([])
  await runMigration(engine, migration.down)
  expect(await remainingChanges(engine, from, to), 'after down').toEqual([])
}

/**
 * Declares one `describe` per PostgreSQL engine (skipped, with the reason in its title, when the
 * engine is unavailable) with the engine opened once for the block.
 */
export function describeEngines(title: string, body: (engine: () => Engine, factory: EngineFactory) => void): void {
  for (const factory of enginesFor('postgres')) {
    describe.skipIf(factory.skipReason !== undefined)(engineTitle(factory, title), () => {
      let engine: Engine | undefined
      beforeAll(async () => {
        engine = await factory.open()
      }, 120_000)
      afterAll(async () => {
        await engine?.close()
      })
      body(() => engine as Engine, factory)
    })
  }
}
