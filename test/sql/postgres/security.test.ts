import { randomBytes } from 'node:crypto'
import { afterAll, describe, expect, it } from 'vitest'
import type { DiffOptions, SchemaDefinition } from '../../../src/index.js'
import { diffSchemas } from '../../../src/index.js'
import { createSchemaSQL } from '../../../src/sql/create-schema-sql.js'
import { run } from '../../engines/engines.js'
import type { MigrationCase } from '../migration-case.js'
import {
  describeEngines,
  schema as harnessSchema,
  plan,
  read,
  remainingChanges,
  resetDatabase,
  runMigration,
} from './harness.js'

/** A schema of these tests: it states btree_gist, which `=` in a gist exclusion needs (and introspection reads). */
const schema = (definition: Parameters<typeof harnessSchema>[0]) => ({
  ...harnessSchema(definition),
  extensions: [{ name: 'btree_gist' }],
})

// Constraint flags (NOT VALID, NO INHERIT), exclusion constraints, row-level security with policies,
// and privileges: exact SQL, then on every PostgreSQL engine the round trip (create, read back,
// equal) and each migration up and down, judged by pg_catalog.

const id = { name: 'id', type: 'integer', nullable: false }
const bookings = (extra: Record<string, unknown> = {}): SchemaDefinition => ({
  tables: [
    {
      name: 'bookings',
      columns: [
        id,
        { name: 'room', type: 'integer' },
        { name: 'during', type: 'tstzrange' },
        { name: 'owner', type: 'text' },
        { name: 'score', type: 'integer' },
      ],
      constraints: [{ type: 'primary_key', columns: ['id'] }],
      ...extra,
    },
    {
      name: 'rooms',
      columns: [id],
      constraints: [{ type: 'primary_key', columns: ['id'] }],
    },
  ],
})

const withConstraints = (...constraints: Record<string, unknown>[]) =>
  bookings({ constraints: [{ type: 'primary_key', columns: ['id'] }, ...constraints] })

const noOverlap = {
  type: 'exclude',
  name: 'no_overlap',
  elements: [
    { column: 'room', operator: '=' },
    { column: 'during', operator: '&&' },
  ],
}
const roomFk = {
  type: 'foreign_key',
  name: 'fk_room',
  columns: ['room'],
  referencedTable: 'rooms',
  referencedColumns: ['id'],
}
const positive = { type: 'check', name: 'ck_score', expression: 'score > 0' }

/** Migration cases; `r1` and `r2` are the roles the policies and grants name. */
function cases(r1: string, r2: string): (MigrationCase & { readonly diff?: DiffOptions })[] {
  const q = (role: string) => `"${role}"`
  return [
    {
      title: 'exclusion constraint with WHERE and DEFERRABLE: add / drop',
      from: bookings(),
      to: withConstraints({ ...noOverlap, where: 'score > 0', deferrable: true }),
      changes: ['add_constraint bookings.no_overlap'],
      up: [
        'ALTER TABLE "bookings" ADD CONSTRAINT "no_overlap" EXCLUDE USING gist ("room" WITH =, "during" WITH &&) WHERE (score > 0) DEFERRABLE',
      ],
      down: ['ALTER TABLE "bookings" DROP CONSTRAINT "no_overlap"'],
    },
    {
      title: 'unnamed exclusion constraint on an expression, btree: named as PostgreSQL names it',
      from: bookings(),
      to: withConstraints({
        type: 'exclude',
        using: 'btree',
        elements: [{ expression: 'lower(owner)', operator: '=' }],
      }),
      changes: ['add_constraint bookings.bookings_expr_excl'],
      up: ['ALTER TABLE "bookings" ADD CONSTRAINT "bookings_lower_excl" EXCLUDE USING btree ((lower(owner)) WITH =)'],
      down: ['ALTER TABLE "bookings" DROP CONSTRAINT "bookings_lower_excl"'],
    },
    {
      title: 'exclusion constraint whose operator changes: drop and add',
      from: withConstraints({ ...noOverlap, elements: [{ column: 'during', operator: '&&' }] }),
      to: withConstraints({ ...noOverlap, elements: [{ column: 'during', operator: '-|-' }] }),
      changes: ['alter_constraint bookings.no_overlap'],
      up: [
        'ALTER TABLE "bookings" DROP CONSTRAINT "no_overlap"',
        'ALTER TABLE "bookings" ADD CONSTRAINT "no_overlap" EXCLUDE USING gist ("during" WITH -|-)',
      ],
      down: [
        'ALTER TABLE "bookings" DROP CONSTRAINT "no_overlap"',
        'ALTER TABLE "bookings" ADD CONSTRAINT "no_overlap" EXCLUDE USING gist ("during" WITH &&)',
      ],
    },
    {
      title: 'NOT VALID check and foreign key: added NOT VALID, validated by VALIDATE CONSTRAINT',
      from: withConstraints({ ...positive, notValid: true }, { ...roomFk, notValid: true }),
      to: withConstraints(positive, roomFk),
      changes: ['alter_constraint bookings.ck_score', 'alter_constraint bookings.fk_room'],
      up: [
        'ALTER TABLE "bookings" VALIDATE CONSTRAINT "ck_score"',
        'ALTER TABLE "bookings" VALIDATE CONSTRAINT "fk_room"',
      ],
      down: [
        'ALTER TABLE "bookings" DROP CONSTRAINT "fk_room"',
        'ALTER TABLE "bookings" DROP CONSTRAINT "ck_score"',
        'ALTER TABLE "bookings" ADD CONSTRAINT "ck_score" CHECK (score > 0) NOT VALID',
        'ALTER TABLE "bookings" ADD CONSTRAINT "fk_room" FOREIGN KEY ("room") REFERENCES "rooms" ("id") NOT VALID',
      ],
    },
    {
      title: 'NO INHERIT check: add / drop',
      from: bookings(),
      to: withConstraints({ ...positive, noInherit: true }),
      changes: ['add_constraint bookings.ck_score'],
      up: ['ALTER TABLE "bookings" ADD CONSTRAINT "ck_score" CHECK (score > 0) NO INHERIT'],
      down: ['ALTER TABLE "bookings" DROP CONSTRAINT "ck_score"'],
    },
    {
      title: 'deferrability of a foreign key: ALTER CONSTRAINT in place',
      from: withConstraints(roomFk),
      to: withConstraints({ ...roomFk, deferrable: true, initiallyDeferred: true }),
      changes: ['alter_constraint bookings.fk_room'],
      up: ['ALTER TABLE "bookings" ALTER CONSTRAINT "fk_room" DEFERRABLE INITIALLY DEFERRED'],
      down: ['ALTER TABLE "bookings" ALTER CONSTRAINT "fk_room" NOT DEFERRABLE'],
    },
    {
      title: 'deferrability of an exclusion constraint: drop and add (ALTER CONSTRAINT is for foreign keys)',
      from: withConstraints(noOverlap),
      to: withConstraints({ ...noOverlap, deferrable: true }),
      changes: ['alter_constraint bookings.no_overlap'],
      up: [
        'ALTER TABLE "bookings" DROP CONSTRAINT "no_overlap"',
        'ALTER TABLE "bookings" ADD CONSTRAINT "no_overlap" EXCLUDE USING gist ("room" WITH =, "during" WITH &&) DEFERRABLE',
      ],
      down: [
        'ALTER TABLE "bookings" DROP CONSTRAINT "no_overlap"',
        'ALTER TABLE "bookings" ADD CONSTRAINT "no_overlap" EXCLUDE USING gist ("room" WITH =, "during" WITH &&)',
      ],
    },
    {
      title: 'row-level security enabled and forced with policies',
      from: bookings(),
      to: bookings({
        rowSecurity: 'forced',
        policies: [
          { name: 'own_rows', using: 'owner = current_user' },
          {
            name: 'writers',
            command: 'insert',
            restrictive: true,
            roles: [r2, r1],
            withCheck: 'score >= 0',
          },
        ],
      }),
      changes: ['alter_table bookings'],
      up: [
        'CREATE POLICY "own_rows" ON "bookings" USING (owner = current_user)',
        `CREATE POLICY "writers" ON "bookings" AS RESTRICTIVE FOR INSERT TO ${q(r1)}, ${q(r2)} WITH CHECK (score >= 0)`,
        'ALTER TABLE "bookings" ENABLE ROW LEVEL SECURITY',
        'ALTER TABLE "bookings" FORCE ROW LEVEL SECURITY',
      ],
      down: [
        'DROP POLICY "own_rows" ON "bookings"',
        'DROP POLICY "writers" ON "bookings"',
        'ALTER TABLE "bookings" NO FORCE ROW LEVEL SECURITY',
        'ALTER TABLE "bookings" DISABLE ROW LEVEL SECURITY',
      ],
    },
    {
      title: "a policy's roles and USING change in place (ALTER POLICY); its command by drop and create",
      from: bookings({
        rowSecurity: 'enabled',
        policies: [
          { name: 'readers', command: 'select', roles: [r1], using: 'score > 0' },
          { name: 'writers', command: 'insert', withCheck: 'true' },
        ],
      }),
      to: bookings({
        rowSecurity: 'enabled',
        policies: [
          { name: 'readers', command: 'select', roles: [r1, r2], using: 'score > 1' },
          { name: 'writers', command: 'update', withCheck: 'true' },
        ],
      }),
      changes: ['alter_table bookings'],
      up: [
        'DROP POLICY "writers" ON "bookings"',
        `ALTER POLICY "readers" ON "bookings" TO ${q(r1)}, ${q(r2)} USING (score > 1)`,
        'CREATE POLICY "writers" ON "bookings" FOR UPDATE WITH CHECK (true)',
      ],
      down: [
        'DROP POLICY "writers" ON "bookings"',
        `ALTER POLICY "readers" ON "bookings" TO ${q(r1)} USING (score > 0)`,
        'CREATE POLICY "writers" ON "bookings" FOR INSERT WITH CHECK (true)',
      ],
    },
    {
      title: 'grants, compared with comparePrivileges: GRANT, grant option, REVOKE',
      from: bookings({ grants: [{ grantee: r1, privileges: ['select', 'update'] }] }),
      to: bookings({
        grants: [
          { grantee: r1, privileges: ['select'], withGrantOption: true },
          { grantee: r2, privileges: ['insert', 'select'] },
          { grantee: 'public', privileges: ['select'] },
        ],
      }),
      diff: { comparePrivileges: true },
      changes: ['alter_table bookings'],
      up: [
        `REVOKE UPDATE ON TABLE "bookings" FROM ${q(r1)}`,
        `GRANT SELECT ON TABLE "bookings" TO ${q(r1)} WITH GRANT OPTION`,
        `GRANT INSERT, SELECT ON TABLE "bookings" TO ${q(r2)}`,
        'GRANT SELECT ON TABLE "bookings" TO PUBLIC',
      ],
      down: [
        `REVOKE GRANT OPTION FOR SELECT ON TABLE "bookings" FROM ${q(r1)}`,
        `GRANT UPDATE ON TABLE "bookings" TO ${q(r1)}`,
        `REVOKE INSERT, SELECT ON TABLE "bookings" FROM ${q(r2)}`,
        'REVOKE SELECT ON TABLE "bookings" FROM PUBLIC',
      ],
    },
  ]
}

const sqlOf = (c: MigrationCase & { readonly diff?: DiffOptions }) => {
  const m = plan(schema(c.from), schema(c.to), c.plan, c.diff)
  return { up: m.up.map((s) => s.sql), down: m.down.map((s) => s.sql) }
}

describe('postgres: constraint flags, exclusion constraints, row-level security and privileges (exact SQL)', () => {
  for (const c of cases('app_reader', 'app_writer')) {
    it(c.title, () => {
      const from = schema(c.from)
      const to = schema(c.to)
      expect(diffSchemas(from, to, c.diff).changes.map((x) => `${x.kind} ${x.path}`)).toEqual(c.changes)
      expect(sqlOf(c)).toEqual({ up: c.up, down: c.down })
    })
  }

  it('grants never make a change without comparePrivileges', () => {
    const from = schema(bookings({ grants: [{ grantee: 'app_reader', privileges: ['select'] }] }))
    const to = schema(bookings())
    expect(diffSchemas(from, to).changes).toEqual([])
    expect(diffSchemas(from, to, { comparePrivileges: true }).changes.map((c) => c.kind)).toEqual(['alter_table'])
  })

  it('a new table is created with its NOT VALID constraints, row-level security, policies and grants', () => {
    const s = schema(
      bookings({
        constraints: [
          { type: 'primary_key', columns: ['id'] },
          { ...positive, notValid: true },
        ],
        rowSecurity: 'enabled',
        policies: [{ name: 'p', command: 'select', using: 'true' }],
        grants: [{ grantee: 'app_reader', privileges: ['select'] }],
      }),
    )
    const sql = createSchemaSQL(s, 'postgres').map((x) => x.sql)
    expect(sql.slice(2, 6)).toEqual([
      'ALTER TABLE "bookings" ADD CONSTRAINT "ck_score" CHECK (score > 0) NOT VALID',
      'ALTER TABLE "bookings" ENABLE ROW LEVEL SECURITY',
      'CREATE POLICY "p" ON "bookings" FOR SELECT USING (true)',
      'GRANT SELECT ON TABLE "bookings" TO "app_reader"',
    ])
  })

  it('a policy expression must be one expression, never a statement', () => {
    const s = schema(bookings({ policies: [{ name: 'p', using: 'true); DROP TABLE rooms; --' }] }))
    expect(() => createSchemaSQL(s, 'postgres')).toThrow(/tables\[0\]\.policies\[0\]\.using/)
  })

  it('an exclusion operator must be an operator', () => {
    expect(() =>
      schema(withConstraints({ type: 'exclude', elements: [{ column: 'room', operator: '= ) ; DROP TABLE x' }] })),
    ).toThrow(/is not an operator/)
  })
})

/** Roles, unique on a server (roles are shared by its databases), dropped after the tests. */
const roleNames = () => {
  const tag = randomBytes(3).toString('hex')
  return [`sl_reader_${tag}`, `sl_writer_${tag}`] as const
}

describeEngines('constraint flags, exclusion constraints, row-level security and privileges', (engine) => {
  const [r1, r2] = roleNames()
  // Created by the first test that builds (the engine is opened by the harness's own beforeAll).
  let roles = false
  afterAll(async () => {
    if (!roles) return
    await resetDatabase(engine())
    for (const r of [r1, r2]) await engine().exec(`DROP ROLE IF EXISTS "${r}"`)
  }, 60_000)

  /** Privileges on a table by grantee, from pg_catalog: `role:PRIVILEGE[*]`. */
  const privileges = async (table: string) =>
    (
      await engine().query(
        `SELECT CASE WHEN a.grantee = 0 THEN 'public' ELSE r.rolname END || ':' || a.privilege_type || CASE WHEN a.is_grantable THEN '*' ELSE '' END AS p
         FROM pg_class c, aclexplode(c.relacl) a LEFT JOIN pg_roles r ON r.oid = a.grantee
         WHERE c.oid = $1::regclass AND a.grantee <> c.relowner ORDER BY 1`,
        [table],
      )
    ).map((row) => String(row.p))

  /** The catalog's view of the table's constraints, row-level security and policies. */
  const catalog = async () => ({
    constraints: (
      await engine().query(
        `SELECT conname, contype, convalidated, connoinherit, condeferrable, condeferred, pg_get_constraintdef(oid, true) AS def
         FROM pg_constraint WHERE conrelid = 'bookings'::regclass AND contype IN ('c', 'f', 'x') ORDER BY conname`,
      )
    ).map((r) => ({ ...r })),
    security: await engine().query(
      `SELECT relrowsecurity, relforcerowsecurity FROM pg_class WHERE oid = 'bookings'::regclass`,
    ),
    policies: await engine().query(
      `SELECT polname, polcmd, polpermissive, ARRAY(SELECT CASE WHEN u = 0 THEN 'public' ELSE u::regrole::text END FROM unnest(polroles) u ORDER BY 1)::text[] AS roles,
         pg_get_expr(polqual, polrelid, true) AS q, pg_get_expr(polwithcheck, polrelid, true) AS w
       FROM pg_policy WHERE polrelid = 'bookings'::regclass ORDER BY polname`,
    ),
    privileges: await privileges('bookings'),
  })

  /** Builds `s` on an empty database (its document creates btree_gist, for `=` in gist). */
  const build = async (s: ReturnType<typeof schema>) => {
    if (!roles) for (const r of [r1, r2]) await engine().exec(`CREATE ROLE "${r}"`)
    roles = true
    await resetDatabase(engine())
    await run(engine(), createSchemaSQL(s, 'postgres'))
  }

  for (const c of cases(r1, r2)) {
    it(c.title, async () => {
      const [from, to] = [schema(c.from), schema(c.to)]
      const options = { comparePrivileges: true }
      // The target built fresh: what the catalog must show after `up`.
      await build(to)
      const fresh = await catalog()
      expect(diffSchemas(await read(engine()), to, options).changes, 'to reads back').toEqual([])
      await build(from)
      const freshFrom = await catalog()
      expect(diffSchemas(await read(engine()), from, options).changes, 'from reads back').toEqual([])
      const m = plan(from, to, {}, c.diff)
      await runMigration(engine(), m.up)
      expect(await catalog(), 'after up').toEqual(fresh)
      expect(await remainingChanges(engine(), to, from)).toEqual([])
      expect(diffSchemas(await read(engine()), to, options).changes, 're-plan after up').toEqual([])
      await runMigration(engine(), m.down)
      expect(await catalog(), 'after down').toEqual(freshFrom)
      expect(diffSchemas(await read(engine()), from, options).changes, 're-plan after down').toEqual([])
    })
  }

  it('reads what the catalog holds: exclusion elements, flags, policies and grants', async () => {
    const s = schema(
      bookings({
        constraints: [
          { type: 'primary_key', columns: ['id'] },
          { ...noOverlap, where: 'score > 0', deferrable: true, initiallyDeferred: true },
          { ...positive, notValid: true, noInherit: true },
          { ...roomFk, notValid: true },
        ],
        rowSecurity: 'enabled',
        policies: [{ name: 'p', command: 'delete', restrictive: true, roles: [r1, 'public'], using: 'score < 10' }],
        grants: [{ grantee: r1, privileges: ['delete', 'select'], withGrantOption: true }],
      }),
    )
    await build(s)
    const back = (await read(engine())).tables.find((t) => t.name === 'bookings')
    expect(back?.constraints.filter((c) => c.type !== 'primary_key')).toEqual([
      {
        type: 'foreign_key',
        name: 'fk_room',
        columns: ['room'],
        referencedTable: 'rooms',
        referencedColumns: ['id'],
        notValid: true,
      },
      { type: 'check', name: 'ck_score', expression: 'score > 0', notValid: true, noInherit: true },
      {
        type: 'exclude',
        name: 'no_overlap',
        elements: [
          { column: 'room', operator: '=' },
          { column: 'during', operator: '&&' },
        ],
        where: 'score > 0',
        deferrable: true,
        initiallyDeferred: true,
      },
    ])
    expect(back?.rowSecurity).toBe('enabled')
    // PostgreSQL keeps PUBLIC alone when the list names it; the diff reads both lists as the same.
    expect(back?.policies).toEqual([{ name: 'p', command: 'delete', restrictive: true, using: 'score < 10' }])
    expect(diffSchemas(await read(engine()), s, { comparePrivileges: true }).changes).toEqual([])
    expect(back?.grants).toEqual([{ grantee: r1, privileges: ['delete', 'select'], withGrantOption: true }])
    const catalogState = await catalog()
    expect(catalogState.constraints.map((c) => [c.conname, c.convalidated, c.connoinherit])).toEqual([
      ['ck_score', false, true],
      ['fk_room', false, true],
      ['no_overlap', true, true],
    ])
    expect(
      (await engine().query(`SELECT has_table_privilege($1, 'bookings', 'DELETE WITH GRANT OPTION') AS ok`, [r1]))[0]
        ?.ok,
    ).toBe(true)
  })
})
