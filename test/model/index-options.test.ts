import { describe, expect, it } from 'vitest'
import { safeParseSchema } from '../../src/index.js'

describe('index options', () => {
  it('reads an index on a column named like an Object method (it used to throw a TypeError)', () => {
    const result = safeParseSchema({
      metadata: {
        tables: [
          {
            name: 't',
            columns: [
              { name: 'constructor', type: 'Integer' },
              { name: 'toString', type: 'Integer' },
            ],
            indexes: [{ name: 'ix_t', columns: ['constructor', 'toString'] }],
          },
        ],
      },
    })
    expect(result).toEqual({
      success: true,
      data: {
        enums: [],
        tables: [
          {
            name: 't',
            columns: [
              { name: 'constructor', type: { kind: 'integer' }, nullable: true },
              { name: 'toString', type: { kind: 'integer' }, nullable: true },
            ],
            constraints: [],
            indexes: [{ name: 'ix_t', parts: [{ column: 'constructor' }, { column: 'toString' }] }],
          },
        ],
      },
    })
  })

  it('still applies column_sorting, postgresql_ops and mysql_length to the parts they name', () => {
    const result = safeParseSchema({
      metadata: {
        tables: [
          {
            name: 't',
            columns: [
              { name: 'a', type: 'Text' },
              { name: 'b', type: 'Text' },
            ],
            indexes: [
              {
                name: 'ix_t',
                columns: ['a', 'b'],
                column_sorting: { a: ['desc', 'nulls_last'] },
                dialect_options: { postgresql_ops: { b: 'text_pattern_ops' }, mysql_length: { a: 10 } },
              },
            ],
          },
        ],
      },
    })
    expect(result.success && result.data.tables[0]?.indexes).toEqual([
      {
        name: 'ix_t',
        parts: [
          { column: 'a', descending: true, nulls: 'last', length: 10 },
          { column: 'b', opclass: 'text_pattern_ops' },
        ],
      },
    ])
  })
})
