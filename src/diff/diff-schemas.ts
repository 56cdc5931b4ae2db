import deepEqual from 'fast-deep-equal'
import { InvalidOptionError } from '../errors.js'
import type { Column, Schema, Table } from '../model/types.js'
import { diffEnums } from './diff-enums.js'
import { diffObjects } from './diff-objects.js'
import { diffTablePair, withPath } from './diff-table.js'
import { type MatchedPair, matchScope, type ScopeMatch } from './match-renames.js'
import { orderChanges } from './order-changes.js'
import { RewriteCounts } from './rename-rewrites.js'
import { columnContext, identicalClaimants, scoreColumnRename, scoreTableRename, uncontested } from './rename-score.js'
import { type RenameMaps, tableKey } from './semantic-keys.js'
import { orderCandidates, summarizeChanges } from './summarize-diff.js'
import { tableRenames } from './trigger-renames.js'
import type { DiffOptions, ResolvedDiffOptions, SchemaChange, SchemaDiff } from './types.js'

/**
 * The diff's core: {@link DiffOptions} with the naming conventions to recognize given, since the diff
 * knows no dialect. `diffSchemas` (src/dialects/diff-schemas.ts) supplies the built-in ones.
 * @internal
 */
export function diffSchemasWith(from: Schema, to: Schema, options: ResolvedDiffOptions): SchemaDiff {
  validateThreshold(options)
  const rewrites = countRewrites(from, to, options)
  const tables = matchScope<Table>({
    from: from.tables,
    to: to.tables,
    key: (t) => tableKey(t.schema, t.name),
    hints: tableHints(from, to, options),
    score: (f, t, dropped, added) =>
      scoreTableRename(f, t, {
        onlyPair: dropped.length === 1 && added.length === 1,
        uncontested: uncontested(f, t, dropped, added),
        claimants: identicalClaimants(f, t, dropped, added),
        rewrites,
      }),
    candidate: (f, t) => ({ target: 'table', from: f.name, to: t.name }),
    options,
  })
  const columnHints = columnHintsByTable(tables, options)
  const columnMatches = tables.pairs.map((pair) => {
    const hints = columnHints.get(pair.from)
    // An unrenamed table identical on both sides has no changes: any rename it takes part in (its own,
    // a column's, or one its foreign keys point at) would make the two sides differ. Its columns all
    // pair with themselves, which no later step needs to see.
    const unchanged = !pair.renamed && hints === undefined && deepEqual(pair.from, pair.to)
    const match = unchanged ? UNCHANGED : matchColumns(pair.from, pair.to, hints ?? new Map(), options, rewrites)
    return { pair, match, unchanged }
  })
  const renames: RenameMaps = {
    tables: new Map(
      tables.pairs.filter((p) => p.renamed).map((p) => [tableKey(p.from.schema, p.from.name), p.to.name]),
    ),
    // Only tables with renamed columns: a missing entry reads as "no renames".
    columns: new Map(
      columnMatches.flatMap(({ pair, match }) => {
        const renamed = match.pairs.filter((p) => p.renamed)
        if (renamed.length === 0) return []
        return [[tableKey(pair.from.schema, pair.from.name), new Map(renamed.map((p) => [p.from.name, p.to.name]))]]
      }),
    ),
  }
  // A literal cast to an enum type of either version is the literal (PostgreSQL adds such casts).
  const expressions = { enums: [...from.enums, ...to.enums] }
  const changes: SchemaChange[] = [...diffEnums(from.enums, to.enums)]
  for (const t of tables.dropped) changes.push(withPath({ kind: 'drop_table', ...scopeOf(t), before: t }))
  for (const t of tables.added) changes.push(withPath({ kind: 'create_table', ...scopeOf(t), after: t }))
  for (const { pair, match, unchanged } of columnMatches) {
    if (unchanged) continue
    if (pair.renamed) {
      changes.push(
        withPath({
          kind: 'rename_table',
          ...scopeOf(pair.to),
          from: pair.from.name,
          before: pair.from,
          after: pair.to,
        }),
      )
    }
    changes.push(...diffTablePair(pair.from, pair.to, match, renames, options, expressions))
  }
  changes.push(...diffObjects(from, to, options, undefined, tableRenames(changes)))
  const ordered = orderChanges(changes)
  const candidates = orderCandidates([...tables.candidates, ...columnMatches.flatMap((m) => m.match.candidates)])
  return { changes: ordered, renameCandidates: candidates, summary: summarizeChanges(ordered) }
}

/**
 * The name rewrites of every pair that could be a rename (tables only in `from` x tables only in `to`;
 * in each table pair, its columns only in `from` x its columns only in `to`), for the shared-rewrite
 * evidence. Not counted when renames are not inferred.
 */
function countRewrites(from: Schema, to: Schema, options: DiffOptions): RewriteCounts | undefined {
  if (options.inferRenames === 'off') return undefined
  const rewrites = new RewriteCounts()
  const key = (t: Table) => tableKey(t.schema, t.name)
  const toByKey = new Map(to.tables.map((t) => [key(t), t]))
  const fromKeys = new Set(from.tables.map(key))
  const dropped = from.tables.filter((t) => !toByKey.has(key(t)))
  const added = to.tables.filter((t) => !fromKeys.has(key(t)))
  const columnPairs = (a: Table, b: Table) => {
    const bNames = new Set(b.columns.map((c) => c.name))
    const aNames = new Set(a.columns.map((c) => c.name))
    for (const f of a.columns) {
      if (bNames.has(f.name)) continue
      for (const t of b.columns) if (!aNames.has(t.name)) rewrites.add(f.name, t.name)
    }
  }
  for (const f of from.tables) {
    const same = toByKey.get(key(f))
    if (same !== undefined && same !== f) columnPairs(f, same)
  }
  // The columns of every dropped x created table pair: bounded, so that a diff dropping and creating
  // many tables stays fast (beyond the bound, only the table names' rewrites count across tables).
  const crossColumns = dropped.length * added.length <= MAX_TABLE_PAIRS_FOR_COLUMN_REWRITES
  for (const f of dropped)
    for (const t of added) {
      rewrites.add(f.name, t.name)
      if (crossColumns) columnPairs(f, t)
    }
  return rewrites
}

const MAX_TABLE_PAIRS_FOR_COLUMN_REWRITES = 400

/** The column match of an unchanged table: nothing renamed, dropped or added. */
const UNCHANGED: ScopeMatch<Column> = { pairs: [], dropped: [], added: [], candidates: [] }

function scopeOf(t: Table): { table: string; schema?: string } {
  return t.schema === undefined ? { table: t.name } : { table: t.name, schema: t.schema }
}

function matchColumns(
  from: Table,
  to: Table,
  hints: ReadonlyMap<string, string>,
  options: DiffOptions,
  rewrites: RewriteCounts | undefined,
): ScopeMatch<Column> {
  return matchScope<Column>({
    from: from.columns,
    to: to.columns,
    key: (c) => c.name,
    hints,
    score: (f, t, dropped, added) => scoreColumnRename(f, t, columnContext(f, t, from, to, dropped, added, rewrites)),
    candidate: (f, t) => ({ target: 'column', table: to.name, from: f.name, to: t.name }),
    options,
    chains: true,
  })
}

function validateThreshold(options: DiffOptions): void {
  const t = options.renameThreshold
  if (t !== undefined && !(t >= 0 && t <= 1))
    throw new InvalidOptionError('renameThreshold', `must be between 0 and 1, got ${t}`)
}

/** Qualified display name used in rename hints: `name`, or `schema.name` outside the default namespace. */
function hintName(t: Table): string {
  return t.schema === undefined ? t.name : `${t.schema}.${t.name}`
}

function tableHints(from: Schema, to: Schema, options: DiffOptions): Map<string, string> {
  const hints = new Map<string, string>()
  const fromByName = new Map(from.tables.map((t) => [hintName(t), t]))
  const toByName = new Map(to.tables.map((t) => [hintName(t), t]))
  for (const [oldName, newName] of Object.entries(options.renames?.tables ?? {})) {
    const before = fromByName.get(oldName)
    const after = toByName.get(newName)
    const option = `renames.tables.${oldName}`
    if (!before) throw new InvalidOptionError(option, `table "${oldName}" does not exist in the "from" schema`)
    if (!after) throw new InvalidOptionError(option, `table "${newName}" does not exist in the "to" schema`)
    if (toByName.has(oldName))
      throw new InvalidOptionError(option, `table "${oldName}" still exists in the "to" schema`)
    if (fromByName.has(newName))
      throw new InvalidOptionError(option, `table "${newName}" already exists in the "from" schema`)
    hints.set(tableKey(before.schema, before.name), tableKey(after.schema, after.name))
  }
  return hints
}

/**
 * Splits `table.column` where names may themselves contain dots: every split point is tried, and the
 * one naming a table present in both schemas with that column in `from` wins (else the first with the
 * table, so the error can name the missing column).
 */
function splitColumnHint(
  qualified: string,
  tables: ScopeMatch<Table>,
): { pair: MatchedPair<Table>; column: string } | undefined {
  let fallback: { pair: MatchedPair<Table>; column: string } | undefined
  for (let dot = qualified.indexOf('.'); dot > 0; dot = qualified.indexOf('.', dot + 1)) {
    const [tableName, column] = [qualified.slice(0, dot), qualified.slice(dot + 1)]
    const pair = tables.pairs.find((p) => hintName(p.from) === tableName || hintName(p.to) === tableName)
    if (!pair || column === '') continue
    if (pair.from.columns.some((c) => c.name === column)) return { pair, column }
    fallback ??= { pair, column }
  }
  return fallback
}

/** Column hints grouped by the `from` table they apply to; `table.column` may use the old or new table name. */
function columnHintsByTable(tables: ScopeMatch<Table>, options: DiffOptions): Map<Table, Map<string, string>> {
  const out = new Map<Table, Map<string, string>>()
  for (const [qualified, newName] of Object.entries(options.renames?.columns ?? {})) {
    const option = `renames.columns.${qualified}`
    const split = splitColumnHint(qualified, tables)
    if (!split)
      throw new InvalidOptionError(
        option,
        `keys must look like "table.column" with a table that exists in both schemas`,
      )
    const { pair, column: oldName } = split
    const has = (t: Table, name: string) => t.columns.some((c) => c.name === name)
    if (!has(pair.from, oldName))
      throw new InvalidOptionError(
        option,
        `column "${oldName}" does not exist in "${pair.from.name}" in the "from" schema`,
      )
    if (!has(pair.to, newName))
      throw new InvalidOptionError(option, `column "${newName}" does not exist in "${pair.to.name}" in the "to" schema`)
    if (has(pair.to, oldName))
      throw new InvalidOptionError(option, `column "${oldName}" still exists in the "to" schema`)
    if (has(pair.from, newName))
      throw new InvalidOptionError(option, `column "${newName}" already exists in the "from" schema`)
    const map = out.get(pair.from) ?? new Map<string, string>()
    map.set(oldName, newName)
    out.set(pair.from, map)
  }
  return out
}
