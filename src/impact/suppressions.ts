import { InvalidOptionError } from '../errors.js'
import type { Finding, Severity } from './types.js'

/**
 * A finding accepted after review: the rule code, the object path it is accepted on (a glob: `*`
 * stands for any characters within one dotted part, `**` for any characters), why, and optionally
 * the last day (`YYYY-MM-DD`, UTC) it holds.
 *
 * @example
 * ```ts
 * const s: Suppression = { code: 'DS003', path: 'audit_*.*', reason: 'audit tables are rebuilt nightly', until: '2027-01-31' }
 * ```
 */
export interface Suppression {
  readonly code: string
  readonly path: string
  readonly reason: string
  readonly until?: string
}

/**
 * How a finding was suppressed: the suppression's path pattern, reason and expiry. Suppressed
 * findings stay in every report, marked, and do not count towards a failing gate.
 *
 * @example
 * ```ts
 * const note: FindingSuppression = { path: 'users.email', reason: 'backfilled by job 42' }
 * ```
 */
export interface FindingSuppression {
  readonly path: string
  readonly reason: string
  readonly until?: string
}

/**
 * The code of the finding an expired suppression becomes, its metadata for `docs/rules.md`.
 *
 * @example
 * ```ts
 * findings.filter((f) => f.code === EXPIRED_SUPPRESSION.code)
 * ```
 */
export const EXPIRED_SUPPRESSION = {
  code: 'SP001',
  title: 'Suppression expired',
  severity: 'warning' as Severity,
  docs: {
    bad: '{"code": "DS003", "path": "users.email", "reason": "backfill first", "until": "2026-01-31"} (today is later)',
    why:
      'A suppression with an expiry date was accepted for a while only. After that day the findings it matched are ' +
      'reported again, unsuppressed, and this finding says which suppression ran out, so the gate fails where the ' +
      'acceptance was meant to be reviewed. An expired suppression that matches nothing in a run is not reported.',
    fix: 'Fix what the findings point at, or review the suppression and give it a later `until` date.',
  },
} as const

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/

/**
 * Whether `text` is a real calendar date written `YYYY-MM-DD`.
 *
 * @example
 * ```ts
 * isCalendarDate('2026-02-30') // false
 * ```
 */
export function isCalendarDate(text: string): boolean {
  const m = DATE.exec(text)
  if (!m) return false
  const date = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])))
  return date.toISOString().slice(0, 10) === text
}

const globCache = new Map<string, RegExp>()

/**
 * Whether an object path (`users.email`, `billing.invoices.ix_due`) matches a suppression's path
 * glob: `*` is any characters except `.`, `**` any characters; the whole path must match.
 *
 * @example
 * ```ts
 * pathMatches('audit_*.*', 'audit_log.created_at') // true
 * pathMatches('users.*', 'users') // false
 * ```
 */
export function pathMatches(glob: string, path: string): boolean {
  let re = globCache.get(glob)
  if (!re) {
    const source = glob
      .split('**')
      .map((part) =>
        part
          .split('*')
          .map((s) => s.replace(/[\\^$.|?+()[\]{}]/g, '\\$&'))
          .join('[^.]*'),
      )
      .join('.*')
    re = new RegExp(`^${source}$`)
    globCache.set(glob, re)
  }
  return re.test(path)
}

/** The object a finding is about: its own path (lintSchema) or its change's. */
const subject = (f: Finding) => f.path ?? f.change.path

/**
 * Applies suppressions to findings: a finding matched by a suppression in force (same code, its path
 * matching the glob) comes back marked `suppressed`, never removed. A suppression whose `until` is
 * before `today` suppresses nothing; when it matches findings, one {@link EXPIRED_SUPPRESSION}
 * finding is added after them. The order of the findings is kept. Throws `InvalidOptionError` for a
 * malformed suppression.
 *
 * @example
 * ```ts
 * const marked = applySuppressions(findings, [{ code: 'DS003', path: 'users.*', reason: 'reviewed' }], { today: '2026-12-06' })
 * marked.filter((f) => !f.suppressed) // what still counts
 * ```
 */
export function applySuppressions(
  findings: readonly Finding[],
  suppressions: readonly Suppression[],
  options: { readonly today?: string } = {},
): Finding[] {
  if (suppressions.length === 0) return [...findings]
  const today = options.today ?? new Date().toISOString().slice(0, 10)
  if (!isCalendarDate(today)) throw new InvalidOptionError('today', `expected a date as YYYY-MM-DD, got "${today}"`)
  suppressions.forEach((s, i) => {
    const where = `suppressions[${i}]`
    if (typeof s.code !== 'string' || !s.code) throw new InvalidOptionError(`${where}.code`, 'a rule code is required')
    if (typeof s.path !== 'string' || !s.path)
      throw new InvalidOptionError(`${where}.path`, 'an object path is required')
    if (typeof s.reason !== 'string' || !s.reason.trim())
      throw new InvalidOptionError(`${where}.reason`, 'say why the finding is accepted')
    if (s.until !== undefined && !isCalendarDate(s.until))
      throw new InvalidOptionError(`${where}.until`, `expected a date as YYYY-MM-DD, got "${s.until}"`)
  })
  const expired = (s: Suppression) => s.until !== undefined && s.until < today
  const revived = new Map<Suppression, Finding[]>()
  const out = findings.map((f) => {
    const match = suppressions.find((s) => s.code === f.code && pathMatches(s.path, subject(f)))
    if (!match || f.suppressed) return f
    if (expired(match)) {
      revived.set(match, [...(revived.get(match) ?? []), f])
      return f
    }
    const suppressed: FindingSuppression = {
      path: match.path,
      reason: match.reason,
      ...(match.until !== undefined ? { until: match.until } : {}),
    }
    return { ...f, suppressed }
  })
  for (const [s, matched] of revived) {
    const first = matched[0] as Finding
    const n = matched.length
    out.push({
      code: EXPIRED_SUPPRESSION.code,
      severity: EXPIRED_SUPPRESSION.severity,
      change: first.change,
      path: subject(first),
      message: `The suppression of ${s.code} on ${s.path} expired on ${s.until} ("${s.reason}"); the ${n === 1 ? 'finding it matched is' : `${n} findings it matched are`} reported again.`,
      explanation: EXPIRED_SUPPRESSION.docs.why,
      fix: { description: EXPIRED_SUPPRESSION.docs.fix },
      dialect: first.dialect,
      ...(first.phase ? { phase: first.phase } : {}),
    })
  }
  return out
}
