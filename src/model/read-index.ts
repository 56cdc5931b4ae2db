import { canonicalIndex } from './document-schema.js'
import { indexShape } from './index-description.js'
import { extraKeys, type ReadContext } from './read-context.js'
import { readIndexParts } from './read-index-parts.js'
import { normalizeUsing } from './read-sqlalchemy.js'
import { build } from './shape.js'
import type { Index } from './types.js'

// An index in the canonical shape (its parts written as `columns`): a table's, or a materialized view's.

const INDEX_KEYS = new Set(canonicalIndex.keys)

/** Reads one canonical index at `path` (`tables[0].indexes[1]`, `views[2].indexes[0]`). @internal */
export function readCanonicalIndex(raw: unknown, path: string, ctx: ReadContext): Index | undefined {
  const x = ctx.check(canonicalIndex, raw, path)
  if (!x) return undefined
  const parts = readIndexParts({ columns: x.columns }, {}, path, ctx)
  if (!parts) return undefined
  const index = build(indexShape, x, {
    parts,
    where: x.where?.trim() || undefined,
    using: normalizeUsing(x.using),
    include: x.include && x.include.length > 0 ? x.include : undefined,
    extra: extraKeys(x, INDEX_KEYS),
  })
  return ctx.at(index, path)
}
