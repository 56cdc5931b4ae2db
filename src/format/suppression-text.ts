import type { Finding } from '../impact/types.js'

/**
 * How every report says that a finding was suppressed: `suppressed until 2027-01-31 (users.*): why`,
 * or undefined for a finding that was not.
 *
 * @example
 * ```ts
 * suppressionText({ ...finding, suppressed: { path: 'users.*', reason: 'reviewed in #42' } }) // 'suppressed (users.*): reviewed in #42'
 * ```
 */
export function suppressionText(f: Finding): string | undefined {
  const s = f.suppressed
  if (!s) return undefined
  return `suppressed${s.until ? ` until ${s.until}` : ''} (${s.path}): ${s.reason}`
}

/**
 * The findings that still count: suppressed ones are shown but never counted or gated on.
 *
 * @example
 * ```ts
 * unsuppressed(findings).filter((f) => f.severity === 'danger').length
 * ```
 */
export function unsuppressed(findings: readonly Finding[]): Finding[] {
  return findings.filter((f) => !f.suppressed)
}

/**
 * {@link suppressionText} as a sentence (`Suppressed until ...`), empty for a finding not suppressed.
 *
 * @example
 * ```ts
 * suppressionSentence(finding) // 'Suppressed (users.*): reviewed in #42'
 * ```
 */
export function suppressionSentence(f: Finding): string {
  const text = suppressionText(f)
  return text ? `S${text.slice(1)}` : ''
}
