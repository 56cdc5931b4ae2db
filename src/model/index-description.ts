import { object, optional, type Shape } from './shape.js'
import { array, custom, int, oneOf, record, text } from './shape-values.js'
import type { Extra, IndexPart } from './types.js'

// An index's fields, described once for the indexes of tables (model-description.ts) and of
// materialized views (object-description.ts), which both files import from here.

const name = text({ trim: true, min: 1, message: 'Name must not be empty' })
const sqlText = text({ trim: true, min: 1 })
const label = text()
const yes = oneOf(true)
/** Storage parameters by name (`fillfactor`, `autovacuum_enabled`), values as text. */
const storageParameters = record(text({ trim: true, min: 1 }))
const isObject = (value: unknown) => typeof value === 'object' && value !== null && !Array.isArray(value)
/** Unknown keys of the input, kept verbatim. */
const extra = optional(custom<Extra>('object', isObject, { type: 'object' }))

/** Fields of {@link IndexPart}. @internal */
export const indexPartFields = {
  /** Column name (exactly one of `column` and `expression` is set). */
  column: optional(name),
  /** SQL expression, as written (`lower(email)`). */
  expression: optional(sqlText),
  /** `DESC`. */
  descending: optional(yes),
  /** `NULLS FIRST` / `NULLS LAST`, when not the default for the direction. */
  nulls: optional(oneOf('first', 'last')),
  /** Operator class (`text_pattern_ops`). */
  opclass: optional(label),
  /** Collation of this key part. */
  collation: optional(label),
  /** MySQL prefix length in characters. */
  length: optional(int({ min: 0 })),
}

/** An index key part. @internal */
export const indexPartShape = object(indexPartFields)
const indexPart: Shape<IndexPart> = indexPartShape

/** Fields of {@link Index}. @internal */
export const indexFields = {
  /** Index name; absent means the database picks one. */
  name: optional(label),
  /** Key parts in order. */
  parts: array(indexPart),
  /** `UNIQUE`. Absent means false. */
  unique: optional(yes),
  /** Partial index predicate. */
  where: optional(label),
  /** Access method (`gin`, `hash`); absent means the dialect default (`btree`). */
  using: optional(label),
  /** Non-key columns (`INCLUDE (...)`). */
  include: optional(array(name)),
  /** PostgreSQL 15 `NULLS NOT DISTINCT`. */
  nullsNotDistinct: optional(yes),
  /** PostgreSQL storage parameters (`WITH (fillfactor = 70)`), by name; values as the catalog spells them. */
  with: optional(storageParameters),
  /**
   * Kept up to date but not used by the optimizer: MariaDB 10.6+ `IGNORED`, MySQL 8 `INVISIBLE`.
   * Absent means false. PostgreSQL and SQLite ignore it.
   */
  ignored: optional(yes),
  /** PostgreSQL `COMMENT ON INDEX`. */
  comment: optional(label),
  /** Unknown keys of the input (dialect options we do not model), kept verbatim. */
  extra,
}

/** An index. @internal */
export const indexShape = object(indexFields)
