import type { SchemaDiff } from '../diff/types.js'
import { SEVERITIES } from '../impact/severities.js'
import type { Finding, Severity } from '../impact/types.js'
import { toSQL } from '../sql/to-sql.js'
import { type ChangeTreeNode, toTree } from '../visual/to-tree.js'
import { placeFindings } from './findings-by-change.js'
import { mdCode, mdFence, mdTable, mdText } from './markdown-text.js'
import type { ReportOptions } from './report-options.js'
import { findingsText, summarizeReport } from './report-summary.js'
import { suppressionSentence } from './suppression-text.js'
import { UNMODELLED_HEADING, unmodelledRows } from './unmodelled-rows.js'

/** Severity badges: a coloured emoji and the word, so they read without images or colour. */
const BADGE: Readonly<Record<Severity, string>> = {
  danger: '🔴 **DANGER**',
  warning: '🟠 **WARNING**',
  info: '🔵 **INFO**',
}

const NONE: Readonly<Record<Severity, number>> = { danger: 0, warning: 0, info: 0 }

const isObject = (n: ChangeTreeNode) => n.kind !== 'detail' && n.kind !== 'hint'

/** The Details cell: `field: before -> after` lines and possible renames, as code. */
function detailsCell(n: ChangeTreeNode): string {
  return n.children
    .filter((c) => !isObject(c))
    .map((c) =>
      c.kind === 'hint' ? `❓ ${mdCode(c.label)}` : mdCode(c.status === 'changed' ? c.label : `${c.status} ${c.label}`),
    )
    .join('<br>')
}

function findingItem(f: Finding): string {
  const lines = [
    `- ${f.suppressed ? '🔕 suppressed · ' : ''}${BADGE[f.severity]} ${mdCode(f.code)} ${mdCode(f.change.path)}: ${mdText(f.message)}`,
    ...(f.suppressed ? [`  - ${mdText(suppressionSentence(f))}`] : []),
    `  - Why: ${mdText(f.explanation)}`,
    `  - Instead: ${mdText(f.fix.description)}`,
  ]
  if (f.fix.sql && f.fix.sql.length > 0) {
    const fence = mdFence(f.fix.sql.map((s) => `${s};`).join('\n'), 'sql')
    lines.push('', ...fence.split('\n').map((l) => `    ${l}`))
  }
  return lines.join('\n')
}

/** One section: a heading, a changes table, then the findings about those changes. */
function section(heading: string, rows: readonly ChangeTreeNode[], findings: readonly Finding[]): string[] {
  const table = mdTable(
    ['', 'Change', 'Details'],
    ['center', 'left', 'left'],
    rows.map((n) => [n.status, mdCode(n.label), detailsCell(n)]),
  )
  const out = [heading, '', table]
  if (findings.length > 0) out.push('', '**Findings**', '', ...findings.map(findingItem))
  return out
}

/**
 * A Markdown report of a diff, ready to paste as a pull-request comment: a summary table of changes
 * by object kind and findings by severity, a section per table with a changes table (every altered
 * field as `before -> after`) and the findings about it with text severity badges, a table of what
 * either side holds that the schemas cannot (side, kind, name, why), then the up SQL in a fenced
 * block and the down SQL in a collapsed `<details>` block.
 *
 * @example
 * ```ts
 * const body = formatMarkdown(diff, { findings, migration, title: 'Schema changes in this PR' })
 * await octokit.rest.issues.createComment({ owner, repo, issue_number, body })
 * ```
 */
export function formatMarkdown(diff: SchemaDiff, options: ReportOptions = {}): string {
  const tree = toTree(diff)
  const summary = summarizeReport(diff, tree, options.findings)
  const placed = placeFindings(tree, options.findings)
  const out = [`## ${mdText(options.title ?? 'Schema changes')}`, '']
  if (summary.changes === 0) {
    out.push('No changes.')
  } else {
    const found = SEVERITIES.filter((s) => summary.findings[s] > 0)
    const counts =
      found.length > 0
        ? found
            .map((s) => `${BADGE[s].split(' ')[0]} **${findingsText({ ...NONE, [s]: summary.findings[s] })}**`)
            .join(' · ')
        : 'none'
    out.push(
      `**${summary.changes} change${summary.changes === 1 ? '' : 's'}**${options.findings ? ` · findings: ${counts}` : ''}${summary.suppressed > 0 ? ` · 🔕 ${summary.suppressed} suppressed` : ''}`,
      '',
      mdTable(
        ['', 'Added', 'Changed', 'Removed', 'Renamed'],
        ['left', 'right', 'right', 'right', 'right'],
        summary.rows
          .filter((r) => r.added + r.changed + r.removed + r.renamed > 0)
          .map((r) => [r.label, String(r.added), String(r.changed), String(r.removed), String(r.renamed)]),
      ),
    )
    const enums = tree.children.filter((n) => n.kind === 'enum')
    if (enums.length > 0) out.push('', ...section('### Enums', enums, enums.flatMap(placed.of)))
    for (const table of tree.children.filter((n) => n.kind === 'table')) {
      const members = table.children.filter(isObject)
      // A table-level change (comment, rename) is a row of its own, above its members.
      const rows = table.changes.length > 0 && table.status !== 'added' && table.status !== 'removed' ? [table] : []
      const heading = `### Table ${mdCode(table.name)} (${table.status})`
      const findings = [table, ...members].flatMap(placed.of)
      out.push('', ...section(heading, [...rows, ...members], findings))
    }
    const objects = tree.children.filter((n) => n.kind === 'object')
    if (objects.length > 0)
      out.push('', ...section('### Views, routines and other objects', objects, objects.flatMap(placed.of)))
    if (placed.unplaced.length > 0) {
      out.push('', '### Findings about changes not in this diff', '', ...placed.unplaced.map(findingItem))
    }
  }
  const unmodelled = unmodelledRows(options.unmodelled)
  if (unmodelled.length > 0) {
    out.push('', `### ${UNMODELLED_HEADING}`, '')
    out.push(
      mdTable(
        ['Side', 'Kind', 'Name', 'Why'],
        ['left', 'left', 'left', 'left'],
        unmodelled.map((u) => [u.side, u.kind, mdCode(u.name), mdText(u.why)]),
      ),
    )
  }
  const m = options.migration
  if (m) {
    out.push('', `### Migration (${mdText(m.dialect)})`, '', mdFence(toSQL(m), 'sql'))
    out.push('', '<details>', '<summary>Down migration (rollback)</summary>', '')
    out.push(mdFence(toSQL(m, { direction: 'down' }), 'sql'), '', '</details>')
  }
  return `${out.join('\n')}\n`
}
