import { describe, expect, it } from 'vitest'
import { toDrizzle } from '../../src/codegen/to-drizzle.js'
import { toPrisma } from '../../src/codegen/to-prisma.js'
import { toSQLAlchemy } from '../../src/codegen/to-sqlalchemy.js'
import { defineSchema } from '../../src/index.js'

// PostgreSQL 18 temporal keys have no form in drizzle, Prisma or SQLAlchemy: each generator writes
// the key without the marker and says so in a warning.

const range = (name: string) => ({ name, type: 'daterange', nullable: false })
const schema = defineSchema({
  tables: [
    {
      name: 'rooms',
      columns: [{ name: 'id', type: 'integer', nullable: false }, range('during')],
      constraints: [{ type: 'primary_key', name: 'rooms_pk', columns: ['id', 'during'], withoutOverlaps: true }],
    },
    {
      name: 'stays',
      columns: [{ name: 'room_id', type: 'integer', nullable: false }, range('during')],
      constraints: [
        {
          type: 'foreign_key',
          name: 'stays_room_fk',
          columns: ['room_id', 'during'],
          referencedTable: 'rooms',
          referencedColumns: ['id', 'during'],
          period: true,
        },
      ],
    },
  ],
})

const temporal = (warnings: readonly string[]) => warnings.filter((w) => w.includes('(PostgreSQL 18)'))

describe('code generators and temporal keys', () => {
  it.each([
    ['drizzle', () => toDrizzle(schema).warnings],
    ['Prisma', () => toPrisma(schema).warnings],
    ['SQLAlchemy', () => toSQLAlchemy(schema).warnings],
  ])('%s warns that WITHOUT OVERLAPS and PERIOD are not written', (_, warnings) => {
    expect(temporal(warnings())).toEqual([
      'tables[0].constraints[0]: WITHOUT OVERLAPS (PostgreSQL 18) is not written',
      'tables[1].constraints[0]: PERIOD (PostgreSQL 18) is not written',
    ])
  })
})
