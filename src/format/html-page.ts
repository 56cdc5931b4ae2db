import type { Finding } from '../impact/types.js'
import { escapeXml as esc } from '../visual/escape-xml.js'
import { suppressionSentence } from './suppression-text.js'

// The parts every self-contained HTML page of schemaledger shares (the diff report and the history
// timeline): the page shell with its Content-Security-Policy, the severity badge and the finding card.
// One copy, so the two pages cannot drift apart in safety or in look.

/**
 * A finding's severity badge, and a "suppressed" badge after it when a suppression matched. @internal
 *
 * @example
 * ```ts
 * `<li>${severityBadge(finding)} ${finding.message}</li>`
 * ```
 */
export const severityBadge = (f: Finding): string =>
  `<span class="badge ${esc(f.severity)}">${esc(f.severity)}</span>${f.suppressed ? ' <span class="badge suppressed">suppressed</span>' : ''}`

/**
 * A finding as a card: badge, code, path, message, why, the safer way and its SQL. `heading` is the
 * heading level the card's title takes on its page. @internal
 *
 * @example
 * ```ts
 * findings.map((f) => findingCard(f, 'h3')).join('\n')
 * ```
 */
export function findingCard(f: Finding, heading: 'h3' | 'h4'): string {
  const sql =
    f.fix.sql && f.fix.sql.length > 0 ? `<pre><code>${esc(f.fix.sql.map((s) => `${s};`).join('\n'))}</code></pre>` : ''
  return [
    `<article class="finding" data-severity="${esc(f.severity)}"${f.suppressed ? ' data-suppressed="true"' : ''}>`,
    `<${heading}>${severityBadge(f)} <code>${esc(f.code)}</code> <span class="path mono">${esc(f.change.path)}</span></${heading}>`,
    `<p>${esc(f.message)}</p>`,
    f.suppressed ? `<p class="suppressed">${esc(suppressionSentence(f))}</p>` : '',
    `<p class="why">${esc(f.explanation)}</p>`,
    `<p><strong>Instead:</strong> ${esc(f.fix.description)}</p>`,
    sql,
    '</article>',
  ]
    .filter(Boolean)
    .join('\n')
}

/**
 * One self-contained page: inline style and script, and a Content-Security-Policy that forbids every
 * fetch, so the file works offline, from file:// and as a CI artifact. @internal
 *
 * @example
 * ```ts
 * htmlPage({ title: 'Schema changes', css: REPORT_CSS, body: ['<h1>…</h1>'], script: REPORT_JS })
 * ```
 */
export function htmlPage(page: {
  readonly title: string
  readonly css: string
  readonly body: readonly string[]
  readonly script: string
}): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:">
<title>${esc(page.title)}</title>
<style>${page.css}</style>
</head>
<body>
<main>
${page.body.filter(Boolean).join('\n')}
</main>
<script>${page.script}</script>
</body>
</html>
`
}
