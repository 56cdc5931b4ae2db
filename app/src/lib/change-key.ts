import { changeKey } from 'schemaledger'
import type { Finding } from 'schemaledger/impact'

/** The key that ties a finding to the change (and tree node) it concerns: the library's own. */
export { changeKey }

/**
 * Findings grouped by the change they concern.
 *
 * @example
 * ```ts
 * findingsByChange(findings).get('drop_column posts.content')?.[0]?.code // 'DS013'
 * ```
 */
export function findingsByChange(findings: readonly Finding[]): Map<string, Finding[]> {
  const map = new Map<string, Finding[]>()
  for (const f of findings) {
    const key = changeKey(f.change)
    map.set(key, [...(map.get(key) ?? []), f])
  }
  return map
}
