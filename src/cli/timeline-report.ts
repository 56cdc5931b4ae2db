import { describeChange } from '../diff/describe-change.js'
import type { Timeline, TimelineStep } from '../sources/replay-migrations.js'
import type { GitStep, GitStepError, GitTimeline } from './git-timeline.js'

// The `history` command's outputs: text and Markdown of a whole timeline (a replayed migration folder
// or a file's git history), and one JSON line per step (streamed as the replay goes) with a last line
// that says how it ended.

/** A replayed migration folder, or the git history of a schema file. */
export type AnyTimeline = Timeline | GitTimeline

/** A step, or (in a git history) a commit that did not read, in the order of the history. */
export type TimelineEntry =
  | { readonly kind: 'step'; readonly index: number; readonly step: TimelineStep | GitStep }
  | { readonly kind: 'error'; readonly index: number; readonly error: GitStepError }

/**
 * The steps and the skipped commits of a timeline, by position.
 *
 * @example
 * ```ts
 * for (const entry of timelineEntries(timeline)) if (entry.kind === 'error') console.log(entry.error.message)
 * ```
 */
export function timelineEntries(timeline: AnyTimeline): TimelineEntry[] {
  const steps: TimelineEntry[] = timeline.steps.map((step) => ({ kind: 'step', index: step.index, step }))
  const errors: TimelineEntry[] =
    'source' in timeline ? timeline.errors.map((error) => ({ kind: 'error', index: error.index, error })) : []
  return [...steps, ...errors].sort((a, b) => a.index - b.index)
}

const isGitStep = (step: TimelineStep | GitStep): step is GitStep => 'sha' in step

/** A step's title: the migration's name, or the commit's short hash and subject. */
export const stepTitle = (step: TimelineStep | GitStep) =>
  isGitStep(step) ? `${step.name} ${step.subject}` : step.name

const shortHash = (hash: string) => hash.slice(0, 12)
const when = (step: { readonly time?: string | undefined }) =>
  step.time ? step.time.replace('T', ' ').replace(/:\d\dZ$/, '') : ''
/** `file:line` of a commit that did not read (the line when the engine gave one). */
const where = (e: GitStepError) => (e.line !== undefined ? `${e.file}:${e.line}` : e.file)

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
    ...(isGitStep(step) ? { commit: step.sha, subject: step.subject } : {}),
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
 * The JSON line of a commit whose schema file did not read (`--git`): skipped, with why.
 *
 * @example
 * ```ts
 * io.write(`${JSON.stringify(errorJson(error))}\n`)
 * ```
 */
export function errorJson(error: GitStepError): Record<string, unknown> {
  return {
    type: 'error',
    index: error.index,
    name: error.commit,
    commit: error.sha,
    subject: error.subject,
    time: error.time,
    file: error.file,
    line: error.line ?? null,
    statement: error.statement ?? null,
    message: error.message,
  }
}

/**
 * The last JSON line of `--format json`: the layout, how many migrations replayed, and the failure
 * (with `--git`: what the path holds, how many commits read, and how many were skipped).
 *
 * @example
 * ```ts
 * io.write(`${JSON.stringify(endJson(timeline))}\n`)
 * ```
 */
export function endJson(timeline: AnyTimeline): Record<string, unknown> {
  if ('source' in timeline) {
    return {
      type: 'end',
      source: 'git',
      path: timeline.path,
      kind: timeline.kind,
      layout: timeline.layout ?? null,
      dialect: timeline.dialect,
      steps: timeline.steps.length,
      total: timeline.total,
      errors: timeline.errors.length,
    }
  }
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

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`

const WHAT: Readonly<Record<GitTimeline['kind'], string>> = {
  document: 'a JSON document',
  sql: 'a .sql file',
  folder: 'a migration folder',
}

/**
 * The first line of a history report: what was read, how, and how much of it.
 *
 * @example
 * ```ts
 * timelineHeadline('prisma/migrations', timeline) // 'prisma/migrations: 44 migrations (prisma layout), replayed on postgres'
 * ```
 */
export function timelineHeadline(dir: string, t: AnyTimeline): string {
  if ('source' in t) {
    const what =
      t.layout && t.kind === 'folder'
        ? `${WHAT.folder} (${t.layout} layout)`
        : t.layout === 'rails'
          ? `a Rails db/structure.sql`
          : WHAT[t.kind]
    const skipped = t.errors.length > 0 ? `, ${t.errors.length} skipped` : ''
    return `${dir}: ${plural(t.total, 'commit')} in git history, ${what} read on ${t.dialect}${skipped}`
  }
  if (t.layout === 'rails') return `${dir}: its db/structure.sql (rails layout), read on ${t.dialect}`
  return `${dir}: ${plural(t.total, 'migration')} (${t.layout} layout), replayed on ${t.dialect}`
}

/**
 * The timeline as text: one block per migration with its changes and findings.
 *
 * @example
 * ```ts
 * io.write(formatTimelineText('prisma/migrations', timeline))
 * ```
 */
export function formatTimelineText(dir: string, timeline: AnyTimeline): string {
  const lines = [timelineHeadline(dir, timeline), '']
  for (const entry of timelineEntries(timeline)) {
    if (entry.kind === 'error') {
      const e = entry.error
      lines.push(`${e.index}. ${e.commit} ${e.subject}  ${when(e)}`)
      lines.push(`   ! ${where(e)}: ${e.message} (commit skipped)`)
      continue
    }
    const { step } = entry
    lines.push(`${step.index}. ${stepTitle(step)}${step.time ? `  ${when(step)}` : ''}  ${shortHash(step.hash)}`)
    if (step.diff.changes.length === 0) lines.push('   (no schema change)')
    for (const change of step.diff.changes) lines.push(`   ${describeChange(change).title}`)
    for (const f of step.findings) lines.push(`   [${f.severity}] ${f.code} ${f.change.path}: ${f.message}`)
  }
  if ('failure' in timeline && timeline.failure) {
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
export function formatTimelineMarkdown(dir: string, timeline: AnyTimeline): string {
  const lines = [`# History of ${code(dir)}`, '', `${timelineHeadline(dir, timeline)}.`]
  for (const entry of timelineEntries(timeline)) {
    if (entry.kind === 'error') {
      const e = entry.error
      lines.push('', `## ${e.index}. ${code(e.commit)} ${e.subject}`, '', [when(e), code(e.file)].join(' · '), '')
      lines.push(`- **skipped**: ${code(where(e))}: ${e.message}`)
      continue
    }
    const { step } = entry
    lines.push('', `## ${step.index}. ${code(step.name)}${isGitStep(step) ? ` ${step.subject}` : ''}`, '')
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
  if ('failure' in timeline && timeline.failure) {
    const e = timeline.failure.error
    lines.push(
      '',
      `**Stopped** at ${code(timeline.failure.migration)}: ${code(`${e.file}:${e.line}`)}: ${e.engineMessage}`,
    )
  }
  return `${lines.join('\n')}\n`
}
