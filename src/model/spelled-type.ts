import type { ColumnType } from './column-type.js'
import { type ColumnTypeHints, isSerialSpelling, parseColumnType, splitCollation } from './parse-column-type.js'

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
const MAX_ENTRIES = 4096
const plain = new Map<string, SpelledType>()
const hinted = new Map<string, SpelledType>()

/**
 * Reads a column's type spelling (trimmed, as the document schemas give it) with SQLAlchemy's size
 * hints (`length`, `precision`, `scale`, `timezone`; enum hints carry lists and are not cached); the same as `splitCollation` + `parseColumnType(type, hints)` + `isSerialSpelling(type)`,
 * from a cache when the spelling was seen before.
 * @internal
 */
export function readSpelledType(
  spelling: string,
  length?: number,
  precision?: number,
  scale?: number,
  timezone?: boolean,
): SpelledType {
  const noHints = length === undefined && precision === undefined && scale === undefined && timezone === undefined
  const cache = noHints ? plain : hinted
  // Numbers and booleans never contain `|`, so the spelling last keeps keys unambiguous.
  const key = noHints ? spelling : `${num(length)}|${num(precision)}|${num(scale)}|${timezone}|${spelling}`
  let found = cache.get(key)
  if (found === undefined) {
    found = parseSpelling(spelling, noHints ? {} : { length, precision, scale, timezone })
    if (cache.size >= MAX_ENTRIES) cache.clear()
    cache.set(key, found)
  }
  return found
}

/** `-0` is a valid count to zod and is kept as such in types, so it gets its own key. */
const num = (n: number | undefined) => (n === 0 && Object.is(n, -0) ? '-0' : `${n}`)

function parseSpelling(spelling: string, hints: ColumnTypeHints): SpelledType {
  const { type: text, collation } = splitCollation(spelling)
  return { type: parseColumnType(text, hints), collation, serial: isSerialSpelling(text) }
}
