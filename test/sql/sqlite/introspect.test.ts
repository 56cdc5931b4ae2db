import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { parseCreateIndex, parseCreateTable } from '../../../src/dialects/sqlite/introspect-parse.js'
import type { SchemaDefinition } from '../../../src/index.js'
import { introspect } from '../../../src/introspect/index.js'
import { type Engine, engineTitle } from '../../engines/engines.js'
import { read, schema, sqliteFactory } from './sqlite-helpers.js'

// Reading databases schemaledger did not create: hand-written SQLite DDL with column constraints,
// odd quoting, implicit keys, internal and virtual tables.

describe.skipIf(sqliteFactory.skipReason !== undefined)(
  engineTitle(sqliteFactory, 'introspection of hand-written DDL'),
  () => {
    let engine: Engine
    beforeAll(async () => {
      engine = await sqliteFactory.open()
    })
    afterAll(async () => {
      await engine.close()
    })

    it('reads column constraints, names, expressions, collations and implicit keys', async () => {
      await engine.reset()
      await engine.exec(`
      CREATE TABLE Parent (
        ID INTEGER PRIMARY KEY AUTOINCREMENT,
        [display name] TEXT COLLATE NOCASE NOT NULL CONSTRAINT ck_len CHECK (length([display name]) > 1),
        \`code\` varchar(10) CONSTRAINT uq_code UNIQUE,
        born TEXT DEFAULT (datetime('now')),
        score REAL DEFAULT -1.5,
        blob_col,
        twice INTEGER GENERATED ALWAYS AS (score * 2) STORED
      );
      CREATE TABLE 'child' (
        id integer NOT NULL,
        parent_id integer REFERENCES parent ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,
        other_id integer,
        a int, b int,
        CONSTRAINT pk_child PRIMARY KEY (b, a),
        CONSTRAINT fk_other FOREIGN KEY (other_id) REFERENCES PARENT (id) ON UPDATE SET NULL,
        UNIQUE (a, id),
        CHECK (a <> b)
      ) WITHOUT ROWID;
      CREATE UNIQUE INDEX ux_child_lower ON child (lower(a) COLLATE NOCASE DESC, id) WHERE a IS NOT NULL;
      CREATE INDEX "ix child" ON CHILD ("other_id");
      CREATE VIEW parent_names AS SELECT [display name] FROM parent;
      CREATE VIRTUAL TABLE notes USING fts4(body);
      INSERT INTO parent ([display name]) VALUES ('xx');
      ANALYZE;
    `)
      expect(await read(engine)).toEqual(
        schema({
          // The view, read from its CREATE text ([name] quoting kept as written).
          views: [{ name: 'parent_names', definition: 'SELECT [display name] FROM parent' }],
          tables: [
            {
              name: 'Parent',
              columns: [
                { name: 'ID', type: 'integer', nullable: false, autoincrement: true },
                { name: 'display name', type: 'text', nullable: false, collation: 'NOCASE' },
                { name: 'code', type: 'varchar(10)' },
                { name: 'born', type: 'text', default: "datetime('now')" },
                { name: 'score', type: 'real', default: '-1.5' },
                { name: 'blob_col', type: '' },
                { name: 'twice', type: 'integer', generated: { expression: 'score * 2', stored: true } },
              ],
              constraints: [
                { type: 'primary_key', columns: ['ID'] },
                { type: 'unique', name: 'uq_code', columns: ['code'] },
                { type: 'check', name: 'ck_len', expression: 'length([display name]) > 1' },
              ],
            },
            {
              name: 'child',
              withoutRowid: true,
              columns: [
                { name: 'id', type: 'integer', nullable: false },
                { name: 'parent_id', type: 'integer' },
                { name: 'other_id', type: 'integer' },
                { name: 'a', type: 'int', nullable: false },
                { name: 'b', type: 'int', nullable: false },
              ],
              constraints: [
                { type: 'primary_key', name: 'pk_child', columns: ['b', 'a'] },
                { type: 'unique', columns: ['a', 'id'] },
                {
                  type: 'foreign_key',
                  columns: ['parent_id'],
                  referencedTable: 'Parent',
                  referencedColumns: ['ID'],
                  onDelete: 'cascade',
                  deferrable: true,
                  initiallyDeferred: true,
                },
                {
                  type: 'foreign_key',
                  name: 'fk_other',
                  columns: ['other_id'],
                  referencedTable: 'Parent',
                  referencedColumns: ['ID'],
                  onUpdate: 'set_null',
                },
                { type: 'check', expression: 'a <> b' },
              ],
              indexes: [
                { name: 'ix child', columns: ['other_id'] },
                {
                  name: 'ux_child_lower',
                  unique: true,
                  columns: [{ expression: 'lower(a)', collation: 'NOCASE', descending: true }, 'id'],
                  where: 'a IS NOT NULL',
                },
              ],
            },
          ],
        } as SchemaDefinition),
      )
    })

    it('reads an attached database when options.schema names it', async () => {
      await engine.reset()
      await engine.exec(`
      ATTACH ':memory:' AS "aux db";
      CREATE TABLE main.m (a int);
      CREATE TABLE "aux db".t (a int PRIMARY KEY, b text UNIQUE);
      CREATE INDEX "aux db".ix_t_b ON t (b DESC);
    `)
      const aux = await introspect(engine.query, { dialect: 'sqlite', schema: 'aux db' })
      expect(aux).toEqual(
        schema({
          tables: [
            {
              name: 't',
              // INT PRIMARY KEY: no alias of the rowid, and NULL is accepted (no NOT NULL).
              noRowidAlias: true,
              nullableKey: true,
              columns: [
                { name: 'a', type: 'int', nullable: true },
                { name: 'b', type: 'text' },
              ],
              constraints: [
                { type: 'primary_key', columns: ['a'] },
                { type: 'unique', columns: ['b'] },
              ],
              indexes: [{ name: 'ix_t_b', columns: [{ column: 'b', descending: true }] }],
            },
          ],
        }),
      )
      expect((await read(engine)).tables.map((t) => t.name)).toEqual(['m'])
    })

    it('parses CREATE TABLE text tolerantly', () => {
      expect(parseCreateTable('CREATE TABLE t AS SELECT 1')).toEqual({
        columns: [],
        constraints: [],
        withoutRowid: false,
        strict: false,
      })
      expect(
        parseCreateTable(
          'CREATE TABLE "t" ( -- a comment\n "a" integer CONSTRAINT "p" PRIMARY KEY DESC ON CONFLICT REPLACE AUTOINCREMENT /* x */, b text AS (upper(a)) )',
        ),
      ).toEqual({
        columns: [
          { name: 'a', autoincrement: true },
          { name: 'b', autoincrement: false, generated: 'upper(a)' },
        ],
        constraints: [{ kind: 'primary_key', name: 'p', columns: ['a'] }],
        withoutRowid: false,
        strict: false,
      })
      // The options after the closing parenthesis (read this way before SQLite 3.37's pragma_table_list).
      expect(parseCreateTable('CREATE TABLE t (a TEXT PRIMARY KEY) WITHOUT ROWID , STRICT')).toMatchObject({
        withoutRowid: true,
        strict: true,
      })
      expect(
        parseCreateIndex('CREATE INDEX IF NOT EXISTS main.ix ON t ((a + b) ASC, "c" COLLATE rtrim) WHERE c > 0;'),
      ).toEqual({
        parts: [
          { expression: 'a + b', descending: false },
          { column: 'c', collation: 'rtrim', descending: false },
        ],
        where: 'c > 0',
      })
    })
  },
)
