import type { RuleCase } from './rule-case-kit.js'
import { appCases } from './rule-cases-app.js'
import { dataCases } from './rule-cases-data.js'
import { designCases } from './rule-cases-design.js'
import { lockCases } from './rule-cases-locks.js'
import { objectChangeCases } from './rule-cases-object-changes.js'
import { objectCases } from './rule-cases-objects.js'
import { partitionCases } from './rule-cases-partitions.js'
import { postgresObjectCases } from './rule-cases-postgres-objects.js'
import { securityCases } from './rule-cases-security.js'

export type { RuleCase } from './rule-case-kit.js'

/** Every rule case, in catalogue order. */
export const ruleCases: readonly RuleCase[] = [
  ...dataCases,
  ...lockCases,
  ...partitionCases,
  ...appCases,
  ...designCases,
  ...securityCases,
  ...objectCases,
  ...postgresObjectCases,
  ...objectChangeCases,
]
