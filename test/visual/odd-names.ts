// Schemas whose names Mermaid and Graphviz find hard: spaces, quotes, backticks, unicode, `#`, `%`,
// backslashes, leading digits and keywords of the diagram grammars.
import type { Schema, SchemaDiff } from '../../src/index.js'
import { diffSchemas, parseSchema } from '../../src/index.js'

/** Two versions of a schema built from the given names, and the diff between them. */
export function oddPair(
  tableNames: readonly string[],
  columnNames: readonly string[],
): { from: Schema; to: Schema; diff: SchemaDiff } {
  const [parent = 'parent', child = 'child', dropped = 'dropped'] = tableNames
  const [key = 'id', ref = 'ref', extra = 'extra', changed = 'changed'] = columnNames
  const parentTable = {
    name: parent,
    comment: `the "${parent}" table`,
    columns: [
      { name: key, type: 'integer', nullable: false },
      { name: changed, type: 'varchar(10)', nullable: true, comment: `a "comment" with # and % and ${changed}` },
    ],
    constraints: [{ type: 'primary_key', columns: [key] }],
  }
  const childTable = (withExtra: boolean) => ({
    name: child,
    columns: [
      { name: key, type: 'integer', nullable: false },
      { name: ref, type: 'integer', nullable: true },
      ...(withExtra ? [{ name: extra, type: 'numeric(10, 2)', nullable: false, default: '0' }] : []),
    ],
    constraints: [
      { type: 'primary_key', columns: [key] },
      { type: 'foreign_key', columns: [ref], referencedTable: parent, referencedColumns: [key] },
    ],
  })
  const droppedTable = {
    name: dropped,
    columns: [{ name: key, type: 'geometry(Point, 4326)', nullable: false }],
    constraints: [{ type: 'foreign_key', columns: [key], referencedTable: child, referencedColumns: [key] }],
  }
  const changedParent = {
    ...parentTable,
    columns: [parentTable.columns[0], { ...parentTable.columns[1], type: 'varchar(20)' }],
  }
  const from = parseSchema({ format: 'schemaledger/1', tables: [parentTable, childTable(false), droppedTable] })
  const to = parseSchema({ format: 'schemaledger/1', tables: [changedParent, childTable(true)] })
  return { from, to, diff: diffSchemas(from, to, { inferRenames: 'off' }) }
}

export const ODD_TABLES = ['order "items" ☕', 'end', '100% naïve\\path #1']
export const ODD_COLUMNS = ['pk', 'unit `price`', 'prénom "given"', 'a#b%c']
