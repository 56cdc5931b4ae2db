import type { RenameCandidate } from '../diff/types.js'
import { SEVERITIES } from '../impact/severities.js'
import type { Finding, Severity } from '../impact/types.js'
import { mdCode, mdFence, mdTable, mdText } from './markdown-text.js'
import { findingsText } from './report-summary.js'
import { suppressionSentence, suppressionText, unsuppressed } from './suppression-text.js'
import { paint, wrap } from './text-tree.js'

/**
 * The severity at which `lint` fails (exit 2), or `none` to report without failing.
 *
 * @example
 * ```ts
 * const failOn: FailOn = 'danger'
 * ```
 */
export type FailOn = Severity | 'none'

/**
 * What `lint` found, ready to render: what was linted, for which engine, the findings and the gate.
 *
 * @example
 * ```ts
 * const result: LintResult = { documents: ['v1.json', 'v2.json'], dialect: 'postgres', findings, failOn: 'danger' }
 * ```
 */
export interface LintResult {
  /** The linted documents: `[from, to]` for a change, `[doc]` for one schema. */
  readonly documents: readonly string[]
  readonly dialect: string
  /** The engine version the rules assumed (`PostgreSQL 15`) and whether it was assumed. */
  readonly version?: { readonly label: string; readonly assumed: boolean }
  readonly findings: readonly Finding[]
  readonly failOn: FailOn
  /** Renames the diff only suspected: confirming one lints the rename instead of a drop and an add. */
  readonly possibleRenames?: readonly RenameCandidate[]
}

/**
 * The flag that confirms a possible rename.
 *
 * @example
 * ```ts
 * renameFlag({ target: 'column', table: 'posts', from: 'content', to: 'body', ... }) // '--rename posts.content=body'
 * ```
 */
export function renameFlag(c: RenameCandidate): string {
  return c.target === 'table' ? `--rename-table ${c.from}=${c.to}` : `--rename ${c.table}.${c.from}=${c.to}`
}

const openRenames = (r: LintResult) => (r.possibleRenames ?? []).filter((c) => !c.applied)

const RANK: Readonly<Record<Severity, number>> = { danger: 0, warning: 1, info: 2 }
const EMOJI: Readonly<Record<Severity, string>> = { danger: '🔴', warning: '🟠', info: '🔵' }

/**
 * The findings at or above the `--fail-on` severity (none for `none`).
 *
 * @example
 * ```ts
 * const code = failing(findings, 'warning').length > 0 ? ExitCode.changes : ExitCode.ok
 * ```
 */
export function failing(findings: readonly Finding[], failOn: FailOn): Finding[] {
  return failOn === 'none' ? [] : unsuppressed(findings).filter((f) => RANK[f.severity] <= RANK[failOn])
}

/**
 * Findings ordered worst first; within a severity they keep the analysis order (the diff's order).
 *
 * @example
 * ```ts
 * bySeverity(findings)[0].severity // 'danger'
 * ```
 */
export function bySeverity(findings: readonly Finding[]): Finding[] {
  return findings
    .map((f, i) => ({ f, i }))
    .sort((a, b) => RANK[a.f.severity] - RANK[b.f.severity] || a.i - b.i)
    .map(({ f }) => f)
}

/** The object a finding is about: its own path (lintSchema) or the path of its change. */
const where = (f: Finding) => f.path ?? f.change.path

/** Counts by severity of the findings that count (suppressed ones apart). */
const countOf = (all: readonly Finding[]) => {
  const findings = unsuppressed(all)
  return {
    danger: findings.filter((f) => f.severity === 'danger').length,
    warning: findings.filter((f) => f.severity === 'warning').length,
    info: findings.filter((f) => f.severity === 'info').length,
  }
}

const suppressedCount = (findings: readonly Finding[]) => findings.length - unsuppressed(findings).length

const severityCount = (s: Severity, n: number) => `${n} ${s}${s === 'warning' && n !== 1 ? 's' : ''}`

const target = (r: LintResult) => (r.version ? `${r.version.label}${r.version.assumed ? ' (assumed)' : ''}` : r.dialect)

function verdict(r: LintResult): string {
  if (r.failOn === 'none') return 'Not gating (--fail-on none).'
  const n = failing(r.findings, r.failOn).length
  return n > 0
    ? `Failed: ${n} finding${n === 1 ? '' : 's'} at or above ${r.failOn} (--fail-on ${r.failOn}).`
    : `Passed: no findings at or above ${r.failOn}.`
}

/**
 * The terminal report of `lint`: a heading, the findings grouped by severity (code, path, message,
 * why with `explain`, the safe alternative and its SQL), and the verdict of the gate.
 *
 * @example
 * ```ts
 * io.write(formatLintText(result, { color: false, width: 80 }))
 * ```
 */
export function formatLintText(
  r: LintResult,
  options: { readonly color: boolean; readonly width: number; readonly explain?: boolean },
): string {
  const { color, width } = options
  const lines = [paint(`schemaledger lint: ${r.documents.join(' -> ')} on ${target(r)}`, 'bold', color), '']
  if (r.findings.length === 0) lines.push('No findings.')
  const sorted = bySeverity(r.findings)
  for (const severity of SEVERITIES) {
    const group = sorted.filter((f) => f.severity === severity)
    if (group.length === 0) continue
    lines.push(paint(`${severity.toUpperCase()} (${group.length})`, severity, color))
    for (const f of group) {
      const note = suppressionText(f)
      lines.push(`  ${paint(f.code, note ? 'hint' : severity, color)} ${where(f)}${note ? ' [suppressed]' : ''}`)
      lines.push(...wrap(f.message, 4, 6, width))
      if (note) lines.push(...wrap(note, 4, 6, width).map((l) => paint(l, 'hint', color)))
      if (options.explain) lines.push(...wrap(`why: ${f.explanation}`, 4, 6, width))
      lines.push(...wrap(`fix: ${f.fix.description}`, 4, 6, width))
      for (const sql of f.fix.sql ?? []) lines.push(`      ${sql};`)
    }
    lines.push('')
  }
  if (r.findings.length === 0) lines.push('')
  const renames = openRenames(r)
  if (renames.length > 0) {
    lines.push(...wrap('Possible renames (a rename keeps the data; confirm one to lint it as a rename):', 0, 2, width))
    for (const c of renames) lines.push(`  ${renameFlag(c)}  (score ${c.score})`)
    lines.push('')
  }
  const n = r.findings.length
  const hidden = suppressedCount(r.findings)
  const counts =
    n === 0
      ? ''
      : `${n} finding${n === 1 ? '' : 's'}: ${findingsText(countOf(r.findings))}${hidden > 0 ? `, ${hidden} suppressed` : ''}. `
  const gate = verdict(r)
  const style = gate.startsWith('Failed') ? 'danger' : 'bold'
  lines.push(...wrap(`${counts}${gate}`, 0, 0, width).map((l) => paint(l, style, color)))
  return `${lines.join('\n')}\n`
}

/**
 * The pull-request comment of `lint`: the verdict and counts, a table of every finding (worst first),
 * then each finding with its why, the safe alternative and its SQL.
 *
 * @example
 * ```ts
 * writeFileSync('lint.md', formatLintMarkdown(result))
 * ```
 */
export function formatLintMarkdown(r: LintResult): string {
  const failed = r.failOn !== 'none' && failing(r.findings, r.failOn).length > 0
  const status = r.failOn === 'none' ? 'report' : failed ? '❌ failed' : '✅ passed'
  const counts = countOf(r.findings)
  const out = [
    `### schemaledger lint: ${status}`,
    '',
    [
      `${r.documents.map(mdCode).join(' → ')} on ${mdText(target(r))}`,
      ...SEVERITIES.map((s) => `${EMOJI[s]} ${severityCount(s, counts[s])}`),
      ...(suppressedCount(r.findings) > 0 ? [`🔕 ${suppressedCount(r.findings)} suppressed`] : []),
      ...(r.failOn === 'none' ? [] : [`fails at ${mdCode(r.failOn)}`]),
    ].join(' · '),
  ]
  const renames = openRenames(r)
  if (renames.length > 0) {
    const flags = renames.map((c) => `${mdCode(renameFlag(c))} (score ${c.score})`).join(', ')
    out.push('', `Possible renames (confirm one to lint it as a rename): ${flags}`)
  }
  const sorted = bySeverity(r.findings)
  if (sorted.length === 0) {
    out.push('', 'No findings.')
    return `${out.join('\n')}\n`
  }
  out.push(
    '',
    mdTable(
      ['Severity', 'Code', 'Where', 'Finding'],
      ['left', 'left', 'left', 'left'],
      sorted.map((f) => [
        `${f.suppressed ? '🔕 suppressed ' : ''}${EMOJI[f.severity]} ${f.severity}`,
        mdCode(f.code),
        mdCode(where(f)),
        mdText(f.message),
      ]),
    ),
    '',
    '<details><summary>Why, and what to do instead</summary>',
    '',
  )
  for (const f of sorted) {
    out.push(
      `- ${f.suppressed ? '🔕 suppressed · ' : ''}${EMOJI[f.severity]} ${mdCode(f.code)} ${mdCode(where(f))}: ${mdText(f.message)}`,
      ...(f.suppressed ? [`  - ${mdText(suppressionSentence(f))}`] : []),
      `  - Why: ${mdText(f.explanation)}`,
      `  - Instead: ${mdText(f.fix.description)}`,
    )
    if (f.fix.sql && f.fix.sql.length > 0) {
      const fence = mdFence(f.fix.sql.map((s) => `${s};`).join('\n'), 'sql')
      out.push('', ...fence.split('\n').map((l) => `    ${l}`))
    }
  }
  out.push('', '</details>')
  return `${out.join('\n')}\n`
}

/**
 * The machine contract of `lint` (`schemaledger-lint/1`): fixed key order, findings worst first,
 * two-space indent, final newline; the same input gives the same bytes.
 *
 * @example
 * ```ts
 * const { passed, findings } = JSON.parse(formatLintJson(result))
 * ```
 */
export function formatLintJson(r: LintResult): string {
  const counts = countOf(r.findings)
  const document = {
    format: 'schemaledger-lint/1',
    documents: r.documents,
    dialect: r.dialect,
    version: r.version ? { label: r.version.label, assumed: r.version.assumed } : null,
    failOn: r.failOn,
    passed: failing(r.findings, r.failOn).length === 0,
    summary: { ...counts, total: r.findings.length, suppressed: suppressedCount(r.findings) },
    findings: bySeverity(r.findings).map((f) => ({
      code: f.code,
      severity: f.severity,
      path: where(f),
      change: { kind: f.change.kind, path: f.change.path },
      message: f.message,
      explanation: f.explanation,
      fix: { description: f.fix.description, sql: f.fix.sql ?? [] },
      dialect: f.dialect,
      phase: f.phase ?? null,
      suppressed: f.suppressed
        ? { path: f.suppressed.path, reason: f.suppressed.reason, until: f.suppressed.until ?? null }
        : null,
    })),
    possibleRenames: openRenames(r).map((c) => ({
      target: c.target,
      ...(c.table !== undefined ? { table: c.table } : {}),
      from: c.from,
      to: c.to,
      score: c.score,
      flag: renameFlag(c),
    })),
  }
  return `${JSON.stringify(document, null, 2)}\n`
}
