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
  partitionBy: { ...base, partitionBy: { method: 'hash' as const, key: ['id'] } },
  with: { ...base, with: { fillfactor: '70' } },
  'index with': { ...base, indexes: [{ columns: ['id'], with: { fillfactor: '70' } }] },
  noInherit: { ...base, constraints: [{ type: 'check', expression: 'id > 0', noInherit: true }] },
}

describe('PostgreSQL-only table features on MySQL/MariaDB and SQLite', () => {
  for (const dialect of ['mysql', 'sqlite'] as const) {
    for (const [what, table] of Object.entries(variants)) {
      it(`${dialect} refuses ${what} in CREATE TABLE`, () => {
        expect(() => createSchemaSQL(defineSchema({ tables: [table] }), dialect)).toThrow(
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
  it('postgres writes them all', () => {
    for (const table of Object.values(variants))
      expect(createSchemaSQL(defineSchema({ tables: [table] }), 'postgres').length).toBeGreaterThan(0)
  })
})
