import { CANONICAL_FORMAT } from './document-schema.js'
import { parseSchema } from './parse-schema.js'
import type { Schema } from './types.js'

/** A column as written in code: the canonical document's column, with `nullable` optional (default true). */
export interface ColumnDefinition {
  readonly name: string
  /** Any accepted type spelling: `integer`, `varchar(50)`, `timestamp with time zone`, an enum's name. */
  readonly type: string
  readonly nullable?: boolean
  /** Server default as SQL (`'draft'`, `0`, `now()`). */
  readonly default?: string
  readonly autoincrement?: true
  readonly identity?: {
    readonly generation: 'always' | 'by_default'
    readonly start?: number
    readonly increment?: number
    readonly minValue?: number
    readonly maxValue?: number
    readonly cache?: number
    readonly cycle?: true
  }
  readonly generated?: { readonly expression: string; readonly stored: boolean }
  readonly collation?: string
  readonly comment?: string
}

/** A table as written in code; constraints and indexes use the canonical document's shape. */
export interface TableDefinition {
  readonly name: string
  readonly schema?: string
  readonly comment?: string
  /** PostgreSQL `UNLOGGED`. */
  readonly unlogged?: true
  /** PostgreSQL partitioning of the table: method and key parts. */
  readonly partitionBy?: { readonly method: 'range' | 'list' | 'hash'; readonly key: readonly string[] }
  /** PostgreSQL: the table is a partition of `table` with `bound` (`FOR VALUES ...` or `DEFAULT`); it lists no columns. */
  readonly partitionOf?: { readonly table: string; readonly schema?: string; readonly bound: string }
  /** PostgreSQL `INHERITS (...)`: the parents; the table lists only its own columns. */
  readonly inherits?: readonly { readonly table: string; readonly schema?: string }[]
  /** PostgreSQL storage parameters (`{ fillfactor: '70' }`). */
  readonly with?: Readonly<Record<string, string>>
  /** MySQL/MariaDB storage engine (`InnoDB`); compared only when both versions state it. */
  readonly engine?: string
  /** MySQL/MariaDB default character set. */
  readonly charset?: string
  /** MySQL/MariaDB default collation: the collation of every column that states none. */
  readonly collation?: string
  /** MySQL/MariaDB `ROW_FORMAT`. */
  readonly rowFormat?: string
  /** MySQL/MariaDB `KEY_BLOCK_SIZE` (`'8'`; `'0'` for none). */
  readonly keyBlockSize?: string
  /** SQLite `STRICT` (other dialects ignore it). */
  readonly strict?: true
  /** SQLite `WITHOUT ROWID`; the table needs a primary key (other dialects ignore it). */
  readonly withoutRowid?: true
  /** SQLite: the integer primary key column is not the rowid's alias (declared `INT`; other dialects ignore it). */
  readonly noRowidAlias?: true
  /** SQLite: key columns keep their own `nullable` (a rowid table's legacy nullable key). */
  readonly nullableKey?: true
  readonly descendingKey?: true
  readonly columns: readonly ColumnDefinition[]
  readonly constraints?: readonly Readonly<Record<string, unknown>>[]
  readonly indexes?: readonly Readonly<Record<string, unknown>>[]
}

/** A schema as written in code. */
export interface SchemaDefinition {
  readonly name?: string
  readonly enums?: readonly {
    readonly name: string
    readonly values: readonly string[]
    readonly schema?: string
    readonly comment?: string
  }[]
  readonly tables: readonly TableDefinition[]
  /** The other objects (`views`, `functions`, `sequences`, ...), as the canonical document writes them. */
  readonly namespaces?: readonly Readonly<Record<string, unknown>>[]
  readonly extensions?: readonly Readonly<Record<string, unknown>>[]
  readonly types?: readonly Readonly<Record<string, unknown>>[]
  readonly domains?: readonly Readonly<Record<string, unknown>>[]
  readonly sequences?: readonly Readonly<Record<string, unknown>>[]
  readonly functions?: readonly Readonly<Record<string, unknown>>[]
  readonly views?: readonly Readonly<Record<string, unknown>>[]
  readonly triggers?: readonly Readonly<Record<string, unknown>>[]
  readonly events?: readonly Readonly<Record<string, unknown>>[]
}

/**
 * Builds a validated {@link Schema} from a definition written in code (the canonical document
 * without `format`); throws {@link SchemaValidationError} like {@link parseSchema}.
 *
 * @example
 * ```ts
 * const schema = defineSchema({
 *   tables: [{ name: 'users', columns: [{ name: 'id', type: 'bigint', nullable: false }],
 *              constraints: [{ type: 'primary_key', columns: ['id'] }] }],
 * })
 * ```
 */
export function defineSchema(definition: SchemaDefinition): Schema {
  const tables = definition.tables.map((t) => ({
    ...t,
    columns: t.columns.map((c) => ({ ...c, nullable: c.nullable ?? true })),
  }))
  return parseSchema({ ...definition, format: CANONICAL_FORMAT, tables })
}
