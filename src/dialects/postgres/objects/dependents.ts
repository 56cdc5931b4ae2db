import type { TableChange } from '../../../diff/types.js'
import type { GeneratorContext } from '../../dialect.js'

/**
 * The table changes PostgreSQL refuses while a view or rule depends on the table (`cannot alter type
 * of a column used by a view or rule`, `cannot drop column ... because other objects depend on it`):
 * a column's type changed, a column dropped, and an enum re-created (its columns change type). The
 * planner drops those views (and the triggers on them) first and creates them again after.
 */
export function postgresDisturbsDependents(change: TableChange, _ctx: GeneratorContext): boolean {
  switch (change.kind) {
    case 'alter_column':
      return change.changes.includes('type')
    case 'drop_column':
      return true
    case 'alter_enum':
      return change.removed.length > 0 || change.reordered
    default:
      return false
  }
}
