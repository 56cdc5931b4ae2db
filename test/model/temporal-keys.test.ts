import { describe, expect, it } from 'vitest'
import { deserializeSchema, safeParseSchema, serializeSchema } from '../../src/index.js'

// PostgreSQL 18 temporal keys in the document: `withoutOverlaps` on a primary or unique key, `period`
// on a foreign key, absent when false; what PostgreSQL refuses whatever the server is reported at
// the marker's path.

const column = (name: string, type: string) => ({ name, type, nullable: false })

const document = (constraints: unknown[], rangeType = 'daterange') => ({
  format: 'schemaledger/1',
  tables: [
    {
      name: 'rooms',
      columns: [column('id', 'integer'), column('booked', rangeType)],
      constraints,
    },
  ],
})

const issuesOf = (doc: unknown) => {
  const result = safeParseSchema(doc)
  if (result.success) throw new Error('expected the document to be invalid')
  return result.issues.map(({ code, path, message }) => ({ code, path, message }))
}

describe('temporal keys in the document', () => {
  it('reads and writes the markers, and leaves them out when false', () => {
    const key = { type: 'primary_key', name: 'rooms_pk', columns: ['id', 'booked'], withoutOverlaps: true }
    const period = {
      type: 'foreign_key',
      name: 'rooms_self_fk',
      columns: ['id', 'booked'],
      referencedTable: 'rooms',
      referencedColumns: ['id', 'booked'],
      period: true,
    }
    const schema = safeParseSchema(document([key, period]))
    expect(schema.success && schema.data.tables[0]?.constraints).toEqual([key, period])
    const text = serializeSchema(deserializeSchema(JSON.stringify(document([key, period]))))
    expect(JSON.parse(text).tables[0].constraints).toEqual([key, period])
    const plain = safeParseSchema(document([{ ...key, withoutOverlaps: undefined }]))
    expect(plain.success && plain.data.tables[0]?.constraints).toEqual([
      { type: 'primary_key', name: 'rooms_pk', columns: ['id', 'booked'] },
    ])
  })

  it('refuses a key WITHOUT OVERLAPS of one column, naming the marker', () => {
    expect(issuesOf(document([{ type: 'unique', columns: ['booked'], withoutOverlaps: true }]))).toEqual([
      {
        code: 'invalid_without_overlaps',
        path: 'tables[0].constraints[0].withoutOverlaps',
        message: 'WITHOUT OVERLAPS needs a key of at least two columns',
      },
    ])
  })

  it('refuses WITHOUT OVERLAPS on a last column that cannot be a range', () => {
    expect(
      issuesOf(document([{ type: 'primary_key', columns: ['id', 'booked'], withoutOverlaps: true }], 'date')),
    ).toEqual([
      {
        code: 'invalid_without_overlaps',
        path: 'tables[0].constraints[0].withoutOverlaps',
        message: 'WITHOUT OVERLAPS applies to the key\'s last column, "booked", which is not a range or multirange',
      },
    ])
    // A type the grammar keeps verbatim (a multirange, a domain over a range) is left to the server.
    expect(
      safeParseSchema(
        document([{ type: 'primary_key', columns: ['id', 'booked'], withoutOverlaps: true }], 'datemultirange'),
      ).success,
    ).toBe(true)
  })

  it('refuses a PERIOD foreign key of one column or with actions', () => {
    const fk = {
      type: 'foreign_key',
      columns: ['booked'],
      referencedTable: 'rooms',
      referencedColumns: ['booked'],
      period: true,
      onDelete: 'cascade',
    }
    expect(issuesOf(document([fk]))).toEqual([
      {
        code: 'invalid_period',
        path: 'tables[0].constraints[0].period',
        message: 'A PERIOD foreign key needs at least two columns on each side',
      },
      {
        code: 'invalid_period',
        path: 'tables[0].constraints[0].onDelete',
        message: 'A PERIOD foreign key has no ON DELETE CASCADE (only NO ACTION)',
      },
    ])
  })
})
