import type { TimelineStep } from '../sources/replay-migrations.js'
import type { SchemaStore } from '../storage/store-types.js'
import type { GitStep } from './git-timeline.js'

/** The message a saved step carries; re-running finds the steps already saved by it. */
const stepMessage = (step: TimelineStep | GitStep) =>
  'sha' in step
    ? `commit ${step.sha.slice(0, 12)} ${step.subject} (sha256 ${step.hash.slice(0, 12)})`
    : `migration ${step.name} (sha256 ${step.hash.slice(0, 12)})`

/**
 * Saves every step of a timeline (a replayed folder, or a file's git history) as a version of `name`,
 * oldest first, with the migration's time (the commit's author date) as its date. Steps saved by an earlier run (same migration, same file hash) are skipped, and a step
 * that leaves the schema as it was (a data migration) adds no version: re-running after new
 * migrations adds only theirs.
 *
 * @example
 * ```ts
 * const { added, versions } = await saveTimeline(store, 'shop', timeline)
 * ```
 */
export async function saveTimeline(
  store: SchemaStore,
  name: string,
  timeline: { readonly steps: readonly (TimelineStep | GitStep)[] },
): Promise<{ added: number; skipped: number; unchanged: number; versions: number }> {
  const saved = new Set((await store.history(name).catch(() => [])).map((v) => v.message))
  let added = 0
  let skipped = 0
  let unchanged = 0
  for (const step of timeline.steps) {
    // A data migration leaves the schema as the step before it did: no version of its own.
    if (step.diff.changes.length === 0) {
      unchanged++
      continue
    }
    const message = stepMessage(step)
    if (saved.has(message)) {
      skipped++
      continue
    }
    await store.save(name, step.schema, { message, ...(step.time ? { createdAt: step.time } : {}) })
    added++
  }
  return { added, skipped, unchanged, versions: (await store.history(name).catch(() => [])).length }
}
