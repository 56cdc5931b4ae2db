import { InvalidOptionError } from '../../errors.js'
import { CANONICAL_FORMAT } from '../../model/document-schema.js'
import { parseSchema } from '../../model/parse-schema.js'
import type { IntrospectOptions, Introspector, Row } from '../introspect-types.js'
import {
  COLUMNS_SQL,
  constraintsSQL,
  ENUMS_SQL,
  INHERITS_SQL,
  indexesSQL,
  NAMESPACES_SQL,
  TABLES_SQL,
  VERSION_SQL,
} from './introspect-catalog.js'
import {
  ROUTINE_DEPENDENCIES_SQL,
  routineObjects,
  routinesSQL,
  SEQUENCES_SQL,
  sequenceObjects,
  TRIGGERS_SQL,
  triggerObjects,
} from './introspect-objects.js'
import {
  columnObject,
  constraintObject,
  type DocObject,
  flag,
  indexObject,
  numbers as numbersOf,
  texts,
} from './introspect-rows.js'
import { columnGrantList, grantsField, readTableSecurity } from './introspect-security.js'
import { tableOptions } from './introspect-table-options.js'
import {
  COMPOSITE_TYPES_SQL,
  compositeTypeObjects,
  DOMAIN_CHECKS_SQL,
  DOMAINS_SQL,
  domainObjects,
  EXTENSIONS_SQL,
  extensionObjects,
  rangeTypeObjects,
  rangeTypesSQL,
} from './introspect-types-domains.js'
import { UNMODELLED_SQL, unmodelledObjects } from './introspect-unmodelled.js'
import { VIEW_DEPENDENCIES_SQL, VIEWS_SQL, viewObjects } from './introspect-views.js'

/** Rows grouped by their table's namespace and name. */
const group = (rows: readonly Row[]) => {
  const byTable = new Map<string, Row[]>()
  for (const row of rows) {
    const key = `${row.table_schema}\u0000${row.table_name}`
    const list = byTable.get(key)
    if (list) list.push(row)
    else byTable.set(key, [row])
  }
  return (schema: string, table: string) => byTable.get(`${schema}\u0000${table}`) ?? []
}

/**
 * The namespaces to read and the default one (whose objects have no `schema`): `options.schemas`
 * (the first is the default), else `options.schema`, else every namespace but PostgreSQL's own, with
 * `public` the default.
 */
/** A table's security fields with its column grants added to its `grants`. */
function withColumnGrants(fields: DocObject, columnGrants: readonly DocObject[]): DocObject {
  if (columnGrants.length === 0) return fields
  return { ...fields, grants: [...((fields.grants as DocObject[] | undefined) ?? []), ...columnGrants] }
}

function namespacesToRead(options: IntrospectOptions, present: readonly string[]) {
  const asked = options.schemas ?? (options.schema !== undefined ? [options.schema] : undefined)
  const option = options.schemas ? 'schemas' : 'schema'
  if (asked !== undefined && asked.length === 0) throw new InvalidOptionError('schemas', 'name at least one namespace')
  for (const namespace of asked ?? []) {
    // A misspelt namespace would read as an empty schema, which a drift check then takes for the truth.
    if (!present.includes(namespace) && !namespace.startsWith('pg_') && namespace !== 'information_schema')
      throw new InvalidOptionError(
        option,
        `the database has no namespace "${namespace}" (it has ${present.map((n) => `"${n}"`).join(', ') || 'none'})`,
      )
  }
  const read = asked ?? present
  return { read: [...new Set(read)], main: asked?.[0] ?? 'public' }
}

/**
 * Reads PostgreSQL namespaces through pg_catalog: every namespace but PostgreSQL's own by default,
 * `options.schemas` to name several, `options.schema` for one. Tables (partitioned ones with their
 * key, partitions with their parent and bound, inheriting ones with their parents, `UNLOGGED`,
 * storage parameters), columns (format_type types, defaults, serial and identity columns with their
 * sequence options, generated columns, collations, comments), primary key, unique, foreign key and
 * check constraints, indexes (unique, partial, expressions, ordering, operator classes, INCLUDE,
 * storage parameters), the enum types they use, and the installed extensions, domains, composite
 * types, views and materialized views (not those an extension created). Objects of the default namespace (`public`, or the
 * first one named) have no `schema`; the others keep theirs, and so do references to them. Read
 * whole (neither option), the database's namespaces besides `public` are listed (`namespaces`, `[]`
 * when there are none), so that comparing two databases creates and drops namespaces too; a narrowed
 * read lists none, as it cannot tell which namespaces exist.
 *
 * What a table gets from its parents is the parents': a partition lists no columns and neither the
 * constraints nor the indexes its partitioned table gave it, an inheriting table only the columns and
 * constraints it declares itself (`attislocal`, `conislocal`, as pg_dump writes it). The result goes
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
  const version = Number((await query(VERSION_SQL))[0]?.version ?? 0)
  const namespaceRows = await query(NAMESPACES_SQL)
  const present = namespaceRows.map((r) => String(r.name))
  const { read, main } = namespacesToRead(options, present)
  const [
    tables,
    columns,
    constraints,
    indexes,
    enums,
    parents,
    routineRows,
    routineDependencies,
    triggerRows,
    sequenceRows,
    objects,
  ] = await Promise.all([
    query(TABLES_SQL, [read]),
    query(COLUMNS_SQL, [read]),
    query(constraintsSQL(version), [read]),
    query(indexesSQL(version), [read]),
    query(ENUMS_SQL),
    query(INHERITS_SQL, [read]),
    query(routinesSQL(version), [read]),
    query(ROUTINE_DEPENDENCIES_SQL, [read]),
    query(TRIGGERS_SQL, [read]),
    query(SEQUENCES_SQL, [read]),
    readObjects(query, read, main, version, options.owners === true),
  ])
  const securityOf = await readTableSecurity(query, read)
  const others = unmodelledObjects(await query(UNMODELLED_SQL, [read]))
  const columnsOf = group(columns)
  const constraintsOf = group(constraints)
  const indexesOf = group(indexes)
  const parentsOf = group(parents)
  const documentTables = tables.map((t): DocObject => {
    const name = String(t.name)
    const schema = String(t.schema)
    const cols = columnsOf(schema, name)
    const numbers = new Map(cols.map((c) => [Number(c.num), String(c.name)]))
    const collations = new Map(cols.map((c) => [String(c.name), String(c.collation ?? 'default')]))
    // A partition's columns are its parent's; an inheriting table lists the ones it declares.
    const own = cols.filter((c) => !flag(c.in_partition) && flag(c.is_local))
    const security = securityOf(schema, name)
    return {
      name,
      ...(schema !== main ? { schema } : {}),
      ...(t.comment !== null && t.comment !== undefined ? { comment: String(t.comment) } : {}),
      ...tableOptions(t, parentsOf(schema, name), schema),
      ...(options.owners ? { owner: String(t.owner) } : {}),
      columns: own.map((c) => columnObject(c, main)),
      constraints: [
        ...constraintsOf(schema, name).map((c) => security.withFlags(constraintObject(c, schema))),
        ...security.exclusions,
      ],
      indexes: indexesOf(schema, name).map((x) => indexObject(x, numbers, collations)),
      ...withColumnGrants(security.fields, columnGrantList(own)),
    }
  })
  const routines = routineObjects(routineRows, main, routineDependencies)
  const triggers = triggerObjects(triggerRows, main)
  const sequences = sequenceObjects(sequenceRows, main)
  return {
    schema: parseSchema({
      format: CANONICAL_FORMAT,
      // Only a database read whole can say which namespaces it has.
      ...(options.schemas === undefined && options.schema === undefined
        ? { namespaces: namespaceObjects(namespaceRows, main) }
        : {}),
      tables: documentTables,
      enums: enumsUsed(enums, columns, read, main),
      ...objects,
      ...(sequences.length > 0 ? { sequences } : {}),
      ...(routines.routines.length > 0 ? { functions: routines.routines } : {}),
      ...(triggers.triggers.length > 0 ? { triggers: triggers.triggers } : {}),
    }),
    unmodelled: [...routines.unmodelled, ...triggers.unmodelled, ...others],
  }
}

/**
 * The namespaces besides the default one, with their comments: the list that says which namespaces
 * the database has (`[]`: none but the default), so that two databases compare theirs.
 */
function namespaceObjects(rows: readonly Row[], main: string): DocObject[] {
  return rows
    .filter((r) => r.name !== main)
    .map((r) => ({
      name: String(r.name),
      ...(r.comment !== null && r.comment !== undefined ? { comment: String(r.comment) } : {}),
      ...grantsField(r.grants),
    }))
}

/** Extensions, domains, composite types and views of the namespaces `read`, as document lists (empty ones left out). */
async function readObjects(
  query: Parameters<Introspector>[0],
  read: readonly string[],
  main: string,
  version: number,
  owners: boolean,
) {
  const [extensions, domains, checks, types, ranges, views, dependencies, viewIndexes] = await Promise.all([
    query(EXTENSIONS_SQL),
    query(DOMAINS_SQL, [read]),
    query(DOMAIN_CHECKS_SQL, [read]),
    query(COMPOSITE_TYPES_SQL, [read]),
    query(rangeTypesSQL(version), [read]),
    query(VIEWS_SQL, [read]),
    query(VIEW_DEPENDENCIES_SQL, [read]),
    query(indexesSQL(version, 'materialized_view'), [read]),
  ])
  const lists: Record<string, DocObject[]> = {
    extensions: extensionObjects(extensions, main),
    domains: domainObjects(domains, checks, main),
    types: [...compositeTypeObjects(types, main), ...rangeTypeObjects(ranges, main)],
    views: withOwners(
      viewObjects(views, dependencies, main, materializedViewIndexes(viewIndexes)),
      views,
      main,
      owners,
    ),
  }
  return Object.fromEntries(Object.entries(lists).filter(([, list]) => list.length > 0))
}

/** Views with the `owner` of their row when `owners` asks for it. */
function withOwners(objects: DocObject[], rows: readonly Row[], main: string, owners: boolean): DocObject[] {
  if (!owners) return objects
  const ownerOf = new Map(rows.map((r) => [`${r.schema}\u0000${r.name}`, String(r.owner)]))
  return objects.map((o) => ({ ...o, owner: ownerOf.get(`${o.schema ?? main}\u0000${o.name}`) }))
}

/** Materialized views' indexes by `schema\u0000name`, read as a table's are against the view's columns. */
function materializedViewIndexes(rows: readonly Row[]): ReadonlyMap<string, DocObject[]> {
  const out = new Map<string, DocObject[]>()
  for (const r of rows) {
    const names = texts(r.column_names)
    const numbers = new Map(numbersOf(r.column_numbers).map((n, i) => [n, names[i] ?? '']))
    const collations = new Map(names.map((n, i) => [n, texts(r.column_collations)[i] ?? 'default']))
    const key = `${r.table_schema}\u0000${r.table_name}`
    out.set(key, [...(out.get(key) ?? []), indexObject(r, numbers, collations)])
  }
  return out
}

/** The enums of the namespaces read, plus those of other namespaces their columns use (with their `schema`). */
function enumsUsed(enums: readonly Row[], columns: readonly Row[], read: readonly string[], main: string): DocObject[] {
  const used = new Set(
    columns.filter((c) => c.base_typtype === 'e').map((c) => `${c.base_typschema}\u0000${c.base_typname}`),
  )
  return enums
    .filter((e) => read.includes(String(e.schema)) || used.has(`${e.schema}\u0000${e.name}`))
    .map((e) => ({
      name: String(e.name),
      ...(e.schema !== main ? { schema: String(e.schema) } : {}),
      values: texts(e.labels),
      ...(e.comment !== null && e.comment !== undefined ? { comment: String(e.comment) } : {}),
    }))
}
