import { expect } from 'vitest'
import { mysqlConstraintName, mysqlIndexName } from '../../../src/dialects/mysql/object-names.js'
import type { Column, Constraint, DiffOptions, Index, Schema, Table } from '../../../src/index.js'
import { changeKey, diffSchemas, parseSchema, serializeSchema } from '../../../src/index.js'
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
 * plain columns as unique constraints (MySQL has one object for both) unless the optimizer ignores
 * them. A schema already in the expressible subset is returned unchanged.
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
    !x.ignored &&
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
  return diffSchemas(await introspectEngine(engine), mysqlImage(expected)).changes.map(changeKey)
}

/**
 * The acceptance check on a real engine: create `from`, apply up, the database matches `to`; apply
 * down, it matches `from` again. Judged by introspection and by information_schema.STATISTICS, where
 * the indexes introspection folds into foreign keys show.
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
  expect(await catalogIndexes(engine), 'created schema: STATISTICS').toEqual(expectedIndexes(mysqlImage(from)))
  const migration = plan(from, to, options)
  await run(engine, migration.up)
  expect(await remaining(engine, to), 'after up').toEqual([])
  expect(await catalogIndexes(engine), 'after up: STATISTICS').toEqual(expectedIndexes(mysqlImage(to)))
  await run(engine, migration.down)
  expect(await remaining(engine, from), 'after down').toEqual([])
  expect(await catalogIndexes(engine), 'after down: STATISTICS').toEqual(expectedIndexes(mysqlImage(from)))
}

const isLong = (c: Column | undefined) => c !== undefined && ['text', 'blob', 'json'].includes(c.type.kind)

/**
 * The indexes MySQL holds for `schema` when it is created fresh, as `table.name(col, ...)`: PRIMARY,
 * every unique key and index by its (default) name, and for each foreign key that no key or index
 * leads with its columns, the one MySQL makes, named after the key (or as introspection recorded it).
 */
export function expectedIndexes(schema: Schema): string[] {
  const out: string[] = []
  const entry = (table: string, name: string, columns: readonly string[]) => `${table}.${name}(${columns.join(', ')})`
  for (const t of schema.tables) {
    const leading: (readonly string[])[] = []
    for (const c of t.constraints) {
      if (c.type === 'primary_key') out.push(entry(t.name, 'PRIMARY', c.columns))
      if (c.type === 'unique') out.push(entry(t.name, mysqlConstraintName(t.name, c), c.columns))
      // A unique key over a TEXT/BLOB column is hash-backed on MariaDB and serves no foreign key.
      const hashed = c.type === 'unique' && c.columns.some((n) => isLong(t.columns.find((x) => x.name === n)))
      if (c.type === 'primary_key' || (c.type === 'unique' && !hashed)) leading.push(c.columns)
    }
    for (const x of t.indexes) {
      out.push(
        entry(
          t.name,
          mysqlIndexName(t.name, x),
          x.parts.map((p) => p.column ?? '?'),
        ),
      )
      const lead: string[] = []
      for (const p of x.parts) {
        if (p.column === undefined || p.length !== undefined) break
        lead.push(p.column)
      }
      if (x.using !== 'fulltext' && x.using !== 'spatial') leading.push(lead)
    }
    for (const fk of t.constraints) {
      if (fk.type !== 'foreign_key') continue
      if (leading.some((k) => k.length >= fk.columns.length && fk.columns.every((c, i) => k[i] === c))) continue
      const recorded = fk.extra?.mysqlIndex
      const name = typeof recorded === 'string' ? recorded : mysqlConstraintName(t.name, fk)
      out.push(entry(t.name, name, fk.columns))
      leading.push(fk.columns)
    }
  }
  return out.sort()
}

/** The indexes information_schema.STATISTICS lists in the engine's database, in the form of {@link expectedIndexes}. */
export async function catalogIndexes(engine: Engine): Promise<string[]> {
  const rows = await engine.query(
    `SELECT TABLE_NAME AS t, INDEX_NAME AS i, GROUP_CONCAT(COLUMN_NAME ORDER BY SEQ_IN_INDEX SEPARATOR ', ') AS c
     FROM information_schema.STATISTICS WHERE TABLE_SCHEMA = DATABASE() GROUP BY TABLE_NAME, INDEX_NAME`,
  )
  return rows.map((r) => `${String(r.t)}.${String(r.i)}(${String(r.c)})`).sort()
}
