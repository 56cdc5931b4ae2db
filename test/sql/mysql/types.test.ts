import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Column, Schema } from '../../../src/index.js'
import { defineSchema, diffSchemas, parseColumnType } from '../../../src/index.js'
import { createSchemaSQL, planMigration, resolveDialect } from '../../../src/sql/index.js'
import { type Engine, engineTitle, run } from '../../engines/engines.js'
import { introspectEngine, mariadb } from './harness.js'

// Column types and defaults on MySQL/MariaDB: the spelling of every model kind, the default forms
// MySQL accepts, and what a live MariaDB reads back for each (same kind, or the documented mapping).

const mysql = resolveDialect('mysql')
const column = (type: string, extra: Partial<Column> = {}): Column => ({
  name: 'c',
  type: parseColumnType(type),
  nullable: true,
  ...extra,
})

describe('mysql: type spellings', () => {
  it.each([
    ['tinyint', 'TINYINT'],
    ['smallint unsigned', 'SMALLINT UNSIGNED'],
    ['mediumint', 'MEDIUMINT'],
    ['integer', 'INT'],
    ['bigint unsigned', 'BIGINT UNSIGNED'],
    ['int(4)', 'INT(4)'],
    ['int(11)', 'INT'],
    ['int(11) unsigned', 'INT(11) UNSIGNED'],
    ['int(10) unsigned', 'INT UNSIGNED'],
    ['int(4) zerofill', 'INT(4) UNSIGNED ZEROFILL'],
    ['int zerofill', 'INT UNSIGNED ZEROFILL'],
    ['tinyint(1) unsigned', 'TINYINT(1) UNSIGNED'],
    ['bigint(20) unsigned', 'BIGINT UNSIGNED'],
    ['decimal(10,2)', 'DECIMAL(10,2)'],
    ['decimal(8,0) unsigned', 'DECIMAL(8,0) UNSIGNED'],
    ['decimal', 'DECIMAL(65,30)'],
    ['real', 'FLOAT'],
    ['float', 'FLOAT'],
    ['double', 'DOUBLE'],
    ['boolean', 'BOOLEAN'],
    ['char(2)', 'CHAR(2)'],
    ['varchar(20)', 'VARCHAR(20)'],
    ['varchar', 'LONGTEXT'],
    ['text', 'TEXT'],
    ['tinytext', 'TINYTEXT'],
    ['mediumtext', 'MEDIUMTEXT'],
    ['longtext', 'LONGTEXT'],
    ['binary(16)', 'BINARY(16)'],
    ['varbinary(30)', 'VARBINARY(30)'],
    ['varbinary', 'LONGBLOB'],
    ['blob', 'BLOB'],
    ['mediumblob', 'MEDIUMBLOB'],
    ['date', 'DATE'],
    ['time', 'TIME'],
    ['time(3) with time zone', 'TIME(3)'],
    ['timestamp', 'DATETIME'],
    ['timestamp(6)', 'DATETIME(6)'],
    ['timestamp with time zone', 'TIMESTAMP'],
    ['timestamp(3) with time zone', 'TIMESTAMP(3)'],
    ['interval', 'VARCHAR(255)'],
    ['uuid', 'UUID'],
    ['json', 'JSON'],
    ['jsonb', 'JSON'],
    ["enum('a','b''c','d\\\\e')", "ENUM('a','b''c','d\\\\e')"],
    ['geometry(Point,4326)', 'geometry(Point,4326)'],
    ["set('x','y')", "set('x','y')"],
  ])('%s -> %s', (type, expected) => {
    expect(mysql.renderType(parseColumnType(type))).toBe(expected)
  })

  it('writes UUID as CHAR(36) for MySQL and MariaDB before 10.7 (dialectVersion)', () => {
    const to = defineSchema({ tables: [{ name: 't', columns: [{ name: 'u', type: 'uuid' }] }] })
    const from = defineSchema({ tables: [] })
    const sql = (dialectVersion?: number) =>
      planMigration(diffSchemas(from, to), {
        dialect: 'mysql',
        from,
        to,
        ...(dialectVersion ? { dialectVersion } : {}),
      }).up[0]?.sql
    expect(sql()).toBe('CREATE TABLE `t` (\n  `u` UUID\n)')
    expect(sql(11)).toBe('CREATE TABLE `t` (\n  `u` UUID\n)')
    expect(sql(10.6)).toBe('CREATE TABLE `t` (\n  `u` CHAR(36)\n)')
    expect(sql(8)).toBe('CREATE TABLE `t` (\n  `u` CHAR(36)\n)')
  })

  it('writes integer display widths on MariaDB and MySQL 5.7, and on MySQL 8 only with ZEROFILL (dialectVersion)', () => {
    const table = (type: string, zerofilled = 'int(3) zerofill') =>
      defineSchema({
        tables: [
          {
            name: 't',
            columns: [
              { name: 'n', type },
              { name: 'z', type: zerofilled },
            ],
          },
        ],
      })
    const up = (from: Schema, to: Schema, dialectVersion?: number) =>
      planMigration(diffSchemas(from, to), {
        dialect: 'mysql',
        from,
        to,
        ...(dialectVersion ? { dialectVersion } : {}),
      }).up.map((s) => s.sql)
    const empty = defineSchema({ tables: [] })
    const created = 'CREATE TABLE `t` (\n  `n` INT(4),\n  `z` INT(3) UNSIGNED ZEROFILL\n)'
    expect(up(empty, table('int(4)'))).toEqual([created])
    expect(up(empty, table('int(4)'), 10.11)).toEqual([created])
    expect(up(empty, table('int(4)'), 5.7)).toEqual([created])
    // MySQL 8.0.17 deprecates widths and 8.0.19 no longer reports them, except with ZEROFILL.
    expect(up(empty, table('int(4)'), 8)).toEqual(['CREATE TABLE `t` (\n  `n` INT,\n  `z` INT(3) UNSIGNED ZEROFILL\n)'])
    // A width that is the only change: MODIFY on MariaDB, nothing on MySQL 8 (which cannot keep it).
    expect(up(table('int'), table('int(4)'))).toEqual(['ALTER TABLE `t` MODIFY COLUMN `n` INT(4)'])
    expect(up(table('int(4)'), table('int'))).toEqual(['ALTER TABLE `t` MODIFY COLUMN `n` INT'])
    expect(up(table('int'), table('int(4)'), 8)).toEqual([])
    // With ZEROFILL the width shows in the values, and MySQL 8 keeps it.
    expect(up(table('int'), table('int', 'int(5) zerofill'), 8)).toEqual([
      'ALTER TABLE `t` MODIFY COLUMN `z` INT(5) UNSIGNED ZEROFILL',
    ])
    expect(up(table('int'), table('int', 'int(3) unsigned'), 8)).toEqual([
      'ALTER TABLE `t` MODIFY COLUMN `z` INT UNSIGNED',
    ])
  })

  it('a default display width is no width: int(11) = int, int(10) unsigned = int unsigned; another width is a type change', () => {
    const table = (type: string) => defineSchema({ tables: [{ name: 't', columns: [{ name: 'n', type }] }] })
    expect(diffSchemas(table('int(11)'), table('int')).changes).toEqual([])
    expect(diffSchemas(table('int unsigned'), table('int(10) unsigned')).changes).toEqual([])
    expect(diffSchemas(table('bigint(20)'), table('bigint')).changes).toEqual([])
    expect(diffSchemas(table('tinyint(4)'), table('tinyint')).changes).toEqual([])
    expect(diffSchemas(table('int(11)'), table('int(4)')).changes).toMatchObject([
      { kind: 'alter_column', table: 't', column: 'n', changes: ['type'] },
    ])
    expect(diffSchemas(table('int(4)'), table('int(4) zerofill')).changes).toMatchObject([
      { kind: 'alter_column', table: 't', column: 'n', changes: ['type'] },
    ])
  })

  it('refuses a display width over 255', () => {
    expect(() => mysql.renderType({ kind: 'integer', displayWidth: 256 })).toThrow(/display width 256.*255/)
  })

  it('rejects arrays and needs the schema for a named enum', () => {
    expect(() => mysql.renderType(parseColumnType('integer[]'))).toThrow(/unsupported|array types do not exist/)
    expect(() => mysql.renderType({ kind: 'enum', name: 'mood' })).toThrow(/enum "mood" is written inline/)
  })
})

describe('mysql: defaults', () => {
  it.each([
    ['integer', '0', '0'],
    ['integer', "'7'", '7'],
    ['integer', '-1', '-1'],
    ['integer', '1 + 2', '(1 + 2)'],
    ['integer', 'NULL', 'NULL'],
    ['boolean', 'true', 'TRUE'],
    ['boolean', "'f'", 'FALSE'],
    ['varchar(10)', "'it''s'", "'it''s'"],
    ['varchar(10)', "'a\\b'", "'a\\\\b'"],
    ['varchar(10)', "'a'::character varying", "'a'"],
    ['timestamp', 'now()', 'CURRENT_TIMESTAMP'],
    ['timestamp(3)', 'CURRENT_TIMESTAMP', 'CURRENT_TIMESTAMP(3)'],
    ['date', 'current_date', '(current_date)'],
    ['varchar(36)', 'uuid()', '(uuid())'],
    ['json', "'{}'::jsonb", "'{}'"],
    ['decimal(10,2)', '1.50', '1.5'],
  ])('%s default %s -> %s', (type, expression, expected) => {
    expect(mysql.renderDefault(expression, column(type))).toBe(expected)
  })
})

/** One table with a column of every kind that reads back as itself, each with a default where MySQL takes one. */
const everyType: Schema = defineSchema({
  tables: [
    {
      name: 'kinds',
      columns: [
        { name: 'i1', type: 'tinyint', default: '-1' },
        { name: 'i2', type: 'smallint unsigned', default: '7' },
        { name: 'i3', type: 'mediumint' },
        { name: 'i4', type: 'integer', nullable: false, default: '0' },
        { name: 'i8', type: 'bigint unsigned' },
        { name: 'dec', type: 'decimal(10,2)', default: '1.50' },
        { name: 'fl', type: 'float' },
        { name: 'db', type: 'double', default: '2.5' },
        { name: 'b', type: 'boolean', nullable: false, default: 'false' },
        { name: 'ch', type: 'char(2)', default: "'ab'" },
        { name: 'vc', type: 'varchar(20)', default: "'it''s \\ fine'" },
        { name: 'tx', type: 'text', default: "'x'" },
        { name: 'tt', type: 'tinytext' },
        { name: 'mt', type: 'mediumtext' },
        { name: 'lt', type: 'longtext' },
        { name: 'bn', type: 'binary(16)' },
        { name: 'vb', type: 'varbinary(30)' },
        { name: 'bl', type: 'blob' },
        { name: 'mb', type: 'mediumblob' },
        { name: 'd', type: 'date', default: "'2020-01-31'" },
        { name: 'tm', type: 'time(3)' },
        // now() on a column with fractional seconds is written CURRENT_TIMESTAMP(6) and reads back as now().
        { name: 'dt', type: 'timestamp(6)', default: 'now()' },
        { name: 'dt0', type: 'timestamp', default: 'now()' },
        { name: 'ts', type: 'timestamp with time zone', nullable: false, default: 'CURRENT_TIMESTAMP' },
        { name: 'ts3', type: 'timestamp(3) with time zone' },
        { name: 'u', type: 'uuid' },
        { name: 'j', type: 'json' },
        { name: 'e', type: "enum('new','it''s','a\\\\b')", default: "'new'" },
        { name: 'expr', type: 'varchar(36)', default: 'uuid()' },
        { name: 'cd', type: 'date', default: 'current_date' },
        { name: 'g', type: 'integer', generated: { expression: 'i4 + 1', stored: true } },
        { name: 'gv', type: 'integer', generated: { expression: 'i4 * 2', stored: false } },
        { name: 'geo', type: 'geometry' },
        { name: 's', type: "set('x','y')" },
        { name: 'coll', type: 'varchar(10)', collation: 'utf8mb4_bin' },
        { name: 'latin', type: 'varchar(10)', collation: 'latin1_swedish_ci' },
      ],
    },
  ],
})

/** Kinds MySQL lacks, with what a live MariaDB reads back for them. */
const mapped: readonly [string, string][] = [
  ['decimal', 'decimal(65,30)'],
  ['real', 'float'],
  ['varchar', 'longtext'],
  ['varbinary', 'longblob'],
  ['jsonb', 'json'],
  ['interval', 'varchar(255)'],
  ['time with time zone', 'time'],
]

describe.skipIf(mariadb.skipReason !== undefined)(engineTitle(mariadb, 'types read back'), () => {
  let engine: Engine
  beforeAll(async () => {
    engine = await mariadb.open()
  })
  afterAll(async () => {
    await engine?.close()
  })

  it('every expressible kind and default reads back unchanged', async () => {
    await engine.reset()
    await run(engine, createSchemaSQL(everyType, 'mysql'))
    expect(diffSchemas(await introspectEngine(engine), everyType).changes).toEqual([])
  })

  it('kinds MySQL lacks read back as the documented mapping', async () => {
    await engine.reset()
    const schema = defineSchema({
      tables: [{ name: 'm', columns: mapped.map(([type], i) => ({ name: `c${i}`, type })) }],
    })
    await run(engine, createSchemaSQL(schema, 'mysql'))
    const back = await introspectEngine(engine)
    expect(back.tables[0]?.columns.map((c) => c.type)).toEqual(mapped.map(([, read]) => parseColumnType(read)))
  })
})
