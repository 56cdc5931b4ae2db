import { defineSchema, diffSchemas } from '../../../src/index.js'
import type { CalibrationCase } from './build.js'

/** The renames a diff applied, written as a case's `expected`. */
export function appliedRenames(c: CalibrationCase, threshold?: number): string[] {
  const diff = diffSchemas(defineSchema(c.from), defineSchema(c.to), {
    inferRenames: 'apply',
    ...(threshold === undefined ? {} : { renameThreshold: threshold }),
  })
  return diff.changes.flatMap((x) =>
    x.kind === 'rename_table'
      ? [`table ${x.from}>${x.table}`]
      : x.kind === 'rename_column'
        ? [`column ${x.table}.${x.from}>${x.column}`]
        : [],
  )
}

/** Counts of one run over the set. */
export interface Tally {
  readonly cases: number
  /** Renames made that a person made. */
  readonly truePositives: number
  /** Renames made that no person made. */
  readonly falsePositives: number
  /** Renames a person made that the diff did not. */
  readonly falseNegatives: number
  /** Renames that happened. */
  readonly expected: number
}

/** Precision of applied renames (1 when none was applied). */
export const precision = (t: Tally) =>
  t.truePositives + t.falsePositives === 0 ? 1 : t.truePositives / (t.truePositives + t.falsePositives)

/** Recall of applied renames (1 when none was expected). */
export const recall = (t: Tally) => (t.expected === 0 ? 1 : t.truePositives / t.expected)

/** The mistakes of one case. */
export interface Miss {
  readonly case: string
  readonly falsePositives: readonly string[]
  readonly falseNegatives: readonly string[]
}

/** Runs every case at `threshold` (the default when absent): the tally overall and by pattern, and the misses. */
export function measure(
  cases: readonly CalibrationCase[],
  threshold?: number,
): { total: Tally; byPattern: Map<string, Tally>; misses: Miss[] } {
  const zero = (): { -readonly [K in keyof Tally]: number } => ({
    cases: 0,
    truePositives: 0,
    falsePositives: 0,
    falseNegatives: 0,
    expected: 0,
  })
  const total = zero()
  const byPattern = new Map<string, ReturnType<typeof zero>>()
  const misses: Miss[] = []
  for (const c of cases) {
    const applied = new Set(appliedRenames(c, threshold))
    const expected = new Set(c.expected)
    const fp = [...applied].filter((r) => !expected.has(r))
    const fn = [...expected].filter((r) => !applied.has(r))
    const tp = applied.size - fp.length
    const row = byPattern.get(c.pattern) ?? zero()
    byPattern.set(c.pattern, row)
    for (const t of [total, row]) {
      t.cases++
      t.truePositives += tp
      t.falsePositives += fp.length
      t.falseNegatives += fn.length
      t.expected += expected.size
    }
    if (fp.length > 0 || fn.length > 0)
      misses.push({ case: `${c.pattern}: ${c.name}`, falsePositives: fp, falseNegatives: fn })
  }
  return { total, byPattern, misses }
}
