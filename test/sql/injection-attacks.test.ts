import { describe, expect, it } from 'vitest'
import {
  defineSchema,
  diffSchemas,
  InvalidIdentifierError,
  type Schema,
  type SchemaDefinition,
  UnsafeExpressionError,
} from '../../src/index.js'
import { createSchemaSQL, type DialectAlias, planMigration, toSQL } from '../../src/sql/index.js'
import { ENGINES, run, withEngine } from '../engines/engines.js'
import { CLIENTS, withClient } from '../support/sql-clients.js'

// The seven ways issue 15 found to make generated SQL run something else, each confirmed on a real
// engine or client before the fix; every one is refused (or written harmlessly) now.

const DIALECTS = ['postgres', 'mysql', 'sqlite'] as const
const withDefault = (expression: string, type = 'text'): Schema =>
  defineSchema({ tables: [{ name: 't', columns: [{ name: 'c', type, default: expression }] }] })
const withCheck = (expression: string): Schema =>
  defineSchema({
    tables: [
      { name: 't', columns: [{ name: 'c', type: 'text' }], constraints: [{ type: 'check', name: 'ck', expression }] },
    ],
  })
/** The error createSchemaSQL throws, or undefined when it writes SQL. */
function refusal(schema: Schema, dialect: DialectAlias): Error | undefined {
  try {
    createSchemaSQL(schema, dialect)
    return undefined
  } catch (error) {
    return error as Error
  }
}

describe('1: a line break in a name cannot end the comment toSQL writes', () => {
  const BREAKS = ['\n', '\r', '\r\n', '\u0085', '\u2028', '\u2029']
  // Documents lose leading and trailing whitespace of names, so every break stands inside the name.
  const payload = (br: string) => `t${br}\\! touch pw${br}.shell touch pw${br}system touch pw${br}x`
  const plan = (name: string, dialect: DialectAlias) => {
    const from = defineSchema({ tables: [{ name, columns: [{ name: `c${name}`, type: 'integer' }] }] })
    const to = defineSchema({ tables: [] })
    return planMigration(diffSchemas(from, to), { dialect, from, to })
  }

  it.each(BREAKS.map((br) => [JSON.stringify(br), br]))('%s is written escaped in -- destructive:', (_, br) => {
    for (const dialect of DIALECTS) {
      // mysql and sqlite3 would drop the CR of a CR LF inside the quoted name: refused there.
      if (br === '\r\n' && dialect !== 'postgres') {
        expect(() => plan(payload(br), dialect)).toThrow(InvalidIdentifierError)
        continue
      }
      const script = toSQL(plan(payload(br), dialect))
      const comment = script.split('\n').find((l) => l.startsWith('-- destructive:'))
      const escaped = [...br].map((c) => `\\u{${c.charCodeAt(0).toString(16).padStart(4, '0')}}`).join('')
      expect(comment).toBe(
        `-- destructive: drop_table t${escaped}\\! touch pw${escaped}.shell touch pw${escaped}system touch pw${escaped}x`,
      )
      // No client command starts a line of its own outside a quoted name.
      for (const line of script.split(/\r\n|\r|\n|\u0085|\u2028|\u2029/)) {
        if (line.startsWith('-- ')) expect(line).not.toMatch(/[\r\n\u0085\u2028\u2029]/)
      }
    }
  })

  it('in -- breaking: too', () => {
    const name = payload('\n')
    const from = defineSchema({ tables: [{ name: 't', columns: [{ name, type: 'integer' }] }] })
    const to = defineSchema({ tables: [{ name: 't', columns: [{ name, type: 'text' }] }] })
    const { phases } = planMigration(diffSchemas(from, to), { dialect: 'postgres', from, to, phases: true })
    const script = toSQL(phases.pre)
    const comments = script.split('\n').filter((l) => l.startsWith('-- breaking:'))
    expect(comments).toEqual([
      '-- breaking: alter_column t.t\\u{000a}\\! touch pw\\u{000a}.shell touch pw\\u{000a}system touch pw\\u{000a}x',
    ])
  })

  for (const client of CLIENTS) {
    it.skipIf(client.skipReason !== undefined)(
      `${client.name}: the drop of a table named with line breaks runs no client command${client.skipReason ? ` (skipped: ${client.skipReason})` : ''}`,
      () => {
        withClient(client, (db) => {
          // The client's own command on the line after the comment.
          const command = { psql: '\\! touch pw', mariadb: 'system touch pw', sqlite3: '.shell touch pw' }[client.name]
          const name = `t\n${command}\nx`
          const from = defineSchema({ tables: [{ name, columns: [{ name: 'c', type: 'integer' }] }] })
          const setup = ['CREATE TABLE canary (x integer)', ...createSchemaSQL(from, client.dialect).map((s) => s.sql)]
          const created = db.run(`${setup.join(';\n')};\n`)
          expect(created.status, created.stderr).toBe(0)
          const ran = db.run(toSQL(plan(name, client.dialect)))
          expect(ran.strayFiles).toEqual([])
          expect(ran.status, ran.stderr).toBe(0)
          expect(db.query('SELECT count(*) FROM canary')).toEqual(['0'])
        })
      },
      60_000,
    )
  }
})

describe('clients keep every character of the names and literals they pass on', () => {
  for (const client of CLIENTS) {
    it.skipIf(client.skipReason !== undefined)(
      `${client.name}: CR LF, lone CR and line separators${client.skipReason ? ` (skipped: ${client.skipReason})` : ''}`,
      () => {
        const name = `a\rb\u2028c\nd${client.dialect === 'postgres' ? '\r\ne' : ''}`
        const comment = 'x\r\ny\rz'
        const schema = defineSchema({
          tables: [
            {
              name,
              ...(client.dialect === 'sqlite' ? {} : { comment }),
              columns: [{ name: 'c', type: 'integer' }],
            },
          ],
        })
        withClient(client, (db) => {
          const ran = db.run(
            createSchemaSQL(schema, client.dialect)
              .map((s) => `${s.sql};\n`)
              .join(''),
          )
          expect(ran.status, ran.stderr).toBe(0)
          const hex = (s: string) => Buffer.from(s, 'utf8').toString('hex')
          const read = {
            postgres: `SELECT encode(convert_to(relname, 'UTF8'), 'hex'), encode(convert_to(obj_description(oid, 'pg_class'), 'UTF8'), 'hex') FROM pg_class WHERE relnamespace = 'public'::regnamespace AND relkind = 'r'`,
            mysql:
              'SELECT LOWER(HEX(table_name)), LOWER(HEX(table_comment)) FROM information_schema.tables WHERE table_schema = DATABASE()',
            sqlite: "SELECT lower(hex(name)), '' FROM sqlite_schema WHERE type = 'table'",
          }[client.dialect]
          expect(db.query(read)).toEqual([`${hex(name)}\t${client.dialect === 'sqlite' ? '' : hex(comment)}`])
        })
      },
      60_000,
    )
  }
})

describe('2: PostgreSQL dollar-quote tags with digits and non-ASCII letters', () => {
  it.each([
    ['$a1$ $$ $a1$ ; DROP TABLE canary; $$', 14],
    ['$é$ $$ $é$ ; DROP TABLE canary; $$', 12],
  ])('%s ends its string where PostgreSQL does', (expression, position) => {
    const error = refusal(withDefault(expression), 'postgres')
    expect(error).toBeInstanceOf(UnsafeExpressionError)
    expect(error?.message).toBe(
      `tables[0].columns[0].default (t.c): found a ";" that would end the statement at character ${position} (PostgreSQL) in expression ${JSON.stringify(expression)}`,
    )
  })

  it('a whole $tag$ string is one literal, whatever it holds', async () => {
    const schema = withDefault("$a1$it's; \\! $$ -- $a1$ || $é$;$é$")
    await withEngine(ENGINES[0]!, async (engine) => {
      await run(engine, createSchemaSQL(schema, 'postgres'))
      await engine.exec('INSERT INTO t DEFAULT VALUES')
      expect(await engine.query('SELECT c FROM t')).toEqual([{ c: "it's; \\! $$ -- ;" }])
    })
  })
})

describe('3: $$ after identifier characters belongs to the identifier', () => {
  it.each(DIALECTS)('%s', (dialect) => {
    const error = refusal(withCheck('a$$ ; DROP TABLE canary; SELECT $$'), dialect)
    expect(error).toBeInstanceOf(UnsafeExpressionError)
    expect(error?.message).toMatch(
      /^tables\[0\]\.constraints\[0\]\.expression \(t\.ck\): found a ";" that would end the statement at character 5 /,
    )
  })
})

describe('4: MySQL/MariaDB have no dollar quoting', () => {
  it('a $$ ... $$ custom type is a name, a ";" and more', () => {
    const schema = defineSchema({
      tables: [{ name: 't', columns: [{ name: 'c', type: '$$ x; DROP TABLE canary; $$' }] }],
    })
    expect(refusal(schema, 'mysql')?.message).toMatch(
      /^tables\[0\]\.columns\[0\]\.type \(t\.c\): found a ";" that would end the statement at character 5 \(MySQL\/MariaDB\)/,
    )
  })

  it('a $$ glued to a name does not quote what follows', () => {
    expect(refusal(withDefault('a$$;DROP TABLE canary;$$'), 'mysql')).toBeInstanceOf(UnsafeExpressionError)
    expect(refusal(withCheck('a$$;DROP TABLE canary;$$'), 'mysql')).toBeInstanceOf(UnsafeExpressionError)
  })
})

describe('5: SQLite [bracket] identifiers', () => {
  it('a quote inside brackets opens nothing', () => {
    const error = refusal(withCheck('[a"] ; DROP TABLE canary; SELECT ["]'), 'sqlite')
    expect(error?.message).toMatch(/found a ";" that would end the statement at character 6 \(SQLite\)/)
  })

  it('a bracketed name may hold ; and quotes', async () => {
    const schema = defineSchema({
      tables: [
        {
          name: 't',
          columns: [{ name: `a;'"b`, type: 'integer' }],
          constraints: [{ type: 'check', name: 'ck', expression: `[a;'"b] > 0` }],
        },
      ],
    })
    await withEngine(ENGINES[1]!, async (engine) => {
      await run(engine, createSchemaSQL(schema, 'sqlite'))
      await expect(engine.exec('INSERT INTO t VALUES (0)')).rejects.toThrow(/CHECK constraint failed/)
    })
  })
})

describe('6: PostgreSQL takes backslash escapes per literal (E strings)', () => {
  it("E'\\'' flips the reading of a later '\\'", () => {
    const expression = "E'\\'' || '\\') ; DROP TABLE canary; --'"
    expect(refusal(withDefault(expression), 'postgres')?.message).toMatch(
      /^tables\[0\]\.columns\[0\]\.default \(t\.c\): found a "\)" without its "\(" at character 13 \(PostgreSQL\)/,
    )
  })

  it('each literal keeps its own reading', async () => {
    const schema = withDefault("E'it\\'s\\\\' || 'C:\\dir'")
    await withEngine(ENGINES[0]!, async (engine) => {
      await run(engine, createSchemaSQL(schema, 'postgres'))
      await engine.exec('INSERT INTO t DEFAULT VALUES')
      expect(await engine.query('SELECT c FROM t')).toEqual([{ c: "it's\\C:\\dir" }])
    })
  })
})

describe('7: a backslash outside quotes is a client command to psql and mysql', () => {
  it.each(DIALECTS)('%s', (dialect) => {
    for (const expression of ['1 \\! touch pw', '1 \\gexec', '1 \\o |touch pw', '1 \\i /etc/passwd']) {
      const error = refusal(withDefault(expression, 'integer'), dialect)
      expect(error?.message).toMatch(/found a backslash outside quotes, which psql and mysql run as a client command/)
      expect(error?.message).toMatch(/at character 3 /)
    }
  })

  it('inside a string it is a character', () => {
    for (const dialect of DIALECTS) expect(refusal(withDefault("'\\! not a command'"), dialect)).toBeUndefined()
  })
})

describe('names the engine would change or refuse', () => {
  const table = (name: string, extra: Partial<SchemaDefinition['tables'][number]> = {}): Schema =>
    defineSchema({ tables: [{ name, columns: [{ name: 'c', type: 'integer' }], ...extra }] })
  const nameError = (schema: Schema, dialect: DialectAlias) => {
    const error = refusal(schema, dialect)
    expect(error).toBeInstanceOf(InvalidIdentifierError)
    return error?.message
  }

  it('PostgreSQL: names and enum labels over 63 bytes', () => {
    expect(nameError(table('é'.repeat(32)), 'postgres')).toBe(
      `tables[0].name: "${'é'.repeat(32)}" is a name of 64 bytes: PostgreSQL silently truncates names to 63 bytes (PostgreSQL)`,
    )
    const labels = defineSchema({ enums: [{ name: 'mood', values: ['ok', 'x'.repeat(64)] }], tables: [] })
    expect(nameError(labels, 'postgres')).toMatch(/^enums\[0\]\.values\[1\]: .* is an enum label of 64 bytes/)
    expect(refusal(table('é'.repeat(31)), 'postgres')).toBeUndefined()
  })

  it('MySQL/MariaDB: over 64 characters, beyond U+FFFF, trailing spaces', () => {
    expect(nameError(table('é'.repeat(65)), 'mysql')).toMatch(/^tables\[0\]\.name: .* a name of 65 characters/)
    expect(refusal(table('é'.repeat(64)), 'mysql')).toBeUndefined()
    expect(nameError(table('t😀'), 'mysql')).toMatch(/utf8mb3/)
    const spaced = table('t')
    const raw: Schema = { ...spaced, tables: [{ ...spaced.tables[0]!, name: 't ' }] }
    expect(nameError(raw, 'mysql')).toBe(
      'tables[0].name: "t " is a name ending in a space, which MySQL/MariaDB refuse (MySQL/MariaDB)',
    )
    const enumLabel = defineSchema({
      tables: [{ name: 't', columns: [{ name: 'c', type: "enum('a ','b')" }] }],
    })
    expect(nameError(enumLabel, 'mysql')).toMatch(/enum label ending in a space, which MySQL\/MariaDB drop/)
    expect(nameError(table('t', { comment: 'happy 😀' }), 'mysql')).toMatch(/^tables\[0\]\.comment: .* as "\?"/)
  })

  it('CR LF in names and quoted text, where mysql and sqlite3 drop the CR', () => {
    for (const dialect of ['mysql', 'sqlite'] as const)
      expect(nameError(table('a\r\nb'), dialect)).toMatch(/carriage return/)
    expect(refusal(table('a\r\nb'), 'postgres')).toBeUndefined()
    expect(refusal(withDefault("'x\r\ny'"), 'sqlite')?.message).toMatch(
      /^tables\[0\]\.columns\[0\]\.default \(t\.c\): found a carriage return before a line feed inside quotes, which the mysql and sqlite3 clients drop at character 3 \(SQLite\)/,
    )
    // MySQL literals write the CR as \r, which every client passes on.
    expect(createSchemaSQL(table('t', { comment: 'a\r\nb' }), 'mysql')[0]?.sql).toMatch(/COMMENT 'a\\r\nb'$/)
  })

  it('NUL anywhere, in every dialect', () => {
    for (const dialect of DIALECTS) expect(nameError(table('a\u0000b'), dialect)).toMatch(/NUL/)
  })

  it('SQLite: names it keeps for itself', () => {
    expect(nameError(table('SQLITE_stat1'), 'sqlite')).toMatch(/reserves for its own objects/)
  })

  it('planMigration names the schema and path of what it refuses', () => {
    const from = table('t')
    const to = defineSchema({
      tables: [
        {
          name: 't',
          columns: [
            { name: 'c', type: 'integer' },
            { name: 'd', type: 'integer', default: '0; DROP' },
          ],
        },
      ],
    })
    expect(() => planMigration(diffSchemas(from, to), { dialect: 'postgres', from, to })).toThrow(
      /^to\.tables\[0\]\.columns\[1\]\.default \(t\.d\): found a ";"/,
    )
    const down = () => planMigration(diffSchemas(to, from), { dialect: 'postgres', from: to, to: from })
    expect(down).toThrow(/^from\.tables\[0\]\.columns\[1\]\.default \(t\.d\)/)
    expect(() => planMigration(diffSchemas(from, to), { dialect: 'postgres' })).toThrow(
      /^changes\[0\]\.after\.default \(t\.d\): found a ";"/,
    )
  })
})
