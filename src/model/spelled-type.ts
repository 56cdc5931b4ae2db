import type { ColumnType } from './column-type.js'
import { type ColumnTypeHints, readTypeSpelling } from './parse-column-type.js'

/** What a column's type spelling says: the parsed type, a collation written inside it, and serial-ness. @internal */
export interface SpelledType {
  readonly type: ColumnType
  /** `COLLATE x` written in the spelling. */
  readonly collation: string | undefined
  /** A PostgreSQL serial spelling (`bigserial`): the column auto-increments. */
  readonly serial: boolean
}

// A schema spells its types a few dozen ways, but a large document repeats them on every column:
// parsing each spelling once saves most of the grammar's work. Entries are shared between columns,
// which is safe because ColumnType values are never mutated. Bounded, so pathological documents
// with millions of distinct spellings cannot grow it without limit.
const MAX_SPELLINGS = 4096
const MAX_HINT_SETS = 64
const plain = new Map<string, SpelledType>()
const hinted = new Map<string, HintedEntry[]>()

interface HintedEntry {
  readonly length: number | undefined
  readonly precision: number | undefined
  readonly scale: number | undefined
  readonly timezone: boolean | undefined
  readonly read: SpelledType
}

/**
 * Reads a column's type spelling (trimmed, as the document schemas give it) with SQLAlchemy's size
 * hints (enum hints carry lists and are not cached): the same as `splitCollation`, then
 * `parseColumnType(type, hints)` and `isSerialSpelling(type)`, from a cache when seen before.
 *
 * @example
 * ```ts
 * readSpelledType('Numeric', undefined, 10, 2).type // { kind: 'decimal', precision: 10, scale: 2 }
 * ```
 * @internal
 */
export function readSpelledType(
  spelling: string,
  length?: number,
  precision?: number,
  scale?: number,
  timezone?: boolean,
): SpelledType {
  if (length === undefined && precision === undefined && scale === undefined && timezone === undefined) {
    let found = plain.get(spelling)
    if (found === undefined) {
      found = parseSpelling(spelling, {})
      if (plain.size >= MAX_SPELLINGS) plain.clear()
      plain.set(spelling, found)
    }
    return found
  }
  let entries = hinted.get(spelling)
  for (const e of entries ?? []) {
    // Object.is: -0 is a valid count, and is kept as such in the type.
    if (
      Object.is(e.length, length) &&
      Object.is(e.precision, precision) &&
      Object.is(e.scale, scale) &&
      e.timezone === timezone
    )
      return e.read
  }
  const read = parseSpelling(spelling, { length, precision, scale, timezone })
  if (entries === undefined || entries.length >= MAX_HINT_SETS) {
    if (hinted.size >= MAX_SPELLINGS) hinted.clear()
    entries = []
    hinted.set(spelling, entries)
  }
  entries.push({ length, precision, scale, timezone, read })
  return read
}

function parseSpelling(spelling: string, hints: ColumnTypeHints): SpelledType {
  return readTypeSpelling(spelling, hints)
}
