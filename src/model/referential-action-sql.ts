import type { ReferentialAction } from './types.js'

/**
 * The SQL words of a foreign key's ON DELETE / ON UPDATE action, the same in every dialect (and in
 * SQLAlchemy's `ondelete=`), for the planners, change descriptions and code generators.
 *
 * @example
 * ```ts
 * REFERENTIAL_ACTION_SQL.set_null // 'SET NULL'
 * ```
 */
export const REFERENTIAL_ACTION_SQL: Readonly<Record<ReferentialAction, string>> = {
  no_action: 'NO ACTION',
  restrict: 'RESTRICT',
  cascade: 'CASCADE',
  set_null: 'SET NULL',
  set_default: 'SET DEFAULT',
}
