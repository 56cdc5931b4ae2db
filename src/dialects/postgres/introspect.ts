import { InvalidOptionError } from '../../errors.js'
import { CANONICAL_FORMAT } from '../../model/document-schema.js'
import { parseSchema } from '../../model/parse-schema.js'
import type { Introspector, Row, UnmodelledObject } from '../introspect-types.js'
import { withoutUnreadReferences } from '../unread-references.js'
import {
  COLUMNS_SQL,
  constraintsSQL,
  ENUMS_SQL,
  indexesSQL,
  NAMESPACES_SQL,
  PARTITIONS_SQL,
  TABLES_SQL,
  VERSION_SQL,
} from './introspect-catalog.js'
import { columnObject, constraintObject, type DocObject, indexObject, texts } from './introspect-rows.js'

const group = (rows: readonly Row[]) => {
  const byTable = new Map<string, Row[]>()
  for (const row of rows) {
    const key = String(row.table_name)
    byTable.set(key, [...(byTable.get(key) ?? []), row])
  }
  return (table: string) => byTable.get(table) ?? []
}

/**
 * Reads one PostgreSQL namespace (`options.schema`, default `public`) through pg_catalog: tables,
 * columns (format_type types, defaults, serial and identity columns, generated columns, collations,
 * comments), primary key, unique, foreign key and check constraints, indexes (unique, partial,
 * expressions, ordering, operator classes, INCLUDE), and the enum types they use. Objects in the
 * namespace read have no `schema`; references to other namespaces keep theirs. The result goes
 * through `parseSchema`, so it is validated and in normal form.
 *
 * A column whose default is `nextval` of a sequence it owns (a `serial` column) reads as
 * `autoincrement: true` without a default.
 *
 * @example
 * ```ts
 * const db = new PGlite()
 * const schema = await introspectPostgres(async (sql, params) => (await db.query(sql, params as unknown[])).rows as Row[], { dialect: 'postgres' })
 * ```
 */
export const introspectPostgres: Introspector = async (query, options) => {
  const namespace = options.schema ?? 'public'
  const version = Number((await query(VERSION_SQL))[0]?.version ?? 0)
  // A misspelt namespace would read as an empty schema, which a drift check then takes for the truth.
  const namespaces = (await query(NAMESPACES_SQL)).map((r) => String(r.name))
  if (!namespaces.includes(namespace) && !namespace.startsWith('pg_') && namespace !== 'information_schema')
    throw new InvalidOptionError(
      'schema',
      `the database has no namespace "${namespace}" (it has ${namespaces.map((n) => `"${n}"`).join(', ') || 'none'})`,
    )
  const [tables, columns, constraints, indexes, enums, partitions] = await Promise.all([
    query(TABLES_SQL, [namespace]),
    query(COLUMNS_SQL, [namespace]),
    query(constraintsSQL(version), [namespace]),
    query(indexesSQL(version), [namespace]),
    query(ENUMS_SQL),
    query(PARTITIONS_SQL, [namespace]),
  ])
  const columnsOf = group(columns)
  const constraintsOf = group(constraints)
  const indexesOf = group(indexes)
  const documentTables = tables.map((t): DocObject => {
    const name = String(t.name)
    const cols = columnsOf(name)
    const numbers = new Map(cols.map((c) => [Number(c.num), String(c.name)]))
    const collations = new Map(cols.map((c) => [String(c.name), String(c.collation ?? 'default')]))
    return {
      name,
      ...(t.comment !== null && t.comment !== undefined ? { comment: String(t.comment) } : {}),
      columns: cols.map(columnObject),
      constraints: constraintsOf(name).map((c) => constraintObject(c, namespace)),
      indexes: indexesOf(name).map((x) => indexObject(x, numbers, collations)),
    }
  })
  const partitioning = partitionNotes(partitions, namespace)
  const read = withoutUnreadReferences(documentTables, { tables: partitioning.skipped })
  return {
    schema: parseSchema({ format: CANONICAL_FORMAT, tables: read.tables, enums: enumsUsed(enums, columns, namespace) }),
    unmodelled: [...partitioning.unmodelled, ...read.unmodelled],
  }
}

const NO_PARTITIONS = 'the model has no partitions'
const quoted = (name: string, schema: string | undefined) => `${schema ? `"${schema}".` : ''}"${name}"`

/**
 * Partitioning as data: each partitioned table (read as a plain table) with its key and partitions,
 * each partition of a table in another namespace, and why every partition is not read.
 */
function partitionNotes(rows: readonly Row[], namespace: string) {
  const unmodelled: UnmodelledObject[] = []
  const skipped = new Map<string, string>()
  const here = (r: Row) => String(r.parent_schema) === namespace
  for (const r of rows) {
    const name = String(r.name)
    if (r.parent !== null && r.parent !== undefined) {
      const parent = quoted(String(r.parent), here(r) ? undefined : String(r.parent_schema))
      skipped.set(name, `a partition of ${parent} (${NO_PARTITIONS})`)
      if (!here(r))
        unmodelled.push({
          kind: 'partition',
          name,
          why: `a partition of ${parent} ${r.bound}: ${NO_PARTITIONS}; not read`,
        })
    }
    if (r.partition_key !== null && r.partition_key !== undefined) {
      const children = rows.filter((c) => c.parent === name && here(c)).map((c) => String(c.name))
      const plain = r.parent === null || r.parent === undefined ? '; read as a plain table' : ''
      const list = children.length > 0 ? `, without its partitions ${children.join(', ')}` : ''
      unmodelled.push({
        kind: 'partitioning',
        name,
        why: `PARTITION BY ${r.partition_key}: the model has no partitioning${plain}${list}`,
      })
    }
  }
  return { unmodelled, skipped }
}

/** The namespace's enum types, plus those of other namespaces its columns use (with their `schema`). */
function enumsUsed(enums: readonly Row[], columns: readonly Row[], namespace: string): DocObject[] {
  const used = new Set(
    columns.filter((c) => c.base_typtype === 'e').map((c) => `${c.base_typschema}\u0000${c.base_typname}`),
  )
  return enums
    .filter((e) => e.schema === namespace || used.has(`${e.schema}\u0000${e.name}`))
    .map((e) => ({
      name: String(e.name),
      ...(e.schema !== namespace ? { schema: String(e.schema) } : {}),
      values: texts(e.labels),
      ...(e.comment !== null && e.comment !== undefined ? { comment: String(e.comment) } : {}),
    }))
}
