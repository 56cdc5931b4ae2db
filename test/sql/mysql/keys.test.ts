import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { SchemaDefinition } from '../../../src/index.js'
import { defineSchema, diffSchemas, isSchemaLedgerError } from '../../../src/index.js'
import { createSchemaSQL, planMigration } from '../../../src/sql/index.js'
import { type Engine, engineTitle, run } from '../../engines/engines.js'
import { introspectEngine, mariadb, mysqlImage } from './harness.js'

// What MySQL/MariaDB cannot store is refused with `unsupported_feature` instead of being dropped
// silently; what they store differently (unique indexes, text keys, fulltext) reads back by rule.

const table = (extra: Partial<SchemaDefinition['tables'][number]>): SchemaDefinition => ({
  tables: [
    {
      name: 't',
      columns: [
        { name: 'id', type: 'integer', nullable: false },
        { name: 'note', type: 'text' },
        { name: 'code', type: 'varchar(20)' },
        { name: 'pid', type: 'integer' },
      ],
      constraints: [{ type: 'primary_key', columns: ['id'] }],
      ...extra,
    },
  ],
})

const sqlOf = (definition: SchemaDefinition, dialectVersion?: number) => {
  const to = defineSchema(definition)
  const from = defineSchema({ tables: [] })
  return planMigration(diffSchemas(from, to), {
    dialect: 'mysql',
    from,
    to,
    ...(dialectVersion ? { dialectVersion } : {}),
  }).up.map((s) => s.sql)
}

const failure = (definition: SchemaDefinition, dialectVersion?: number): string => {
  try {
    sqlOf(definition, dialectVersion)
  } catch (error) {
    if (isSchemaLedgerError(error)) return `${error.code}: ${error.message}`
    throw error
  }
  return 'no error'
}

describe('mysql: features MySQL/MariaDB cannot store raise unsupported_feature', () => {
  it.each([
    [
      'a partial index',
      { indexes: [{ name: 'ix', columns: ['code'], where: 'id > 10' }] },
      't.ix: partial indexes (WHERE) do not exist',
    ],
    [
      'an expression index on MariaDB',
      { indexes: [{ name: 'ix', columns: [{ expression: 'lower(code)' }] }] },
      'need MySQL 8.0.13 or later (MariaDB has none)',
    ],
    ['INCLUDE columns', { indexes: [{ name: 'ix', columns: ['code'], include: ['pid'] }] }, 'no INCLUDE columns'],
    [
      'NULLS FIRST',
      { indexes: [{ name: 'ix', columns: [{ column: 'code', nulls: 'first' }] }] },
      'no NULLS FIRST/LAST',
    ],
    [
      'an operator class',
      { indexes: [{ name: 'ix', columns: [{ column: 'code', opclass: 'text_pattern_ops' }] }] },
      'no operator classes',
    ],
    ['a gin index', { indexes: [{ name: 'ix', columns: ['code'], using: 'gin' }] }, 'no "gin" indexes'],
    [
      'a text column indexed without a prefix length',
      { indexes: [{ name: 'ix', columns: ['note'] }] },
      'column "note" is text: MySQL indexes it only by a prefix',
    ],
    [
      'a text column in the primary key',
      { constraints: [{ type: 'primary_key', columns: ['note'] }] },
      'column "note" is text: MySQL keys on TEXT/BLOB/JSON columns need a prefix length',
    ],
    [
      'ON DELETE SET DEFAULT',
      {
        constraints: [
          { type: 'primary_key', columns: ['id'] },
          {
            type: 'foreign_key',
            columns: ['pid'],
            referencedTable: 't',
            referencedColumns: ['id'],
            onDelete: 'set_default',
          },
        ],
      },
      'InnoDB does not support SET DEFAULT',
    ],
    [
      'MATCH FULL',
      {
        constraints: [
          { type: 'primary_key', columns: ['id'] },
          { type: 'foreign_key', columns: ['pid'], referencedTable: 't', referencedColumns: ['id'], match: 'full' },
        ],
      },
      'parse MATCH FULL but ignore it',
    ],
    [
      'a DEFERRABLE constraint',
      {
        constraints: [
          { type: 'primary_key', columns: ['id'] },
          { type: 'unique', columns: ['code'], deferrable: true },
        ],
      },
      'cannot be DEFERRABLE',
    ],
    [
      'NULLS NOT DISTINCT',
      {
        constraints: [
          { type: 'primary_key', columns: ['id'] },
          { type: 'unique', columns: ['code'], nullsNotDistinct: true },
        ],
      },
      'no NULLS NOT DISTINCT',
    ],
  ] as const)('%s', (_, extra, message) => {
    const error = failure(table(extra as Partial<SchemaDefinition['tables'][number]>))
    expect(error).toMatch(/^unsupported_feature: /)
    expect(error).toContain(message)
  })

  it('a NOT NULL generated column on MariaDB', () => {
    const definition: SchemaDefinition = {
      tables: [
        {
          name: 'g',
          columns: [
            { name: 'a', type: 'integer' },
            { name: 'b', type: 'integer', nullable: false, generated: { expression: 'a + 1', stored: true } },
          ],
        },
      ],
    }
    expect(failure(definition)).toContain('MariaDB generated columns cannot be declared NOT NULL')
    expect(sqlOf(definition, 8)).toEqual([
      'CREATE TABLE `g` (\n  `a` INT,\n  `b` INT GENERATED ALWAYS AS (a + 1) STORED NOT NULL\n)',
    ])
  })

  it('expression indexes are written for MySQL 8 (dialectVersion: 8)', () => {
    const definition = table({
      indexes: [{ name: 'ix', columns: [{ expression: "concat(code, '-')", descending: true }, 'id'] }],
    })
    expect(sqlOf(definition, 8)[0]).toContain("INDEX `ix` ((concat(code, '-')) DESC, `id`)")
  })
})

/** Unique keys as MySQL has them: on a text column (MariaDB's hash-backed long unique), with a prefix, fulltext. */
const keyed = table({
  constraints: [
    { type: 'primary_key', columns: ['id'] },
    { type: 'unique', name: 'uq_note', columns: ['note'] },
  ],
  indexes: [
    { name: 'ix_prefix', columns: [{ column: 'note', length: 12 }], unique: true },
    { name: 'ix_plain_unique', columns: ['code', 'pid'], unique: true },
    { name: 'ix_ft', columns: ['note'], using: 'fulltext' },
    { name: 'ix_desc', columns: [{ column: 'code', descending: true }, 'pid'] },
  ],
})

describe('mysql: keys as MySQL has them', () => {
  it('writes unique keys, prefixes, FULLTEXT and DESC parts inline', () => {
    expect(sqlOf(keyed)).toEqual([
      [
        'CREATE TABLE `t` (',
        '  `id` INT NOT NULL,',
        '  `note` TEXT,',
        '  `code` VARCHAR(20),',
        '  `pid` INT,',
        '  PRIMARY KEY (`id`),',
        '  CONSTRAINT `uq_note` UNIQUE (`note`),',
        '  INDEX `ix_desc` (`code` DESC, `pid`),',
        '  FULLTEXT INDEX `ix_ft` (`note`),',
        '  UNIQUE INDEX `ix_plain_unique` (`code`, `pid`),',
        '  UNIQUE INDEX `ix_prefix` (`note`(12))',
        ')',
      ].join('\n'),
    ])
  })
})

describe.skipIf(mariadb.skipReason !== undefined)(engineTitle(mariadb, 'keys read back'), () => {
  let engine: Engine
  beforeAll(async () => {
    engine = await mariadb.open()
  })
  afterAll(async () => {
    await engine?.close()
  })

  it('a plain unique index reads back as a unique constraint of the same name; the others as indexes', async () => {
    await engine.reset()
    const schema = defineSchema(keyed)
    await run(engine, createSchemaSQL(schema, 'mysql'))
    const back = await introspectEngine(engine)
    expect(diffSchemas(back, mysqlImage(schema)).changes).toEqual([])
    expect(back.tables[0]?.constraints.filter((c) => c.type === 'unique').map((c) => c.name)).toEqual([
      'ix_plain_unique',
      'uq_note',
    ])
    expect(back.tables[0]?.indexes.map((x) => x.name)).toEqual(['ix_desc', 'ix_ft', 'ix_prefix'])
  })
})
