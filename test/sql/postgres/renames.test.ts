import { describe, expect, it } from 'vitest'
import { defaultConstraintName, defaultIndexName, sequenceName } from '../../../src/dialects/postgres/names.js'
import { postgresObjectName } from '../../../src/dialects/postgres/object-names.js'
import type { DiffOptions, SchemaDefinition } from '../../../src/index.js'
import { diffSchemas } from '../../../src/index.js'
import { createSchemaSQL } from '../../../src/sql/create-schema-sql.js'
import { run } from '../../engines/engines.js'
import { describeEngines, plan, proveMigration, read, resetDatabase, schema } from './harness.js'

// Renames keep the names PostgreSQL derives from a table or column in step (users_pkey,
// users_email_key, users_id_seq), also when several renames touch one object, when later changes of
// the same migration drop or change a renamed object, and when a new table takes the old name.
// Default names longer than 63 bytes are truncated exactly as PostgreSQL truncates them.

interface RenameCase {
  readonly title: string
  readonly from: SchemaDefinition
  readonly to: SchemaDefinition
  readonly diff: DiffOptions
  readonly up: readonly string[]
}

const cols = (...names: string[]) => names.map((name) => ({ name, type: 'integer', nullable: name !== 'id' }))

const CASES: readonly RenameCase[] = [
  {
    title: 'two renamed columns of one unique constraint',
    from: {
      tables: [{ name: 't', columns: cols('id', 'a', 'b'), constraints: [{ type: 'unique', columns: ['a', 'b'] }] }],
    },
    to: {
      tables: [{ name: 't', columns: cols('id', 'x', 'y'), constraints: [{ type: 'unique', columns: ['x', 'y'] }] }],
    },
    diff: { renames: { columns: { 't.a': 'x', 't.b': 'y' } } },
    up: [
      'ALTER TABLE "t" RENAME COLUMN "a" TO "x"',
      'ALTER TABLE "t" RENAME CONSTRAINT "t_a_b_key" TO "t_x_b_key"',
      'ALTER TABLE "t" RENAME COLUMN "b" TO "y"',
      'ALTER TABLE "t" RENAME CONSTRAINT "t_x_b_key" TO "t_x_y_key"',
    ],
  },
  {
    title: 'a renamed table and column whose default-named index and key are then dropped or changed',
    from: {
      tables: [
        {
          name: 'people',
          columns: [...cols('id'), { name: 'mail', type: 'text' }],
          constraints: [
            { type: 'primary_key', columns: ['id'] },
            { type: 'unique', columns: ['mail'] },
          ],
          indexes: [{ columns: ['mail'] }],
        },
      ],
    },
    to: {
      tables: [
        {
          name: 'users',
          columns: [...cols('id'), { name: 'email', type: 'text' }],
          constraints: [{ type: 'primary_key', columns: ['id'] }],
          indexes: [{ columns: ['email'], unique: true }],
        },
      ],
    },
    diff: { renames: { tables: { people: 'users' }, columns: { 'people.mail': 'email' } } },
    up: [
      'ALTER TABLE "people" RENAME TO "users"',
      'ALTER TABLE "users" RENAME CONSTRAINT "people_pkey" TO "users_pkey"',
      'ALTER TABLE "users" RENAME CONSTRAINT "people_mail_key" TO "users_mail_key"',
      'ALTER INDEX "people_mail_idx" RENAME TO "users_mail_idx"',
      'ALTER TABLE "users" RENAME COLUMN "mail" TO "email"',
      'ALTER TABLE "users" RENAME CONSTRAINT "users_mail_key" TO "users_email_key"',
      'ALTER INDEX "users_mail_idx" RENAME TO "users_email_idx"',
      'DROP INDEX "users_email_idx"',
      'ALTER TABLE "users" DROP CONSTRAINT "users_email_key"',
      'CREATE UNIQUE INDEX "users_email_idx" ON "users" ("email")',
    ],
  },
  {
    title: 'a renamed table with an identity column renames its sequence',
    from: {
      tables: [
        {
          name: 'people',
          columns: [{ name: 'id', type: 'integer', nullable: false, identity: { generation: 'always' } }],
        },
      ],
    },
    to: {
      tables: [
        {
          name: 'users',
          columns: [{ name: 'id', type: 'integer', nullable: false, identity: { generation: 'always' } }],
        },
      ],
    },
    diff: { renames: { tables: { people: 'users' } } },
    up: ['ALTER TABLE "people" RENAME TO "users"', 'ALTER SEQUENCE "people_id_seq" RENAME TO "users_id_seq"'],
  },
  {
    title: 'a renamed serial column renames its sequence',
    from: { tables: [{ name: 't', columns: [{ name: 'n', type: 'bigint', nullable: false, autoincrement: true }] }] },
    to: { tables: [{ name: 't', columns: [{ name: 'seq', type: 'bigint', nullable: false, autoincrement: true }] }] },
    diff: { renames: { columns: { 't.n': 'seq' } } },
    up: ['ALTER TABLE "t" RENAME COLUMN "n" TO "seq"', 'ALTER SEQUENCE "t_n_seq" RENAME TO "t_seq_seq"'],
  },
]

const LONG_TABLE = 'a_very_long_table_name_that_goes_on_and_on_for_quite_a_while_x'
const LONG_A = 'column_with_a_pretty_long_name_too'
const LONG_B = 'another_column_ééé_with_accents_ü'

describe('postgres: renames carry database-given names along', () => {
  for (const c of CASES) {
    it(c.title, () => {
      expect(plan(schema(c.from), schema(c.to), {}, c.diff).up.map((s) => s.sql)).toEqual(c.up)
    })
  }

  it('truncates default names to 63 bytes as PostgreSQL does, without splitting characters', () => {
    expect(postgresObjectName('users', 'email', 'key')).toBe('users_email_key')
    expect(defaultConstraintName(LONG_TABLE, { type: 'primary_key', columns: ['id'] })).toBe(
      'a_very_long_table_name_that_goes_on_and_on_for_quite_a_whi_pkey',
    )
    expect(defaultConstraintName(LONG_TABLE, { type: 'unique', columns: [LONG_A] })).toBe(
      'a_very_long_table_name_that_g_column_with_a_pretty_long_nam_key',
    )
    expect(defaultIndexName(LONG_TABLE, { parts: [{ column: LONG_B }, { column: LONG_A }] })).toBe(
      'a_very_long_table_name_that_g_another_column_ééé_with_ac_idx',
    )
    expect(sequenceName(LONG_TABLE, 'id')).toBe('a_very_long_table_name_that_goes_on_and_on_for_quite_a_w_id_seq')
    // "é" is two bytes: the cut never leaves half of it.
    expect(postgresObjectName('é'.repeat(40), undefined, 'pkey')).toBe(`${'é'.repeat(29)}_pkey`)
  })
})

describeEngines('renames and long names applied', (engine) => {
  for (const c of CASES) {
    it(c.title, async () => {
      await proveMigration(engine(), schema(c.from), schema(c.to), {}, c.diff)
    })
  }

  it('names objects exactly as PostgreSQL names them when it picks the names itself', async () => {
    await resetDatabase(engine())
    await engine().exec(
      `CREATE TABLE "${LONG_TABLE}" (id serial PRIMARY KEY, "${LONG_A}" int UNIQUE, "${LONG_B}" int REFERENCES "${LONG_TABLE}" (id), UNIQUE ("${LONG_A}", "${LONG_B}"))`,
    )
    await engine().exec(`CREATE INDEX ON "${LONG_TABLE}" ("${LONG_B}", "${LONG_A}")`)
    const [table] = (await read(engine())).tables
    const expected = schema({
      tables: [
        {
          name: LONG_TABLE,
          columns: [{ name: 'id', type: 'integer', nullable: false, autoincrement: true }, ...cols(LONG_A, LONG_B)],
          constraints: [
            { type: 'primary_key', columns: ['id'] },
            { type: 'unique', columns: [LONG_A] },
            { type: 'unique', columns: [LONG_A, LONG_B] },
            { type: 'foreign_key', columns: [LONG_B], referencedTable: LONG_TABLE, referencedColumns: ['id'] },
          ],
          indexes: [{ columns: [LONG_B, LONG_A] }],
        },
      ],
    })
    // The names createSchemaSQL gives the same objects are the ones PostgreSQL chose.
    const created = createSchemaSQL(expected, 'postgres').map((s) => s.sql)
    for (const name of [...(table?.constraints ?? []), ...(table?.indexes ?? [])].map((x) => x.name)) {
      expect(created.join('\n')).toContain(`"${name}"`)
    }
  })

  it('creates long default names that read back as the names it planned', async () => {
    const s = schema({
      tables: [
        {
          name: LONG_TABLE,
          columns: [{ name: 'id', type: 'integer', nullable: false, autoincrement: true }, ...cols(LONG_A, LONG_B)],
          constraints: [
            { type: 'primary_key', columns: ['id'] },
            { type: 'unique', columns: [LONG_A] },
            { type: 'unique', columns: [LONG_A, LONG_B] },
          ],
          indexes: [{ columns: [LONG_B] }],
        },
      ],
    })
    await resetDatabase(engine())
    const created = createSchemaSQL(s, 'postgres')
    await run(engine(), created)
    const changes = diffSchemas(await read(engine()), s).changes
    // Until the diff's default-name rules know PostgreSQL's truncation (src/dialects/postgres/naming-convention.ts),
    // the truncated defaults show up as name changes; nothing else may differ, and every name read
    // back is one the SQL created.
    const script = created.map((x) => x.sql).join('\n')
    for (const change of changes) {
      expect(change.kind === 'alter_constraint' || change.kind === 'alter_index').toBe(true)
      if (change.kind !== 'alter_constraint' && change.kind !== 'alter_index') continue
      expect(change.changes).toEqual(['name'])
      expect(script).toContain(`"${change.before.name}"`)
    }
  })
})
