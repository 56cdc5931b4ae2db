import { describe, expect, it } from 'vitest'
import { mysqlCheckName } from '../../src/dialects/mysql/object-names.js'
import {
  postgresConstraintName,
  postgresExpressionColumnName,
  postgresIndexName,
  postgresObjectName,
} from '../../src/dialects/postgres/object-names.js'
import type { NamingConvention, TableDefinition } from '../../src/index.js'
import { builtInNamingConventions, changeKey, defineSchema, diffSchemas } from '../../src/index.js'

// The names databases give unnamed constraints and indexes, and the diff treating them as no name.
// The expected PostgreSQL names below were read from PostgreSQL 15 (test/sql/postgres/default-names
// proves them on PGlite and the server for generated names as well).

const LONG = 'organization_membership_invitation_audit_entries_archive'

describe('PostgreSQL names', () => {
  it('cuts long names as makeObjectName does, the longer part first', () => {
    expect(postgresObjectName(LONG, undefined, 'pkey')).toBe(`${LONG}_pkey`)
    expect(postgresObjectName(LONG, 'x', 'check1')).toBe(
      'organization_membership_invitation_audit_entries_archi_x_check1',
    )
    expect(postgresObjectName(LONG, 'invited_by_organization_member_user_id', 'fkey')).toBe(
      'organization_membership_invit_invited_by_organization_memb_fkey',
    )
    expect(
      postgresObjectName(
        LONG,
        'invited_by_organization_member_user_id_another_really_long_column_name_for_tests',
        'key',
      ),
    ).toBe('organization_membership_invit_invited_by_organization_membe_key')
    expect(postgresObjectName('t'.repeat(70), undefined, 'pkey')).toBe(`${'t'.repeat(58)}_pkey`)
  })

  it('counts bytes and never splits a character', () => {
    // 'ä' is two bytes: 40 of them are 80 bytes; the name keeps 58 bytes of the table, 29 characters.
    const name = postgresObjectName('ä'.repeat(40), undefined, 'pkey')
    expect(name).toBe(`${'ä'.repeat(29)}_pkey`)
    // An odd byte budget: the half character is left out.
    expect(postgresObjectName('ä'.repeat(40), 'id', 'fkey')).toBe(`${'ä'.repeat(27)}_id_fkey`)
    expect(new TextEncoder().encode(postgresObjectName('ä'.repeat(40), 'id', 'fkey')).length).toBe(62)
  })

  it('names constraints and indexes by kind, numbered on a clash', () => {
    const columns = new Set(['x', 'y'])
    expect(postgresConstraintName('t', { type: 'check', expression: 'x > 0' }, '', columns)).toBe('t_x_check')
    expect(postgresConstraintName('t', { type: 'check', expression: 'x > y' }, '', columns)).toBe('t_check')
    expect(postgresConstraintName('t', { type: 'check', expression: 'x > 0' }, '1', columns)).toBe('t_x_check1')
    expect(postgresConstraintName('t', { type: 'unique', columns: ['x', 'y'] })).toBe('t_x_y_key')
    expect(postgresIndexName('t', { parts: [{ expression: 'lower(x)' }] })).toBe('t_expr_idx')
    expect(postgresIndexName('t', { parts: [{ expression: 'lower(x)' }] }, '2', true)).toBe('t_lower_idx2')
  })

  it.each([
    ['lower(email)', 'lower'],
    ['(lower(email))', 'lower'],
    ['public.f(a, b)', 'f'],
    ['"Weird"(a)', 'Weird'],
    ['COALESCE(a, b)', 'coalesce'],
    ['email::text', 'email'],
    ['(a || b)::text', 'text'],
    ['lower(email)::varchar', 'lower'],
    ['a + 1', 'expr'],
    ['(a + 1)', 'expr'],
    ['lower(a) || b', 'expr'],
    ['t.a', 'a'],
  ])('the column of an index on %s is called %s', (expression, name) => {
    expect(postgresExpressionColumnName(expression)).toBe(name)
  })
})

/** A constraint or index in the canonical document's shape. */
type Definition = Readonly<Record<string, unknown>>

describe('unnamed objects vs the names databases give them', () => {
  const table = (name: string, extra: Partial<TableDefinition> = {}): TableDefinition => ({
    name,
    columns: [
      { name: 'id', type: 'integer', nullable: false },
      { name: 'x', type: 'integer' },
      { name: 'y', type: 'integer' },
      { name: 'pid', type: 'integer' },
    ],
    ...extra,
  })
  const pair = (
    tableName: string,
    unnamed: Definition,
    name: string,
  ): [ReturnType<typeof defineSchema>, ReturnType<typeof defineSchema>] => {
    const isIndex = 'columns' in unnamed && !('type' in unnamed)
    const side = (n?: string) =>
      defineSchema({
        tables: [
          table('p', { constraints: [{ type: 'primary_key', columns: ['id'] }] }),
          table(tableName, {
            ...(isIndex
              ? { indexes: [{ ...unnamed, ...(n ? { name: n } : {}) }] }
              : { constraints: [{ ...unnamed, ...(n ? { name: n } : {}) }] }),
          }),
        ],
      })
    return [side(), side(name)]
  }
  const fk: Definition = {
    type: 'foreign_key',
    columns: ['pid'],
    referencedTable: 'p',
    referencedColumns: ['id'],
  }
  const checkOne: Definition = { type: 'check', expression: 'x > 0 AND x < 10' }
  const checkTwo: Definition = { type: 'check', expression: 'x > y' }
  const cases: [string, string, Definition, string][] = [
    ['PostgreSQL primary key', 't', { type: 'primary_key', columns: ['id'] }, 't_pkey'],
    ['PostgreSQL primary key, cut', LONG, { type: 'primary_key', columns: ['id'] }, `${LONG}_pkey`],
    ['MySQL primary key', 't', { type: 'primary_key', columns: ['id'] }, 'PRIMARY'],
    ['PostgreSQL unique', 't', { type: 'unique', columns: ['x', 'y'] }, 't_x_y_key'],
    ['PostgreSQL unique, numbered', 't', { type: 'unique', columns: ['x', 'y'] }, 't_x_y_key1'],
    [
      'PostgreSQL unique, cut',
      LONG,
      { type: 'unique', columns: ['x', 'y'] },
      'organization_membership_invitation_audit_entries_archiv_x_y_key',
    ],
    ['MySQL unique', 't', { type: 'unique', columns: ['x', 'y'] }, 'x'],
    ['MySQL unique, numbered', 't', { type: 'unique', columns: ['x', 'y'] }, 'x_2'],
    ['SQLite unique', 't', { type: 'unique', columns: ['x'] }, 'sqlite_autoindex_t_1'],
    ['PostgreSQL foreign key', 't', fk, 't_pid_fkey'],
    ['PostgreSQL foreign key, cut', LONG, fk, 'organization_membership_invitation_audit_entries_archi_pid_fkey'],
    ['MySQL foreign key', 't', fk, 't_ibfk_1'],
    ['PostgreSQL check on one column', 't', checkOne, 't_x_check'],
    [
      'PostgreSQL check on one column, numbered and cut',
      LONG,
      checkOne,
      'organization_membership_invitation_audit_entries_archi_x_check1',
    ],
    ['PostgreSQL check on two columns', 't', checkTwo, 't_check'],
    ['schemaledger check name', 't', checkOne, 't_check'],
    ['MySQL 8 check', 't', checkTwo, 't_chk_1'],
    ['MariaDB table-level check', 't', checkTwo, 'CONSTRAINT_1'],
    ['MariaDB column-level check', 't', checkOne, 'x'],
    ['schemaledger MySQL check', 't', checkTwo, mysqlCheckName('t', 'x > y')],
    ['schemaledger MySQL check, cut', LONG, checkTwo, mysqlCheckName(LONG, 'x > y')],
    ['PostgreSQL index', 't', { columns: ['x'] }, 't_x_idx'],
    ['PostgreSQL index, long table', LONG, { columns: ['x'] }, `${LONG}_x_idx`],
    ['PostgreSQL expression index', 't', { columns: [{ expression: 'lower(x::text)' }] }, 't_lower_idx'],
    ['schemaledger expression index', 't', { columns: [{ expression: 'lower(x::text)' }] }, 't_expr_idx'],
    ['PostgreSQL index on a sum', 't', { columns: [{ expression: '(x + 1)' }] }, 't_expr_idx1'],
    ['MySQL index', 't', { columns: ['x', 'y'] }, 'x_2'],
    ['MySQL 8 functional index', 't', { columns: [{ expression: '(x + 1)' }] }, 'functional_index'],
  ]
  it.each(cases)('%s', (_title, tableName, object, name) => {
    const [unnamed, named] = pair(tableName, object, name)
    expect(diffSchemas(unnamed, named).changes).toEqual([])
    expect(diffSchemas(named, unnamed).changes).toEqual([])
  })

  it.each([
    ['a check named for a column it does not mention', checkOne, 't_y_check'],
    ['a check named for one of two columns', checkTwo, 't_x_check'],
    ['a foreign key named for another table', fk, 'other_pid_fkey'],
    ['a unique key named for its second column', { type: 'unique', columns: ['x', 'y'] } as const, 'y'],
    [
      'a truncated name cut in the wrong place',
      { type: 'primary_key', columns: ['id'] } as const,
      `${LONG.slice(0, 50)}_pkey`,
    ],
  ])('%s is a rename', (_title, object, name) => {
    const [unnamed, named] = pair(name.startsWith(LONG.slice(0, 50)) ? LONG : 't', object, name)
    const changes = diffSchemas(unnamed, named).changes
    expect(changes).toHaveLength(1)
    expect(changes[0]).toMatchObject({ kind: 'alter_constraint', changes: ['name'] })
  })
})

describe('the naming conventions the diff is given', () => {
  const schema = (constraint: Record<string, unknown>) =>
    defineSchema({
      tables: [
        {
          name: 't',
          columns: [
            { name: 'id', type: 'integer', nullable: false },
            { name: 'x', type: 'integer' },
          ],
          constraints: [constraint as never],
        },
      ],
    })
  const pk = { type: 'primary_key', columns: ['id'] }
  const conventions = (name: string) => builtInNamingConventions.filter((n) => n.name === name)

  it('recognizes the built-in dialects by default, in a fixed order', () => {
    expect(builtInNamingConventions.map((n) => n.name)).toEqual(['postgres', 'mysql', 'sqlite'])
    const options = { namingConventions: builtInNamingConventions }
    expect(diffSchemas(schema(pk), schema({ ...pk, name: 'PRIMARY' }), options)).toEqual(
      diffSchemas(schema(pk), schema({ ...pk, name: 'PRIMARY' })),
    )
  })

  it.each([
    ['PRIMARY', 'mysql', 'postgres'],
    ['t_pkey', 'postgres', 'mysql'],
  ])('%s is a default name for %s only', (name, owner, other) => {
    const [unnamed, named] = [schema(pk), schema({ ...pk, name })]
    expect(diffSchemas(unnamed, named, { namingConventions: conventions(owner) }).changes).toEqual([])
    expect(diffSchemas(unnamed, named, { namingConventions: conventions(other) }).changes).toMatchObject([
      { kind: 'alter_constraint', path: `t.${name}`, changes: ['name'] },
    ])
  })

  it("SQLite's autoindex names are SQLite's", () => {
    const unique = { type: 'unique', columns: ['x'] }
    const [unnamed, named] = [schema(unique), schema({ ...unique, name: 'sqlite_autoindex_t_1' })]
    expect(diffSchemas(unnamed, named, { namingConventions: conventions('sqlite') }).changes).toEqual([])
    expect(diffSchemas(unnamed, named, { namingConventions: conventions('postgres') }).changes).toHaveLength(1)
  })

  it('compares names exactly with no convention, and takes conventions of its own', () => {
    const [unnamed, named] = [schema(pk), schema({ ...pk, name: 'pk_t' })]
    expect(diffSchemas(unnamed, schema({ ...pk, name: 't_pkey' }), { namingConventions: [] }).changes).toHaveLength(1)
    expect(diffSchemas(unnamed, named).changes).toHaveLength(1)
    const legacy: NamingConvention = {
      name: 'legacy',
      isDefaultConstraintName: (table, c, n) => c.type === 'primary_key' && n === `pk_${table}`,
      isDefaultIndexName: () => false,
    }
    expect(diffSchemas(unnamed, named, { namingConventions: [legacy] }).changes).toEqual([])
  })

  it("addresses an unnamed constraint by the diff's own label, not cut to PostgreSQL's 63 bytes", () => {
    const long = 'organization_membership_invitation_audit_entries_archive'
    const [from, to] = [defineSchema({ tables: [] }), defineSchema({ tables: [{ ...table(long) }] })]
    const paths = diffSchemas(from, to).changes.map((c) => c.path)
    expect(paths).toEqual([long])
    const withKey = defineSchema({
      tables: [{ ...table(long), constraints: [{ type: 'unique', columns: ['x', 'y'] }] }],
    })
    expect(diffSchemas(to, withKey).changes.map(changeKey)).toEqual([`add_constraint ${long}.${long}_x_y_key`])
  })

  function table(name: string): TableDefinition {
    return {
      name,
      columns: [
        { name: 'x', type: 'integer' },
        { name: 'y', type: 'integer' },
      ],
    }
  }
})
