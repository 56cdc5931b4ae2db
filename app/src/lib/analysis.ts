import { diffSchemas, type RenameCandidate, type Schema, type SchemaDiff } from 'schemaledger'
import { analyzeImpact, type ImpactReport } from 'schemaledger/impact'
import { type DialectName, type Migration, type PhasedMigration, planMigration } from 'schemaledger/sql'
import { type ChangeTreeNode, toTree } from 'schemaledger/visual'

/**
 * Renames the user accepted, in the shape `diffSchemas` takes as `renames`.
 *
 * @example
 * ```ts
 * const renames: AcceptedRenames = { tables: {}, columns: { 'posts.content': 'body' } }
 * ```
 */
export interface AcceptedRenames {
  readonly tables: Readonly<Record<string, string>>
  readonly columns: Readonly<Record<string, string>>
}

/**
 * Everything the panels show for one pair of versions, computed by the library; a step that the
 * library refuses (a dialect that cannot express the change) carries its error message instead.
 *
 * @example
 * ```ts
 * const a = analyze(v1, v2, { dialect: 'postgres', renames: { tables: {}, columns: {} } })
 * a.diff.summary.total // 15
 * ```
 */
export interface Analysis {
  readonly from: Schema
  readonly to: Schema
  readonly dialect: DialectName
  readonly diff: SchemaDiff
  readonly tree: ChangeTreeNode
  readonly impact: ImpactReport
  /** The planned migration (up and down), or why the dialect cannot express it. */
  readonly migration:
    | { readonly ok: true; readonly value: PhasedMigration }
    | { readonly ok: false; readonly error: string }
  /** Why the accepted renames were left out, when they do not fit these documents. */
  readonly renameError?: string
}

/**
 * Options of {@link analyze}.
 *
 * @example
 * ```ts
 * const options: AnalyzeOptions = { dialect: 'sqlite', renames: { tables: {}, columns: {} } }
 * ```
 */
export interface AnalyzeOptions {
  readonly dialect: DialectName
  readonly renames: AcceptedRenames
}

const message = (error: unknown) => (error instanceof Error ? error.message : String(error))

/**
 * Runs the library's pipeline on two schemas: diff (with the accepted renames), change tree, impact
 * analysis and migration plan for one dialect.
 *
 * @example
 * ```ts
 * const { diff, impact, migration } = analyze(v1, v2, { dialect: 'postgres', renames: { tables: {}, columns: {} } })
 * ```
 */
export function analyze(from: Schema, to: Schema, options: AnalyzeOptions): Analysis {
  let diff: SchemaDiff
  let renameError: string | undefined
  try {
    diff = diffSchemas(from, to, { renames: options.renames })
  } catch (error) {
    // A hint that does not fit these documents: show the plain diff and say why.
    renameError = message(error)
    diff = diffSchemas(from, to)
  }
  let migration: Analysis['migration']
  try {
    migration = { ok: true, value: planMigration(diff, { dialect: options.dialect, from, to, phases: true }) }
  } catch (error) {
    migration = { ok: false, error: message(error) }
  }
  return {
    from,
    to,
    dialect: options.dialect,
    diff,
    tree: toTree(diff),
    impact: analyzeImpact(diff, { dialect: options.dialect, from, to }),
    migration,
    ...(renameError === undefined ? {} : { renameError }),
  }
}

/**
 * The up/down migration without the phase split: what the reports show, exactly what
 * `planMigration(diff, { dialect, from, to })` returns.
 *
 * @example
 * ```ts
 * const migration = plainMigration(analysis) // undefined when the dialect refused the change
 * ```
 */
export function plainMigration(analysis: Analysis): Migration | undefined {
  if (!analysis.migration.ok) return undefined
  const { dialect, up, down } = analysis.migration.value
  return { dialect, up, down }
}

/**
 * The rename hint that accepts a candidate.
 *
 * @example
 * ```ts
 * acceptRename(none, { target: 'column', table: 'posts', from: 'content', to: 'body', ... })
 * // { tables: {}, columns: { 'posts.content': 'body' } }
 * ```
 */
export function acceptRename(renames: AcceptedRenames, candidate: RenameCandidate): AcceptedRenames {
  if (candidate.target === 'table') return { ...renames, tables: { ...renames.tables, [candidate.from]: candidate.to } }
  return { ...renames, columns: { ...renames.columns, [`${candidate.table}.${candidate.from}`]: candidate.to } }
}

/**
 * The accepted renames without one of them (`table:old` or `column:table.old`).
 *
 * @example
 * ```ts
 * withoutRename(renames, 'column:posts.content')
 * ```
 */
export function withoutRename(renames: AcceptedRenames, key: string): AcceptedRenames {
  const [target, name] = [key.slice(0, key.indexOf(':')), key.slice(key.indexOf(':') + 1)]
  const pick = (record: Readonly<Record<string, string>>) =>
    Object.fromEntries(Object.entries(record).filter(([k]) => k !== name))
  return target === 'table'
    ? { ...renames, tables: pick(renames.tables) }
    : { ...renames, columns: pick(renames.columns) }
}

/**
 * The accepted renames as a list for people: `{ key, text }`, tables first.
 *
 * @example
 * ```ts
 * listRenames(renames) // [{ key: 'column:posts.content', text: 'posts.content -> body' }]
 * ```
 */
export function listRenames(renames: AcceptedRenames): { key: string; text: string }[] {
  return [
    ...Object.entries(renames.tables).map(([from, to]) => ({ key: `table:${from}`, text: `table ${from} -> ${to}` })),
    ...Object.entries(renames.columns).map(([from, to]) => ({
      key: `column:${from}`,
      text: `column ${from} -> ${to}`,
    })),
  ]
}
