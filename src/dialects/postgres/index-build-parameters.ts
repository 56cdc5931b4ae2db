import { storageParametersMeaning } from '../../diff/semantic-keys.js'
import type { Index } from '../../model/types.js'

/**
 * Storage parameters an index is built with, by access method: the build writes them into the
 * index's metapage and later inserts and scans read them there, so `ALTER INDEX ... SET` changes only
 * pg_class.reloptions until the index is built again (checked with pageinspect's raw metapages).
 * pgvector: HNSW's `m` and `ef_construction`, IVFFlat's `lists`; BRIN's `pages_per_range`; bloom's
 * signature `length` and per-column bits `col1`..`col32`.
 */
const BUILD_PARAMETERS: Readonly<Record<string, (name: string) => boolean>> = {
  hnsw: (p) => p === 'm' || p === 'ef_construction',
  ivfflat: (p) => p === 'lists',
  brin: (p) => p === 'pages_per_range',
  bloom: (p) => p === 'length' || /^col\d+$/.test(p),
}

/**
 * Whether going from `before` to `after` changes a storage parameter the index is built with, so
 * the index must be built again rather than altered in place.
 *
 * @example
 * ```ts
 * changesBuildParameter({ ...ix, using: 'ivfflat', with: { lists: '100' } }, { ...ix, using: 'ivfflat', with: { lists: '200' } }) // true
 * changesBuildParameter({ ...ix, with: { fillfactor: '90' } }, { ...ix, with: { fillfactor: '70' } }) // false
 * ```
 * @internal
 */
export function changesBuildParameter(before: Index, after: Index): boolean {
  const isBuilt = BUILD_PARAMETERS[(after.using ?? '').toLowerCase()]
  if (!isBuilt) return false
  const was = storageParametersMeaning(before.with)
  const now = storageParametersMeaning(after.with)
  return [...new Set([...Object.keys(was), ...Object.keys(now)])].some((k) => isBuilt(k) && was[k] !== now[k])
}
