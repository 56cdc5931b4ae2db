import type { ColumnStorage } from '../../dialects/dialect-facts.js'
import type { Column } from '../../model/types.js'
import { defineAnalyzer } from '../define-analyzer.js'

// BP011: alignment padding between columns of a new table (Atlas PG110). Only what is certain is
// counted: the fixed-width columns before the first variable-length one, whose offsets are known.

/** Row alignment of the engine's tuples (MAXALIGN). */
const ROW_ALIGN = 8

const alignUp = (offset: number, align: number) => Math.ceil(offset / align) * align

/** Bytes the leading fixed-width columns take, padding included; the whole row when every column is fixed. */
function leadingBytes(storage: readonly (ColumnStorage | undefined)[]): { bytes: number; count: number } {
  let offset = 0
  let count = 0
  for (const s of storage) {
    if (!s) return { bytes: offset, count }
    offset = alignUp(offset, s.align) + s.bytes
    count++
  }
  return { bytes: alignUp(offset, ROW_ALIGN), count }
}

/** Columns in the order that needs no padding: fixed-width ones by alignment, widest first, then the rest. */
function packedOrder(columns: readonly Column[], storage: readonly (ColumnStorage | undefined)[]): Column[] {
  const fixed = columns.flatMap((c, i) => {
    const s = storage[i]
    return s ? [{ c, s, i }] : []
  })
  fixed.sort((a, b) => b.s.align - a.s.align || a.i - b.i)
  return [...fixed.map((x) => x.c), ...columns.filter((_, i) => storage[i] === undefined)]
}

const paddedColumns = defineAnalyzer({
  code: 'BP011',
  title: 'Column order that wastes space on alignment padding',
  dialects: ['postgres'],
  severity: 'info',
  enabledByDefault: false,
  lint: true,
  docs: {
    bad: 'CREATE TABLE "events" ("id" integer, "at" timestamptz, "kind" smallint, "ok" boolean)',
    why: 'PostgreSQL aligns fixed-width values to their size, so a 4-byte column before an 8-byte one leaves 4 unused bytes in every row and every index tuple that copies it.',
    fix: 'Declare fixed-width columns first, widest alignment first (8-byte, then 4, 2, 1), then variable-length ones. Opt-in rule.',
  },
  analyze(change, ctx) {
    const storageOf = ctx.facts.columnStorage
    if (change.kind !== 'create_table' || !storageOf) return undefined
    const columns = change.after.columns
    const storage = columns.map((c) => storageOf(c.type))
    const declared = leadingBytes(storage)
    // The same leading columns packed: the certain saving, whatever the variable-length values hold.
    const lead = columns.slice(0, declared.count)
    const packed = packedOrder(lead, storage.slice(0, declared.count))
    const best = leadingBytes([
      ...packed.map((c) => storage[columns.indexOf(c)]),
      ...(declared.count < columns.length ? [undefined] : []),
    ])
    const wasted = declared.bytes - best.bytes
    if (wasted <= 0) return undefined
    const order = packedOrder(columns, storage).map((c) => c.name)
    return {
      message: `${change.path} wastes ${wasted} bytes per row on alignment padding between its columns`,
      explanation: `${ctx.version.label} aligns fixed-width values to their size, so narrower columns placed before wider ones leave unused bytes in every row.`,
      fix: { description: `Declare the columns in this order: ${order.join(', ')}.` },
    }
  },
})

/** The BP rule on column order, by code. @internal */
export const designLayoutAnalyzers = [paddedColumns]
