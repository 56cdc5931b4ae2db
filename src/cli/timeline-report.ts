import { describeChange } from '../diff/describe-change.js'
import type { Timeline, TimelineStep } from '../sources/replay-migrations.js'

// The `history` command's outputs: text and Markdown of a whole timeline, and one JSON line per step
// (streamed as the replay goes) with a last line that says how it ended.

const shortHash = (hash: string) => hash.slice(0, 12)
const when = (step: TimelineStep) => (step.time ? step.time.replace('T', ' ').replace(/:\d\dZ$/, '') : '')

/**
 * One JSON object per step, for `--format json` (one line each).
 *
 * @example
 * ```ts
 * io.write(`${JSON.stringify(stepJson(step))}\n`)
 * ```
 */
export function stepJson(step: TimelineStep): Record<string, unknown> {
  return {
    type: 'step',
    index: step.index,
    name: step.name,
    file: step.file,
    time: step.time ?? null,
    hash: step.hash,
    changes: step.diff.changes.map((c) => ({ kind: c.kind, path: c.path, title: describeChange(c).title })),
    findings: step.findings.map((f) => ({
      code: f.code,
      severity: f.severity,
      path: f.change.path,
      message: f.message,
    })),
    notes: step.notes,
  }
}

/**
 * The last JSON line of `--format json`: the layout, how many migrations replayed, and the failure.
 *
 * @example
 * ```ts
 * io.write(`${JSON.stringify(endJson(timeline))}\n`)
 * ```
 */
export function endJson(timeline: Timeline): Record<string, unknown> {
  const failure = timeline.failure
  return {
    type: 'end',
    layout: timeline.layout,
    dialect: timeline.dialect,
    steps: timeline.steps.length,
    total: timeline.total,
    failure: failure
      ? {
          migration: failure.migration,
          file: failure.error.file,
          line: failure.error.line,
          statement: failure.error.statement,
          message: failure.error.engineMessage,
        }
      : null,
  }
}

const headline = (dir: string, t: Timeline) =>
  `${dir}: ${t.total} migration${t.total === 1 ? '' : 's'} (${t.layout} layout), replayed on ${t.dialect}`

/**
 * The timeline as text: one block per migration with its changes and findings.
 *
 * @example
 * ```ts
 * io.write(formatTimelineText('prisma/migrations', timeline))
 * ```
 */
export function formatTimelineText(dir: string, timeline: Timeline): string {
  const lines = [headline(dir, timeline), '']
  for (const step of timeline.steps) {
    lines.push(`${step.index}. ${step.name}${step.time ? `  ${when(step)}` : ''}  ${shortHash(step.hash)}`)
    if (step.diff.changes.length === 0) lines.push('   (no schema change)')
    for (const change of step.diff.changes) lines.push(`   ${describeChange(change).title}`)
    for (const f of step.findings) lines.push(`   [${f.severity}] ${f.code} ${f.change.path}: ${f.message}`)
  }
  if (timeline.failure) {
    const e = timeline.failure.error
    lines.push('', `stopped at ${timeline.failure.migration}: ${e.file}:${e.line}: ${e.engineMessage}`)
  }
  return `${lines.join('\n')}\n`
}

const code = (text: string) => `\`${text.replace(/`/g, "'")}\``

/**
 * The timeline as Markdown: a heading per migration, its changes and findings as lists.
 *
 * @example
 * ```ts
 * io.write(formatTimelineMarkdown('prisma/migrations', timeline))
 * ```
 */
export function formatTimelineMarkdown(dir: string, timeline: Timeline): string {
  const lines = [`# History of ${code(dir)}`, '', `${headline(dir, timeline)}.`]
  for (const step of timeline.steps) {
    lines.push('', `## ${step.index}. ${code(step.name)}`, '')
    lines.push(
      [step.time ? when(step) : undefined, code(step.file), `sha256 ${code(shortHash(step.hash))}`]
        .filter(Boolean)
        .join(' · '),
    )
    lines.push('')
    if (step.diff.changes.length === 0) lines.push('- no schema change')
    for (const change of step.diff.changes) lines.push(`- ${code(describeChange(change).title)}`)
    for (const f of step.findings)
      lines.push(`- **${f.severity}** ${code(f.code)} ${code(f.change.path)}: ${f.message}`)
  }
  if (timeline.failure) {
    const e = timeline.failure.error
    lines.push(
      '',
      `**Stopped** at ${code(timeline.failure.migration)}: ${code(`${e.file}:${e.line}`)}: ${e.engineMessage}`,
    )
  }
  return `${lines.join('\n')}\n`
}
