import type { ColumnType } from '../model/column-type.js'
import { enumKey } from '../model/enum-reference.js'
import { formatColumnType } from '../model/format-column-type.js'
import { stringLiteral } from './source-text.js'

// The drizzle column builder of each column type, per dialect: `varchar('name', { length: 20 })`
// for what drizzle's pg-core, mysql-core or sqlite-core has a builder for, and `raw('type')('name')`
// (a customType the module declares) for the rest, so drizzle-kit still creates the exact type.

/** The dialects {@link toDrizzle} writes. */
export type DrizzleDialect = 'postgres' | 'mysql' | 'sqlite'

/** What building one module collects: the builders it imports, its warnings, whether it needs `raw`. */
export interface DrizzleContext {
  readonly dialect: DrizzleDialect
  /** Enum key (`enumKey`: namespace and name) -> variable of its `pgEnum` (PostgreSQL). */
  readonly enums: ReadonlyMap<string, string>
  /** Enum key -> values (MySQL writes them inline with `mysqlEnum`). */
  readonly enumValues: ReadonlyMap<string, readonly string[]>
  readonly imports: Set<string>
  readonly warnings: string[]
  usesRaw: boolean
}

/** Imports a builder of the dialect's core module and returns its name. */
export function use(ctx: DrizzleContext, name: string): string {
  ctx.imports.add(name)
  return name
}

type Options = [string, string | number | boolean | undefined][]
const options = (entries: Options) => {
  const set = entries.filter(([, v]) => v !== undefined && v !== false)
  return set.length ? `, { ${set.map(([k, v]) => `${k}: ${v}`).join(', ')} }` : ''
}

/** The column builder call of a column type, or a `raw('ddl')` custom type. */
export function builder(type: ColumnType, name: string, ctx: DrizzleContext, where: string): string {
  const n = stringLiteral(name)
  const raw = (ddl = formatColumnType(type)) => {
    ctx.usesRaw = true
    return `raw(${stringLiteral(ddl)})(${n})`
  }
  // raw('') declares the column with no type, as SQLite's `CREATE TABLE t (data)`.
  if (type.kind === 'untyped' && ctx.dialect !== 'sqlite')
    ctx.warnings.push(`${where}: a column without a declared type is SQLite only; written as raw('')`)
  if (ctx.dialect === 'mysql') return mysqlBuilder(type, n, ctx, where, raw)
  if ('unsigned' in type && type.unsigned) {
    ctx.warnings.push(`${where}: ${formatColumnType(type)} is MySQL only; kept as written`)
    return raw()
  }
  if (ctx.dialect === 'sqlite') return sqliteBuilder(type, n, ctx, raw)
  return postgresBuilder(type, name, n, ctx, where, raw)
}

function sqliteBuilder(type: ColumnType, n: string, ctx: DrizzleContext, raw: () => string): string {
  switch (type.kind) {
    case 'integer':
      return `${use(ctx, 'integer')}(${n})`
    case 'real':
    case 'double':
    case 'float':
      return formatColumnType(type) === 'real' ? `${use(ctx, 'real')}(${n})` : raw()
    case 'text':
      return type.size === undefined ? `${use(ctx, 'text')}(${n})` : raw()
    case 'blob':
      return type.size === undefined ? `${use(ctx, 'blob')}(${n})` : raw()
    default:
      // SQLite keeps any declared type name; drizzle-kit writes the raw one verbatim.
      return raw()
  }
}

function postgresBuilder(
  type: ColumnType,
  name: string,
  n: string,
  ctx: DrizzleContext,
  where: string,
  raw: (ddl?: string) => string,
): string {
  switch (type.kind) {
    case 'smallint':
    case 'integer':
      return `${use(ctx, type.kind)}(${n})`
    case 'bigint':
      return `${use(ctx, 'bigint')}(${n}, { mode: 'bigint' })`
    case 'decimal':
      if (type.precision === undefined && type.scale !== undefined) return raw()
      return `${use(ctx, 'numeric')}(${n}${options([
        ['precision', type.precision],
        ['scale', type.scale],
      ])})`
    case 'real':
      return `${use(ctx, 'real')}(${n})`
    case 'double':
      return `${use(ctx, 'doublePrecision')}(${n})`
    case 'boolean':
    case 'date':
    case 'uuid':
    case 'json':
    case 'jsonb':
      return `${use(ctx, type.kind)}(${n})`
    case 'text':
      return type.size === undefined ? `${use(ctx, 'text')}(${n})` : raw()
    case 'blob':
      return type.size === undefined ? raw('bytea') : raw()
    case 'char':
    case 'varchar':
      return `${use(ctx, type.kind)}(${n}${options([['length', type.length]])})`
    case 'time':
    case 'timestamp':
      return `${use(ctx, type.kind)}(${n}${options([
        ['precision', type.precision],
        ['withTimezone', type.timezone],
      ])})`
    case 'interval':
      return `${use(ctx, 'interval')}(${n}${options([
        ['fields', type.fields === undefined ? undefined : stringLiteral(type.fields)],
        ['precision', type.precision],
      ])})`
    case 'enum': {
      const variable = type.name === undefined ? undefined : ctx.enums.get(enumKey({ ...type, name: type.name }))
      return variable === undefined ? raw() : `${variable}(${n})`
    }
    case 'array':
      return `${builder(type.of, name, ctx, where)}.array()`
    default:
      return raw()
  }
}

const MYSQL_TEXT = { tiny: 'tinytext', medium: 'mediumtext', long: 'longtext' } as const

function mysqlBuilder(
  type: ColumnType,
  n: string,
  ctx: DrizzleContext,
  where: string,
  raw: (ddl?: string) => string,
): string {
  const unsigned = 'unsigned' in type && type.unsigned ? true : undefined
  switch (type.kind) {
    case 'tinyint':
    case 'smallint':
    case 'mediumint':
      return `${use(ctx, type.kind)}(${n}${options([['unsigned', unsigned]])})`
    case 'integer':
      return `${use(ctx, 'int')}(${n}${options([['unsigned', unsigned]])})`
    case 'bigint':
      return `${use(ctx, 'bigint')}(${n}${options([
        ['mode', "'bigint'"],
        ['unsigned', unsigned],
      ])})`
    case 'decimal':
      // A bare DECIMAL is DECIMAL(10,0) in MySQL; the model's bare decimal is the widest one.
      if (type.precision === undefined) return raw(`decimal(65,${type.scale ?? 30})${unsigned ? ' unsigned' : ''}`)
      return `${use(ctx, 'decimal')}(${n}${options([
        ['precision', type.precision],
        ['scale', type.scale],
        ['unsigned', unsigned],
      ])})`
    // MySQL's REAL is a DOUBLE; the model's 4-byte real is FLOAT there.
    case 'real':
    case 'float':
      return `${use(ctx, 'float')}(${n}${options([['unsigned', unsigned]])})`
    case 'double':
      return `${use(ctx, 'double')}(${n}${options([['unsigned', unsigned]])})`
    case 'boolean':
    case 'date':
    case 'json':
      return `${use(ctx, type.kind)}(${n})`
    case 'jsonb':
      return `${use(ctx, 'json')}(${n})`
    case 'char':
    case 'binary':
      return `${use(ctx, type.kind)}(${n}${options([['length', type.length]])})`
    case 'varchar':
    case 'varbinary':
      // MySQL needs a length; the model's unbounded ones are the long types.
      if (type.length === undefined) return raw(type.kind === 'varchar' ? 'longtext' : 'longblob')
      return `${use(ctx, type.kind)}(${n}${options([['length', type.length]])})`
    case 'text':
      return `${use(ctx, type.size === undefined ? 'text' : MYSQL_TEXT[type.size])}(${n})`
    case 'time':
      if (type.timezone) ctx.warnings.push(`${where}: MySQL's TIME has no time zone; written without`)
      return `${use(ctx, 'time')}(${n}${options([['fsp', type.precision]])})`
    // `timestamp with time zone` is MySQL's TIMESTAMP (UTC); without a zone it is DATETIME.
    case 'timestamp':
      return `${use(ctx, type.timezone ? 'timestamp' : 'datetime')}(${n}${options([['fsp', type.precision]])})`
    case 'enum': {
      const values =
        type.values ?? (type.name === undefined ? undefined : ctx.enumValues.get(enumKey({ ...type, name: type.name })))
      if (values === undefined || values.length === 0) return raw()
      return `${use(ctx, 'mysqlEnum')}(${n}, [${values.map(stringLiteral).join(', ')}])`
    }
    case 'array':
      ctx.warnings.push(`${where}: MySQL has no array types; kept as written`)
      return raw()
    default:
      // blob sizes, uuid (MariaDB 10.7+), interval, custom: the type as written.
      return raw()
  }
}
