import { describe, expect, it } from 'vitest'
import type { Finding } from '../../src/impact/index.js'
import { lintSchema } from '../../src/impact/index.js'
import type { Schema } from '../../src/index.js'
import { createSchemaSQL, type DialectAlias } from '../../src/sql/index.js'
import { ENGINES, type Engine, engineTitle, run, withEngine } from '../engines/engines.js'
import { schema, table } from './schemas.js'

// The lint verdicts that claim something about an engine, checked on the engine: identifier length
// (PostgreSQL truncates at 63 bytes, MySQL/MariaDB reject over 64 characters, SQLite has no limit),
// a clean schema creates without error, and zero-date defaults fail under MySQL's default sql_mode.

const ACCENTED = 'é'.repeat(32) // 32 characters, 64 bytes
const ASCII_64 = `t${'x'.repeat(63)}`
const ASCII_65 = `t${'x'.repeat(64)}`
const NAMES = [ACCENTED, ASCII_64, ASCII_65]

const single = (name: string): Schema => schema([table(name, { id: 'bigint!' }, { pk: ['id'] })])

/** The BP008 severity lint gives a table name on a dialect, or `none`. */
const verdict = (name: string, dialect: DialectAlias) =>
  lintSchema(single(name), { dialect }).find((f: Finding) => f.code === 'BP008')?.severity ?? 'none'

/** What CREATE TABLE under that name gives: `kept`, `truncated`, or `rejected` (by the engine or by createSchemaSQL). */
async function outcome(engine: Engine, name: string): Promise<string> {
  await engine.reset()
  try {
    await run(engine, createSchemaSQL(single(name), engine.dialect))
  } catch {
    return 'rejected'
  }
  const tables =
    engine.dialect === 'sqlite'
      ? await engine.query("SELECT name AS n FROM sqlite_master WHERE type = 'table'")
      : engine.dialect === 'postgres'
        ? await engine.query("SELECT tablename AS n FROM pg_tables WHERE schemaname = 'public'")
        : await engine.query('SELECT table_name AS n FROM information_schema.tables WHERE table_schema = DATABASE()')
  return tables.some((r) => r.n === name) ? 'kept' : 'truncated'
}

const EXPECTED_OUTCOME: Readonly<Record<string, string>> = { warning: 'truncated', danger: 'rejected', none: 'kept' }

for (const factory of ENGINES) {
  describe.skipIf(factory.skipReason !== undefined)(engineTitle(factory, 'lintSchema verdicts'), () => {
    it('BP008 flags exactly the names the engine truncates or rejects', async () => {
      await withEngine(factory, async (engine) => {
        const seen: string[] = []
        for (const name of NAMES) {
          const said = verdict(name, factory.dialect)
          const did = await outcome(engine, name)
          seen.push(`${[...name].length}/${new TextEncoder().encode(name).length}: ${said} -> ${did}`)
          expect(did).toBe(EXPECTED_OUTCOME[said])
        }
        const byDialect: Record<string, string[]> = {
          postgres: ['32/64: danger -> rejected', '64/64: danger -> rejected', '65/65: danger -> rejected'],
          mysql: ['32/64: none -> kept', '64/64: none -> kept', '65/65: danger -> rejected'],
          sqlite: ['32/64: none -> kept', '64/64: none -> kept', '65/65: none -> kept'],
        }
        expect(seen).toEqual(byDialect[factory.dialect])
      })
    }, 60_000)

    it('a schema lint finds clean creates without error', async () => {
      const identity = { type: 'bigint', nullable: false, identity: { generation: 'by_default' } }
      const clean = schema([
        table('users', { id: 'bigint!', email: 'varchar(200)!' }, { pk: ['id'], unique: [['email']] }),
        table(
          'posts',
          { id: factory.dialect === 'postgres' ? identity : 'bigint!', user_id: 'bigint!' },
          {
            pk: ['id'],
            fks: [{ columns: ['user_id'], table: 'users' }],
            indexes: [{ name: 'ix_posts_user_id', columns: ['user_id'] }],
          },
        ),
      ])
      expect(lintSchema(clean, { dialect: factory.dialect })).toEqual([])
      await withEngine(factory, (engine) => run(engine, createSchemaSQL(clean, factory.dialect)))
    }, 60_000)

    if (factory.dialect === 'mysql') {
      it('BP019: a zero date default fails under the default sql_mode of MySQL 5.7 and later', async () => {
        const s = schema([
          table('orders', { id: 'bigint!', shipped: "datetime! = '0000-00-00 00:00:00'" }, { pk: ['id'] }),
        ])
        expect(lintSchema(s, { dialect: 'mysql' }).map((f) => `${f.severity} ${f.code} ${f.path}`)).toEqual([
          'warning BP019 orders.shipped',
        ])
        await withEngine(factory, async (engine) => {
          await engine.exec(
            "SET SESSION sql_mode = 'ONLY_FULL_GROUP_BY,STRICT_TRANS_TABLES,NO_ZERO_IN_DATE,NO_ZERO_DATE,ERROR_FOR_DIVISION_BY_ZERO,NO_ENGINE_SUBSTITUTION'",
          )
          await expect(run(engine, createSchemaSQL(s, 'mysql'))).rejects.toThrow(/Invalid default value/)
        })
      }, 60_000)
    }
  })
}
