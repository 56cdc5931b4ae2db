import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { analyzeImpact } from '../../../src/impact/index.js'
import { diffSchemas, parseSchema, type Schema, SchemaLedgerError } from '../../../src/index.js'
import { plan, runMigration } from '../postgres/harness.js'

// An extension's version is reported, not diffed, unless asked: a schema read from one server must
// plan cleanly on another that ships a different version. With `compareExtensionVersions` the plan
// updates it in place, judged by pg_extension on PGlite.

const withTrigrams = (version: string): Schema =>
  parseSchema({ format: 'schemaledger/1', tables: [], extensions: [{ name: 'pg_trgm', version }] })

describe('extension versions (BC024 proven on PGlite)', () => {
  it('are not a change by default', () => {
    const diff = diffSchemas(withTrigrams('1.5'), withTrigrams('1.6'))
    expect(diff.changes).toEqual([])
    expect(plan(withTrigrams('1.5'), withTrigrams('1.6')).up).toEqual([])
  })

  it('become ALTER EXTENSION ... UPDATE TO with compareExtensionVersions', () => {
    const diff = diffSchemas(withTrigrams('1.5'), withTrigrams('1.6'), { compareExtensionVersions: true })
    expect(diff.changes.map((c) => [c.kind, c.path, 'changes' in c ? c.changes : undefined])).toEqual([
      ['alter_extension', 'extension:pg_trgm', ['version']],
    ])
    const migration = plan(withTrigrams('1.5'), withTrigrams('1.6'), {}, { compareExtensionVersions: true })
    expect(migration.up.map((s) => s.sql)).toEqual([`ALTER EXTENSION "pg_trgm" UPDATE TO '1.6'`])
    expect(migration.down.map((s) => s.sql)).toEqual([`ALTER EXTENSION "pg_trgm" UPDATE TO '1.5'`])
  })

  describe('on PGlite', () => {
    let db: import('@electric-sql/pglite').PGlite
    beforeAll(async () => {
      const { PGlite } = await import('@electric-sql/pglite')
      const { pg_trgm } = await import('@electric-sql/pglite/contrib/pg_trgm')
      db = await PGlite.create({ extensions: { pg_trgm } })
    }, 120_000)
    afterAll(() => db?.close())

    it('updates the installed version in place', async () => {
      await db.exec(`CREATE EXTENSION pg_trgm VERSION '1.5'`)
      const migration = plan(withTrigrams('1.5'), withTrigrams('1.6'), {}, { compareExtensionVersions: true })
      await runMigration(
        {
          name: 'pglite',
          dialect: 'postgres',
          exec: async (sql) => {
            await db.exec(sql)
          },
          query: async (sql) => (await db.query<Record<string, unknown>>(sql)).rows,
          reset: async () => {},
          close: async () => {},
        },
        migration.up,
      )
      const rows = await db.query<{ extversion: string }>(
        `SELECT extversion FROM pg_extension WHERE extname = 'pg_trgm'`,
      )
      expect(rows.rows).toEqual([{ extversion: '1.6' }])
      // BC024's claim: the down migration cannot take it back, PostgreSQL has no script for that.
      const diff = diffSchemas(withTrigrams('1.5'), withTrigrams('1.6'), { compareExtensionVersions: true })
      const findings = analyzeImpact(diff, { dialect: 'postgres' }).findings.map((f) => [
        f.severity,
        f.code,
        f.change.path,
        f.message,
      ])
      expect(findings).toEqual([
        [
          'warning',
          'BC024',
          'extension:pg_trgm',
          'the extension pg_trgm is updated from 1.5 to 1.6: its functions and operators change in place, and the down migration cannot update it back',
        ],
      ])
      await expect(db.exec(migration.down.map((s) => s.sql).join(';'))).rejects.toThrow(
        'extension "pg_trgm" has no update path from version "1.6" to version "1.5"',
      )
    })
  })
})

describe('a dependency cycle among objects', () => {
  it('is an error that names the objects in the cycle', () => {
    const from = parseSchema({ format: 'schemaledger/1', tables: [] })
    const to = parseSchema({
      format: 'schemaledger/1',
      tables: [],
      views: [
        { name: 'first_view', definition: 'SELECT * FROM second_view' },
        { name: 'second_view', definition: 'SELECT * FROM first_view' },
      ],
    })
    let error: unknown
    try {
      plan(from, to)
    } catch (e) {
      error = e
    }
    expect(error).toBeInstanceOf(SchemaLedgerError)
    expect((error as SchemaLedgerError).code).toBe('dependency_cycle')
    expect((error as Error).message).toBe(
      'These objects depend on each other, so no order creates them: view:first_view -> view:second_view -> view:first_view',
    )
  })
})
