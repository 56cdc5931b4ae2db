import type { MigrationPhases, PhasedStatement, Statement } from '../dialects/types.js'
import { changeKey } from '../diff/change-path.js'
import type { DeployPhase } from '../diff/classify-change.js'
import { classifyChange } from '../diff/classify-change.js'
import type { SchemaDiff } from '../diff/types.js'
import type { Schema } from '../model/types.js'

const RANK: Readonly<Record<DeployPhase, number>> = { expand: 0, contract: 1, breaking: 2 }

/**
 * Splits planned `up` statements by the deploy phase of the change each implements: expand and
 * breaking changes before the deploy (breaking ones flagged), contract changes after it. Statements
 * keep their planned order within each phase. Used by `planMigration(diff, { phases: true })`.
 *
 * @example
 * ```ts
 * const { pre, post } = splitDeployPhases(migration.up, diff, { from: v1 })
 * ```
 */
export function splitDeployPhases(
  up: readonly Statement[],
  diff: SchemaDiff,
  schemas: { readonly from?: Schema | undefined; readonly to?: Schema | undefined } = {},
): MigrationPhases {
  const ctx = {
    changes: diff.changes,
    ...(schemas.from ? { from: schemas.from } : {}),
    ...(schemas.to ? { to: schemas.to } : {}),
  }
  const phaseOf = new Map<string, DeployPhase>()
  for (const change of diff.changes) {
    const key = changeKey(change)
    const phase = classifyChange(change, ctx)
    const known = phaseOf.get(key)
    if (known === undefined || RANK[phase] > RANK[known]) phaseOf.set(key, phase)
  }
  const pre: PhasedStatement[] = []
  const post: Statement[] = []
  for (const statement of up) {
    const phase = statement.change ? (phaseOf.get(changeKey(statement.change)) ?? 'expand') : 'expand'
    if (phase === 'contract') post.push(statement)
    else pre.push(phase === 'breaking' ? { ...statement, breaking: true } : statement)
  }
  return { pre, post }
}
