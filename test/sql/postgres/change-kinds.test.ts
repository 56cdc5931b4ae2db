import { describe, expect, it } from 'vitest'
import { toSQL } from '../../../src/sql/to-sql.js'
import { COLUMN_CASES, type MigrationCase, TABLE_CASES } from './cases.js'
import { ENUM_CASES, KEY_CASES, NAMESPACE_CASES } from './cases-keys.js'
import { describeEngines, plan, proveMigration, schema } from './harness.js'

// Every change kind and every altered field: the exact statements (up and down, in stage order), and
// the same migration applied on each PostgreSQL engine, read back equal to `to`, then `from` again.

const GROUPS: readonly [string, readonly MigrationCase[]][] = [
  ['tables', TABLE_CASES],
  ['columns', COLUMN_CASES],
  ['constraints and indexes', KEY_CASES],
  ['enums', ENUM_CASES],
  ['namespaces', NAMESPACE_CASES],
]

const planned = (c: MigrationCase) => plan(schema(c.from), schema(c.to), c.plan, c.diff)

describe('postgres: exact SQL per change kind', () => {
  for (const [group, cases] of GROUPS) {
    describe(group, () => {
      for (const c of cases) {
        it(c.title, () => {
          const migration = planned(c)
          expect(migration.up.map((s) => s.sql)).toEqual(c.up)
          expect(migration.down.map((s) => s.sql)).toEqual(c.down)
        })
      }
    })
  }

  it('numbers a new unnamed check around the existing one, whatever their order in the table', () => {
    const table = (checks: string[]) => ({
      tables: [
        {
          name: 't',
          columns: [{ name: 'score', type: 'integer' }],
          constraints: checks.map((expression) => ({ type: 'check', expression })),
        },
      ],
    })
    // "score < 100" sorts first, but "score > 0" already holds the plain name in the database. (A
    // later migration dropping one of two such checks can only go by table order: name them.)
    expect(
      plan(schema(table(['score > 0'])), schema(table(['score > 0', 'score < 100']))).up.map((s) => s.sql),
    ).toEqual(['ALTER TABLE "t" ADD CONSTRAINT "t_score_check1" CHECK (score < 100)'])
  })

  it('labels destructive statements and ADD VALUE outside the transaction in the script', () => {
    const [shrink] = COLUMN_CASES
    expect(toSQL(planned(shrink as MigrationCase), { direction: 'down' })).toBe(
      [
        '-- schemaledger migration: postgres, down',
        'BEGIN;',
        '-- destructive: alter_column users.name',
        'ALTER TABLE "users" ALTER COLUMN "name" TYPE varchar(50);',
        'COMMIT;',
        '',
      ].join('\n'),
    )
    const used = ENUM_CASES[2] as MigrationCase
    expect(toSQL(planned(used))).toBe(
      [
        '-- schemaledger migration: postgres, up',
        '-- outside the transaction: ALTER TYPE ... ADD VALUE: the new value cannot be used until the transaction that added it commits',
        "ALTER TYPE \"mood\" ADD VALUE 'meh' AFTER 'ok';",
        'BEGIN;',
        'ALTER TABLE "people" ADD COLUMN "now" "mood" DEFAULT \'meh\';',
        'COMMIT;',
        '',
      ].join('\n'),
    )
    const values = ENUM_CASES[1] as MigrationCase
    // Removing a value in use fails the conversion: the rebuild is destructive.
    expect(
      planned(values)
        .down.filter((s) => s.destructive)
        .map((s) => s.sql),
    ).toEqual([
      'ALTER TABLE "people" ALTER COLUMN "mood" TYPE "mood_new" USING "mood"::text::"mood_new"',
      'ALTER TABLE "people" ALTER COLUMN "history" TYPE "mood_new"[] USING "history"::text[]::"mood_new"[]',
    ])
  })
})

describeEngines('change kinds applied', (engine) => {
  let version = 0
  it('reads the server version', async () => {
    version = Math.floor(
      Number((await engine().query(`SELECT current_setting('server_version_num') AS v`))[0]?.v) / 10000,
    )
    expect(version).toBeGreaterThanOrEqual(12)
  })
  for (const [group, cases] of GROUPS) {
    describe(group, () => {
      for (const c of cases) {
        it(c.title, async (t) => {
          if (c.minVersion !== undefined && version < c.minVersion)
            t.skip(`needs PostgreSQL ${c.minVersion}+, the server is ${version}`)
          await proveMigration(engine(), schema(c.from), schema(c.to), c.plan, c.diff)
        })
      }
    })
  }
})
