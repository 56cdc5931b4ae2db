import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { analyzeImpact, lintSchema } from '../../../src/impact/index.js'
import type { Schema } from '../../../src/index.js'
import { defineSchema, diffSchemas, parseSchema, safeParseSchema, serializeSchema } from '../../../src/index.js'
import { createSchemaSQL, planMigration } from '../../../src/sql/index.js'
import { type Engine, engineTitle, run } from '../../engines/engines.js'
import { introspectEngine, mariadb, plan } from './harness.js'

// MySQL/MariaDB table-level features: invisible columns, ignored (MySQL: invisible) indexes, FULLTEXT
// and SPATIAL indexes, partitioning (RANGE, LIST, HASH, KEY, COLUMNS, LINEAR, subpartitions), system
// versioning, the table comment, and AUTO_INCREMENT counters (never diffed). The exact SQL for
// MariaDB and MySQL 8; then real migrations on MariaDB judged by information_schema (TABLES,
// COLUMNS, STATISTICS, PARTITIONS): both versions built by hand, the plan applied both ways to a copy,
// the catalog equal to the target's, nothing left to plan; and documents created, read back equal.

const table = (extra: Record<string, unknown>, columns: object[] = [], indexes: object[] = []) =>
  defineSchema({
    tables: [
      {
        name: 't',
        columns: [
          { name: 'id', type: 'integer', nullable: false },
          { name: 'y', type: 'integer', nullable: false },
          ...columns,
        ],
        constraints: [{ type: 'primary_key', columns: ['id', 'y'] }],
        indexes,
        ...extra,
      },
    ],
  } as Parameters<typeof defineSchema>[0])

const none = defineSchema({ tables: [] })
const sql = (from: Schema, to: Schema, dialectVersion?: number) =>
  planMigration(diffSchemas(from, to), {
    dialect: 'mysql',
    from,
    to,
    ...(dialectVersion === undefined ? {} : { dialectVersion }),
  }).up.map((s) => s.sql)

const byRange = (partitions: object[]) => ({
  partitionBy: { method: 'range', key: ['y * 2'] },
  partitions,
})
const lt = (name: string, bound: string) => ({ name, lessThan: [bound] })

describe('mysql: table features in SQL', () => {
  it('CREATE TABLE with an invisible column, an ignored index, subpartitioned RANGE partitions', () => {
    const t = table(
      {
        partitionBy: { method: 'range', key: ['y'] },
        subpartitionBy: { method: 'hash', key: ['id'] },
        partitions: [
          { name: 'p1', lessThan: ['10'], comment: 'first', subpartitions: [{ name: 's1' }, { name: 's2' }] },
          { name: 'p2', lessThan: ['MAXVALUE'], subpartitions: [{ name: 's3' }, { name: 's4' }] },
        ],
      },
      [{ name: 'h', type: 'integer', invisible: true }],
      [{ name: 'ix', columns: ['h'], ignored: true }],
    )
    const create = [
      'CREATE TABLE `t` (\n  `id` INT NOT NULL,\n  `y` INT NOT NULL,\n  `h` INT INVISIBLE,\n  PRIMARY KEY (`id`, `y`),\n',
      '  INDEX `ix` (`h`) {ignored}\n)\nPARTITION BY RANGE (`y`) SUBPARTITION BY HASH (`id`) ',
      "(PARTITION `p1` VALUES LESS THAN (10) COMMENT = 'first' (SUBPARTITION `s1`, SUBPARTITION `s2`), ",
      'PARTITION `p2` VALUES LESS THAN MAXVALUE (SUBPARTITION `s3`, SUBPARTITION `s4`))',
    ].join('')
    expect(sql(none, t)).toEqual([create.replace('{ignored}', 'IGNORED')])
    // MySQL 8 spells an index the optimizer ignores INVISIBLE; the rest is the same.
    expect(sql(none, t, 8)).toEqual([create.replace('{ignored}', 'INVISIBLE')])
  })

  it('LIST COLUMNS, LINEAR KEY and HASH without a list of partitions', () => {
    expect(
      sql(
        none,
        table({
          partitionBy: { method: 'list_columns', key: ['y', 'id'] },
          partitions: [
            { name: 'a', in: ['(1, 2)', '(3, NULL)'] },
            { name: 'b', in: ['(5, 6)'] },
          ],
        }),
      )[0],
    ).toMatch(
      /\nPARTITION BY LIST COLUMNS \(`y`, `id`\) \(PARTITION `a` VALUES IN \(\(1, 2\), \(3, NULL\)\), PARTITION `b` VALUES IN \(\(5, 6\)\)\)$/,
    )
    expect(sql(none, table({ partitionBy: { method: 'key', linear: true, key: ['id'] } }))[0]).toMatch(
      /\nPARTITION BY LINEAR KEY \(`id`\)$/,
    )
    expect(
      sql(
        none,
        table({
          partitionBy: { method: 'hash', key: ['id'] },
          partitions: [{ name: 'p0' }, { name: 'p1' }],
        }),
      )[0],
    ).toMatch(/\nPARTITION BY HASH \(`id`\) \(PARTITION `p0`, PARTITION `p1`\)$/)
  })

  it('partitions dropped and appended in place; anything else repartitions; REMOVE PARTITIONING', () => {
    const a = table(byRange([lt('p1', '10'), lt('p2', '20')]))
    const b = table(byRange([lt('p2', '20'), lt('p3', '30')]))
    expect(sql(a, b)).toEqual([
      'ALTER TABLE `t` DROP PARTITION `p1`',
      'ALTER TABLE `t` ADD PARTITION (PARTITION `p3` VALUES LESS THAN (30))',
    ])
    // p1 comes back before p2: the table is repartitioned (a copy).
    expect(sql(b, a)).toEqual([
      'ALTER TABLE `t` PARTITION BY RANGE (y * 2) (PARTITION `p1` VALUES LESS THAN (10), PARTITION `p2` VALUES LESS THAN (20))',
    ])
    expect(sql(a, table({}))).toEqual(['ALTER TABLE `t` REMOVE PARTITIONING'])
    expect(plan(a, b).up.map((s) => s.destructive)).toEqual([true, false])
    // Spelling is not a change: MariaDB's `TO_DAYS(\`d\`)` and MAXVALUE in any case.
    expect(diffSchemas(table(byRange([lt('p', 'maxvalue')])), table(byRange([lt('p', 'MAXVALUE')]))).changes).toEqual(
      [],
    )
    expect(
      diffSchemas(
        table({ partitionBy: { method: 'hash', key: ['`id`'] } }),
        table({ partitionBy: { method: 'hash', key: ['id'] }, partitions: [{ name: 'p0' }] }),
      ).changes,
    ).toEqual([])
  })

  it('invisible columns and ignored indexes change in place; MySQL 8 and older servers', () => {
    const visible = table({}, [{ name: 'h', type: 'integer' }], [{ name: 'ix', columns: ['h'] }])
    const hidden = table(
      {},
      [{ name: 'h', type: 'integer', invisible: true }],
      [{ name: 'ix', columns: ['h'], ignored: true }],
    )
    expect(sql(visible, hidden)).toEqual([
      'ALTER TABLE `t` MODIFY COLUMN `h` INT INVISIBLE',
      'ALTER TABLE `t` ALTER INDEX `ix` IGNORED',
    ])
    expect(sql(hidden, visible)).toEqual([
      'ALTER TABLE `t` MODIFY COLUMN `h` INT',
      'ALTER TABLE `t` ALTER INDEX `ix` NOT IGNORED',
    ])
    expect(sql(visible, hidden, 8)).toEqual([
      'ALTER TABLE `t` MODIFY COLUMN `h` INT INVISIBLE',
      'ALTER TABLE `t` ALTER INDEX `ix` INVISIBLE',
    ])
    expect(sql(hidden, visible, 8)[1]).toBe('ALTER TABLE `t` ALTER INDEX `ix` VISIBLE')
    expect(() => sql(visible, hidden, 10.5)).toThrow(/t\.ix: indexes the optimizer ignores need MariaDB 10\.6/)
    expect(() => sql(none, hidden, 5.7)).toThrow(/INVISIBLE columns need MariaDB 10\.3 or MySQL 8\.0\.23/)
  })

  it('system versioning: added last, dropped first (destructive), and ALTERs on a versioned table keep history', () => {
    const plain = table({}, [{ name: 'a', type: 'integer' }])
    const versioned = table({ systemVersioning: true }, [{ name: 'a', type: 'integer' }])
    expect(sql(none, versioned)[0]).toMatch(/\n\) WITH SYSTEM VERSIONING$/)
    expect(sql(plain, versioned)).toEqual(['ALTER TABLE `t` ADD SYSTEM VERSIONING'].map(keep))
    expect(plan(versioned, plain).up).toMatchObject([
      { sql: keep('ALTER TABLE `t` DROP SYSTEM VERSIONING'), destructive: true },
    ])
    const wider = table({ systemVersioning: true }, [{ name: 'a', type: 'bigint' }])
    expect(sql(versioned, wider)).toEqual([keep('ALTER TABLE `t` MODIFY COLUMN `a` BIGINT')])
    expect(() => sql(none, versioned, 8)).toThrow(/system-versioned tables need MariaDB 10\.3 \(MySQL has none\)/)
  })

  it('bad partitioning is refused with where it is', () => {
    expect(() => sql(none, table({ partitionBy: { method: 'range', key: ['y'] } }))).toThrow(
      /table "t": RANGE partitioning needs partitions/,
    )
    expect(() =>
      sql(none, table({ partitionBy: { method: 'range', key: ['y'] }, partitions: [{ name: 'p', in: ['1'] }] })),
    ).toThrow(/partition "p": a RANGE partition needs lessThan/)
    expect(() => sql(none, table(byRange([lt('p', '1); DROP TABLE x; --')])))).toThrow(/lessThan\[0\]/)
    expect(() => sql(none, table({ partitionBy: { method: 'key', key: ['id + 1'] } }))).toThrow(
      /KEY partitioning takes columns, not expressions/,
    )
  })

  it('the document reads and writes the fields; PostgreSQL and SQLite refuse what they cannot store', () => {
    const t = table(
      { ...byRange([lt('p1', '10')]), systemVersioning: true },
      [{ name: 'h', type: 'integer', invisible: true }],
      [{ name: 'ix', columns: ['h'], ignored: true }],
    )
    expect(parseSchema(JSON.parse(serializeSchema(t)))).toEqual(t)
    // Partition bounds are SQL values: bounded like every expression before anything reads them.
    const deep = { ...JSON.parse(serializeSchema(t)) }
    deep.tables[0].partitions[0].lessThan = [`${'('.repeat(300)}1${')'.repeat(300)}`]
    expect(safeParseSchema(deep)).toMatchObject({
      success: false,
      issues: [{ code: 'expression_too_deep', path: 'tables[0].partitions[0].lessThan[0]' }],
    })
    for (const dialect of ['postgres', 'sqlite'] as const)
      expect(() => createSchemaSQL(t, dialect)).toThrow(expect.objectContaining({ code: 'unsupported_feature' }))
    expect(() => createSchemaSQL(table({}, [{ name: 'h', type: 'integer', invisible: true }]), 'postgres')).toThrow(
      /t\.h: an INVISIBLE column: PostgreSQL has none/,
    )
    expect(() => createSchemaSQL(table({ systemVersioning: true }), 'sqlite')).toThrow(
      /system versioning: SQLite keeps no row history/,
    )
    // Lint reports the refusal (BP021) on each dialect.
    for (const dialect of ['postgres', 'sqlite'] as const) {
      expect(
        lintSchema(t, { dialect })
          .filter((f) => f.code === 'BP021')
          .map((f) => f.path),
      ).toEqual(['t.h'])
      expect(
        lintSchema(table({ systemVersioning: true }), { dialect }).filter((f) => f.code === 'BP021'),
      ).toMatchObject([{ path: 't', message: expect.stringMatching(/system versioning|SYSTEM VERSIONING/) }])
    }
    expect(
      lintSchema(table({}, [{ name: 'h', type: 'integer', invisible: true }]), { dialect: 'postgres' }),
    ).toMatchObject([
      { code: 'BP021', path: 't.h', message: expect.stringMatching(/an INVISIBLE column: PostgreSQL has none/) },
    ])
    // An ignored index is an ordinary index elsewhere.
    expect(
      createSchemaSQL(table({}, [], [{ name: 'ix', columns: ['y'], ignored: true }]), 'postgres').at(-1)?.sql,
    ).toBe('CREATE INDEX "ix" ON "t" ("y")')
  })
})

describe('mysql: impact of partition and versioning changes', () => {
  const findings = (from: Schema, to: Schema) =>
    analyzeImpact(diffSchemas(from, to), { dialect: 'mariadb', from, to }).findings.map(
      (f) => `${f.severity} ${f.code} ${f.message}`,
    )

  it('DROP PARTITION loses rows, ADD PARTITION is free, repartitioning and REMOVE PARTITIONING copy', () => {
    const a = table(byRange([lt('p1', '10'), lt('p2', '20')]))
    expect(findings(a, table(byRange([lt('p2', '20'), lt('p3', '30')])))).toEqual([
      'danger DS014 dropping partition p1 of t deletes the rows stored in it',
    ])
    expect(findings(a, table(byRange([lt('p1', '10'), lt('p2', '20'), lt('p3', '30')])))).toEqual([])
    expect(findings(a, table(byRange([lt('p1', '15'), lt('p2', '20')])))).toEqual([
      'warning LK024 repartitioning t copies the table, blocking writes until it finishes',
    ])
    expect(findings(a, table({}))).toEqual([
      'warning LK024 removing the partitioning of t copies the table, blocking writes until it finishes',
    ])
  })

  it('dropping system versioning deletes the history; adding it loses nothing', () => {
    expect(findings(table({ systemVersioning: true }), table({}))).toEqual([
      'danger DS015 dropping system versioning from t deletes the history of its rows',
    ])
    expect(findings(table({}), table({ systemVersioning: true }))).toEqual([])
  })
})

const keep = (s: string) => `SET STATEMENT system_versioning_alter_history = KEEP FOR ${s}`

/** What information_schema says about the tables, columns, indexes and partitions of the database. */
async function catalog(engine: Engine) {
  const q = (text: string) => engine.query(text)
  return {
    tables: await q(
      `SELECT TABLE_NAME AS t, TABLE_TYPE AS type, TABLE_COMMENT AS comment
       FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE() ORDER BY TABLE_NAME`,
    ),
    columns: await q(
      `SELECT TABLE_NAME AS t, COLUMN_NAME AS c, COLUMN_TYPE AS type, IS_NULLABLE AS nullable, EXTRA AS extra
       FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = DATABASE() ORDER BY TABLE_NAME, ORDINAL_POSITION`,
    ),
    indexes: await q(
      `SELECT TABLE_NAME AS t, INDEX_NAME AS i, INDEX_TYPE AS type, NON_UNIQUE AS non_unique, IGNORED AS ignored,
         GROUP_CONCAT(COLUMN_NAME ORDER BY SEQ_IN_INDEX) AS c
       FROM information_schema.STATISTICS WHERE TABLE_SCHEMA = DATABASE()
       GROUP BY TABLE_NAME, INDEX_NAME, INDEX_TYPE, NON_UNIQUE, IGNORED ORDER BY TABLE_NAME, INDEX_NAME`,
    ),
    partitions: await q(
      `SELECT TABLE_NAME AS t, PARTITION_NAME AS p, SUBPARTITION_NAME AS s, PARTITION_METHOD AS method,
         SUBPARTITION_METHOD AS sub_method, PARTITION_EXPRESSION AS expression, SUBPARTITION_EXPRESSION AS sub_expression,
         PARTITION_DESCRIPTION AS description, PARTITION_COMMENT AS comment
       FROM information_schema.PARTITIONS WHERE TABLE_SCHEMA = DATABASE() AND PARTITION_NAME IS NOT NULL
       ORDER BY TABLE_NAME, PARTITION_ORDINAL_POSITION, SUBPARTITION_ORDINAL_POSITION`,
    ),
  }
}

describe.skipIf(mariadb.skipReason !== undefined)(engineTitle(mariadb, 'table features replayed'), () => {
  let engine: Engine
  beforeAll(async () => {
    engine = await mariadb.open()
  })
  afterAll(async () => {
    await engine?.close()
  })

  const build = async (text: string) => {
    await engine.reset()
    await engine.exec(text)
    return { schema: await introspectEngine(engine), catalog: await catalog(engine) }
  }

  /**
   * Builds both versions from `before` and `before` + `step` by hand, plans between them both ways
   * on a copy, and requires the target's catalog and an empty re-plan; then each version is created
   * from its document and read back equal. Returns the two versions.
   */
  async function replay(before: string, step: string) {
    const a = await build(before)
    const b = await build(`${before};\n${step}`)
    expect(diffSchemas(a.schema, b.schema).changes, 'the step changes something').not.toEqual([])
    for (const [from, to] of [
      [a, b],
      [b, a],
    ] as const) {
      await build(from === a ? before : `${before};\n${step}`)
      await run(engine, plan(from.schema, to.schema).up)
      expect(await catalog(engine)).toEqual(to.catalog)
      expect(diffSchemas(await introspectEngine(engine), to.schema).changes).toEqual([])
    }
    for (const version of [a, b]) {
      await engine.reset()
      await run(engine, createSchemaSQL(version.schema, 'mysql'))
      expect(await catalog(engine), 'created from the document').toEqual(version.catalog)
      expect(await introspectEngine(engine)).toEqual(version.schema)
    }
    return { a, b }
  }

  it('an invisible column, an ignored index, FULLTEXT and SPATIAL indexes', async () => {
    const { b } = await replay(
      'CREATE TABLE places (id int PRIMARY KEY, note text, at point NOT NULL, h int, KEY ix_h (h))',
      `ALTER TABLE places MODIFY h int INVISIBLE, ALTER INDEX ix_h IGNORED, ADD FULLTEXT INDEX ft_note (note),
         ADD SPATIAL INDEX sp_at (at), ADD UNIQUE KEY uq_h (h) IGNORED`,
    )
    const t = b.schema.tables[0]
    expect(t?.columns.find((c) => c.name === 'h')).toMatchObject({ invisible: true })
    expect(t?.indexes).toEqual([
      { name: 'ft_note', parts: [{ column: 'note' }], using: 'fulltext' },
      { name: 'ix_h', parts: [{ column: 'h' }], ignored: true },
      { name: 'sp_at', parts: [{ column: 'at' }], using: 'spatial' },
      { name: 'uq_h', parts: [{ column: 'h' }], unique: true, ignored: true },
    ])
  })

  it('the table comment, and AUTO_INCREMENT counters that are never compared', async () => {
    await replay(
      'CREATE TABLE notes (id int AUTO_INCREMENT PRIMARY KEY, body text)',
      "ALTER TABLE notes COMMENT 'it''s a \\\\ note'",
    )
    const fresh = await build('CREATE TABLE notes (id int AUTO_INCREMENT PRIMARY KEY, body text)')
    const used = await build(
      "CREATE TABLE notes (id int AUTO_INCREMENT PRIMARY KEY, body text) AUTO_INCREMENT=1000; INSERT INTO notes (body) VALUES ('a')",
    )
    const [counter] = await engine.query(
      'SELECT AUTO_INCREMENT AS n FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE()',
    )
    expect(Number(counter?.n)).toBe(1001)
    expect(used.schema).toEqual(fresh.schema)
    expect(diffSchemas(fresh.schema, used.schema).changes).toEqual([])
  })

  const sales = `CREATE TABLE sales (id bigint NOT NULL, y int NOT NULL, amount decimal(10,2), PRIMARY KEY (id, y))`

  it('RANGE partitions: added, dropped, repartitioned with other bounds', async () => {
    const base = `${sales} PARTITION BY RANGE (y) (PARTITION p2022 VALUES LESS THAN (2023) COMMENT 'old', PARTITION p2023 VALUES LESS THAN (2024))`
    await replay(base, 'ALTER TABLE sales ADD PARTITION (PARTITION p2024 VALUES LESS THAN (2025))')
    await replay(base, 'ALTER TABLE sales DROP PARTITION p2022')
    await replay(
      base,
      'ALTER TABLE sales REORGANIZE PARTITION p2023 INTO (PARTITION p2023a VALUES LESS THAN (2023 + 1), PARTITION pmax VALUES LESS THAN MAXVALUE)',
    )
  })

  it('partitioned and not, and from one method to another (RANGE with an expression, HASH, LINEAR KEY)', async () => {
    await replay(
      sales,
      'ALTER TABLE sales PARTITION BY RANGE (y DIV 10) (PARTITION a VALUES LESS THAN (203), PARTITION b VALUES LESS THAN MAXVALUE)',
    )
    await replay(
      `${sales} PARTITION BY HASH (id) PARTITIONS 3`,
      'ALTER TABLE sales PARTITION BY LINEAR KEY (id, y) PARTITIONS 2',
    )
    await replay(`${sales} PARTITION BY HASH (id) PARTITIONS 3`, 'ALTER TABLE sales COALESCE PARTITION 1')
  })

  it('LIST and LIST COLUMNS, RANGE COLUMNS, subpartitions', async () => {
    await replay(
      `${sales} PARTITION BY LIST (y) (PARTITION a VALUES IN (1, 2), PARTITION b VALUES IN (3))`,
      'ALTER TABLE sales ADD PARTITION (PARTITION c VALUES IN (4, 5))',
    )
    await replay(
      `CREATE TABLE c (id int NOT NULL, code varchar(10) NOT NULL, d date NOT NULL, PRIMARY KEY (id, code, d))
         PARTITION BY LIST COLUMNS (code, d) (PARTITION a VALUES IN (('it''s', '2020-01-01'), ('b', NULL)))`,
      `ALTER TABLE c PARTITION BY RANGE COLUMNS (d, id) (PARTITION a VALUES LESS THAN ('2020-01-01', 5),
         PARTITION b VALUES LESS THAN (MAXVALUE, MAXVALUE))`,
    )
    await replay(
      `${sales} PARTITION BY RANGE (y) SUBPARTITION BY HASH (id) SUBPARTITIONS 2
         (PARTITION p1 VALUES LESS THAN (2000), PARTITION p2 VALUES LESS THAN MAXVALUE)`,
      `ALTER TABLE sales PARTITION BY RANGE (y) SUBPARTITION BY KEY (id)
         (PARTITION p1 VALUES LESS THAN (2000) (SUBPARTITION s1, SUBPARTITION s2, SUBPARTITION s3),
          PARTITION p2 VALUES LESS THAN MAXVALUE (SUBPARTITION s4, SUBPARTITION s5, SUBPARTITION s6))`,
    )
  })

  it('system versioning added and dropped, and a versioned table altered', async () => {
    await replay('CREATE TABLE plans (id int PRIMARY KEY, price int)', 'ALTER TABLE plans ADD SYSTEM VERSIONING')
    await replay(
      'CREATE TABLE plans (id int PRIMARY KEY, price int) WITH SYSTEM VERSIONING',
      'SET STATEMENT system_versioning_alter_history = KEEP FOR ALTER TABLE plans MODIFY price bigint NOT NULL, ADD note text',
    )
  })
})
