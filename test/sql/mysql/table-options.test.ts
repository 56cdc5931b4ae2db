import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Schema } from '../../../src/index.js'
import { defineSchema, diffSchemas, parseSchema, serializeSchema } from '../../../src/index.js'
import { type Engine, engineTitle, run } from '../../engines/engines.js'
import { catalogIndexes, introspectEngine, mariadb, plan } from './harness.js'

// Table options (engine, default charset and collation, row format, comment) and column collations,
// judged by information_schema: each case is a real migration replayed. Both versions are built on
// MariaDB by hand and introspected; the plan between them is applied to a copy of the first, and the
// catalog must then equal the second's, in both directions, with nothing left to plan.

const users = (options: Record<string, string>) =>
  defineSchema({
    tables: [
      {
        name: 'users',
        columns: [
          { name: 'id', type: 'integer', nullable: false },
          { name: 'name', type: 'varchar(20)', collation: 'utf8mb4_bin' },
        ],
        constraints: [{ type: 'primary_key', columns: ['id'] }],
        ...options,
      },
    ],
  })

const upSql = (from: Schema, to: Schema) => plan(from, to).up.map((s) => s.sql)

describe('table options in the document', () => {
  it("read from SQLAlchemy's mysql_* table options and kept by the canonical form", () => {
    const read = parseSchema({
      metadata: {
        tables: [
          {
            name: 't',
            columns: [{ name: 'id', type: 'Integer' }],
            mysql_engine: 'InnoDB',
            mysql_charset: 'utf8mb4',
            mysql_collate: 'utf8mb4_bin',
            mysql_row_format: 'DYNAMIC',
          },
        ],
      },
    })
    expect(read.tables[0]).toMatchObject({
      engine: 'InnoDB',
      charset: 'utf8mb4',
      collation: 'utf8mb4_bin',
      rowFormat: 'DYNAMIC',
    })
    expect(read.tables[0]?.extra).toBeUndefined()
    expect(parseSchema(JSON.parse(serializeSchema(read)))).toEqual(read)
  })
})

describe('mysql: table options in SQL', () => {
  it('CREATE TABLE states the options the table states, and only those', () => {
    expect(upSql(defineSchema({ tables: [] }), users({}))[0]).toBe(
      'CREATE TABLE `users` (\n  `id` INT NOT NULL,\n  `name` VARCHAR(20) COLLATE `utf8mb4_bin`,\n  PRIMARY KEY (`id`)\n)',
    )
    const all = {
      engine: 'InnoDB',
      charset: 'latin1',
      collation: 'latin1_bin',
      rowFormat: 'compact',
      comment: 'people',
    }
    expect(upSql(defineSchema({ tables: [] }), users(all))[0]).toBe(
      "CREATE TABLE `users` (\n  `id` INT NOT NULL,\n  `name` VARCHAR(20) COLLATE `utf8mb4_bin`,\n  PRIMARY KEY (`id`)\n) ENGINE=`InnoDB` DEFAULT CHARSET=`latin1` COLLATE=`latin1_bin` ROW_FORMAT=COMPACT COMMENT 'people'",
    )
  })

  it('a new charset converts the table, then restates the columns that keep their own collation', () => {
    expect(
      upSql(users({ charset: 'utf8mb4', engine: 'InnoDB' }), users({ charset: 'latin1', engine: 'Aria' })),
    ).toEqual([
      'ALTER TABLE `users` ENGINE = `Aria`',
      'ALTER TABLE `users` CONVERT TO CHARACTER SET `latin1`',
      'ALTER TABLE `users` MODIFY COLUMN `name` VARCHAR(20) COLLATE `utf8mb4_bin`',
    ])
    expect(upSql(users({ collation: 'utf8mb4_general_ci' }), users({ collation: 'latin1_german1_ci' }))).toEqual([
      'ALTER TABLE `users` CONVERT TO CHARACTER SET `latin1` COLLATE `latin1_german1_ci`',
      'ALTER TABLE `users` MODIFY COLUMN `name` VARCHAR(20) COLLATE `utf8mb4_bin`',
    ])
  })

  it('an option one version leaves out is not compared; names compare without case', () => {
    expect(diffSchemas(users({ engine: 'InnoDB', charset: 'latin1' }), users({})).changes).toEqual([])
    expect(diffSchemas(users({}), users({ rowFormat: 'DYNAMIC' })).changes).toEqual([])
    expect(
      diffSchemas(users({ engine: 'InnoDB', rowFormat: 'dynamic' }), users({ engine: 'innodb', rowFormat: 'DYNAMIC' }))
        .changes,
    ).toEqual([])
    expect(diffSchemas(users({ engine: 'InnoDB' }), users({ engine: 'MyISAM', comment: 'x' })).changes).toMatchObject([
      { kind: 'alter_table', path: 'users', changes: ['comment', 'engine'] },
    ])
  })

  it("a foreign key joining columns of different collations (their own or their table's) is refused", () => {
    const schema = (members: Record<string, string>, length: number) =>
      defineSchema({
        tables: [
          {
            name: 'orgs',
            columns: [{ name: 'code', type: 'varchar(10)', nullable: false }],
            constraints: [{ type: 'primary_key', columns: ['code'] }],
            collation: 'latin1_swedish_ci',
          },
          {
            name: 'members',
            columns: [{ name: 'org_code', type: `varchar(${length})` }],
            constraints: [
              { type: 'foreign_key', columns: ['org_code'], referencedTable: 'orgs', referencedColumns: ['code'] },
            ],
            ...members,
          },
        ],
      })
    const latin1 = { collation: 'latin1_swedish_ci' }
    expect(() => upSql(schema(latin1, 10), schema({ collation: 'utf8mb4_general_ci' }, 12))).toThrow(
      /members\.org_code becomes varchar\(12\), but foreign key members_org_code_fkey joins/,
    )
    expect(upSql(schema(latin1, 10), schema({ collation: 'LATIN1_swedish_ci' }, 12))).toHaveLength(3)
  })

  it('a row format MySQL does not know is refused, not written', () => {
    expect(() => upSql(defineSchema({ tables: [] }), users({ rowFormat: 'DYNAMIC; DROP TABLE x' }))).toThrow(
      /ROW_FORMAT "DYNAMIC; DROP TABLE x" is none of/,
    )
  })

  it('PostgreSQL and SQLite write nothing for MySQL table options', async () => {
    const { planMigration } = await import('../../../src/sql/index.js')
    const plain = (options: Record<string, string>) =>
      defineSchema({ tables: [{ name: 't', columns: [{ name: 'id', type: 'integer' }], ...options }] })
    const [from, to] = [plain({ engine: 'InnoDB', charset: 'latin1' }), plain({ engine: 'MyISAM', charset: 'utf8mb4' })]
    for (const dialect of ['postgres', 'sqlite'] as const)
      expect(planMigration(diffSchemas(from, to), { dialect, from, to }).up).toEqual([])
  })
})

/** What information_schema says about the tables, columns and indexes of the engine's database. */
async function catalog(engine: Engine) {
  const tables = await engine.query(
    `SELECT TABLE_NAME AS t, ENGINE AS engine, TABLE_COLLATION AS collation, ROW_FORMAT AS row_format,
       TABLE_COMMENT AS comment
     FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE() ORDER BY TABLE_NAME`,
  )
  const columns = await engine.query(
    `SELECT TABLE_NAME AS t, COLUMN_NAME AS c, CHARACTER_SET_NAME AS charset, COLLATION_NAME AS collation
     FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = DATABASE() ORDER BY TABLE_NAME, ORDINAL_POSITION`,
  )
  return { tables, columns, indexes: await catalogIndexes(engine) }
}

describe.skipIf(mariadb.skipReason !== undefined)(engineTitle(mariadb, 'table options replayed'), () => {
  let engine: Engine
  beforeAll(async () => {
    engine = await mariadb.open()
  })
  afterAll(async () => {
    await engine?.close()
  })

  /** Builds both versions from `before` and `before` + `step`, then plans between them both ways. */
  async function replay(before: string, step: string) {
    const build = async (sql: string) => {
      await engine.reset()
      await engine.exec(sql)
      return { schema: await introspectEngine(engine), catalog: await catalog(engine) }
    }
    const a = await build(before)
    const b = await build(`${before};\n${step}`)
    for (const [from, to] of [
      [a, b],
      [b, a],
    ] as const) {
      await build(from === a ? before : `${before};\n${step}`)
      await run(engine, plan(from.schema, to.schema).up)
      expect(await catalog(engine)).toEqual(to.catalog)
      expect(diffSchemas(await introspectEngine(engine), to.schema).changes).toEqual([])
    }
    return { a, b }
  }

  it('a new table whose key must match the referenced column collation (errno 150 before)', async () => {
    const { b } = await replay(
      'CREATE TABLE orgs (code varchar(10) PRIMARY KEY) DEFAULT CHARSET=latin1',
      `CREATE TABLE members (id int PRIMARY KEY, org_code varchar(10) NOT NULL,
         FOREIGN KEY (org_code) REFERENCES orgs (code) ON DELETE NO ACTION ON UPDATE NO ACTION) DEFAULT CHARSET=latin1`,
    )
    expect(b.schema.tables.find((t) => t.name === 'members')).toMatchObject({
      engine: 'InnoDB',
      charset: 'latin1',
      collation: 'latin1_swedish_ci',
      rowFormat: 'DEFAULT',
    })
  })

  it('a table converted to another charset, under a foreign key, with a column keeping its own collation', async () => {
    await replay(
      `CREATE TABLE t (id int PRIMARY KEY, name varchar(10) NOT NULL UNIQUE, tag varchar(10) COLLATE utf8mb4_bin);
       CREATE TABLE u (id int PRIMARY KEY, t_name varchar(10),
         FOREIGN KEY (t_name) REFERENCES t (name) ON DELETE NO ACTION ON UPDATE NO ACTION)`,
      // MariaDB refuses to convert a column under a foreign key, even with foreign_key_checks off.
      `ALTER TABLE u DROP FOREIGN KEY u_ibfk_1, DROP INDEX t_name;
       ALTER TABLE t CONVERT TO CHARACTER SET latin1 COLLATE latin1_general_ci;
       ALTER TABLE t MODIFY tag varchar(10) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin;
       ALTER TABLE u CONVERT TO CHARACTER SET latin1 COLLATE latin1_general_ci;
       ALTER TABLE u ADD INDEX t_name (t_name),
         ADD CONSTRAINT u_ibfk_1 FOREIGN KEY (t_name) REFERENCES t (name) ON DELETE NO ACTION ON UPDATE NO ACTION`,
    )
  })

  it('engine, row format and comment', async () => {
    await replay(
      'CREATE TABLE logs (id int PRIMARY KEY, msg varchar(50)) ENGINE=InnoDB',
      "ALTER TABLE logs ENGINE=Aria ROW_FORMAT=PAGE COMMENT 'old messages'",
    )
  })
})
