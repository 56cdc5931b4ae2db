import { diffSchemas } from '../dialects/diff-schemas.js'
import type { DiffOptions, SchemaDiff } from '../diff/types.js'
import { countsText, summarizeReport } from '../format/report-summary.js'
import { renderTreeText } from '../format/text-tree.js'
import { parseSchema } from '../model/parse-schema.js'
import type { Schema } from '../model/types.js'
import { toTree } from '../visual/to-tree.js'

/** A parsed {@link Schema}, or any document `parseSchema` accepts. */
export type SchemaLike = Schema | Record<string, unknown>

/**
 * Thrown by {@link assertSchemaEqual}. Test runners show `message`; `diff` holds the changes as data.
 *
 * @example
 * ```ts
 * try {
 *   assertSchemaEqual(actual, expected)
 * } catch (e) {
 *   if (e instanceof AssertionError) console.log(e.diff.changes.map((c) => c.path))
 * }
 * ```
 */
export class AssertionError extends Error {
  /** The changes that take `expected` to `actual`. */
  readonly diff: SchemaDiff
  /** The schema under test, parsed. */
  readonly actual: Schema
  /** The schema it should equal, parsed. */
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
 * The readable explanation of how `actual` differs from `expected`: a summary line, then the change
 * tree (grouped by table, with `field: expected -> actual` details and possible renames), drawn by
 * the same renderer as the text report.
 * @internal
 */
export function explainDifference(diff: SchemaDiff): string {
  const tree = toTree(diff)
  const counts = summarizeReport(diff, tree).rows.map(countsText).filter(Boolean).join(', ')
  const s = diff.summary
  return [
    `Schemas differ: ${s.total} change${s.total === 1 ? '' : 's'} (${counts})`,
    '',
    ...renderTreeText(tree, { indent: 2, width: 100 }),
    '',
    '  (+ present in actual only, - present in expected only, ~ differs: expected -> actual, > renamed, ? possible rename)',
  ].join('\n')
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
