import { type ColumnType, defaultDisplayWidth, type IntegerType } from '../../model/column-type.js'
import type { Column, Schema } from '../../model/types.js'
import { assertMysqlText, type MysqlFlavor, quoteMysqlLiteral, unsupported } from './text.js'

// Column types on MySQL/MariaDB. Kinds the server lacks map to the closest type that holds every
// value (exact or wider); the right column says whether introspection reads the same kind back.
//
// | model kind                      | MySQL/MariaDB                                 | reads back as        |
// |---------------------------------|-----------------------------------------------|----------------------|
// | tinyint/smallint/mediumint      | TINYINT/SMALLINT/MEDIUMINT [UNSIGNED]         | same                 |
// | integer / bigint                | INT / BIGINT [UNSIGNED]                       | same                 |
// | display width 4 [, zerofill]    | INT(4) [UNSIGNED ZEROFILL]; MySQL 8: (4) only | same (MySQL 8: no    |
// |                                 | with ZEROFILL                                 | width w/o ZEROFILL)  |
// | decimal(p,s)                    | DECIMAL(p,s) [UNSIGNED]                       | same                 |
// | decimal (no precision)          | DECIMAL(65,30) (widest)                       | decimal(65,30)       |
// | float / double                  | FLOAT / DOUBLE                                | same                 |
// | real (4 bytes)                  | FLOAT                                         | float                |
// | boolean                         | BOOLEAN (= TINYINT(1))                        | boolean              |
// | char(n) / varchar(n)            | CHAR(n) / VARCHAR(n)                          | same                 |
// | varchar (no length)             | LONGTEXT                                      | longtext             |
// | text [tiny/medium/long]         | TEXT / TINYTEXT / MEDIUMTEXT / LONGTEXT       | same                 |
// | binary(n) / varbinary(n)        | BINARY(n) / VARBINARY(n)                      | same                 |
// | varbinary (no length)           | LONGBLOB                                      | longblob             |
// | blob [tiny/medium/long]         | BLOB / TINYBLOB / MEDIUMBLOB / LONGBLOB       | same                 |
// | date                            | DATE                                          | same                 |
// | time(p) [with time zone]        | TIME(p) (no zone in MySQL)                    | time(p)              |
// | timestamp(p), timezone false    | DATETIME(p)                                   | same                 |
// | timestamp(p), timezone true     | TIMESTAMP(p) (UTC instant, 1970-2038)         | same                 |
// | interval                        | VARCHAR(255) (its text)                       | varchar(255)         |
// | uuid                            | UUID (MariaDB 10.7+), else CHAR(36)           | uuid / char(36)      |
// | json / jsonb                    | JSON (MariaDB: LONGTEXT + CHECK json_valid)   | json                 |
// | enum (named or inline)          | ENUM('a','b') inline, values of the named enum| inline enum          |
// | array                           | error `unsupported_feature`                   | -                    |
// | custom                          | the raw text, verbatim (expression guard)     | custom               |
// | untyped (no declared type)      | error `unsupported_feature` (SQLite's only)   | -                    |

const INTEGERS = {
  tinyint: 'TINYINT',
  smallint: 'SMALLINT',
  mediumint: 'MEDIUMINT',
  integer: 'INT',
  bigint: 'BIGINT',
} as const
const SIZED = { tiny: 'TINY', medium: 'MEDIUM', long: 'LONG' } as const

/**
 * What rendering a type needs besides the type: the server flavor and the schema's named enums.
 *
 * @example
 * ```ts
 * renderMysqlType({ kind: 'enum', name: 'mood' }, { flavor: mysqlFlavor({}), schemas: [schema] }) // "ENUM('sad','happy')"
 * ```
 */
export interface TypeContext {
  readonly flavor: MysqlFlavor
  /** The schemas whose enums a named enum type may refer to, searched in order. */
  readonly schemas: readonly (Schema | undefined)[]
}

/**
 * The MySQL/MariaDB spelling of a column type (see the mapping table in this file).
 *
 * @example
 * ```ts
 * renderMysqlType({ kind: 'timestamp', timezone: false, precision: 3 }, { flavor: mysqlFlavor({}), schemas: [] }) // 'DATETIME(3)'
 * ```
 */
export function renderMysqlType(type: ColumnType, ctx: TypeContext, column?: Column): string {
  const where = column ? `column "${column.name}"` : 'column type'
  const unsigned = 'unsigned' in type && type.unsigned ? ' UNSIGNED' : ''
  const paren = (n: number | undefined) => (n === undefined ? '' : `(${n})`)
  switch (type.kind) {
    case 'tinyint':
    case 'smallint':
    case 'mediumint':
    case 'integer':
    case 'bigint':
      return (
        INTEGERS[type.kind] + integerWidth(type, ctx.flavor, where) + (type.zerofill ? ' UNSIGNED ZEROFILL' : unsigned)
      )
    case 'decimal':
      if (type.precision === undefined) return `DECIMAL(65,30)${unsigned}`
      return `DECIMAL(${type.precision},${type.scale ?? 0})${unsigned}`
    case 'real':
    case 'float':
      return `FLOAT${unsigned}`
    case 'double':
      return `DOUBLE${unsigned}`
    case 'boolean':
      return 'BOOLEAN'
    case 'char':
      return `CHAR${paren(type.length)}`
    case 'varchar':
      return type.length === undefined ? 'LONGTEXT' : `VARCHAR(${type.length})`
    case 'text':
      return `${type.size ? SIZED[type.size] : ''}TEXT`
    case 'binary':
      return `BINARY${paren(type.length)}`
    case 'varbinary':
      return type.length === undefined ? 'LONGBLOB' : `VARBINARY(${type.length})`
    case 'blob':
      return `${type.size ? SIZED[type.size] : ''}BLOB`
    case 'date':
      return 'DATE'
    case 'time':
      return `TIME${paren(type.precision)}`
    case 'timestamp':
      return `${type.timezone ? 'TIMESTAMP' : 'DATETIME'}${paren(type.precision)}`
    case 'interval':
      return 'VARCHAR(255)'
    case 'uuid':
      return ctx.flavor.uuidType ? 'UUID' : 'CHAR(36)'
    case 'json':
    case 'jsonb':
      return 'JSON'
    case 'enum':
      return `ENUM(${enumValues(type, ctx, where)
        .map((v) => quoteMysqlLiteral(v))
        .join(',')})`
    case 'array':
      return unsupported(where, 'array types do not exist in MySQL/MariaDB (use json)')
    case 'custom':
      return assertMysqlText(type.raw, `${where} type`)
    case 'untyped':
      return unsupported(`${where} type`, 'no declared type (`"type": ""`): only SQLite has columns without a type')
  }
}

/**
 * `(n)` for an integer's display width when it is not the default and the server keeps it (with
 * ZEROFILL always: the width is what the zeros pad to), else nothing.
 */
function integerWidth(type: IntegerType, flavor: MysqlFlavor, where: string): string {
  const width = type.displayWidth
  if (width === undefined || width === 0 || width === defaultDisplayWidth(type)) return ''
  if (width > 255) unsupported(where, `display width ${width}: MySQL/MariaDB take at most 255`)
  return flavor.displayWidths || type.zerofill ? `(${width})` : ''
}

/**
 * The values of an enum type: inline, or those of the named enum in the schemas given.
 *
 * @example
 * ```ts
 * enumValues({ kind: 'enum', name: 'mood' }, { flavor, schemas: [schema] }, 'users.mood') // ['sad', 'happy']
 * ```
 */
export function enumValues(
  type: Extract<ColumnType, { kind: 'enum' }>,
  ctx: TypeContext,
  where: string,
): readonly string[] {
  if (type.values) return type.values
  const name = type.name
  for (const schema of ctx.schemas) {
    const found = schema?.enums.find((e) => e.name === name)
    if (found) return found.values
  }
  return unsupported(
    where,
    `enum "${name}" is written inline in MySQL/MariaDB, so its values are needed: pass the full schemas to planMigration ({ from, to })`,
  )
}

/**
 * Types MySQL indexes only by a prefix (`col(255)`): TEXT and BLOB sizes, and JSON (LONGTEXT on MariaDB).
 *
 * @example
 * ```ts
 * needsPrefixLength({ kind: 'text' }) // true
 * ```
 */
export function needsPrefixLength(type: ColumnType): boolean {
  return (
    type.kind === 'text' ||
    type.kind === 'blob' ||
    type.kind === 'json' ||
    type.kind === 'jsonb' ||
    (type.kind === 'varchar' && type.length === undefined) ||
    (type.kind === 'varbinary' && type.length === undefined)
  )
}
