import fc from 'fast-check'
import { expect, it } from 'vitest'
import { quotePostgresIdentifier as q } from '../../../src/dialects/postgres/quoting.js'
import { diffSchemas } from '../../../src/index.js'
import { createSchemaSQL } from '../../../src/sql/create-schema-sql.js'
import type { Engine } from '../../engines/engines.js'
import { run } from '../../engines/engines.js'
import { describeEngines, read, resetDatabase, schema } from './harness.js'

// Objects created without a name get PostgreSQL's own names: cut to 63 bytes (the longer of the table
// and column parts first, never splitting a character), numbered on a clash, expression indexes named
// after the function. Read back, those names must diff as equal to no name, and the names the SQL
// layer gives unnamed objects must be exactly PostgreSQL's.

const LONG = 'organization_membership_invitation_audit_entries_archive'

/** The unnamed table the DDL below creates by hand, as a schema with nothing named. */
const unnamed = (table: string, a: string, b: string) =>
  schema({
    tables: [
      {
        name: table,
        columns: [
          { name: a, type: 'integer', nullable: false },
          { name: b, type: 'integer' },
        ],
        constraints: [
          { type: 'primary_key', columns: [a] },
          { type: 'unique', columns: [a, b] },
          { type: 'foreign_key', columns: [b], referencedTable: table, referencedColumns: [a] },
          { type: 'check', expression: `${q(b)} > 0` },
          { type: 'check', expression: `${q(b)} < 1000` },
          { type: 'check', expression: `${q(a)} > ${q(b)}` },
        ],
        indexes: [
          { columns: [b] },
          { columns: [{ expression: `lower(${q(b)}::text)` }] },
          { columns: [{ expression: `(${q(a)} + 1)` }] },
        ],
      },
    ],
  })

/** The same table written by hand, every object unnamed, so PostgreSQL chooses every name. */
const handWritten = (table: string, a: string, b: string) => [
  `CREATE TABLE ${q(table)} (${q(a)} integer PRIMARY KEY, ${q(b)} integer REFERENCES ${q(table)} (${q(a)}),
      UNIQUE (${q(a)}, ${q(b)}), CHECK (${q(b)} > 0), CHECK (${q(b)} < 1000), CHECK (${q(a)} > ${q(b)}))`,
  `CREATE INDEX ON ${q(table)} (${q(b)})`,
  `CREATE INDEX ON ${q(table)} (lower(${q(b)}::text))`,
  `CREATE INDEX ON ${q(table)} ((${q(a)} + 1))`,
]

async function objectNames(engine: Engine): Promise<string[]> {
  const rows = await engine.query(
    `SELECT conname AS name FROM pg_constraint c JOIN pg_namespace n ON n.oid = c.connamespace WHERE n.nspname = 'public'
       AND c.contype <> 'n'
     UNION SELECT indexname FROM pg_indexes WHERE schemaname = 'public'`,
  )
  // Sorted here: the database's collation would order non-ASCII names differently per engine.
  return rows.map((r) => String(r.name)).sort()
}

/** A name of 1 to 63 bytes that PostgreSQL keeps whole: ASCII letters and digits, `_` and two-byte letters. */
const identifier = fc
  .array(fc.constantFrom('a', 'b', 'z', '_', '1', 'ä', 'é'), { minLength: 1, maxLength: 40 })
  .map((chars) => chars.join(''))
  .filter((s) => /^[^0-9]/.test(s) && new TextEncoder().encode(s).length <= 63)

describeEngines('names of unnamed objects', (engine) => {
  it('PostgreSQL cuts and numbers them; read back they diff as equal to no name', async () => {
    for (const [table, a, b] of [
      [LONG, 'id', 'invited_by_organization_member_user_id'],
      ['ä'.repeat(31), 'ü'.repeat(20), 'x'],
    ] as const) {
      await resetDatabase(engine())
      for (const sql of handWritten(table, a, b)) await engine().exec(sql)
      expect(diffSchemas(await read(engine()), unnamed(table, a, b)).changes, table).toEqual([])
    }
    // PostgreSQL's own names for the second table (two bytes per letter), as the server chose them.
    expect(await objectNames(engine())).toEqual(
      [
        'ääääääääääääää_üüüüüüüüüüüüüü_key',
        'ääääääääääääääääääääääääää_lower_idx',
        'äääääääääääääääääääääääääää_expr_idx',
        'äääääääääääääääääääääääääää_x_check',
        'äääääääääääääääääääääääääää_x_check1',
        'ääääääääääääääääääääääääääää_check',
        'ääääääääääääääääääääääääääää_x_fkey',
        'ääääääääääääääääääääääääääää_x_idx',
        'äääääääääääääääääääääääääääää_pkey',
      ].sort(),
    )
  })

  it('the SQL layer creates unnamed objects under exactly the names PostgreSQL would choose', async () => {
    await fc.assert(
      fc.asyncProperty(identifier, identifier, identifier, async (table, a, b) => {
        fc.pre(a !== b)
        await resetDatabase(engine())
        for (const sql of handWritten(table, a, b)) await engine().exec(sql)
        const chosen = await objectNames(engine())
        expect(diffSchemas(await read(engine()), unnamed(table, a, b)).changes).toEqual([])
        await resetDatabase(engine())
        await run(engine(), createSchemaSQL(unnamed(table, a, b), 'postgres'))
        const created = await objectNames(engine())
        // Expression indexes are the exception: created as `expr`, `expr1`, where PostgreSQL names one
        // after its function (`lower`); the diff accepts both (the first assertion above).
        const plain = (names: string[]) => names.filter((n) => !/_(lower|expr)_idx\d*$/.test(n))
        expect(plain(created)).toEqual(plain(chosen))
        expect(created.length).toBe(chosen.length)
      }),
      { numRuns: Number(process.env.SCHEMALEDGER_PG_RUNS ?? 40), seed: 20261124, endOnFailure: true },
    )
  }, 180_000)
})
