import { InvalidOptionError } from '../../errors.js'
import type { ColumnType } from '../../model/column-type.js'
import { formatColumnType } from '../../model/format-column-type.js'
import { parseColumnType } from '../../model/parse-column-type.js'
import { parseSchema } from '../../model/parse-schema.js'
import { columnsMentioned } from '../../sql-text/columns-mentioned.js'
import { quoteString } from '../../sql-text/sql-tokenizer.js'
import type { Introspector, QueryFunction, Row, UnmodelledObject } from '../introspect-types.js'
import { withoutUnreadReferences } from '../unread-references.js'
import { charsetOfCollation } from './charsets.js'
import { readMysqlObjects, withoutDatabase } from './introspect-objects.js'
import { readPartitioning } from './introspect-partitions.js'
import { mysqlStringValue, standardExpression } from './introspect-text.js'
import { CHECK_NAME_KEY } from './object-names.js'

// Reads a MySQL 8 / MariaDB database from information_schema into the model. What needs care:
// - MariaDB's JSON is LONGTEXT plus a CHECK json_valid(`col`) named after the column: read back as
//   json, without the check. MySQL TIMESTAMP is an instant: `timestamp with time zone`.
// - COLUMN_DEFAULT on MariaDB is SQL text ('literal' quoted with MySQL escapes, NULL as the word
//   NULL, current_timestamp() with parentheses); on MySQL 8 literals come unquoted and expressions
//   are flagged DEFAULT_GENERATED. Both are turned into standard SQL default text.
// - Unique constraints are unique indexes in MySQL: a unique index whose parts are plain columns
//   (no prefix length, ascending, B-tree or MariaDB's hash-backed long unique) is reported as a unique
//   constraint; the rest (prefix lengths, DESC, FULLTEXT/SPATIAL, expressions) as unique indexes.
// - A foreign key needs an index; MySQL makes one, named after the key (or after its first column
//   when the server named the key, `t_ibfk_1`). An index on exactly the key's columns with such a
//   name is the key's own and is not reported (its name is kept in the key's extra `mysqlIndex`).
// - Table options: ENGINE, the default charset and collation, and ROW_FORMAT as declared (from
//   CREATE_OPTIONS; DEFAULT when the table declares none, whatever format it then has in use),
//   always (a document that leaves one out does not compare it). A column's collation is reported only when
//   it differs from the table's.
// - Partitioning from PARTITIONS (introspect-partitions.ts); system versioning from TABLE_TYPE (the
//   implicit ROW_START/ROW_END columns are invisible and not listed; declared period columns are
//   left out and reported as unmodelled); INVISIBLE columns from EXTRA; ignored indexes from
//   STATISTICS.IGNORED (MariaDB) or IS_VISIBLE (MySQL 8). AUTO_INCREMENT counters are not read.
// - The primary key is always PRIMARY and is reported unnamed. Foreign key actions: NO ACTION is
//   the model's default (absent); MariaDB reports an unspecified action as RESTRICT.

const str = (v: unknown): string | undefined =>
  v === null || v === undefined ? undefined : v instanceof Uint8Array ? new TextDecoder().decode(v) : String(v)
const text = (r: Row, key: string): string => str(r[key]) ?? ''

const ACTIONS: Readonly<Record<string, string | undefined>> = {
  'NO ACTION': undefined,
  RESTRICT: 'restrict',
  CASCADE: 'cascade',
  'SET NULL': 'set_null',
  'SET DEFAULT': 'set_default',
}

interface Part {
  column?: string
  expression?: string
  length?: number
  descending?: true
}

interface RawIndex {
  name: string
  unique: boolean
  type: string
  /** MariaDB IGNORED = YES, MySQL 8 IS_VISIBLE = NO. */
  ignored: boolean
  /** `INDEX_COMMENT`, empty for none. */
  comment: string
  parts: Part[]
}

interface ForeignKey {
  name: string
  columns: string[]
  referencedTable: string
  referencedSchema?: string
  referencedColumns: string[]
  onDelete?: string
  onUpdate?: string
  extra?: Record<string, string>
}

/** `current_timestamp()` / `current_timestamp(p)` as the model writes it (precision kept when it is not the column's). */
function nowDefault(raw: string, columnPrecision: number | undefined): string | undefined {
  const m = /^(?:current_timestamp|now)\((\d*)\)$/i.exec(raw) ?? /^current_timestamp$/i.exec(raw)
  if (!m) return undefined
  const p = m[1] ? Number(m[1]) : 0
  return p === 0 || p === columnPrecision ? 'CURRENT_TIMESTAMP' : `CURRENT_TIMESTAMP(${p})`
}

/** A column default from information_schema as standard SQL text, or undefined for none. */
function readDefault(
  raw: string | undefined,
  extra: string,
  type: ColumnType,
  mariadb: boolean,
  database: string,
): string | undefined {
  if (raw === undefined) return undefined
  const precision = 'precision' in type ? type.precision : undefined
  const now = nowDefault(raw, precision)
  if (now) return now
  let value: string
  if (mariadb) {
    if (raw === 'NULL') return undefined
    const literal = mysqlStringValue(raw)
    // `nextval(\`shop\`.\`seq\`)`: the sequence without its database, as a document names it.
    value = literal === undefined ? standardExpression(withoutDatabase(raw, database)) : quoteString(literal)
  } else if (/DEFAULT_GENERATED/i.test(extra)) value = standardExpression(raw)
  else value = /^-?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(raw) || /^[bx]'[0-9a-f]*'$/i.test(raw) ? raw : quoteString(raw)
  if (type.kind === 'boolean' && (value === '1' || value === '0')) return value === '1' ? 'true' : 'false'
  return value
}

/** The model type of a column row; MariaDB JSON (LONGTEXT + json_valid check) is resolved by the caller. */
function readType(row: Row): ColumnType {
  const type = parseColumnType(text(row, 'column_type'))
  if (type.kind === 'timestamp' && text(row, 'data_type').toLowerCase() === 'timestamp')
    return { ...type, timezone: true }
  return type
}

/**
 * Reads tables, columns, keys, checks and indexes of one MySQL/MariaDB database (`options.schema`,
 * default the connection's current database) into a validated {@link Schema}.
 *
 * @example
 * ```ts
 * import mysql from 'mysql2/promise'
 * const db = await mysql.createConnection(process.env.DATABASE_URL)
 * const schema = await introspect(async (sql, params) => (await db.query(sql, params))[0] as Row[], { dialect: 'mysql' })
 * ```
 */
export const introspectMysql: Introspector = async (query, options) => {
  const [info] = await query('SELECT DATABASE() AS db, VERSION() AS version')
  const database = options.schema ?? str(info?.db)
  if (!database)
    throw new InvalidOptionError('schema', 'no database selected on the connection: pass { schema: "<database>" }')
  // A misspelt database would read as an empty schema, which a drift check then takes for the truth.
  if (
    (await query('SELECT SCHEMA_NAME FROM information_schema.SCHEMATA WHERE SCHEMA_NAME = ?', [database])).length === 0
  )
    throw new InvalidOptionError('schema', `the server has no database "${database}"`)
  const mariadb = /mariadb/i.test(text(info ?? {}, 'version'))
  const p = [database]

  const tables = await query(
    `SELECT t.TABLE_NAME AS table_name, t.TABLE_COMMENT AS table_comment, t.TABLE_COLLATION AS table_collation,
       t.TABLE_TYPE AS table_type, t.ENGINE AS engine, t.CREATE_OPTIONS AS create_options,
       (SELECT MIN(a.CHARACTER_SET_NAME) FROM information_schema.COLLATION_CHARACTER_SET_APPLICABILITY a
         WHERE a.COLLATION_NAME = t.TABLE_COLLATION) AS table_charset
     FROM information_schema.TABLES t WHERE t.TABLE_SCHEMA = ? AND t.TABLE_TYPE IN ('BASE TABLE', 'SYSTEM VERSIONED')
     ORDER BY t.TABLE_NAME`,
    p,
  )
  const columns = await query(
    `SELECT TABLE_NAME AS table_name, COLUMN_NAME AS column_name, COLUMN_TYPE AS column_type, DATA_TYPE AS data_type,
       IS_NULLABLE AS is_nullable, COLUMN_DEFAULT AS column_default, EXTRA AS extra, GENERATION_EXPRESSION AS generation_expression,
       COLLATION_NAME AS collation_name, COLUMN_COMMENT AS column_comment
     FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = ? ORDER BY TABLE_NAME, ORDINAL_POSITION`,
    p,
  )
  // SELECT *: MySQL 8 adds EXPRESSION (functional key parts), MariaDB has no such column.
  const statistics = (
    await query(
      'SELECT * FROM information_schema.STATISTICS WHERE TABLE_SCHEMA = ? ORDER BY TABLE_NAME, INDEX_NAME, SEQ_IN_INDEX',
      p,
    )
  ).map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k.toLowerCase(), v])))
  const keyColumns = await query(
    `SELECT k.TABLE_NAME AS table_name, k.CONSTRAINT_NAME AS constraint_name, k.COLUMN_NAME AS column_name,
       k.REFERENCED_TABLE_SCHEMA AS referenced_schema, k.REFERENCED_TABLE_NAME AS referenced_table,
       k.REFERENCED_COLUMN_NAME AS referenced_column, r.UPDATE_RULE AS update_rule, r.DELETE_RULE AS delete_rule
     FROM information_schema.KEY_COLUMN_USAGE k
     JOIN information_schema.REFERENTIAL_CONSTRAINTS r
       ON r.CONSTRAINT_SCHEMA = k.CONSTRAINT_SCHEMA AND r.CONSTRAINT_NAME = k.CONSTRAINT_NAME AND r.TABLE_NAME = k.TABLE_NAME
     WHERE k.TABLE_SCHEMA = ? AND k.REFERENCED_TABLE_NAME IS NOT NULL
     ORDER BY k.TABLE_NAME, k.CONSTRAINT_NAME, k.ORDINAL_POSITION`,
    p,
  )
  const checks = await readChecks(query, database, mariadb)
  const partitions = await query(
    `SELECT TABLE_NAME AS table_name, PARTITION_NAME AS partition_name, SUBPARTITION_NAME AS subpartition_name,
       PARTITION_METHOD AS method, PARTITION_EXPRESSION AS expression, SUBPARTITION_METHOD AS sub_method,
       SUBPARTITION_EXPRESSION AS sub_expression, PARTITION_DESCRIPTION AS description, PARTITION_COMMENT AS comment
     FROM information_schema.PARTITIONS WHERE TABLE_SCHEMA = ? AND PARTITION_NAME IS NOT NULL
     ORDER BY TABLE_NAME, PARTITION_ORDINAL_POSITION, SUBPARTITION_ORDINAL_POSITION`,
    p,
  )

  const unmodelled: UnmodelledObject[] = []
  const periodColumns = new Map<string, Map<string, string>>()
  const document = {
    format: 'schemaledger/1',
    tables: tables.map((t) => {
      const name = text(t, 'table_name')
      const own = (rows: readonly Row[]) => rows.filter((r) => text(r, 'table_name') === name)
      const tableChecks = own(checks)
      const jsonColumns = new Set<string>()
      const versioned = text(t, 'table_type') === 'SYSTEM VERSIONED'
      const period = versioned ? systemPeriod(own(columns)) : undefined
      if (period) {
        unmodelled.push(periodNote(name, period))
        periodColumns.set(name, period.skipped)
      }
      const cols = own(columns)
        .filter((c) => !period?.skipped.has(text(c, 'column_name')))
        .map((c) => {
          const column = text(c, 'column_name')
          const json = mariadb && isJsonCheck(tableChecks, column) && text(c, 'data_type').toLowerCase() === 'longtext'
          if (json) jsonColumns.add(column)
          return readColumn(c, json, text(t, 'table_collation'), mariadb, database)
        })
      const foreignKeys = readForeignKeys(own(keyColumns), database)
      const { constraints, indexes, uncommented } = readIndexes(
        own(statistics),
        foreignKeys,
        name,
        mariadb,
        period?.end,
      )
      unmodelled.push(...indexComments(name, own(statistics), new Set(uncommented)))
      const columnNames = new Set(own(columns).map((c) => text(c, 'column_name')))
      const checkConstraints = tableChecks
        .filter((c) => !jsonColumns.has(text(c, 'constraint_name')))
        .map((c) => readCheck(c, columnNames, mariadb))
      const comment = text(t, 'table_comment')
      return {
        name,
        ...(comment ? { comment } : {}),
        ...tableOptions(t),
        ...readPartitioning(own(partitions)),
        ...(versioned ? { systemVersioning: true } : {}),
        columns: cols,
        constraints: [
          ...constraints,
          ...foreignKeys.map((fk) => ({ type: 'foreign_key', ...fk })),
          ...checkConstraints,
        ],
        indexes,
      }
    }),
  }
  const read = withoutUnreadReferences(document.tables, { columns: periodColumns })
  return {
    schema: parseSchema({ ...document, tables: read.tables, ...(await readMysqlObjects(query, database)) }),
    unmodelled: [...unmodelled, ...read.unmodelled],
  }
}

/**
 * The table options as information_schema has them: the engine, the default charset and collation
 * (the collation of every column that states none), and the row format the table declares, upper
 * case (`DEFAULT` when it declares none: TABLES.ROW_FORMAT is the format in use, which a table that
 * declares none takes from the server's setting, and writing it would declare it), and its
 * KEY_BLOCK_SIZE (`0` when it declares none).
 */
function tableOptions(t: Row): Record<string, string> {
  const collation = str(t.table_collation)
  const charset = str(t.table_charset) ?? (collation === undefined ? undefined : charsetOfCollation(collation))
  const engine = str(t.engine)
  const declared = (option: string) =>
    new RegExp(`(?:^|\\s)${option}=(\\w+)`, 'i').exec(str(t.create_options) ?? '')?.[1]
  const rowFormat = (declared('row_format') ?? 'DEFAULT').toUpperCase()
  const keyBlockSize = declared('key_block_size') ?? '0'
  return {
    ...(engine ? { engine } : {}),
    ...(charset ? { charset } : {}),
    ...(collation ? { collation } : {}),
    rowFormat,
    keyBlockSize,
  }
}

/**
 * The comments (`INDEX_COMMENT`) of the indexes `names` behind foreign keys, which the model cannot
 * hold (a foreign key has no comment): each reported once, with the index read without it.
 */
function indexComments(table: string, statistics: readonly Row[], names: ReadonlySet<string>): UnmodelledObject[] {
  const out: UnmodelledObject[] = []
  for (const r of statistics) {
    const comment = text(r, 'index_comment')
    if (comment === '' || Number(r.seq_in_index) !== 1) continue
    const index = text(r, 'index_name')
    if (!names.has(index)) continue
    const kind = index === 'PRIMARY' ? 'primary_key' : Number(r.non_unique) === 0 ? 'unique' : 'index'
    const why = `its comment ${JSON.stringify(comment)}: the model has no comments on keys and indexes (read without it)`
    out.push({ kind, name: `${table}.${index}`, why })
  }
  return out
}

/**
 * The columns of a system-versioned table's SYSTEM_TIME period when declared (MariaDB reports them
 * as generated `ROW START` / `ROW END`; undeclared ones are hidden and not reported at all).
 */
function systemPeriod(columns: readonly Row[]) {
  const find = (which: string) =>
    columns.find((c) => (str(c.generation_expression) ?? '').toUpperCase() === which)?.column_name
  const start = str(find('ROW START'))
  const end = str(find('ROW END'))
  if (start === undefined || end === undefined) return undefined
  const why = 'a declared column of the SYSTEM_TIME period (the model has only the implicit ones)'
  return {
    start,
    end,
    skipped: new Map([
      [start, why],
      [end, why],
    ]),
  }
}

function periodNote(table: string, period: { start: string; end: string }): UnmodelledObject {
  return {
    kind: 'system_versioning',
    name: table,
    why: `PERIOD FOR SYSTEM_TIME (${period.start}, ${period.end}): the model has system versioning but not its declared period columns; read with the invisible ones MariaDB adds by itself, without ${period.start} and ${period.end}`,
  }
}

/**
 * A check. MariaDB names a check declared on a column after the column, and a unique key on that
 * column gets the same name (the two live in separate namespaces there, not in the model): such a
 * check is read as unnamed, as it was declared, with its name kept in `extra` to drop it by. Servers
 * that do not report LEVEL: a check named after a column it mentions is taken to be declared on it.
 */
function readCheck(row: Row, columns: ReadonlySet<string>, mariadb: boolean) {
  const name = text(row, 'constraint_name')
  const expression = standardExpression(text(row, 'check_clause'))
  const level = row.level === null || row.level === undefined ? undefined : text(row, 'level')
  const onColumn =
    level === undefined
      ? columns.has(name) && columnsMentioned(new Set([name]), expression).size > 0
      : level === 'Column'
  if (mariadb && onColumn) return { type: 'check', expression, extra: { [CHECK_NAME_KEY]: name } }
  return { type: 'check', name, expression }
}

/** Check constraints with their table (MariaDB has TABLE_NAME; MySQL 8 goes through TABLE_CONSTRAINTS; 5.7 has none). */
async function readChecks(query: QueryFunction, database: string, mariadb: boolean): Promise<readonly Row[]> {
  // MariaDB 10.5.10+ says whether a check was declared on a column (LEVEL); older servers do not.
  const mariadbSql = (level: string) =>
    `SELECT TABLE_NAME AS table_name, CONSTRAINT_NAME AS constraint_name, CHECK_CLAUSE AS check_clause, ${level} AS level
       FROM information_schema.CHECK_CONSTRAINTS WHERE CONSTRAINT_SCHEMA = ? ORDER BY TABLE_NAME, CONSTRAINT_NAME`
  const mysqlSql = `SELECT t.TABLE_NAME AS table_name, c.CONSTRAINT_NAME AS constraint_name, c.CHECK_CLAUSE AS check_clause
       FROM information_schema.TABLE_CONSTRAINTS t JOIN information_schema.CHECK_CONSTRAINTS c
         ON c.CONSTRAINT_SCHEMA = t.CONSTRAINT_SCHEMA AND c.CONSTRAINT_NAME = t.CONSTRAINT_NAME
       WHERE t.TABLE_SCHEMA = ? AND t.CONSTRAINT_TYPE = 'CHECK' ORDER BY t.TABLE_NAME, c.CONSTRAINT_NAME`
  for (const sql of mariadb ? [mariadbSql('LEVEL'), mariadbSql('NULL')] : [mysqlSql]) {
    try {
      return await query(sql, [database])
    } catch {
      // MariaDB before 10.5.10: no LEVEL; MySQL 5.7: no CHECK_CONSTRAINTS (and no checks).
    }
  }
  return []
}

/** Whether the table has MariaDB's JSON check on `column`: `CONSTRAINT col CHECK (json_valid(`col`))`. */
function isJsonCheck(checks: readonly Row[], column: string): boolean {
  return checks.some(
    (c) =>
      text(c, 'constraint_name') === column &&
      standardExpression(text(c, 'check_clause')).replace(/\s+/g, '').toLowerCase() ===
        `json_valid(${standardExpression(`\`${column.replaceAll('`', '``')}\``).toLowerCase()})`,
  )
}

function readColumn(
  c: Row,
  json: boolean,
  tableCollation: string,
  mariadb: boolean,
  database: string,
): Record<string, unknown> {
  const type: ColumnType = json ? { kind: 'json' } : readType(c)
  const extra = text(c, 'extra')
  const generated = /\b(VIRTUAL|STORED|PERSISTENT) GENERATED\b/i.exec(extra)
  const autoincrement = /\bauto_increment\b/i.test(extra)
  const collation = str(c.collation_name)
  const comment = text(c, 'column_comment')
  const column: Record<string, unknown> = {
    name: text(c, 'column_name'),
    type: formatColumnType(type),
    nullable: text(c, 'is_nullable') === 'YES',
  }
  const expression = str(c.generation_expression)
  if (generated && expression)
    column.generated = { expression: standardExpression(expression), stored: !/VIRTUAL/i.test(generated[1] ?? '') }
  else if (!autoincrement) {
    const value = readDefault(str(c.column_default), extra, type, mariadb, database)
    if (value !== undefined) column.default = value
  }
  if (autoincrement) column.autoincrement = true
  const onUpdate = /\bon update (current_timestamp(?:\(\d*\))?)/i.exec(extra)
  if (onUpdate?.[1])
    column.onUpdate = nowDefault(
      onUpdate[1].includes('(') ? onUpdate[1] : `${onUpdate[1]}()`,
      'precision' in type ? type.precision : undefined,
    )
  if (collation && !json && collation !== tableCollation) column.collation = collation
  if (comment) column.comment = comment
  if (/\bINVISIBLE\b/i.test(extra)) column.invisible = true
  return column
}

function readForeignKeys(rows: readonly Row[], database: string): ForeignKey[] {
  const byName = new Map<string, ForeignKey>()
  for (const r of rows) {
    const name = text(r, 'constraint_name')
    let fk = byName.get(name)
    if (!fk) {
      const schema = text(r, 'referenced_schema')
      const onDelete = ACTIONS[text(r, 'delete_rule').toUpperCase()]
      const onUpdate = ACTIONS[text(r, 'update_rule').toUpperCase()]
      fk = {
        name,
        columns: [],
        referencedTable: text(r, 'referenced_table'),
        ...(schema && schema !== database ? { referencedSchema: schema } : {}),
        referencedColumns: [],
        ...(onDelete ? { onDelete } : {}),
        ...(onUpdate ? { onUpdate } : {}),
      }
      byName.set(name, fk)
    }
    fk.columns.push(text(r, 'column_name'))
    fk.referencedColumns.push(text(r, 'referenced_column'))
  }
  return [...byName.values()]
}

/** Groups STATISTICS rows into indexes with their parts. */
function groupIndexes(rows: readonly Row[]): RawIndex[] {
  const byName = new Map<string, RawIndex>()
  for (const r of rows) {
    const name = str(r.index_name) ?? ''
    let x = byName.get(name)
    if (!x) {
      x = {
        name,
        unique: Number(r.non_unique) === 0,
        type: (str(r.index_type) ?? 'BTREE').toUpperCase(),
        ignored: str(r.ignored) === 'YES' || str(r.is_visible) === 'NO',
        comment: str(r.index_comment) ?? '',
        parts: [],
      }
      byName.set(name, x)
    }
    const column = str(r.column_name)
    const expression = str(r.expression)
    const part: Part = column !== undefined ? { column } : { expression: standardExpression(expression ?? '') }
    // SPATIAL keys report a sub-part (32) that cannot be declared.
    const spatial = /SPATIAL/i.test(str(r.index_type) ?? '')
    if (r.sub_part !== null && r.sub_part !== undefined && !spatial) part.length = Number(r.sub_part)
    if (str(r.collation) === 'D') part.descending = true
    x.parts.push(part)
  }
  return [...byName.values()]
}

const plainColumns = (x: RawIndex) =>
  x.parts.every((p) => p.column !== undefined && p.length === undefined && !p.descending)

/** Whether index `x` is the one MySQL made for foreign key `fk` (see the notes at the top). */
function isForeignKeyIndex(x: RawIndex, fk: ForeignKey, table: string): boolean {
  if (x.unique || x.type !== 'BTREE' || !plainColumns(x)) return false
  if (x.parts.length !== fk.columns.length || x.parts.some((p, i) => p.column !== fk.columns[i])) return false
  if (x.name === fk.name) return true
  const serverNamed = fk.name.startsWith(`${table}_ibfk_`)
  const first = fk.columns[0] ?? ''
  return (
    serverNamed &&
    (x.name === first || new RegExp(`^${first.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}_\\d+$`).test(x.name))
  )
}

/**
 * Keys and indexes of a table. `periodEnd` is the row end column of a system-versioned table, which
 * MariaDB appends to every unique key by itself: it is taken off, leaving the key as declared.
 */
function readIndexes(
  rows: readonly Row[],
  foreignKeys: ForeignKey[],
  table: string,
  mariadb: boolean,
  periodEnd?: string,
) {
  const constraints: Record<string, unknown>[] = []
  const indexes: Record<string, unknown>[] = []
  // The index behind a foreign key is the key's, which has no comment: its comment is not read.
  const uncommented: string[] = []
  for (const x of groupIndexes(rows)) {
    if (periodEnd !== undefined && x.unique && x.parts.length > 1 && x.parts.at(-1)?.column === periodEnd) x.parts.pop()
    const columns = x.parts.map((p) => p.column)
    const comment = x.comment === '' ? {} : { comment: x.comment }
    if (x.name === 'PRIMARY') {
      constraints.push({ type: 'primary_key', columns, ...comment })
      continue
    }
    const keyType = x.type === 'BTREE' || (mariadb && x.type === 'HASH')
    // An ignored unique key is an index the model can mark so.
    if (x.unique && keyType && plainColumns(x) && !x.ignored) {
      constraints.push({ type: 'unique', name: x.name, columns, ...comment })
      continue
    }
    const owner = foreignKeys.find((fk) => isForeignKeyIndex(x, fk, table))
    if (owner) {
      if (x.name !== owner.name) owner.extra = { mysqlIndex: x.name }
      if (x.comment !== '') uncommented.push(x.name)
      continue
    }
    const using = x.type === 'FULLTEXT' || x.type === 'SPATIAL' || x.type === 'HASH' ? x.type.toLowerCase() : undefined
    indexes.push({
      name: x.name,
      columns: x.parts,
      ...(x.unique ? { unique: true } : {}),
      ...(using ? { using } : {}),
      ...(x.ignored ? { ignored: true } : {}),
      ...comment,
    })
  }
  return { constraints, indexes, uncommented }
}
