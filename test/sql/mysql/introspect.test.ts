import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { diffSchemas, parseColumnType } from '../../../src/index.js'
import { introspect } from '../../../src/introspect/index.js'
import { createSchemaSQL } from '../../../src/sql/index.js'
import { type Engine, engineTitle } from '../../engines/engines.js'
import { introspectEngine, mariadb } from './harness.js'

// Introspection of databases written by hand (not by our dialect): MariaDB's catalog quirks
// (quoted COLUMN_DEFAULT, NULL as a word, current_timestamp(), JSON as LONGTEXT + CHECK, function
// synonyms in checks), how unique keys and foreign-key indexes are reported, and actions.

describe.skipIf(mariadb.skipReason !== undefined)(engineTitle(mariadb, 'introspection'), () => {
  let engine: Engine
  beforeAll(async () => {
    engine = await mariadb.open()
  })
  afterAll(async () => {
    await engine?.close()
  })
  const load = async (sql: string) => {
    await engine.reset()
    await engine.exec(sql)
    return introspectEngine(engine)
  }

  it('normalises MariaDB column defaults and types', async () => {
    const schema = await load(`CREATE TABLE d (
      a varchar(20) DEFAULT 'it''s \\\\ here', b varchar(20) DEFAULT 'NULL', c int DEFAULT NULL, e int NOT NULL,
      f datetime(3) DEFAULT current_timestamp(3) ON UPDATE current_timestamp(3), g timestamp NOT NULL DEFAULT now(),
      h tinyint(1) DEFAULT 1, i decimal(6,2) DEFAULT -1.50, j json, k int DEFAULT (1 + 2), l date DEFAULT (curdate()),
      m datetime(4) DEFAULT current_timestamp(2), n bit(1) DEFAULT b'1', o double DEFAULT 1e3) COMMENT 'd''s'`)
    const t = schema.tables[0]!
    const col = (name: string) => t.columns.find((c) => c.name === name)
    expect(t.comment).toBe("d's")
    expect(col('a')?.default).toBe("'it''s \\ here'")
    expect(col('b')?.default).toBe("'NULL'")
    expect(col('c')?.default).toBeUndefined()
    expect(col('e')).toEqual({ name: 'e', type: { kind: 'integer' }, nullable: false })
    expect(col('f')).toEqual({
      name: 'f',
      type: { kind: 'timestamp', precision: 3, timezone: false },
      nullable: true,
      default: 'CURRENT_TIMESTAMP',
      onUpdate: 'CURRENT_TIMESTAMP',
    })
    expect(col('g')).toMatchObject({ type: { kind: 'timestamp', timezone: true }, default: 'CURRENT_TIMESTAMP' })
    expect(col('h')).toMatchObject({ type: { kind: 'boolean' }, default: 'true' })
    expect(col('i')?.default).toBe('-1.50')
    expect(col('j')?.type).toEqual({ kind: 'json' })
    expect(t.constraints.filter((c) => c.type === 'check')).toEqual([])
    expect(col('k')?.default).toBe('(1 + 2)')
    expect(col('l')?.default).toBe('curdate()')
    expect(col('m')?.default).toBe('CURRENT_TIMESTAMP(2)')
    expect(col('n')).toMatchObject({ type: parseColumnType('bit(1)'), default: "b'1'" })
    expect(col('o')?.default).toBe('1000')
  })

  it('reports unique keys as unique constraints unless they need index features', async () => {
    const schema = await load(`CREATE TABLE u (
      id int PRIMARY KEY, a varchar(10), b varchar(10), c text, d varchar(10),
      UNIQUE KEY uk_a (a), CONSTRAINT uc_b UNIQUE (b, a), UNIQUE KEY uk_c (c(5)), UNIQUE KEY uk_d (d DESC), KEY k_ab (a, b));
      CREATE UNIQUE INDEX ux_d ON u (d, id)`)
    const t = schema.tables[0]!
    expect(t.constraints).toEqual([
      { type: 'primary_key', columns: ['id'] },
      { type: 'unique', name: 'uc_b', columns: ['b', 'a'] },
      { type: 'unique', name: 'uk_a', columns: ['a'] },
      { type: 'unique', name: 'ux_d', columns: ['d', 'id'] },
    ])
    expect(t.indexes).toEqual([
      { name: 'k_ab', parts: [{ column: 'a' }, { column: 'b' }] },
      { name: 'uk_c', parts: [{ column: 'c', length: 5 }], unique: true },
      { name: 'uk_d', parts: [{ column: 'd', descending: true }], unique: true },
    ])
  })

  it('hides the indexes MySQL makes for foreign keys, and reads actions', async () => {
    const schema = await load(`CREATE TABLE p (id int PRIMARY KEY, code varchar(5) UNIQUE);
      CREATE TABLE c (id int PRIMARY KEY, p1 int, p2 int, p3 varchar(5), p4 int,
        CONSTRAINT fk_named FOREIGN KEY (p1) REFERENCES p (id) ON DELETE CASCADE,
        FOREIGN KEY (p2) REFERENCES p (id) ON UPDATE SET NULL,
        CONSTRAINT fk_code FOREIGN KEY (p3) REFERENCES p (code) ON DELETE NO ACTION ON UPDATE RESTRICT,
        FOREIGN KEY (p4) REFERENCES p (id), KEY ix_p4 (p4, id))`)
    const c = schema.tables.find((t) => t.name === 'c')!
    expect(c.indexes).toEqual([{ name: 'ix_p4', parts: [{ column: 'p4' }, { column: 'id' }] }])
    expect(c.constraints.filter((x) => x.type === 'foreign_key')).toEqual([
      {
        type: 'foreign_key',
        name: 'c_ibfk_1',
        columns: ['p2'],
        referencedTable: 'p',
        referencedColumns: ['id'],
        onDelete: 'restrict',
        onUpdate: 'set_null',
        extra: { mysqlIndex: 'p2' },
      },
      {
        type: 'foreign_key',
        name: 'c_ibfk_2',
        columns: ['p4'],
        referencedTable: 'p',
        referencedColumns: ['id'],
        onDelete: 'restrict',
        onUpdate: 'restrict',
      },
      {
        type: 'foreign_key',
        name: 'fk_code',
        columns: ['p3'],
        referencedTable: 'p',
        referencedColumns: ['code'],
        onUpdate: 'restrict',
      },
      {
        type: 'foreign_key',
        name: 'fk_named',
        columns: ['p1'],
        referencedTable: 'p',
        referencedColumns: ['id'],
        onDelete: 'cascade',
        onUpdate: 'restrict',
      },
    ])
  })

  it('reads checks in standard SQL, with the function names MariaDB rewrote put back', async () => {
    const schema = await load(`CREATE TABLE k (a varchar(10), b int,
      CONSTRAINT k1 CHECK (length(a) > 1 AND lower(a) <> upper(a)), CONSTRAINT k2 CHECK (substring(a, 1, 2) <> 'x\\\\y'),
      CONSTRAINT \`k "3\` CHECK (\`b\` IN (1, 2)), c int CHECK (c > 0))`)
    expect(schema.tables[0]?.constraints).toEqual([
      // Declared on column c: MariaDB named it c; read as unnamed, the name kept to drop it by.
      { type: 'check', expression: 'c > 0', extra: { mysqlName: 'c' } },
      { type: 'check', name: 'k "3', expression: 'b in (1,2)' },
      { type: 'check', name: 'k1', expression: 'length(a) > 1 and lower(a) <> upper(a)' },
      { type: 'check', name: 'k2', expression: "substring(a,1,2) <> 'x\\y'" },
    ])
  })

  it('keeps a column collation only when it differs from the table default', async () => {
    const schema = await load(
      `CREATE TABLE c (a varchar(5), b varchar(5) COLLATE utf8mb4_bin, e enum('x') CHARACTER SET latin1)`,
    )
    expect(schema.tables[0]?.columns.map((c) => c.collation)).toEqual([undefined, 'utf8mb4_bin', 'latin1_swedish_ci'])
  })

  it('reads another database with options.schema, and only base tables', async () => {
    await load('CREATE TABLE here (a int); CREATE VIEW v AS SELECT a FROM here')
    const [{ db }] = (await engine.query('SELECT DATABASE() AS db')) as [{ db: string }]
    await engine.exec(
      `DROP DATABASE IF EXISTS ${db}_other; CREATE DATABASE ${db}_other; CREATE TABLE ${db}_other.there (b int)`,
    )
    try {
      const other = await introspect((sql, params) => engine.query(sql, params), {
        dialect: 'mariadb',
        schema: `${db}_other`,
      })
      expect(other.tables.map((t) => t.name)).toEqual(['there'])
      expect((await introspectEngine(engine)).tables.map((t) => t.name)).toEqual(['here'])
    } finally {
      await engine.exec(`DROP DATABASE ${db}_other`)
    }
  })

  it('an introspected database re-created by the dialect introspects the same', async () => {
    const schema =
      await load(`CREATE TABLE p (id int PRIMARY KEY AUTO_INCREMENT, code varchar(5) UNIQUE, j json, s enum('a','b') DEFAULT 'a');
      CREATE TABLE c (id bigint unsigned PRIMARY KEY, p1 int NOT NULL, note text, CHECK (p1 > 0),
        FOREIGN KEY (p1) REFERENCES p (id), KEY (note(10)))`)
    await engine.reset()
    for (const s of createSchemaSQL(schema, 'mysql')) await engine.exec(s.sql)
    expect(diffSchemas(await introspectEngine(engine), schema).changes).toEqual([])
  })
})
