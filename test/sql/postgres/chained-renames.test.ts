import { expect, it } from 'vitest'
import { defineSchema } from '../../../src/index.js'
import { createSchemaSQL } from '../../../src/sql/create-schema-sql.js'
import { run } from '../../engines/engines.js'
import { describeEngines, plan, remainingChanges, resetDatabase, runMigration } from './harness.js'

// Chained renames in one step (email -> email_old, email_old -> email_new), applied: each value ends
// up where the target says, and down brings them back.

const v = (...columns: string[]) =>
  defineSchema({
    tables: [
      {
        name: 'users',
        columns: [
          { name: 'id', type: 'integer', nullable: false },
          ...columns.map((name) => ({ name, type: 'varchar(200)' })),
        ],
        constraints: [{ type: 'primary_key', columns: ['id'] }],
      },
    ],
  })

describeEngines('chained column renames', (engine) => {
  it('moves each value to the column the chain names', async () => {
    const e = engine()
    const [from, to] = [v('email_old', 'email'), v('email_new', 'email_old')]
    await resetDatabase(e)
    await run(e, createSchemaSQL(from, 'postgres'))
    await e.exec(`INSERT INTO users (id, email_old, email) VALUES (1, 'old@x', 'current@x')`)
    const m = plan(from, to, {}, { inferRenames: 'apply' })
    await runMigration(e, m.up)
    expect(await remainingChanges(e, to)).toEqual([])
    expect(await e.query('SELECT email_new, email_old FROM users')).toEqual([
      { email_new: 'old@x', email_old: 'current@x' },
    ])
    await runMigration(e, m.down)
    expect(await remainingChanges(e, from)).toEqual([])
    expect(await e.query('SELECT email_old, email FROM users')).toEqual([{ email_old: 'old@x', email: 'current@x' }])
  })
})
