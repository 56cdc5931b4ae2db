import type { Analyzer } from '../types.js'
import { backwardIncompatibleAnalyzers } from './backward-incompatible.js'
import { dataDependentAnalyzers } from './data-dependent.js'
import { dataDependentKeyAnalyzers } from './data-dependent-keys.js'
import { designAnalyzers } from './design.js'
import { designColumnAnalyzers } from './design-columns.js'
import { designLayoutAnalyzers } from './design-layout.js'
import { designTypeAnalyzers } from './design-types.js'
import { destructiveAnalyzers } from './destructive.js'
import { dialectSupportAnalyzers } from './dialect-support.js'
import { lockingAnalyzers } from './locking.js'
import { constraintLockAnalyzers } from './locking-constraints.js'
import { partitionLockAnalyzers } from './locking-partitions.js'
import { lossyTypeAnalyzers } from './lossy-types.js'
import { materializedViewAnalyzers } from './materialized-views.js'
import { namingAnalyzers } from './naming.js'
import { objectAnalyzers } from './objects.js'
import { partitioningAnalyzers } from './partitioning.js'
import { postgresObjectAnalyzers } from './postgres-objects.js'
import { routineAnalyzers } from './routines.js'
import { rowSecurityAnalyzers } from './row-security.js'
import { sequenceAnalyzers } from './sequences.js'
import { transactionAnalyzers } from './transaction.js'
import { triggerAnalyzers } from './triggers.js'

/**
 * Every built-in impact rule, sorted by code: DS destructive, DD data-dependent, LK locks and
 * rewrites, BC backward-incompatible, TX transaction safety, BP design, NM naming. The BP and NM rules
 * (`lint: true`) also lint a single schema with `lintSchema`. `docs/rules.md` is generated
 * from their metadata.
 *
 * @example
 * ```ts
 * for (const a of builtinAnalyzers) console.log(a.code, a.severity, a.title)
 * ```
 */
export const builtinAnalyzers: readonly Analyzer[] = [
  ...destructiveAnalyzers,
  ...objectAnalyzers,
  ...lossyTypeAnalyzers,
  ...dataDependentAnalyzers,
  ...dataDependentKeyAnalyzers,
  ...lockingAnalyzers,
  ...partitioningAnalyzers,
  ...constraintLockAnalyzers,
  ...partitionLockAnalyzers,
  ...postgresObjectAnalyzers,
  ...backwardIncompatibleAnalyzers,
  ...transactionAnalyzers,
  ...designAnalyzers,
  ...designTypeAnalyzers,
  ...designColumnAnalyzers,
  ...designLayoutAnalyzers,
  ...dialectSupportAnalyzers,
  ...namingAnalyzers,
  ...rowSecurityAnalyzers,
  ...routineAnalyzers,
  ...triggerAnalyzers,
  ...sequenceAnalyzers,
  ...materializedViewAnalyzers,
].sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0))
