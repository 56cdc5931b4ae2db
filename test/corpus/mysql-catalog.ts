import type { Engine, Row } from '../engines/engines.js'

// A MariaDB/MySQL database's schema as information_schema prints it, for judging a migration without
// schemaledger's introspection: one line per table, column, index, constraint, check, view, trigger,
// routine, event and partition of the current database. Two databases hold the same schema when
// their lines are equal. Left out, because the server varies them by itself: AUTO_INCREMENT counters,
// row counts and sizes, CREATE_TIME and the other times of creation or change, DEFINER, index
// cardinality; the per-run database name is written `<db>` wherever it appears (view queries,
// foreign keys to the same database); `page_checksum=1` in an Aria table's CREATE_OPTIONS, which
// MariaDB writes there on the table's first ALTER of any kind (the server's default made explicit). Everything else a schema change can touch is in, column order
// included (MySQL's SELECT * and INSERT without a column list depend on it).

type Query = (row: Row) => string

const text = (v: unknown): string =>
  v === null || v === undefined ? 'NULL' : v instanceof Uint8Array ? new TextDecoder().decode(v) : String(v)

/** `name=value` for each column of the row named, in that order, values that are NULL shown as NULL. */
const fields =
  (...names: readonly string[]): Query =>
  (row) =>
    names.map((n) => `${n.toLowerCase()}=${text(row[n])}`).join(' ')

/** A table's CREATE_OPTIONS but the one the server adds by itself (see above). */
const ownOptions = (r: Row) =>
  text(r.CREATE_OPTIONS)
    .split(' ')
    .filter((o) => !(text(r.ENGINE) === 'Aria' && o === 'page_checksum=1'))
    .join(' ')

interface CatalogQuery {
  readonly sql: string
  readonly line: Query
}

const HERE = (column: string) => `${column} = DATABASE()`

const QUERIES: readonly CatalogQuery[] = [
  {
    sql: `SELECT TABLE_NAME, TABLE_TYPE, ENGINE, ROW_FORMAT, TABLE_COLLATION, CREATE_OPTIONS, TABLE_COMMENT, TEMPORARY
            FROM information_schema.TABLES WHERE ${HERE('TABLE_SCHEMA')}`,
    line: (r) =>
      `table ${text(r.TABLE_NAME)} ${fields('TABLE_TYPE', 'ENGINE', 'ROW_FORMAT', 'TABLE_COLLATION')(r)} create_options=${ownOptions(r)} temporary=${text(r.TEMPORARY)} comment=${text(r.TABLE_COMMENT)}`,
  },
  {
    sql: `SELECT TABLE_NAME, COLUMN_NAME, ORDINAL_POSITION, COLUMN_TYPE, IS_NULLABLE, COLUMN_DEFAULT, CHARACTER_SET_NAME,
                 COLLATION_NAME, EXTRA, IS_GENERATED, GENERATION_EXPRESSION, COLUMN_COMMENT
            FROM information_schema.COLUMNS WHERE ${HERE('TABLE_SCHEMA')}`,
    line: (r) =>
      `column ${text(r.TABLE_NAME)}.${text(r.COLUMN_NAME)} ${fields(
        'ORDINAL_POSITION',
        'COLUMN_TYPE',
        'IS_NULLABLE',
        'COLUMN_DEFAULT',
        'CHARACTER_SET_NAME',
        'COLLATION_NAME',
        'EXTRA',
        'IS_GENERATED',
        'GENERATION_EXPRESSION',
      )(r)} comment=${text(r.COLUMN_COMMENT)}`,
  },
  {
    // One line per index: its parts in order, each with prefix length and direction.
    sql: `SELECT TABLE_NAME, INDEX_NAME, NON_UNIQUE, INDEX_TYPE, IGNORED, INDEX_COMMENT, COMMENT,
                 GROUP_CONCAT(CONCAT(COLUMN_NAME, IFNULL(CONCAT('(', SUB_PART, ')'), ''), ' ', IFNULL(COLLATION, '-'))
                              ORDER BY SEQ_IN_INDEX SEPARATOR ', ') AS PARTS
            FROM information_schema.STATISTICS WHERE ${HERE('TABLE_SCHEMA')}
           GROUP BY TABLE_NAME, INDEX_NAME, NON_UNIQUE, INDEX_TYPE, IGNORED, INDEX_COMMENT, COMMENT`,
    line: (r) =>
      `index ${text(r.TABLE_NAME)}.${text(r.INDEX_NAME)} (${text(r.PARTS)}) ${fields('NON_UNIQUE', 'INDEX_TYPE', 'IGNORED', 'COMMENT')(r)} comment=${text(r.INDEX_COMMENT)}`,
  },
  {
    sql: `SELECT c.TABLE_NAME, c.CONSTRAINT_NAME, c.CONSTRAINT_TYPE,
                 (SELECT GROUP_CONCAT(k.COLUMN_NAME ORDER BY k.ORDINAL_POSITION SEPARATOR ', ')
                    FROM information_schema.KEY_COLUMN_USAGE k
                   WHERE k.CONSTRAINT_SCHEMA = c.CONSTRAINT_SCHEMA AND k.TABLE_NAME = c.TABLE_NAME
                     AND k.CONSTRAINT_NAME = c.CONSTRAINT_NAME) AS COLUMNS
            FROM information_schema.TABLE_CONSTRAINTS c WHERE ${HERE('c.CONSTRAINT_SCHEMA')}`,
    line: (r) =>
      `constraint ${text(r.TABLE_NAME)}.${text(r.CONSTRAINT_NAME)} ${text(r.CONSTRAINT_TYPE)} (${text(r.COLUMNS)})`,
  },
  {
    sql: `SELECT f.TABLE_NAME, f.CONSTRAINT_NAME, f.REFERENCED_TABLE_NAME, f.UPDATE_RULE, f.DELETE_RULE, f.MATCH_OPTION,
                 (SELECT CONCAT(k.REFERENCED_TABLE_SCHEMA, ' (',
                                GROUP_CONCAT(k.REFERENCED_COLUMN_NAME ORDER BY k.ORDINAL_POSITION SEPARATOR ', '), ')')
                    FROM information_schema.KEY_COLUMN_USAGE k
                   WHERE k.CONSTRAINT_SCHEMA = f.CONSTRAINT_SCHEMA AND k.TABLE_NAME = f.TABLE_NAME
                     AND k.CONSTRAINT_NAME = f.CONSTRAINT_NAME
                   GROUP BY k.REFERENCED_TABLE_SCHEMA) AS REFERENCED
            FROM information_schema.REFERENTIAL_CONSTRAINTS f WHERE ${HERE('f.CONSTRAINT_SCHEMA')}`,
    line: (r) =>
      `foreign key ${text(r.TABLE_NAME)}.${text(r.CONSTRAINT_NAME)} references ${text(r.REFERENCED_TABLE_NAME)} in ${text(r.REFERENCED)} ${fields('UPDATE_RULE', 'DELETE_RULE', 'MATCH_OPTION')(r)}`,
  },
  {
    sql: `SELECT TABLE_NAME, CONSTRAINT_NAME, LEVEL, CHECK_CLAUSE
            FROM information_schema.CHECK_CONSTRAINTS WHERE ${HERE('CONSTRAINT_SCHEMA')}`,
    line: (r) =>
      `check ${text(r.TABLE_NAME)}.${text(r.CONSTRAINT_NAME)} level=${text(r.LEVEL)} ${text(r.CHECK_CLAUSE)}`,
  },
  {
    sql: `SELECT TABLE_NAME, VIEW_DEFINITION, CHECK_OPTION, IS_UPDATABLE, SECURITY_TYPE, ALGORITHM,
                 CHARACTER_SET_CLIENT, COLLATION_CONNECTION
            FROM information_schema.VIEWS WHERE ${HERE('TABLE_SCHEMA')}`,
    line: (r) =>
      `view ${text(r.TABLE_NAME)} ${fields('CHECK_OPTION', 'IS_UPDATABLE', 'SECURITY_TYPE', 'ALGORITHM', 'CHARACTER_SET_CLIENT', 'COLLATION_CONNECTION')(r)} as ${text(r.VIEW_DEFINITION)}`,
  },
  {
    sql: `SELECT TRIGGER_NAME, EVENT_OBJECT_TABLE, EVENT_MANIPULATION, ACTION_TIMING, ACTION_ORDER, ACTION_ORIENTATION,
                 ACTION_STATEMENT, SQL_MODE, CHARACTER_SET_CLIENT, COLLATION_CONNECTION
            FROM information_schema.TRIGGERS WHERE ${HERE('TRIGGER_SCHEMA')}`,
    line: (r) =>
      `trigger ${text(r.TRIGGER_NAME)} on ${text(r.EVENT_OBJECT_TABLE)} ${fields('ACTION_TIMING', 'EVENT_MANIPULATION', 'ACTION_ORDER', 'ACTION_ORIENTATION', 'SQL_MODE', 'CHARACTER_SET_CLIENT', 'COLLATION_CONNECTION')(r)} do ${text(r.ACTION_STATEMENT)}`,
  },
  {
    sql: `SELECT r.ROUTINE_NAME, r.ROUTINE_TYPE, r.DTD_IDENTIFIER, r.ROUTINE_BODY, r.PARAMETER_STYLE, r.IS_DETERMINISTIC,
                 r.SQL_DATA_ACCESS, r.SECURITY_TYPE, r.SQL_MODE, r.ROUTINE_COMMENT, r.CHARACTER_SET_CLIENT,
                 r.COLLATION_CONNECTION, r.ROUTINE_DEFINITION,
                 (SELECT GROUP_CONCAT(CONCAT_WS(' ', p.PARAMETER_MODE, p.PARAMETER_NAME, p.DTD_IDENTIFIER)
                                      ORDER BY p.ORDINAL_POSITION SEPARATOR ', ')
                    FROM information_schema.PARAMETERS p
                   WHERE p.SPECIFIC_SCHEMA = r.ROUTINE_SCHEMA AND p.SPECIFIC_NAME = r.SPECIFIC_NAME
                     AND p.ROUTINE_TYPE = r.ROUTINE_TYPE AND p.ORDINAL_POSITION > 0) AS PARAMS
            FROM information_schema.ROUTINES r WHERE ${HERE('r.ROUTINE_SCHEMA')}`,
    line: (r) =>
      `routine ${text(r.ROUTINE_TYPE)} ${text(r.ROUTINE_NAME)}(${r.PARAMS === null ? '' : text(r.PARAMS)}) ${fields('DTD_IDENTIFIER', 'ROUTINE_BODY', 'PARAMETER_STYLE', 'IS_DETERMINISTIC', 'SQL_DATA_ACCESS', 'SECURITY_TYPE', 'SQL_MODE', 'CHARACTER_SET_CLIENT', 'COLLATION_CONNECTION')(r)} comment=${text(r.ROUTINE_COMMENT)} as ${text(r.ROUTINE_DEFINITION)}`,
  },
  {
    // STARTS of a recurring event without STARTS is the time it was created: the server's own time.
    sql: `SELECT EVENT_NAME, EVENT_TYPE, EXECUTE_AT, INTERVAL_VALUE, INTERVAL_FIELD, STARTS, ENDS, STATUS, ON_COMPLETION,
                 SQL_MODE, TIME_ZONE, EVENT_COMMENT, EVENT_BODY, EVENT_DEFINITION
            FROM information_schema.EVENTS WHERE ${HERE('EVENT_SCHEMA')}`,
    line: (r) =>
      `event ${text(r.EVENT_NAME)} ${fields('EVENT_TYPE', 'EXECUTE_AT', 'INTERVAL_VALUE', 'INTERVAL_FIELD', 'ENDS', 'STATUS', 'ON_COMPLETION', 'SQL_MODE', 'TIME_ZONE', 'EVENT_BODY')(r)} comment=${text(r.EVENT_COMMENT)} do ${text(r.EVENT_DEFINITION)}`,
  },
  {
    sql: `SELECT TABLE_NAME, PARTITION_NAME, SUBPARTITION_NAME, PARTITION_ORDINAL_POSITION, SUBPARTITION_ORDINAL_POSITION,
                 PARTITION_METHOD, SUBPARTITION_METHOD, PARTITION_EXPRESSION, SUBPARTITION_EXPRESSION,
                 PARTITION_DESCRIPTION, PARTITION_COMMENT, NODEGROUP, TABLESPACE_NAME
            FROM information_schema.PARTITIONS WHERE ${HERE('TABLE_SCHEMA')} AND PARTITION_NAME IS NOT NULL`,
    line: (r) =>
      `partition ${text(r.TABLE_NAME)}.${text(r.PARTITION_NAME)}${r.SUBPARTITION_NAME === null ? '' : `.${text(r.SUBPARTITION_NAME)}`} ${fields(
        'PARTITION_ORDINAL_POSITION',
        'SUBPARTITION_ORDINAL_POSITION',
        'PARTITION_METHOD',
        'SUBPARTITION_METHOD',
        'PARTITION_EXPRESSION',
        'SUBPARTITION_EXPRESSION',
        'PARTITION_DESCRIPTION',
        'NODEGROUP',
        'TABLESPACE_NAME',
      )(r)} comment=${text(r.PARTITION_COMMENT)}`,
  },
]

/**
 * The catalog lines of the engine's current database, sorted, its own name written `<db>`.
 *
 * @example
 * ```ts
 * expect(await mysqlCatalogLines(migrated)).toEqual(await mysqlCatalogLines(expected))
 * ```
 */
export async function mysqlCatalogLines(engine: Engine): Promise<string[]> {
  const database = text((await engine.query('SELECT DATABASE() AS db'))[0]?.db)
  const lines: string[] = []
  for (const { sql, line } of QUERIES)
    for (const row of await engine.query(sql)) lines.push(line(row).replaceAll(database, '<db>').replace(/\s+/g, ' '))
  return lines.sort()
}

export { catalogDifference } from '../support/postgres-catalog.js'
