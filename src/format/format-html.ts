import type { SchemaDiff } from '../diff/types.js'
import { SEVERITIES } from '../impact/severities.js'
import type { Finding } from '../impact/types.js'
import type { Schema } from '../model/types.js'
import { toSQL } from '../sql/to-sql.js'
import { escapeXml as esc } from '../visual/escape-xml.js'
import { toMermaid } from '../visual/to-mermaid.js'
import { type ChangeTreeNode, type TreeStatus, toTree } from '../visual/to-tree.js'
import { toTreeSvg } from '../visual/tree-svg.js'
import { placeFindings } from './findings-by-change.js'
import { REPORT_CSS, REPORT_JS } from './html-assets.js'
import { findingCard, htmlPage, severityBadge } from './html-page.js'
import type { ReportOptions } from './report-options.js'
import { findingsText, summarizeReport } from './report-summary.js'
import { MARKERS } from './text-tree.js'
import { UNMODELLED_HEADING, type UnmodelledRow, unmodelledRows } from './unmodelled-rows.js'

/**
 * Options of {@link formatHtml}.
 *
 * @example
 * ```ts
 * const options: HtmlReportOptions = { findings, migration, schema: v2, title: 'Release 42' }
 * ```
 */
export interface HtmlReportOptions extends ReportOptions {
  /** The schema the diff leads to; with it the report carries the Mermaid ER diagram source. */
  readonly schema?: Schema
}

const STATUSES: readonly TreeStatus[] = ['added', 'changed', 'removed', 'renamed']
const isObject = (n: ChangeTreeNode) => n.kind !== 'detail' && n.kind !== 'hint'

/** One row of the filterable list, and the table it belongs to (empty for enums and tables). */
interface Row {
  readonly node: ChangeTreeNode
  readonly where: string
}

/** The rows of the list: enums, table-level changes, then every changed object inside a table. */
function listRows(tree: ChangeTreeNode): Row[] {
  return tree.children.flatMap((top) => {
    if (top.kind !== 'table') return [{ node: top, where: '' }]
    const own = top.changes.length > 0 ? [{ node: top, where: '' }] : []
    // The objects of a created or dropped table are details of the table row, not rows of their own.
    if (top.status === 'added' || top.status === 'removed') return own
    return [...own, ...top.children.filter(isObject).map((node) => ({ node, where: top.name }))]
  })
}

function rowHtml(row: Row, findings: readonly Finding[]): string {
  const { node } = row
  const details = node.children.map((c) => {
    const text = isObject(c) ? `${MARKERS[c.status]} ${c.label}` : c.kind === 'hint' ? `? ${c.label}` : c.label
    return `<li class="mono${c.kind === 'hint' ? ' hint' : ''}">${esc(text)}</li>`
  })
  const search = [
    row.where,
    node.label,
    ...node.children.map((c) => c.label),
    ...findings.map((f) => `${f.code} ${f.message}`),
  ]
    .join(' ')
    .toLowerCase()
  return [
    `<li class="s-${node.status}" data-status="${node.status}" data-findings="${findings.length}" data-search="${esc(search)}">`,
    `<span class="mark m-${node.status}" title="${node.status}">${esc(MARKERS[node.status])}</span>`,
    row.where ? `<span class="where mono">${esc(row.where)}</span>` : '',
    `<span class="mono">${esc(node.label)}</span>`,
    details.length > 0 ? `<ul class="details">${details.join('')}</ul>` : '',
    findings.length > 0
      ? `<ul class="inline-findings">${findings.map((f) => `<li>${severityBadge(f)} <code>${esc(f.code)}</code> ${esc(f.message)}</li>`).join('')}</ul>`
      : '',
    '</li>',
  ].join('')
}

/** The table of what either side holds that the schemas cannot. */
function unmodelledSection(rows: readonly UnmodelledRow[]): string {
  const cells = rows.map(
    (u) =>
      `<tr data-side="${u.side}"><td>${u.side}</td><td>${esc(u.kind)}</td><td class="mono">${esc(u.name)}</td><td>${esc(u.why)}</td></tr>`,
  )
  return [
    `<section id="unmodelled"><h2>${UNMODELLED_HEADING}</h2>`,
    '<p>The databases (or SQL files) the two sides were read from hold these objects; the schemas cannot, so the diff does not see them.</p>',
    `<table class="unmodelled"><thead><tr><th>Side</th><th>Kind</th><th>Name</th><th>Why</th></tr></thead><tbody>\n${cells.join('\n')}\n</tbody></table>`,
    '</section>',
  ].join('\n')
}

const codeBlock = (id: string, code: string) =>
  `<div class="code"><button type="button" class="copy" data-copy="${id}">Copy</button><pre id="${id}"><code>${esc(code)}</code></pre></div>`

/**
 * A self-contained HTML report of a diff: one file with inline CSS and script and nothing external
 * (a Content-Security-Policy forbids every fetch). It has the summary, a list of changes filterable by
 * text, status and "has findings", the findings with explanations and safe alternatives, what either
 * side holds that the schemas cannot (side, kind, name, why), the change tree drawn as inline SVG, the up and down SQL with copy buttons, and the Mermaid source of the ER
 * diagram (when `schema` is given).
 *
 * @example
 * ```ts
 * writeFileSync('schema-report.html', formatHtml(diff, { findings, migration, schema: v2, title: 'Release 42' }))
 * ```
 */
export function formatHtml(diff: SchemaDiff, options: HtmlReportOptions = {}): string {
  const title = options.title ?? 'Schema changes'
  const tree = toTree(diff)
  const summary = summarizeReport(diff, tree, options.findings)
  const placed = placeFindings(tree, options.findings)
  const rows = listRows(tree)
  const findings = options.findings ?? []
  const counts = summary.rows
    .filter((r) => r.added + r.changed + r.removed + r.renamed > 0)
    .map((r) => {
      const n = (status: TreeStatus, v: number, mark: string) =>
        v ? ` <span class="n-${status}">${mark}${v}</span>` : ''
      return `<li>${r.label}${n('added', r.added, '+')}${n('changed', r.changed, '~')}${n('removed', r.removed, '−')}${n('renamed', r.renamed, '>')}</li>`
    })
  const bySeverity = SEVERITIES.filter((s) => summary.findings[s] > 0).map(
    (s) =>
      `<span class="badge ${s}">${findingsText({ danger: 0, warning: 0, info: 0, [s]: summary.findings[s] })}</span>`,
  )
  const statusCount = (s: TreeStatus) => rows.filter((r) => r.node.status === s).length
  const m = options.migration
  const unmodelled = unmodelledRows(options.unmodelled)
  const body = [
    `<header><h1>${esc(title)}</h1>`,
    `<p class="summary">${summary.changes} change${summary.changes === 1 ? '' : 's'}${options.findings ? ` · findings: ${bySeverity.length > 0 ? bySeverity.join(' ') : 'none'}${summary.suppressed > 0 ? ` <span class="badge suppressed">${summary.suppressed} suppressed</span>` : ''}` : ''}</p>`,
    counts.length > 0 ? `<ul class="counts">${counts.join('')}</ul>` : '',
    `<nav><a href="#changes">Changes</a>${options.findings ? '<a href="#findings">Findings</a>' : ''}${unmodelled.length > 0 ? '<a href="#unmodelled">Not compared</a>' : ''}<a href="#tree">Tree</a>${m ? '<a href="#sql">SQL</a>' : ''}<a href="#diagram">Diagram</a></nav>`,
    '</header>',
    '<section id="changes"><h2>Changes</h2>',
    '<div class="filters" role="search">',
    '<input id="filter-text" type="search" placeholder="Filter by name, type, code…" aria-label="Filter changes">',
    `<fieldset aria-label="Status">${STATUSES.map(
      (s) => `<label><input type="checkbox" name="status" value="${s}" checked> ${s} (${statusCount(s)})</label>`,
    ).join('')}</fieldset>`,
    `<label><input type="checkbox" id="filter-findings"> only with findings</label>`,
    `<output id="filter-count">${rows.length} of ${rows.length} shown</output>`,
    '</div>',
    rows.length > 0
      ? `<ol id="change-list">\n${rows.map((r) => rowHtml(r, placed.of(r.node))).join('\n')}\n</ol>`
      : '<p class="empty">No changes.</p>',
    '<p id="no-match" class="empty" hidden>No change matches the filter.</p>',
    '</section>',
    options.findings
      ? `<section id="findings"><h2>Findings</h2>\n${findings.length > 0 ? findings.map((f) => findingCard(f, 'h3')).join('\n') : '<p class="empty">No findings.</p>'}\n</section>`
      : '',
    unmodelled.length > 0 ? unmodelledSection(unmodelled) : '',
    `<section id="tree"><h2>Change tree</h2><div class="tree">${toTreeSvg(tree, { title: `${title}: change tree` })}</div></section>`,
    m
      ? [
          `<section id="sql"><h2>Migration SQL (${esc(m.dialect)})</h2>`,
          codeBlock('sql-up', toSQL(m)),
          `<details><summary>Down migration (rollback)</summary>${codeBlock('sql-down', toSQL(m, { direction: 'down' }))}</details>`,
          '</section>',
        ].join('\n')
      : '',
    '<section id="diagram"><h2>ER diagram (Mermaid source)</h2>',
    options.schema
      ? `<p>Render it with any Mermaid viewer (GitHub renders <code>mermaid</code> code blocks).</p>${codeBlock('mermaid-source', toMermaid(options.schema, { diff }))}`
      : '<p class="empty">Pass <code>schema</code> to formatHtml to include the ER diagram.</p>',
    '</section>',
    '<footer>Generated by schemaledger.</footer>',
  ]
  return htmlPage({ title, css: REPORT_CSS, body, script: REPORT_JS })
}
