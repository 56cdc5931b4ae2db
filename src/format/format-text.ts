import type { SchemaDiff } from '../diff/types.js'
import { toSQL } from '../sql/to-sql.js'
import { type ChangeTreeNode, toTree } from '../visual/to-tree.js'
import type { ReportOptions } from './report-options.js'
import { countsText, findingsText, summarizeReport } from './report-summary.js'
import { MARKERS, paint, renderTreeText, wrap } from './text-tree.js'
import { UNMODELLED_HEADING, unmodelledRows } from './unmodelled-rows.js'

/**
 * Options of {@link formatText}.
 *
 * @example
 * ```ts
 * const options: TextReportOptions = { findings, migration, color: process.stdout.isTTY, width: process.stdout.columns }
 * ```
 */
export interface TextReportOptions extends ReportOptions {
  /** ANSI colours. Default false: the caller decides (TTY, `NO_COLOR`); the text reads the same without. */
  readonly color?: boolean
  /** Wrap prose at this many columns (SQL is never wrapped). Default 80. */
  readonly width?: number
}

/**
 * A terminal report of a diff: a summary line (`tables +1 ~2, columns +5 ~3 -1, ...`) and the
 * findings by severity, then one tree per enum and table with `+` added, `-` removed, `~` changed and
 * `>` renamed markers, `field: before -> after` for every altered field, possible renames (`?`),
 * each finding (`!`) with its fix under the change it concerns, what either side holds that the
 * schemas cannot (`[from]`, `[to]` or `[both]`, with why), and the up SQL of the migration.
 *
 * @example
 * ```ts
 * const diff = diffSchemas(v1, v2)
 * const { findings } = analyzeImpact(diff, { dialect: 'postgres', from: v1 })
 * const migration = planMigration(diff, { dialect: 'postgres', from: v1, to: v2 })
 * console.log(formatText(diff, { findings, migration, color: process.stdout.isTTY && !process.env.NO_COLOR }))
 * // 15 changes: tables +1 ~2, columns +5 ~3 -1, constraints +1 ~1 -1, indexes +1, enums +1
 * // findings: 1 danger, 2 warnings, 4 info
 * //
 * // + enum user_role (admin, member, guest)
 * // ...
 * ```
 */
export function formatText(diff: SchemaDiff, options: TextReportOptions = {}): string {
  const { color, findings } = options
  const width = options.width ?? 80
  const tree = toTree(diff)
  const summary = summarizeReport(diff, tree, findings)
  const lines: string[] = []
  if (options.title) lines.push(paint(options.title, 'bold', color), '')
  if (summary.changes === 0) {
    lines.push('No changes.')
  } else {
    const counts = summary.rows.map(countsText).filter(Boolean).join(', ')
    const head = `${summary.changes} change${summary.changes === 1 ? '' : 's'}: ${counts}`
    lines.push(...wrap(head, 0, 2, width).map((l) => paint(l, 'bold', color)))
  }
  const suppressed = summary.suppressed > 0 ? `; ${summary.suppressed} suppressed` : ''
  if (findings) lines.push(...wrap(`findings: ${findingsText(summary.findings)}${suppressed}`, 0, 2, width))
  if (summary.changes > 0) {
    const body = renderTreeText(tree, { ...options, ...(findings ? { findings } : {}) })
    const used = new Set<string>()
    const visit = (n: ChangeTreeNode): void => {
      used.add(n.kind === 'hint' ? '?' : n.kind === 'detail' ? '' : MARKERS[n.status])
      n.children.forEach(visit)
    }
    tree.children.forEach(visit)
    if (findings && findings.length > 0) used.add('!')
    const legend = [
      ['+', 'added'],
      ['-', 'removed'],
      ['~', 'changed'],
      ['>', 'renamed'],
      ['?', 'possible rename'],
      ['!', 'finding'],
    ].filter(([m]) => used.has(m ?? ''))
    const key = `(${legend.map(([m, w]) => `${m} ${w}`).join(', ')})`
    lines.push('', ...body, '', ...wrap(key, 0, 1, width).map((l) => paint(l, 'hint', color)))
  }
  const unmodelled = unmodelledRows(options.unmodelled)
  if (unmodelled.length > 0) {
    lines.push('', paint(`${UNMODELLED_HEADING}:`, 'bold', color))
    for (const u of unmodelled) lines.push(...wrap(`[${u.side}] ${u.kind} ${u.name}: ${u.why}`, 2, 6, width))
  }
  if (options.migration) lines.push('', toSQL(options.migration).trimEnd())
  return `${lines.join('\n')}\n`
}
