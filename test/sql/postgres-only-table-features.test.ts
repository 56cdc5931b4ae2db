import { describe, expect, it } from 'vitest'
import { defineSchema, diffSchemas } from '../../src/index.js'
import { createSchemaSQL } from '../../src/sql/create-schema-sql.js'
import { planMigration } from '../../src/sql/plan-migration.js'

// MySQL/MariaDB and SQLite refuse the PostgreSQL table features they cannot store (unsupported_feature,
// naming the table), as they refuse NULLS NOT DISTINCT or INCLUDE: UNLOGGED, partitioning,
// inheritance, storage parameters of tables and indexes, CHECK ... NO INHERIT.

const base = { name: 't', columns: [{ name: 'id', type: 'integer', nullable: false }] }
const variants = {
  unlogged: { ...base, unlogged: true as const },
  partitionOf: {
    ...base,
    columns: [],
    partitionOf: { table: 'parent', bound: 'FOR VALUES WITH (MODULUS 2, REMAINDER 0)' },
  },
  with: { ...base, with: { fillfactor: '70' } },
  'index with': { ...base, indexes: [{ columns: ['id'], with: { fillfactor: '70' } }] },
  noInherit: { ...base, constraints: [{ type: 'check', expression: 'id > 0', noInherit: true }] },
}

describe('PostgreSQL-only table features on MySQL/MariaDB and SQLite', () => {
  for (const dialect of ['mysql', 'sqlite'] as const) {
    for (const [what, table] of Object.entries(variants)) {
      it(`${dialect} refuses ${what} in CREATE TABLE`, () => {
        const parent = { ...base, name: 'parent', partitionBy: { method: 'hash' as const, key: ['id'] } }
        const tables = what === 'partitionOf' ? [parent, table] : [table]
        expect(() => createSchemaSQL(defineSchema({ tables }), dialect)).toThrow(
          expect.objectContaining({ code: 'unsupported_feature' }),
        )
      })
    }
    it(`${dialect} refuses a table becoming unlogged`, () => {
      const from = defineSchema({ tables: [base] })
      const to = defineSchema({ tables: [variants.unlogged] })
      expect(() => planMigration(diffSchemas(from, to), { dialect, from, to })).toThrow(
        expect.objectContaining({ code: 'unsupported_feature', message: expect.stringMatching(/UNLOGGED/) }),
      )
    })
  }
  it('sqlite refuses partitionBy, which MySQL/MariaDB write too', () => {
    const table = { ...base, partitionBy: { method: 'hash' as const, key: ['id'] } }
    expect(() => createSchemaSQL(defineSchema({ tables: [table] }), 'sqlite')).toThrow(
      expect.objectContaining({ code: 'unsupported_feature' }),
    )
    expect(createSchemaSQL(defineSchema({ tables: [table] }), 'mysql')[0]?.sql).toMatch(/PARTITION BY HASH \(`id`\)/)
  })
  it('postgres writes them all', () => {
    const parent = { ...base, name: 'parent', partitionBy: { method: 'hash' as const, key: ['id'] } }
    for (const table of Object.values(variants))
      expect(createSchemaSQL(defineSchema({ tables: [parent, table] }), 'postgres').length).toBeGreaterThan(0)
  })
})
