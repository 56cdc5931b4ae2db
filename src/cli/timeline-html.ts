import { describeChange } from '../diff/describe-change.js'
import type { SchemaChange } from '../diff/types.js'
import { REPORT_CSS } from '../format/html-assets.js'
import { findingCard, htmlPage } from '../format/html-page.js'
import { SEVERITIES } from '../impact/severities.js'
import type { TimelineStep } from '../sources/replay-migrations.js'
import { escapeXml as esc } from '../visual/escape-xml.js'
import type { GitStep, GitStepError } from './git-timeline.js'
import { noteLine } from './read-sql-document.js'
import { type AnyTimeline, timelineEntries, timelineHeadline } from './timeline-report.js'

// `history --format html`: the timeline as one self-contained page in the style of the diff report
// (its stylesheet, the same badges and finding cards), one section per step, with a filter.

/** How a change shows: added, removed, renamed or changed, as the diff report colours them. */
function statusOf(change: SchemaChange): 'added' | 'removed' | 'renamed' | 'changed' {
  if (/^(create|add)_/.test(change.kind)) return 'added'
  if (/^drop_/.test(change.kind)) return 'removed'
  if (/^rename_/.test(change.kind)) return 'renamed'
  return 'changed'
}

const MARK = { added: '+', removed: '−', renamed: '>', changed: '~' } as const

const when = (time: string | undefined) => (time ? time.replace('T', ' ').replace(/:\d\dZ$/, ' UTC') : '')

function stepHtml(step: TimelineStep | GitStep): string {
  const git = 'sha' in step ? step : undefined
  const titles = step.diff.changes.map((c) => ({ status: statusOf(c), title: describeChange(c).title }))
  const search = [step.name, git?.subject ?? '', step.file, ...titles.map((t) => t.title)]
    .concat(step.findings.map((f) => `${f.code} ${f.message}`))
    .join(' ')
    .toLowerCase()
  const meta = [
    step.time ? `<time datetime="${esc(step.time)}">${esc(when(step.time))}</time>` : '',
    git ? `commit <code title="${esc(git.sha)}">${esc(git.name)}</code>` : '',
    `<code>${esc(step.file)}</code>`,
    `sha256 <code title="${esc(step.hash)}">${esc(step.hash.slice(0, 12))}</code>`,
  ].filter(Boolean)
  return [
    `<li class="step" id="step-${step.index}" data-changes="${titles.length}" data-findings="${step.findings.length}" data-search="${esc(search)}">`,
    `<h3><a class="index" href="#step-${step.index}">${step.index}.</a> <code>${esc(step.name)}</code>${git ? ` ${esc(git.subject)}` : ''}</h3>`,
    `<p class="meta">${meta.join(' · ')}</p>`,
    titles.length > 0
      ? `<ul class="changes">${titles.map((t) => `<li class="s-${t.status}"><span class="mark m-${t.status}" title="${t.status}">${MARK[t.status]}</span><span class="mono">${esc(t.title.replace(/^[-+~>]\s/, ''))}</span></li>`).join('')}</ul>`
      : '<p class="empty">No schema change.</p>',
    step.findings.length > 0
      ? `<div class="findings">${step.findings.map((f) => findingCard(f, 'h4')).join('')}</div>`
      : '',
    step.notes.length > 0
      ? `<ul class="notes">${step.notes.map((n) => `<li class="mono">${esc(noteLine(n))}</li>`).join('')}</ul>`
      : '',
    '</li>',
  ].join('\n')
}

function skippedHtml(e: GitStepError): string {
  const where = e.line !== undefined ? `${e.file}:${e.line}` : e.file
  return [
    `<li class="step skipped" id="step-${e.index}" data-changes="0" data-findings="0" data-search="${esc(`${e.commit} ${e.subject} ${e.file} ${e.message}`.toLowerCase())}">`,
    `<h3><a class="index" href="#step-${e.index}">${e.index}.</a> <code>${esc(e.commit)}</code> ${esc(e.subject)} <span class="badge danger">skipped</span></h3>`,
    `<p class="meta"><time datetime="${esc(e.time)}">${esc(when(e.time))}</time> · commit <code title="${esc(e.sha)}">${esc(e.commit)}</code></p>`,
    `<p class="error"><code>${esc(where)}</code>: ${esc(e.message)}</p>`,
    e.statement ? `<pre><code>${esc(e.statement)}</code></pre>` : '',
    '</li>',
  ].join('\n')
}

const TIMELINE_CSS = `
.timeline { list-style: none; padding: 0; margin: 0; }
.step { border: 1px solid var(--line); border-left-width: 4px; border-radius: 6px; padding: 8px 12px; margin-bottom: 10px; }
.step[hidden] { display: none; }
.step[data-changes="0"] { border-left-color: var(--line); }
.step:not([data-changes="0"]) { border-left-color: var(--renamed); }
.step:not([data-findings="0"]) { border-left-color: var(--changed); }
.step.skipped { border-left-color: var(--removed); }
.step h3 { font-size: 15px; margin: 0 0 4px; font-weight: 600; }
.step h3 .index { color: var(--muted); text-decoration: none; margin-right: 4px; }
.step .meta { color: var(--muted); margin: 0 0 6px; }
.changes, .notes { list-style: none; margin: 4px 0; padding: 0; }
.changes li { padding: 1px 0; }
.notes { color: var(--muted); }
.findings { margin-top: 6px; }
.finding h4 { font-size: 13px; margin: 0 0 4px; font-weight: 600; }
.error { color: var(--removed); }
.failure { border: 1px solid var(--removed); border-radius: 6px; padding: 8px 12px; }
`

// The filter: text, "only steps that change the schema", "only with findings". Nothing is fetched.
const TIMELINE_JS = `
(() => {
  const text = document.getElementById('step-filter');
  const onlyChanges = document.getElementById('only-changes');
  const onlyFindings = document.getElementById('only-findings');
  const steps = Array.from(document.querySelectorAll('#timeline > li'));
  const count = document.getElementById('step-count');
  const none = document.getElementById('no-step');
  function apply() {
    const words = text.value.toLowerCase().split(/\\s+/).filter(Boolean);
    let shown = 0;
    for (const step of steps) {
      const ok = (!onlyChanges.checked || step.dataset.changes !== '0')
        && (!onlyFindings.checked || step.dataset.findings !== '0')
        && words.every((w) => step.dataset.search.includes(w));
      step.hidden = !ok;
      if (ok) shown++;
    }
    count.textContent = shown + ' of ' + steps.length + ' shown';
    none.hidden = shown > 0;
  }
  text.addEventListener('input', apply);
  onlyChanges.addEventListener('change', apply);
  onlyFindings.addEventListener('change', apply);
  apply();
})();
`

/**
 * `history --format html`: the timeline as a self-contained page (inline style and script, nothing
 * fetched) with one section per step (its changes, findings and notes), the commits that were
 * skipped, how a replay stopped, and a filter by text, by "changes the schema" and by "has findings".
 *
 * @example
 * ```ts
 * await writeOutput(io, formatTimelineHtml('prisma/migrations', timeline), values.output)
 * ```
 */
export function formatTimelineHtml(dir: string, timeline: AnyTimeline): string {
  const entries = timelineEntries(timeline)
  const findings = timeline.steps.flatMap((s) => s.findings)
  const changed = timeline.steps.filter((s) => s.diff.changes.length > 0).length
  const bySeverity = SEVERITIES.map((s) => [s, findings.filter((f) => f.severity === s).length] as const)
    .filter(([, n]) => n > 0)
    .map(([s, n]) => `<span class="badge ${s}">${n} ${s}</span>`)
  const skipped = 'source' in timeline ? timeline.errors.length : 0
  const failure = 'failure' in timeline ? timeline.failure : undefined
  const title = `History of ${dir}`
  const body = [
    `<header><h1>${esc(title)}</h1>`,
    `<p class="summary">${esc(timelineHeadline(dir, timeline))}</p>`,
    `<ul class="counts"><li>${timeline.steps.length} step${timeline.steps.length === 1 ? '' : 's'}</li><li>${changed} changing the schema</li><li>findings: ${bySeverity.length > 0 ? bySeverity.join(' ') : 'none'}</li>${skipped > 0 ? `<li class="n-removed">${skipped} skipped</li>` : ''}</ul>`,
    '</header>',
    '<section id="steps"><h2>Steps</h2>',
    '<div class="filters" role="search">',
    '<input id="step-filter" type="search" placeholder="Filter by name, table, code…" aria-label="Filter steps">',
    '<label><input type="checkbox" id="only-changes"> only steps that change the schema</label>',
    '<label><input type="checkbox" id="only-findings"> only with findings</label>',
    `<output id="step-count">${entries.length} of ${entries.length} shown</output>`,
    '</div>',
    entries.length > 0
      ? `<ol class="timeline" id="timeline">\n${entries.map((e) => (e.kind === 'step' ? stepHtml(e.step) : skippedHtml(e.error))).join('\n')}\n</ol>`
      : '<ol class="timeline" id="timeline"></ol><p class="empty">No step.</p>',
    '<p id="no-step" class="empty" hidden>No step matches the filter.</p>',
    '</section>',
    failure
      ? `<section id="failure" class="failure"><h2>Stopped at <code>${esc(failure.migration)}</code></h2><p class="error"><code>${esc(`${failure.error.file}:${failure.error.line}`)}</code>: ${esc(failure.error.engineMessage)}</p><pre><code>${esc(failure.error.statement)}</code></pre></section>`
      : '',
    '<footer>Generated by schemaledger.</footer>',
  ]
  return htmlPage({ title, css: REPORT_CSS + TIMELINE_CSS, body, script: TIMELINE_JS })
}
