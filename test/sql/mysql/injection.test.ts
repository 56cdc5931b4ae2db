import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Schema } from '../../../src/index.js'
import { defineSchema, diffSchemas, isSchemaLedgerError, UnsafeExpressionError } from '../../../src/index.js'
import { createSchemaSQL, resolveDialect } from '../../../src/sql/index.js'
import { type Engine, engineTitle, run } from '../../engines/engines.js'
import { introspectEngine, mariadb, plan } from './harness.js'

// Names and literals full of quotes, terminators, backslashes and non-ASCII letters create exactly
// those names and values on MariaDB; expressions that could end the statement never reach SQL.

const mysql = resolveDialect('mysql')
const NAMES = {
  table: 'Tab"le `x` ;drop\\ é',
  column: "co'l`; -- ü",
  other: 'a b\\c"d',
  pk: 'id ``ß',
  unique: "uq '`;\\",
  check: 'ck"; --',
  fk: "fk `ø` 'x'",
  index: 'ix #1 `"\'\\',
}
const VALUES = {
  default: 'it\'s "q" `b` \\ ; -- /* é',
  comment: 'c\'o"m`m;ent \\n -- é\nline two',
  tableComment: 'table \\ \' " ` ; ü',
  enumValue: "a'b\\c",
}

const tricky: Schema = defineSchema({
  tables: [
    {
      name: NAMES.table,
      comment: VALUES.tableComment,
      columns: [
        { name: NAMES.pk, type: 'integer', nullable: false },
        {
          name: NAMES.column,
          type: 'varchar(80)',
          default: `'${VALUES.default.replaceAll("'", "''")}'`,
          comment: VALUES.comment,
        },
        { name: NAMES.other, type: 'integer' },
        {
          name: 'mood',
          type: `enum('${VALUES.enumValue.replaceAll('\\', '\\\\').replaceAll("'", "''")}','plain')`,
          default: `'${VALUES.enumValue.replaceAll("'", "''")}'`,
        },
      ],
      constraints: [
        { type: 'primary_key', columns: [NAMES.pk] },
        { type: 'unique', name: NAMES.unique, columns: [NAMES.column] },
        {
          type: 'check',
          name: NAMES.check,
          expression: `"${NAMES.other.replaceAll('"', '""')}" > 0 AND "${NAMES.column.replaceAll('"', '""')}" <> 'x''; --'`,
        },
        {
          type: 'foreign_key',
          name: NAMES.fk,
          columns: [NAMES.other],
          referencedTable: NAMES.table,
          referencedColumns: [NAMES.pk],
        },
      ],
      indexes: [{ name: NAMES.index, columns: [NAMES.other, NAMES.column] }],
    },
  ],
})

describe('mysql: quoting', () => {
  it('always quotes identifiers in backticks, doubling embedded ones, and refuses NUL', () => {
    expect(mysql.quoteIdentifier('order')).toBe('`order`')
    expect(mysql.quoteIdentifier('a`b')).toBe('`a``b`')
    expect(mysql.quoteIdentifier('sp ace;"\'\\')).toBe('`sp ace;"\'\\`')
    expect(() => mysql.quoteIdentifier('a\u0000b')).toThrow(/cannot contain NUL/)
  })

  it("escapes literals for MySQL: ' doubled, backslashes and NUL escaped", () => {
    expect(mysql.quoteLiteral("it's")).toBe("'it''s'")
    expect(mysql.quoteLiteral('a\\b')).toBe("'a\\\\b'")
    expect(mysql.quoteLiteral('a\u0000b')).toBe("'a\\0b'")
    expect(mysql.quoteLiteral('"; DROP TABLE t; --')).toBe("'\"; DROP TABLE t; --'")
  })

  it('writes the tricky table with every name quoted and every literal escaped', () => {
    expect(createSchemaSQL(tricky, 'mysql').map((s) => s.sql)).toEqual([
      [
        'CREATE TABLE `Tab"le ``x`` ;drop\\ é` (',
        '  `id ````ß` INT NOT NULL,',
        "  `co'l``; -- ü` VARCHAR(80) DEFAULT 'it''s \"q\" `b` \\\\ ; -- /* é' COMMENT 'c''o\"m`m;ent \\\\n -- é\nline two',",
        '  `a b\\c"d` INT,',
        "  `mood` ENUM('a''b\\\\c','plain') DEFAULT 'a''b\\\\c',",
        '  PRIMARY KEY (`id ````ß`),',
        "  CONSTRAINT `uq '``;\\` UNIQUE (`co'l``; -- ü`),",
        '  CONSTRAINT `fk ``ø`` \'x\'` FOREIGN KEY (`a b\\c"d`) REFERENCES `Tab"le ``x`` ;drop\\ é` (`id ````ß`) ON DELETE NO ACTION ON UPDATE NO ACTION,',
        "  CONSTRAINT `ck\"; --` CHECK (`a b\\c\"d` > 0 AND `co'l``; -- ü` <> 'x''; --'),",
        '  INDEX `ix #1 ``"\'\\` (`a b\\c"d`, `co\'l``; -- ü`)',
        ") COMMENT 'table \\\\ '' \" ` ; ü'",
      ].join('\n'),
    ])
  })
})

describe('mysql: unsafe expressions are refused before any SQL', () => {
  const withDefault = (expression: string) =>
    defineSchema({ tables: [{ name: 't', columns: [{ name: 'a', type: 'integer', default: expression }] }] })
  const withCheck = (expression: string) =>
    defineSchema({
      tables: [
        {
          name: 't',
          columns: [{ name: 'a', type: 'integer' }],
          constraints: [{ type: 'check', name: 'ck', expression }],
        },
      ],
    })
  const empty = defineSchema({ tables: [] })

  it.each([
    ['a statement break', '0); DROP TABLE x; --'],
    ['an unbalanced quote', "'abc"],
    ['a trailing comment', '1 -- rest'],
    ['a MySQL # comment', '1 # rest'],
    ['a block comment', '1 /* rest'],
    ['a backslash that escapes the closing quote in MySQL', "'abc\\'); DROP TABLE x; --'"],
    ['an unbalanced parenthesis', '(1'],
  ])('%s, in a default and in a check', (_, expression) => {
    expect(() => plan(empty, withDefault(expression))).toThrow(UnsafeExpressionError)
    expect(() => plan(empty, withCheck(expression))).toThrow(UnsafeExpressionError)
    expect(() => createSchemaSQL(withDefault(expression), 'mysql')).toThrow(UnsafeExpressionError)
    try {
      plan(empty, withCheck(expression))
    } catch (error) {
      expect(isSchemaLedgerError(error) && error.code).toBe('unsafe_expression')
    }
  })

  it('custom types go through the same guard', () => {
    const schema = defineSchema({ tables: [{ name: 't', columns: [{ name: 'a', type: 'geometry' }] }] })
    const bad = {
      ...schema,
      tables: [
        {
          ...schema.tables[0]!,
          columns: [{ name: 'a', nullable: true, type: { kind: 'custom' as const, raw: 'int); DROP TABLE t; --' } }],
        },
      ],
    }
    expect(() => createSchemaSQL(bad, 'mysql')).toThrow(UnsafeExpressionError)
  })
})

describe.skipIf(mariadb.skipReason !== undefined)(engineTitle(mariadb, 'tricky names and values'), () => {
  let engine: Engine
  beforeAll(async () => {
    engine = await mariadb.open()
  })
  afterAll(async () => {
    await engine?.close()
  })

  it('creates exactly the names and values written', async () => {
    await engine.reset()
    await run(engine, createSchemaSQL(tricky, 'mysql'))
    const back = await introspectEngine(engine)
    expect(diffSchemas(back, tricky).changes).toEqual([])
    const t = back.tables[0]!
    expect(t.name).toBe(NAMES.table)
    expect(t.comment).toBe(VALUES.tableComment)
    expect(t.columns.map((c) => c.name)).toEqual([NAMES.pk, NAMES.column, NAMES.other, 'mood'])
    expect(t.columns[1]?.comment).toBe(VALUES.comment)
    expect(t.columns[1]?.default).toBe(`'${VALUES.default.replaceAll("'", "''")}'`)
    expect(t.columns[3]?.type).toEqual({ kind: 'enum', values: [VALUES.enumValue, 'plain'] })
    expect(t.constraints.map((c) => c.name ?? 'PRIMARY').sort()).toEqual(
      ['PRIMARY', NAMES.check, NAMES.fk, NAMES.unique].sort(),
    )
    expect(t.indexes.map((x) => x.name)).toEqual([NAMES.index])
  })

  it('renames the table and a column, and back', async () => {
    const t = tricky.tables[0]!
    const [table, column] = [`${NAMES.table}2`, `${NAMES.other} ñ`]
    const col = (c: string) => (c === NAMES.other ? column : c)
    const renamed: Schema = {
      ...tricky,
      tables: [
        {
          ...t,
          name: table,
          columns: t.columns.map((c) => ({ ...c, name: col(c.name) })),
          constraints: t.constraints.map((c) =>
            c.type === 'foreign_key'
              ? { ...c, columns: c.columns.map(col), referencedTable: table }
              : c.type === 'check'
                ? { ...c, expression: c.expression.replace('"a b\\c""d"', `"${column.replaceAll('"', '""')}"`) }
                : c,
          ),
          indexes: t.indexes.map((x) => ({ ...x, parts: x.parts.map((p) => ({ ...p, column: col(p.column ?? '') })) })),
        },
      ],
    }
    await engine.reset()
    await run(engine, createSchemaSQL(tricky, 'mysql'))
    const migration = plan(tricky, renamed, {
      renames: { tables: { [NAMES.table]: table }, columns: { [`${table}.${NAMES.other}`]: column } },
    })
    expect(migration.up.map((s) => s.sql).slice(0, 2)).toEqual([
      'RENAME TABLE `Tab"le ``x`` ;drop\\ é` TO `Tab"le ``x`` ;drop\\ é2`',
      'ALTER TABLE `Tab"le ``x`` ;drop\\ é2` RENAME COLUMN `a b\\c"d` TO `a b\\c"d ñ`',
    ])
    await run(engine, migration.up)
    expect(diffSchemas(await introspectEngine(engine), renamed).changes).toEqual([])
    await run(engine, migration.down)
    expect(diffSchemas(await introspectEngine(engine), tricky).changes).toEqual([])
  })
})
