import { CANONICAL_FORMAT } from '../../model/document-schema.js'
import { parseColumnType } from '../../model/parse-column-type.js'
import { parseSchema } from '../../model/parse-schema.js'
import type { Introspector, QueryFunction, Row, UnmodelledObject } from '../introspect-types.js'
import { withoutUnreadReferences } from '../unread-references.js'
import { parseCreateTrigger, parseCreateView } from './introspect-objects.js'
import { type ParsedConstraint, type ParsedTable, parseCreateIndex, parseCreateTable } from './introspect-parse.js'

/*
 * SQLite keeps the catalog in sqlite_master (the statements as written) and answers the rest through
 * pragmas, read here through their table-valued forms so names are bound, never spliced:
 * pragma_table_xinfo (columns, declared types, NOT NULL, defaults, primary key order, generated),
 * pragma_index_list / pragma_index_xinfo (indexes; origin 'u' = a UNIQUE constraint, 'pk' = the primary
 * key, 'c' = CREATE INDEX), pragma_foreign_key_list (keys and actions). Constraint names, CHECK and
 * generated expressions, collations, AUTOINCREMENT and DEFERRABLE exist only in the CREATE TABLE text,
 * read by `sqlite-parse.ts`. STRICT and WITHOUT ROWID come from pragma_table_list (`strict`, `wr`); a rowid table's one integer key declared other than
 * `INTEGER` (`INT PRIMARY KEY`) is no alias of the rowid (`noRowidAlias`), nor is one declared
 * `PRIMARY KEY DESC` (`descendingKey`, read from the key's own index), and a key column
 * of a rowid table other than the rowid's alias declared without NOT NULL accepts NULL (`nullableKey`). Views and triggers are read from their CREATE text
 * (`introspect-objects.ts`). Internal tables (sqlite_%), virtual tables and their shadow tables
 * are skipped. A column declared without a type (`CREATE TABLE t (data)`) reads as `untyped`.
 */

type Doc = Record<string, unknown>

const ACTIONS: Readonly<Record<string, string>> = {
  CASCADE: 'cascade',
  RESTRICT: 'restrict',
  'SET NULL': 'set_null',
  'SET DEFAULT': 'set_default',
}

const str = (v: unknown): string => (typeof v === 'string' ? v : v == null ? '' : String(v))
const num = (v: unknown): number => Number(v ?? 0)
const same = (a: string, b: string) => a.toLowerCase() === b.toLowerCase()
const sameList = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && a.every((x, i) => same(x, b[i] ?? ''))

/** The catalog table of one database (`main`, `temp` or an attached one). */
const sqliteMaster = (db: string) => `"${db.replaceAll('"', '""')}".sqlite_master`

/** A table's name and its options (`strict`, `wr` of pragma_table_list). */
interface TableEntry {
  readonly name: string
  readonly strict: boolean
  readonly withoutRowid: boolean
}

async function tableEntries(query: QueryFunction, db: string): Promise<TableEntry[]> {
  const internal = "name NOT LIKE 'sqlite\\_%' ESCAPE '\\'"
  const byName = (a: TableEntry, b: TableEntry) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)
  try {
    const rows = await query(
      `SELECT name, strict, wr FROM pragma_table_list WHERE schema = ? AND type = 'table' AND ${internal}`,
      [db],
    )
    return rows
      .map((r) => ({ name: str(r.name), strict: num(r.strict) === 1, withoutRowid: num(r.wr) === 1 }))
      .sort(byName)
  } catch {
    // SQLite before 3.37 has no table_list (nor STRICT): skip virtual tables by their statement, and
    // read WITHOUT ROWID from it.
    const rows = await query(
      `SELECT name, sql FROM ${sqliteMaster(db)} WHERE type = 'table' AND ${internal} AND sql NOT LIKE 'CREATE VIRTUAL%'`,
    )
    return rows
      .map((r) => ({ name: str(r.name), strict: false, withoutRowid: parseCreateTable(str(r.sql)).withoutRowid }))
      .sort(byName)
  }
}

/** Everything read about one table before it becomes a document. */
interface Catalog {
  /** The database (schema) name: `main`, `temp` or an attached one. */
  readonly db: string
  readonly name: string
  readonly sql: string
  readonly strict: boolean
  readonly withoutRowid: boolean
  readonly columns: readonly Row[]
  readonly parsed: ParsedTable
}

/** Takes the first declared constraint that matches, so each declaration names one catalog object. */
function claim(list: ParsedConstraint[], match: (c: ParsedConstraint) => boolean): ParsedConstraint | undefined {
  const i = list.findIndex(match)
  return i < 0 ? undefined : list.splice(i, 1)[0]
}

const named = (c: ParsedConstraint | undefined) => (c?.name === undefined ? {} : { name: c.name })

/**
 * Whether a key column accepts NULL when declared without NOT NULL: in a rowid table, any key column
 * but the rowid's alias, a legacy SQLite behaviour.
 */
function keyTakesNull(t: Catalog, column: Row, alias: Row | undefined): boolean {
  return !t.withoutRowid && column !== alias
}

/**
 * The rowid's alias: a rowid table's one key column declared exactly INTEGER, which SQLite indexes
 * by the rowid itself. `INTEGER PRIMARY KEY DESC` is no alias (a documented quirk): SQLite gives it
 * an index of its own (origin `pk`), and that index is what tells them apart.
 */
function rowidAliasOf(t: Catalog, pk: readonly Row[], keyIndexed: boolean): Row | undefined {
  const [only] = pk
  if (t.withoutRowid || pk.length !== 1 || keyIndexed || !only) return undefined
  return same(str(only.type).trim(), 'integer') ? only : undefined
}

function columnsOf(t: Catalog, alias: Row | undefined): Doc[] {
  return t.columns
    .filter((c) => num(c.hidden) !== 1)
    .map((c) => {
      const name = str(c.name)
      const parsed = t.parsed.columns.find((p) => same(p.name, name))
      const hidden = num(c.hidden)
      const dflt = c.dflt_value == null ? undefined : str(c.dflt_value)
      return {
        name,
        // An empty declared type is the untyped kind (the canonical document's `"type": ""`).
        type: str(c.type).trim(),
        nullable: num(c.notnull) === 0 && (num(c.pk) === 0 || keyTakesNull(t, c, alias)),
        ...(dflt === undefined || same(dflt, 'null') ? {} : { default: dflt }),
        ...(parsed?.autoincrement ? { autoincrement: true } : {}),
        ...((hidden === 2 || hidden === 3) && parsed?.generated
          ? { generated: { expression: parsed.generated, stored: hidden === 3 } }
          : {}),
        ...(parsed?.collation === undefined ? {} : { collation: parsed.collation }),
      }
    })
}

async function keyColumns(query: QueryFunction, index: string, db: string): Promise<Row[]> {
  const rows = await query('SELECT * FROM pragma_index_xinfo(?, ?) WHERE key = 1 ORDER BY seqno', [index, db])
  return [...rows]
}

async function readTable(
  query: QueryFunction,
  t: Catalog,
  all: ReadonlyMap<string, Catalog>,
  indexSql: ReadonlyMap<string, string>,
): Promise<Doc> {
  const declared = [...t.parsed.constraints]
  const constraints: Doc[] = []
  const pk = t.columns.filter((c) => num(c.pk) > 0).sort((a, b) => num(a.pk) - num(b.pk))
  if (pk.length > 0) {
    const columns = pk.map((c) => str(c.name))
    const decl = claim(declared, (c) => c.kind === 'primary_key')
    constraints.push({ type: 'primary_key', ...named(decl), columns })
  }
  const indexes: Doc[] = []
  let keyIndex: Row[] | undefined
  for (const x of await query('SELECT * FROM pragma_index_list(?, ?) ORDER BY name', [t.name, t.db])) {
    const name = str(x.name)
    const keys = await keyColumns(query, name, t.db)
    if (x.origin === 'pk') keyIndex = keys
    if (x.origin === 'u') {
      const columns = keys.map((k) => str(k.name))
      const decl = claim(declared, (c) => c.kind === 'unique' && sameList(c.columns, columns))
      constraints.push({ type: 'unique', ...named(decl), columns })
    } else if (x.origin === 'c') {
      const index = readIndex(name, keys, indexSql.get(name) ?? '', num(x.unique) === 1)
      if (index) indexes.push(index)
    }
  }
  constraints.push(...(await foreignKeys(query, t, all, declared)))
  const columnName = (name: string) => str(t.columns.find((c) => same(str(c.name), name))?.name ?? name)
  for (const c of declared) {
    if (c.kind === 'check' && c.expression) constraints.push({ type: 'check', ...named(c), expression: c.expression })
    // SQLite builds no index for a UNIQUE that repeats the primary key (or another UNIQUE); it is still declared.
    if (c.kind === 'unique') constraints.push({ type: 'unique', ...named(c), columns: c.columns.map(columnName) })
  }
  const alias = rowidAliasOf(t, pk, keyIndex !== undefined)
  return {
    name: t.name,
    columns: columnsOf(t, alias),
    constraints,
    indexes,
    ...(t.strict ? { strict: true } : {}),
    ...(t.withoutRowid ? { withoutRowid: true } : {}),
    ...(isPlainIntegerKey(t, pk) ? { noRowidAlias: true } : {}),
    ...(pk.some((c) => num(c.notnull) === 0 && keyTakesNull(t, c, alias)) ? { nullableKey: true } : {}),
    // A one-column key declared PRIMARY KEY DESC; a composite key's order is not modelled.
    ...(pk.length === 1 && num(keyIndex?.[0]?.desc) === 1 ? { descendingKey: true } : {}),
  }
}

/**
 * Whether a rowid table's one primary key column reads as a signed integer but is no alias of the
 * rowid: SQLite makes the alias only of a key declared exactly `INTEGER` (`INT`, `int4` are ordinary).
 */
function isPlainIntegerKey(t: Catalog, pk: readonly Row[]): boolean {
  const declared = str(pk[0]?.type).trim()
  if (t.withoutRowid || pk.length !== 1 || same(declared, 'integer')) return false
  const type = parseColumnType(declared)
  return type.kind === 'integer' && !type.unsigned
}

function readIndex(name: string, keys: readonly Row[], sql: string, unique: boolean): Doc | undefined {
  const parsed = parseCreateIndex(sql)
  const parts: Doc[] = []
  for (const [i, k] of keys.entries()) {
    const p = parsed.parts[i]
    const order = {
      ...(num(k.desc) === 1 ? { descending: true } : {}),
      ...(p?.collation ? { collation: p.collation } : {}),
    }
    if (num(k.cid) >= 0) parts.push({ column: str(k.name), ...order })
    else if (p?.expression) parts.push({ expression: p.expression, ...order })
    else return undefined
  }
  if (parts.length === 0) return undefined
  return { name, columns: parts, ...(unique ? { unique: true } : {}), ...(parsed.where ? { where: parsed.where } : {}) }
}

async function foreignKeys(
  query: QueryFunction,
  t: Catalog,
  all: ReadonlyMap<string, Catalog>,
  declared: ParsedConstraint[],
): Promise<Doc[]> {
  const rows = await query('SELECT * FROM pragma_foreign_key_list(?, ?) ORDER BY id DESC, seq', [t.name, t.db])
  const byId = new Map<number, Row[]>()
  for (const r of rows) byId.set(num(r.id), [...(byId.get(num(r.id)) ?? []), r])
  const out: Doc[] = []
  for (const list of byId.values()) {
    const first = list[0] as Row
    // SQLite resolves names case-insensitively; the model wants them as the tables declare them.
    const parent = all.get(str(first.table).toLowerCase())
    const parentName = parent?.name ?? str(first.table)
    const parentColumns = parent?.columns ?? []
    const parentKey = parentColumns.filter((c) => num(c.pk) > 0).sort((a, b) => num(a.pk) - num(b.pk))
    const columns = list.map((r) => t.columns.find((c) => same(str(c.name), str(r.from)))?.name ?? r.from).map(str)
    const referenced = list.map((r, i) =>
      r.to == null
        ? str(parentKey[i]?.name)
        : str(parentColumns.find((c) => same(str(c.name), str(r.to)))?.name ?? r.to),
    )
    const decl = claim(
      declared,
      (c) =>
        c.kind === 'foreign_key' && sameList(c.columns, columns) && same(c.references?.table ?? '', str(first.table)),
    )
    const onDelete = ACTIONS[str(first.on_delete)]
    const onUpdate = ACTIONS[str(first.on_update)]
    out.push({
      type: 'foreign_key',
      ...named(decl),
      columns,
      referencedTable: parentName,
      referencedColumns: referenced,
      ...(onDelete ? { onDelete } : {}),
      ...(onUpdate ? { onUpdate } : {}),
      ...(decl?.deferrable ? { deferrable: true } : {}),
      ...(decl?.initiallyDeferred ? { initiallyDeferred: true } : {}),
    })
  }
  return out
}

/**
 * Reads a SQLite database (`main`, or the attached database named by `options.schema`) into a validated {@link Schema}: tables, columns with
 * declared types, nullability, defaults, AUTOINCREMENT, generated columns and collations; STRICT and
 * WITHOUT ROWID; primary key,
 * UNIQUE, FOREIGN KEY (actions, DEFERRABLE) and CHECK constraints with their declared names; indexes
 * (unique, partial, expressions, DESC, COLLATE). SQLite has no enums, comments or namespaces.
 *
 * @example
 * ```ts
 * // better-sqlite3
 * const query = async (sql: string, params: readonly unknown[] = []) => db.prepare(sql).all(...params)
 * // sql.js
 * const query = async (sql: string, params?: readonly unknown[]) => {
 *   const stmt = db.prepare(sql, params as BindParams); const rows = []
 *   while (stmt.step()) rows.push(stmt.getAsObject())
 *   stmt.free(); return rows
 * }
 * const schema = await introspect(query, { dialect: 'sqlite' })
 * ```
 */
export const introspectSqlite: Introspector = async (query, options) => {
  const db = options.schema ?? 'main'
  const master = await query(
    `SELECT type, name, sql FROM ${sqliteMaster(db)} WHERE type IN ('table', 'index', 'view', 'trigger')`,
  )
  const sqlOf = (type: string) => new Map(master.filter((r) => r.type === type).map((r) => [str(r.name), str(r.sql)]))
  const tableSql = sqlOf('table')
  const catalogs = new Map<string, Catalog>()
  for (const { name, strict, withoutRowid } of await tableEntries(query, db)) {
    const sql = tableSql.get(name) ?? ''
    const columns = [...(await query('SELECT * FROM pragma_table_xinfo(?, ?) ORDER BY cid', [name, db]))]
    catalogs.set(name.toLowerCase(), { db, name, sql, strict, withoutRowid, columns, parsed: parseCreateTable(sql) })
  }
  const indexSql = sqlOf('index')
  const tables: Doc[] = []
  for (const t of catalogs.values()) tables.push(await readTable(query, t, catalogs, indexSql))
  // SQLite accepts a foreign key to anything, and checks it only when a row is written.
  const skipped = new Map(
    master.flatMap((r): [string, string][] =>
      r.type === 'view'
        ? [[str(r.name), 'a view']]
        : r.type === 'table' && /^\s*CREATE\s+VIRTUAL\b/i.test(str(r.sql))
          ? [[str(r.name), 'a virtual table']]
          : [],
    ),
  )
  const read = withoutUnreadReferences(tables, { tables: skipped })
  const objects = readObjects(master)
  return {
    schema: parseSchema({ format: CANONICAL_FORMAT, tables: read.tables, ...objects.lists }),
    unmodelled: [...read.unmodelled, ...objects.unmodelled],
  }
}

/** Views and triggers from their CREATE text, sorted by name; text the head parser cannot read is reported. */
function readObjects(master: readonly Row[]) {
  const views: Doc[] = []
  const triggers: Doc[] = []
  const unmodelled: UnmodelledObject[] = []
  const sorted = [...master].sort((a, b) => (str(a.name) < str(b.name) ? -1 : str(a.name) > str(b.name) ? 1 : 0))
  for (const r of sorted) {
    const kind = str(r.type)
    if (kind !== 'view' && kind !== 'trigger') continue
    const parsed = kind === 'view' ? parseCreateView(str(r.sql)) : parseCreateTrigger(str(r.sql))
    if (parsed) (kind === 'view' ? views : triggers).push(parsed)
    else unmodelled.push({ kind, name: str(r.name), why: `its CREATE ${kind.toUpperCase()} text could not be read` })
  }
  return {
    lists: { ...(views.length > 0 ? { views } : {}), ...(triggers.length > 0 ? { triggers } : {}) },
    unmodelled,
  }
}
