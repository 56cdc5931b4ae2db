import type { RenameHints } from '../diff/types.js'
import { CliInputError, UsageError } from './cli-errors.js'

const SHAPE = '{"tables": {"old": "new"}, "columns": {"table.old": "new"}}'

function splitPair(flag: string, text: string, column: boolean): [string, string] {
  const eq = text.indexOf('=')
  const from = eq < 0 ? '' : text.slice(0, eq)
  const to = eq < 0 ? '' : text.slice(eq + 1)
  if (!from || !to || (column && !from.includes('.'))) {
    const expected = column ? 'table.column=new_name' : 'old_table=new_table'
    throw new UsageError(`${flag} expects ${expected} (got ${JSON.stringify(text)})`)
  }
  return [from, to]
}

function stringMap(value: unknown, source: string, field: string): Record<string, string> {
  if (value === undefined) return {}
  const ok =
    typeof value === 'object' &&
    value !== null &&
    !Array.isArray(value) &&
    Object.values(value).every((v) => typeof v === 'string')
  if (!ok)
    throw new CliInputError('invalid_renames', `${source}: "${field}" must map names to new names, as in ${SHAPE}`)
  return value as Record<string, string>
}

/**
 * The rename hints of `diff`: a `--renames` file (`{"tables": {...}, "columns": {...}}`), then each
 * `--rename-table old=new` and `--rename table.column=new_name` on top of it. A column rename names
 * its table (old or new name) and the column's old name on the left, the new column name alone on
 * the right.
 *
 * @example
 * ```ts
 * renameHints(undefined, ['posts.content=body'], ['people=users'])
 * // { tables: { people: 'users' }, columns: { 'posts.content': 'body' } }
 * ```
 */
export function renameHints(
  file: { readonly source: string; readonly json: unknown } | undefined,
  columnFlags: readonly string[],
  tableFlags: readonly string[],
): RenameHints | undefined {
  const tables: Record<string, string> = {}
  const columns: Record<string, string> = {}
  if (file) {
    const { json, source } = file
    if (typeof json !== 'object' || json === null || Array.isArray(json))
      throw new CliInputError('invalid_renames', `${source}: a renames file looks like ${SHAPE}`)
    const unknown = Object.keys(json).filter((k) => k !== 'tables' && k !== 'columns')
    if (unknown.length > 0)
      throw new CliInputError(
        'invalid_renames',
        `${source}: unknown key "${unknown[0]}"; a renames file looks like ${SHAPE}`,
      )
    const record = json as { tables?: unknown; columns?: unknown }
    Object.assign(tables, stringMap(record.tables, source, 'tables'))
    Object.assign(columns, stringMap(record.columns, source, 'columns'))
  }
  for (const text of tableFlags) {
    const [from, to] = splitPair('--rename-table', text, false)
    tables[from] = to
  }
  for (const text of columnFlags) {
    const [from, to] = splitPair('--rename', text, true)
    columns[from] = to
  }
  if (Object.keys(tables).length === 0 && Object.keys(columns).length === 0) return undefined
  return {
    ...(Object.keys(tables).length > 0 ? { tables } : {}),
    ...(Object.keys(columns).length > 0 ? { columns } : {}),
  }
}
