import { expect } from 'vitest'
import type { Column, Constraint, DiffOptions, Index, Schema, Table } from '../../../src/index.js'
import { diffSchemas, parseSchema, serializeSchema } from '../../../src/index.js'
import { introspect } from '../../../src/introspect/index.js'
import type { Migration } from '../../../src/sql/index.js'
import { createSchemaSQL, planMigration } from '../../../src/sql/index.js'
import { type Engine, type EngineFactory, enginesFor, run } from '../../engines/engines.js'

// Shared by the MySQL/MariaDB tests: the engine, introspection through it, and the model of what
// MySQL stores for a schema (its "expressible" image), so round trips compare like with like.

/** The MariaDB engine (skipped with its reason when SCHEMALEDGER_MYSQL_URL is not set). */
export const mariadb = enginesFor('mysql')[0] as EngineFactory

/** Reads the engine's current database back into the model. */
export function introspectEngine(engine: Engine): Promise<Schema> {
  return introspect((sql, params) => engine.query(sql, params), { dialect: 'mysql' })
}

/**
 * What MySQL/MariaDB store for a schema: named enums written inline, `jsonb` as `json`, `real` as
 * `float`, identity as AUTO_INCREMENT, primary keys unnamed (always PRIMARY), and unique indexes of
 * plain columns as unique constraints (MySQL has one object for both). A schema already in the
 * expressible subset is returned unchanged.
 */
export function mysqlImage(schema: Schema): Schema {
  const enumValues = new Map(schema.enums.map((e) => [e.name, e.values]))
  const column = (c: Column): Column => {
    let type = c.type
    if (type.kind === 'enum' && type.name !== undefined)
      type = { kind: 'enum', values: enumValues.get(type.name) ?? [] }
    if (type.kind === 'jsonb') type = { kind: 'json' }
    if (type.kind === 'real') type = { kind: 'float' }
    const { identity: _, ...rest } = c
    return { ...rest, type, ...(c.identity ? { autoincrement: true as const } : {}) }
  }
  const plainUnique = (x: Index) =>
    x.unique === true &&
    (x.using === undefined || x.using === 'btree') &&
    x.parts.every((p) => p.column !== undefined && p.length === undefined && !p.descending)
  const table = (t: Table): Table => {
    const promoted: Constraint[] = t.indexes.filter(plainUnique).map((x) => ({
      type: 'unique',
      name: x.name ?? `${t.name}_${x.parts.map((p) => p.column).join('_')}_idx`,
      columns: x.parts.map((p) => p.column as string),
    }))
    const constraints = [
      ...t.constraints.map((c) => (c.type === 'primary_key' ? { type: c.type, columns: c.columns } : c)),
      ...promoted,
    ]
    return { ...t, columns: t.columns.map(column), constraints, indexes: t.indexes.filter((x) => !plainUnique(x)) }
  }
  return parseSchema(JSON.parse(serializeSchema({ ...schema, enums: [], tables: schema.tables.map(table) })))
}

/** Plans `from` -> `to` for MySQL with both schemas (as every test does). */
export function plan(from: Schema, to: Schema, options: DiffOptions = {}): Migration {
  return planMigration(diffSchemas(from, to, options), { dialect: 'mysql', from, to })
}

/** The changes left between what the engine holds and the MySQL image of `expected`. */
export async function remaining(engine: Engine, expected: Schema) {
  return diffSchemas(await introspectEngine(engine), mysqlImage(expected)).changes.map((c) => `${c.kind} ${c.path}`)
}

/**
 * The acceptance check on a real engine: create `from`, apply up, the database matches `to`; apply
 * down, it matches `from` again.
 */
export async function applyBothWays(
  engine: Engine,
  from: Schema,
  to: Schema,
  options: DiffOptions = {},
): Promise<void> {
  await engine.reset()
  await run(engine, createSchemaSQL(from, 'mysql'))
  expect(await remaining(engine, from), 'created schema').toEqual([])
  const migration = plan(from, to, options)
  await run(engine, migration.up)
  expect(await remaining(engine, to), 'after up').toEqual([])
  await run(engine, migration.down)
  expect(await remaining(engine, from), 'after down').toEqual([])
}
