import { describeChange } from '../diff/describe-change.js'
import { diffSchemas } from '../diff/diff-schemas.js'
import type { DiffOptions, SchemaDiff } from '../diff/types.js'
import { parseSchema } from '../model/parse-schema.js'
import type { Schema } from '../model/types.js'

/** A parsed {@link Schema}, or any document `parseSchema` accepts. */
export type SchemaLike = Schema | Record<string, unknown>

/**
 * Thrown by {@link assertSchemaEqual}. Test runners show `message`; `diff` holds the changes as data.
 */
export class AssertionError extends Error {
  /** The changes that take `expected` to `actual`. */
  readonly diff: SchemaDiff
  readonly actual: Schema
  readonly expected: Schema

  constructor(message: string, diff: SchemaDiff, actual: Schema, expected: Schema) {
    super(message)
    this.name = 'AssertionError'
    this.diff = diff
    this.actual = actual
    this.expected = expected
  }
}

function isParsedSchema(value: SchemaLike): value is Schema {
  const tables = (value as { tables?: unknown }).tables
  return (
    Array.isArray(tables) &&
    Array.isArray((value as { enums?: unknown }).enums) &&
    tables.every(
      (t) =>
        Array.isArray(t?.columns) &&
        t.columns.every((c: { type?: { kind?: unknown } }) => typeof c?.type?.kind === 'string'),
    )
  )
}

/** Parses a document, or returns a schema that is already parsed. @internal */
export function toSchema(value: SchemaLike): Schema {
  return isParsedSchema(value) ? value : parseSchema(value)
}

/**
 * The readable explanation of how `actual` differs from `expected`: a summary line, then one line per
 * change (grouped by table, with `field: expected -> actual` details), then any rename candidates.
 * @internal
 */
export function explainDifference(diff: SchemaDiff): string {
  const s = diff.summary
  const counts = (label: string, c: { added: number; removed: number; renamed: number; altered: number }) => {
    const bits = [
      c.added && `+${c.added}`,
      c.removed && `-${c.removed}`,
      c.renamed && `>${c.renamed}`,
      c.altered && `~${c.altered}`,
    ].filter(Boolean)
    return bits.length > 0 ? `${label} ${bits.join(' ')}` : undefined
  }
  const summary = [
    counts('tables', s.tables),
    counts('columns', s.columns),
    counts('constraints', s.constraints),
    counts('indexes', s.indexes),
    counts('enums', s.enums),
  ].filter(Boolean)
  const lines = [`Schemas differ: ${s.total} change${s.total === 1 ? '' : 's'} (${summary.join(', ')})`, '']
  for (const change of diff.changes) {
    const { title, details } = describeChange(change)
    lines.push(`  ${title}`)
    for (const d of details) lines.push(`      ${d}`)
  }
  if (diff.renameCandidates.length > 0) {
    lines.push('', '  Possible renames (not applied):')
    for (const c of diff.renameCandidates) {
      const where = c.table ? `${c.table}.` : ''
      lines.push(`    ${where}${c.from} -> ${c.to} (score ${c.score}: ${c.reasons.join(', ')})`)
    }
  }
  lines.push('', '  (+ present in actual only, - present in expected only, ~ differs: expected -> actual)')
  return lines.join('\n')
}

/**
 * Asserts that two schemas describe the same database (spelling differences such as `int4` vs
 * `integer` do not count). On failure throws an {@link AssertionError} whose message lists every
 * difference readably: what `actual` has that `expected` lacks, and each field as
 * `expected -> actual`.
 *
 * @example
 * ```ts
 * import { assertSchemaEqual } from 'schemaledger/testing'
 * assertSchemaEqual(await introspect(db), parseSchema(expectedDoc))
 * ```
 */
export function assertSchemaEqual(
  actual: SchemaLike,
  expected: SchemaLike,
  options: DiffOptions & { message?: string } = {},
): void {
  const a = toSchema(actual)
  const e = toSchema(expected)
  const diff = diffSchemas(e, a, options)
  if (diff.changes.length === 0) return
  const explanation = explainDifference(diff)
  throw new AssertionError(options.message ? `${options.message}\n${explanation}` : explanation, diff, a, e)
}
