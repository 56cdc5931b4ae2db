import type { EnumDefinition } from '../model/types.js'
import { withPath } from './diff-table.js'
import { tableKey } from './semantic-keys.js'
import type { EnumValueAddition, SchemaChange } from './types.js'

/** Changes between the enum types of two schemas, matched by qualified name. */
export function diffEnums(from: readonly EnumDefinition[], to: readonly EnumDefinition[]): SchemaChange[] {
  const key = (e: EnumDefinition) => tableKey(e.schema, e.name)
  const toByKey = new Map(to.map((e) => [key(e), e]))
  const fromKeys = new Set(from.map(key))
  const scope = (e: EnumDefinition) => (e.schema === undefined ? { enum: e.name } : { enum: e.name, schema: e.schema })
  const changes: SchemaChange[] = []
  for (const before of from) {
    const after = toByKey.get(key(before))
    if (!after) {
      changes.push(withPath({ kind: 'drop_enum', ...scope(before), before }))
      continue
    }
    const altered = compareEnumValues(before.values, after.values)
    const fields: ('values' | 'comment')[] = []
    if (altered.added.length > 0 || altered.removed.length > 0 || altered.reordered) fields.push('values')
    if ((before.comment || undefined) !== (after.comment || undefined)) fields.push('comment')
    if (fields.length > 0)
      changes.push(withPath({ kind: 'alter_enum', ...scope(after), before, after, changes: fields, ...altered }))
  }
  for (const after of to)
    if (!fromKeys.has(key(after))) changes.push(withPath({ kind: 'create_enum', ...scope(after), after }))
  return changes
}

/** Values added (with their neighbours among kept values), removed, and whether kept values changed order. */
export function compareEnumValues(
  before: readonly string[],
  after: readonly string[],
): { added: EnumValueAddition[]; removed: string[]; reordered: boolean } {
  const old = new Set(before)
  const now = new Set(after)
  const removed = before.filter((v) => !now.has(v))
  const keptBefore = before.filter((v) => now.has(v))
  const keptAfter = after.filter((v) => old.has(v))
  const reordered = keptBefore.some((v, i) => keptAfter[i] !== v)
  const added: EnumValueAddition[] = []
  for (const [position, value] of after.entries()) {
    if (old.has(value)) continue
    const previous = after.slice(0, position).findLast((v) => old.has(v))
    const next = after.slice(position + 1).find((v) => old.has(v))
    added.push({
      value,
      position,
      ...(previous !== undefined ? { after: previous } : {}),
      ...(next !== undefined ? { before: next } : {}),
    })
  }
  return { added, removed, reordered }
}
