import { InvalidOptionError } from '../errors.js'
import type { Analyzer } from './types.js'

/**
 * What {@link defineAnalyzer} takes: an {@link Analyzer} whose `enabledByDefault` may be left out (true).
 *
 * @example
 * ```ts
 * const definition: AnalyzerDefinition = { code: 'ACME001', title, dialects: 'all', severity: 'info', docs, analyze }
 * ```
 */
export type AnalyzerDefinition = Omit<Analyzer, 'enabledByDefault'> & { readonly enabledByDefault?: boolean }

const CODE = /^[A-Z]{2,}\d{3}$/
const SEVERITIES = new Set(['danger', 'warning', 'info'])

/**
 * Builds an impact rule: checks its code (`DS003`, `ACME001`: capital letters then three digits),
 * severity and documentation, and fills `enabledByDefault`. Pass the result to
 * `analyzeImpact(diff, { rules: { add: [...] } })`.
 *
 * @example
 * ```ts
 * const noDropTable = defineAnalyzer({
 *   code: 'ACME001', title: 'Tables are never dropped here', dialects: 'all', severity: 'danger',
 *   docs: { bad: 'DROP TABLE users', why: 'Our auditors need every table.', fix: 'Rename it to *_archived.' },
 *   analyze: (change) => change.kind === 'drop_table'
 *     ? { message: `${change.path} is dropped`, explanation: 'Policy forbids drops.', fix: { description: 'Archive it.' } }
 *     : undefined,
 * })
 * ```
 */
export function defineAnalyzer(definition: AnalyzerDefinition): Analyzer {
  const where = `analyzer ${JSON.stringify(definition.code)}`
  if (!CODE.test(definition.code)) {
    throw new InvalidOptionError(
      'rules.add',
      `${where}: a code is two or more capital letters and three digits, like ACME001`,
    )
  }
  if (!SEVERITIES.has(definition.severity)) {
    throw new InvalidOptionError('rules.add', `${where}: severity must be danger, warning or info`)
  }
  if (definition.dialects !== 'all' && definition.dialects.length === 0) {
    throw new InvalidOptionError('rules.add', `${where}: dialects must be 'all' or name at least one dialect`)
  }
  if (
    !definition.title.trim() ||
    !definition.docs.bad.trim() ||
    !definition.docs.why.trim() ||
    !definition.docs.fix.trim()
  ) {
    throw new InvalidOptionError('rules.add', `${where}: title and docs (bad, why, fix) must not be empty`)
  }
  return Object.freeze({ ...definition, enabledByDefault: definition.enabledByDefault ?? true })
}
