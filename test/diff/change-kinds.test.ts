import { describe, expect, it } from 'vitest'
import type { DiffOptions, Schema, SchemaDefinition, SchemaDiff, TableDefinition } from '../../src/index.js'
import {
  applyDiff,
  defineSchema,
  diffSchemas,
  InvalidOptionError,
  isEmptyDiff,
  parseSchema as parseDoc,
  reverseDiff,
} from '../../src/index.js'

const users = (extra: Partial<TableDefinition> = {}): TableDefinition => ({
  name: 'users',
  columns: [
    { name: 'id', type: 'integer', nullable: false },
    { name: 'email', type: 'varchar(100)', nullable: false },
  ],
  constraints: [{ type: 'primary_key', columns: ['id'] }],
  ...extra,
})
const schema = (...tables: TableDefinition[]) => defineSchema({ tables })
const withEnums = (enums: NonNullable<SchemaDefinition['enums']>, ...tables: TableDefinition[]) =>
  defineSchema({ enums, tables })

/** The same rename hints, seen from `to` back to `from`. */
function invert(options: DiffOptions, d: SchemaDiff): DiffOptions {
  const tables = Object.fromEntries(Object.entries(options.renames?.tables ?? {}).map(([o, n]) => [n, o]))
  const columns = Object.fromEntries(
    d.changes.flatMap((c) => (c.kind === 'rename_column' ? [[`${c.table}.${c.column}`, c.from]] : [])),
  )
  return { ...options, renames: { tables, columns } }
}

/** Diffs a -> b and checks the laws on the pair before returning the diff. */
function diff(a: Schema, b: Schema, options: DiffOptions = {}) {
  const d = diffSchemas(a, b, options)
  expect(applyDiff(a, d)).toEqual(b)
  expect(reverseDiff(d)).toEqual(diffSchemas(b, a, options.renames ? invert(options, d) : options))
  return d
}

describe('one change of each kind', () => {
  it('create_table / drop_table', () => {
    const orders: TableDefinition = { name: 'orders', columns: [{ name: 'id', type: 'bigint' }] }
    const d = diff(schema(users()), schema(users(), orders))
    expect(d.changes).toEqual([
      { kind: 'create_table', path: 'orders', table: 'orders', after: schema(orders).tables[0] },
    ])
    expect(diff(schema(users(), orders), schema(users())).changes).toEqual([
      { kind: 'drop_table', path: 'orders', table: 'orders', before: schema(orders).tables[0] },
    ])
  })

  it('rename_table by hint, with the foreign keys pointing at it followed', () => {
    const posts = (target: string): TableDefinition => ({
      name: 'posts',
      columns: [{ name: 'uid', type: 'integer' }],
      constraints: [{ type: 'foreign_key', columns: ['uid'], referencedTable: target, referencedColumns: ['id'] }],
    })
    const a = schema(users(), posts('users'))
    const b = schema({ ...users(), name: 'accounts' }, posts('accounts'))
    const d = diff(a, b, { renames: { tables: { users: 'accounts' } } })
    expect(d.changes).toEqual([
      {
        kind: 'rename_table',
        path: 'accounts',
        table: 'accounts',
        from: 'users',
        before: a.tables[1],
        after: b.tables[0],
      },
    ])
  })

  it('alter_table when the comment changes', () => {
    const d = diff(schema(users()), schema(users({ comment: 'people' })))
    expect(d.changes).toEqual([
      {
        kind: 'alter_table',
        path: 'users',
        table: 'users',
        before: schema(users()).tables[0],
        after: schema(users({ comment: 'people' })).tables[0],
        changes: ['comment'],
      },
    ])
  })

  it('add_column / drop_column carry their positions', () => {
    const b = users({ columns: [...users().columns, { name: 'age', type: 'smallint' }] })
    expect(diff(schema(users()), schema(b)).changes).toEqual([
      {
        kind: 'add_column',
        path: 'users.age',
        table: 'users',
        column: 'age',
        position: 2,
        after: { name: 'age', type: { kind: 'smallint' }, nullable: true },
      },
    ])
    expect(diff(schema(b), schema(users())).changes).toEqual([
      {
        kind: 'drop_column',
        path: 'users.age',
        table: 'users',
        column: 'age',
        position: 2,
        before: { name: 'age', type: { kind: 'smallint' }, nullable: true },
      },
    ])
  })

  it('rename_column by hint, followed by constraints and indexes that use it', () => {
    const a = users({
      indexes: [{ name: 'ix_email', columns: ['email'] }],
      constraints: [
        { type: 'primary_key', columns: ['id'] },
        { type: 'unique', columns: ['email'] },
      ],
    })
    const b = users({
      columns: [
        { name: 'id', type: 'integer', nullable: false },
        { name: 'mail', type: 'varchar(100)', nullable: false },
      ],
      indexes: [{ name: 'ix_email', columns: ['mail'] }],
      constraints: [
        { type: 'primary_key', columns: ['id'] },
        { type: 'unique', columns: ['mail'] },
      ],
    })
    const d = diff(schema(a), schema(b), { renames: { columns: { 'users.email': 'mail' } } })
    expect(d.changes).toEqual([
      {
        kind: 'rename_column',
        path: 'users.mail',
        table: 'users',
        column: 'mail',
        from: 'email',
        position: 1,
        previousPosition: 1,
        before: { name: 'email', type: { kind: 'varchar', length: 100 }, nullable: false },
        after: { name: 'mail', type: { kind: 'varchar', length: 100 }, nullable: false },
      },
    ])
  })

  it('add_constraint / drop_constraint / alter_constraint (definition and name)', () => {
    const check = (expression: string, name = 'ck_id') =>
      users({
        constraints: [
          { type: 'primary_key', columns: ['id'] },
          { type: 'check', name, expression },
        ],
      })
    expect(diff(schema(users()), schema(check('id > 0'))).changes).toEqual([
      {
        kind: 'add_constraint',
        path: 'users.ck_id',
        table: 'users',
        after: { type: 'check', name: 'ck_id', expression: 'id > 0' },
      },
    ])
    expect(diff(schema(check('id > 0')), schema(users())).changes.map((c) => c.kind)).toEqual(['drop_constraint'])
    expect(diff(schema(check('id > 0')), schema(check('id >= 0'))).changes).toEqual([
      {
        kind: 'alter_constraint',
        path: 'users.ck_id',
        table: 'users',
        before: { type: 'check', name: 'ck_id', expression: 'id > 0' },
        after: { type: 'check', name: 'ck_id', expression: 'id >= 0' },
        changes: ['expression'],
      },
    ])
    expect(diff(schema(check('id > 0')), schema(check('id > 0', 'ck_positive'))).changes).toEqual([
      {
        kind: 'alter_constraint',
        path: 'users.ck_positive',
        table: 'users',
        before: { type: 'check', name: 'ck_id', expression: 'id > 0' },
        after: { type: 'check', name: 'ck_positive', expression: 'id > 0' },
        changes: ['name'],
      },
    ])
  })

  it('alter_constraint when the primary key columns change', () => {
    const d = diff(schema(users()), schema(users({ constraints: [{ type: 'primary_key', columns: ['id', 'email'] }] })))
    expect(d.changes).toEqual([
      {
        kind: 'alter_constraint',
        path: 'users.users_pkey',
        table: 'users',
        before: { type: 'primary_key', columns: ['id'] },
        after: { type: 'primary_key', columns: ['id', 'email'] },
        changes: ['columns'],
      },
    ])
  })

  it('add_index / drop_index / alter_index', () => {
    const indexed = (index: Record<string, unknown>) => users({ indexes: [index] })
    const plain = { name: 'ix_email', columns: ['email'] }
    expect(diff(schema(users()), schema(indexed(plain))).changes).toEqual([
      {
        kind: 'add_index',
        path: 'users.ix_email',
        table: 'users',
        after: { name: 'ix_email', parts: [{ column: 'email' }] },
      },
    ])
    expect(diff(schema(indexed(plain)), schema(users())).changes.map((c) => c.kind)).toEqual(['drop_index'])
    const cases: [Record<string, unknown>, string[]][] = [
      [{ ...plain, unique: true }, ['unique']],
      [{ ...plain, where: 'id > 10' }, ['where']],
      [{ ...plain, using: 'hash' }, ['using']],
      [{ ...plain, columns: [{ column: 'email', descending: true }] }, ['parts']],
      [{ ...plain, include: ['id'] }, ['include']],
      [{ ...plain, name: 'ix_users_email' }, ['name']],
    ]
    for (const [after, fields] of cases) {
      const d = diff(schema(indexed(plain)), schema(indexed(after)))
      expect(d.changes).toHaveLength(1)
      expect(d.changes[0]).toMatchObject({ kind: 'alter_index', changes: fields })
    }
  })

  it('create_enum / drop_enum / alter_enum with positions of added values', () => {
    const mood = (values: string[], comment?: string) => [{ name: 'mood', values, ...(comment ? { comment } : {}) }]
    expect(diff(withEnums([]), withEnums(mood(['a']))).changes).toEqual([
      { kind: 'create_enum', path: 'enum:mood', enum: 'mood', after: { name: 'mood', values: ['a'] } },
    ])
    expect(diff(withEnums(mood(['a'])), withEnums([])).changes).toEqual([
      { kind: 'drop_enum', path: 'enum:mood', enum: 'mood', before: { name: 'mood', values: ['a'] } },
    ])
    expect(diff(withEnums(mood(['sad', 'happy'])), withEnums(mood(['sad', 'ok', 'happy', 'great']))).changes).toEqual([
      {
        kind: 'alter_enum',
        path: 'enum:mood',
        enum: 'mood',
        before: { name: 'mood', values: ['sad', 'happy'] },
        after: { name: 'mood', values: ['sad', 'ok', 'happy', 'great'] },
        changes: ['values'],
        added: [
          { value: 'ok', position: 1, after: 'sad', before: 'happy' },
          { value: 'great', position: 3, after: 'happy' },
        ],
        removed: [],
        reordered: false,
      },
    ])
    expect(diff(withEnums(mood(['a', 'b', 'c'])), withEnums(mood(['c', 'a']))).changes[0]).toMatchObject({
      removed: ['b'],
      reordered: true,
      added: [],
    })
    expect(diff(withEnums(mood(['a'])), withEnums(mood(['a'], 'feelings'))).changes[0]).toMatchObject({
      changes: ['comment'],
      added: [],
      removed: [],
    })
  })
})

describe('alter_column: one test per field', () => {
  const base = { name: 'c', type: 'integer', nullable: true }
  const cases: [string, Record<string, unknown>, Record<string, unknown>, string[]][] = [
    ['type', base, { ...base, type: 'bigint' }, ['type']],
    ['type length', { ...base, type: 'varchar(10)' }, { ...base, type: 'varchar(20)' }, ['type']],
    ['nullable', base, { ...base, nullable: false }, ['nullable']],
    ['default added', base, { ...base, default: '0' }, ['default']],
    ['default changed', { ...base, default: '0' }, { ...base, default: '1' }, ['default']],
    ['autoincrement', base, { ...base, autoincrement: true }, ['autoincrement']],
    ['identity', base, { ...base, identity: { generation: 'always' } }, ['identity']],
    [
      'identity options',
      { ...base, identity: { generation: 'always' } },
      { ...base, identity: { generation: 'by_default', start: 10 } },
      ['identity'],
    ],
    ['generated', base, { ...base, generated: { expression: 'id * 2', stored: true } }, ['generated']],
    [
      'generated expression',
      { ...base, generated: { expression: 'id * 2', stored: true } },
      { ...base, generated: { expression: 'id * 3', stored: true } },
      ['generated'],
    ],
    ['collation', { ...base, type: 'text' }, { ...base, type: 'text', collation: 'C' }, ['collation']],
    ['comment', base, { ...base, comment: 'the c' }, ['comment']],
    [
      'several at once',
      base,
      { ...base, type: 'bigint', nullable: false, default: '7' },
      ['type', 'nullable', 'default'],
    ],
  ]
  it.each(cases)('%s', (_name, before, after, fields) => {
    const t = (c: Record<string, unknown>) =>
      schema({ name: 't', columns: [{ name: 'id', type: 'integer' }, c as never] })
    const d = diff(t(before), t(after))
    expect(d.changes).toEqual([
      {
        kind: 'alter_column',
        path: 't.c',
        table: 't',
        column: 'c',
        position: 1,
        previousPosition: 1,
        before: t(before).tables[0]?.columns[1],
        after: t(after).tables[0]?.columns[1],
        changes: fields,
      },
    ])
  })

  it('position, only when asked for', () => {
    const a = schema({
      name: 't',
      columns: [
        { name: 'a', type: 'int' },
        { name: 'b', type: 'int' },
        { name: 'c', type: 'int' },
      ],
    })
    const b = schema({
      name: 't',
      columns: [
        { name: 'c', type: 'int' },
        { name: 'a', type: 'int' },
        { name: 'b', type: 'int' },
      ],
    })
    expect(isEmptyDiff(diffSchemas(a, b))).toBe(true)
    const d = diff(a, b, { comparePositions: true })
    // Every column whose rank among the shared columns changed is reported (a symmetric rule).
    const moved = (name: string, position: number, previousPosition: number) => ({
      kind: 'alter_column',
      path: `t.${name}`,
      table: 't',
      column: name,
      position,
      previousPosition,
      before: { name, type: { kind: 'integer' }, nullable: true },
      after: { name, type: { kind: 'integer' }, nullable: true },
      changes: ['position'],
    })
    expect(d.changes).toEqual([moved('c', 0, 2), moved('a', 1, 0), moved('b', 2, 1)])
  })
})

describe('no false positives: the same database spelled differently', () => {
  const one = (column: Record<string, unknown>) =>
    ({
      metadata: {
        tables: [
          {
            name: 't',
            columns: [
              { name: 'id', type: 'int', primary_key: true },
              { name: 'c', ...column },
            ],
          },
        ],
      },
    }) as const
  const same = (a: Record<string, unknown>, b: Record<string, unknown>) => {
    const d = diffSchemas(parseDoc(one(a)), parseDoc(one(b)))
    expect(d.changes).toEqual([])
  }
  it.each([
    ['int4 / integer / Integer / INTEGER', { type: 'int4' }, { type: 'Integer' }],
    ['INTEGER / int(11)', { type: 'INTEGER' }, { type: 'int(11)' }],
    ['varchar(50) / character varying(50)', { type: 'varchar(50)' }, { type: 'character varying(50)' }],
    ['String(50) / String + length', { type: 'String(50)' }, { type: 'String', length: 50 }],
    ['bool / boolean', { type: 'bool' }, { type: 'boolean' }],
    ['timestamptz / timestamp with time zone', { type: 'timestamptz' }, { type: 'timestamp with time zone' }],
    ['DateTime(timezone) / timestamptz', { type: 'DateTime', timezone: true }, { type: 'TIMESTAMPTZ' }],
    [
      'default case',
      { type: 'timestamptz', server_default: 'NOW()' },
      { type: 'timestamptz', server_default: 'now()' },
    ],
    [
      'now() / CURRENT_TIMESTAMP',
      { type: 'timestamptz', server_default: 'now()' },
      { type: 'timestamptz', server_default: 'CURRENT_TIMESTAMP' },
    ],
    ['redundant parentheses', { type: 'int', server_default: '((0))' }, { type: 'int', server_default: '0' }],
    ["'a'::text / 'a'", { type: 'text', server_default: "'a'::text" }, { type: 'text', server_default: "'a'" }],
    ["'0'::integer / 0", { type: 'int', server_default: "'0'::integer" }, { type: 'int', server_default: '0' }],
    [
      "true / 't' / 1 for booleans",
      { type: 'boolean', server_default: 'true' },
      { type: 'boolean', server_default: "'t'" },
    ],
    ['1 / true for booleans', { type: 'boolean', server_default: '1' }, { type: 'boolean', server_default: 'TRUE' }],
    [
      '1.0 / 1. for numerics',
      { type: 'numeric(5,2)', server_default: '1.0' },
      { type: 'numeric(5,2)', server_default: '1.' },
    ],
    ['NULL default / no default', { type: 'text', server_default: 'NULL' }, { type: 'text' }],
  ])('%s', (_name, a, b) => same(a, b))

  it('unnamed constraints vs the names PostgreSQL gives them', () => {
    const doc = (named: boolean) => ({
      metadata: {
        tables: [
          {
            name: 'users',
            columns: [
              { name: 'id', type: 'int' },
              { name: 'email', type: 'text' },
            ],
            constraints: [
              { type: 'PrimaryKeyConstraint', columns: ['id'], ...(named ? { name: 'users_pkey' } : {}) },
              { type: 'UniqueConstraint', columns: ['email'], ...(named ? { name: 'users_email_key' } : {}) },
            ],
          },
          {
            name: 'posts',
            columns: [{ name: 'user_id', type: 'int' }],
            constraints: [
              {
                type: 'ForeignKeyConstraint',
                columns: ['user_id'],
                referred_table: 'users',
                referred_columns: ['id'],
                ...(named ? { name: 'posts_user_id_fkey' } : {}),
              },
            ],
          },
        ],
      },
    })
    expect(diffSchemas(parseDoc(doc(false)), parseDoc(doc(true))).changes).toEqual([])
  })

  it('column-level vs table-level declarations of the same keys', () => {
    const columnLevel = {
      metadata: {
        tables: [
          {
            name: 'users',
            columns: [
              { name: 'id', type: 'int', primary_key: true },
              { name: 'email', type: 'text', unique: true },
            ],
          },
          { name: 'posts', columns: [{ name: 'user_id', type: 'int', foreign_key: 'users.id' }] },
        ],
      },
    }
    const tableLevel = {
      metadata: {
        tables: [
          {
            name: 'users',
            columns: [
              { name: 'id', type: 'integer', nullable: false },
              { name: 'email', type: 'text' },
            ],
            constraints: [
              { type: 'PrimaryKeyConstraint', columns: ['id'] },
              { type: 'UniqueConstraint', columns: ['email'] },
            ],
          },
          {
            name: 'posts',
            columns: [{ name: 'user_id', type: 'int' }],
            constraints: [
              { type: 'ForeignKeyConstraint', columns: ['user_id'], referred_table: 'users', referred_columns: ['id'] },
            ],
          },
        ],
      },
    }
    expect(diffSchemas(parseDoc(columnLevel), parseDoc(tableLevel)).changes).toEqual([])
  })

  it('check and index expressions differing only in spelling', () => {
    const t = (check: string, where: string, expr: string) =>
      parseDoc({
        metadata: {
          tables: [
            {
              name: 't',
              columns: [
                { name: 'a', type: 'int' },
                { name: 'e', type: 'text' },
              ],
              constraints: [{ type: 'CheckConstraint', name: 'ck', sqltext: check }],
              indexes: [{ name: 'ix', columns: [null], expressions: [expr], where }],
            },
          ],
        },
      })
    expect(
      diffSchemas(t('a > 0', 'a IS NOT NULL', 'lower(e)'), t('((A > 0))', 'a is not null', 'LOWER("e")')).changes,
    ).toEqual([])
  })
})

describe('still different: what must not be normalized away', () => {
  it.each([
    ["'a' vs 'b'", "'a'", "'b'", 'text'],
    ["'A' vs 'a'", "'A'", "'a'", 'text'],
    ['now() vs localtimestamp', 'now()', 'localtimestamp', 'timestamp'],
    ["'1' vs 1 for text", "'1'", '1', 'text'],
    ['gen_random_uuid() vs uuid_generate_v4()', 'gen_random_uuid()', 'uuid_generate_v4()', 'uuid'],
  ])('%s', (_name, a, b, type) => {
    const t = (d: string) => defineSchema({ tables: [{ name: 't', columns: [{ name: 'c', type, default: d }] }] })
    expect(diffSchemas(t(a), t(b)).changes.map((c) => c.kind)).toEqual(['alter_column'])
  })
})

describe('renames', () => {
  const a = schema({
    name: 'people',
    columns: [
      { name: 'id', type: 'int' },
      { name: 'fullname', type: 'text' },
      { name: 'born', type: 'date' },
    ],
  })
  const b = schema({
    name: 'persons',
    columns: [
      { name: 'id', type: 'int' },
      { name: 'full_name', type: 'text' },
      { name: 'born', type: 'date' },
    ],
  })

  it('suggests but never applies by default', () => {
    const d = diffSchemas(a, b)
    expect(d.changes.map((c) => c.kind)).toEqual(['drop_table', 'create_table'])
    expect(d.renameCandidates).toEqual([
      {
        target: 'table',
        from: 'people',
        to: 'persons',
        score: 0.86,
        reasons: [
          '2 of 3 columns match by name and type',
          '1 more paired as column renames',
          'only dropped and added table',
        ],
        applied: false,
      },
    ])
  })

  it('applies confident candidates with inferRenames: apply, including inside the renamed table', () => {
    const d = diff(a, b, { inferRenames: 'apply', renameThreshold: 0.7 })
    expect(d.changes.map((c) => `${c.kind} ${c.path}`)).toEqual([
      'rename_table persons',
      'rename_column persons.full_name',
    ])
    expect(d.renameCandidates.map((c) => [c.from, c.to, c.applied])).toEqual([
      ['fullname', 'full_name', true],
      ['people', 'persons', true],
    ])
  })

  it('reads hints whose names contain dots', () => {
    const t = (col: string) =>
      schema({
        name: 'users',
        columns: [
          { name: 'id', type: 'int' },
          { name: col, type: 'text' },
        ],
      })
    const d = diffSchemas(t('special.column'), t('renamed'), {
      renames: { columns: { 'users.special.column': 'renamed' } },
    })
    expect(d.changes.map((c) => `${c.kind} ${c.path}`)).toEqual(['rename_column users.renamed'])
  })

  it('does not look with inferRenames: off', () => {
    expect(diffSchemas(a, b, { inferRenames: 'off' }).renameCandidates).toEqual([])
  })

  it('rejects hints that do not fit the schemas', () => {
    expect(() => diffSchemas(a, b, { renames: { tables: { nobody: 'persons' } } })).toThrow(InvalidOptionError)
    expect(() => diffSchemas(a, b, { renames: { tables: { people: 'nobody' } } })).toThrow(
      /does not exist in the "to" schema/,
    )
    expect(() => diffSchemas(a, b, { renames: { columns: { 'people.fullname': 'nope' } } })).toThrow(
      /with a table that exists in both schemas/,
    )
    expect(() => diffSchemas(a, a, { renames: { columns: { 'people.fullname': 'born' } } })).toThrow(
      /still exists|already exists/,
    )
    expect(() => diffSchemas(a, b, { renameThreshold: 2 })).toThrow(/between 0 and 1/)
  })
})

describe('caseInsensitiveNames', () => {
  const a = defineSchema({ tables: [{ name: 'USERS', columns: [{ name: 'ID', type: 'int' }] }] })
  const b = defineSchema({
    tables: [
      {
        name: 'users',
        columns: [
          { name: 'id', type: 'int' },
          { name: 'email', type: 'text' },
        ],
      },
    ],
  })

  it('compares names exactly by default', () => {
    expect(diffSchemas(a, b).changes.map((c) => c.kind)).toEqual(['drop_table', 'create_table'])
  })

  it('pairs names that differ only in case, as renames to the new spelling', () => {
    const d = diffSchemas(a, b, { caseInsensitiveNames: true, inferRenames: 'off' })
    expect(d.changes.map((c) => `${c.kind} ${c.path}`)).toEqual([
      'rename_table users',
      'rename_column users.id',
      'add_column users.email',
    ])
    expect(applyDiff(a, d)).toEqual(b)
    expect(reverseDiff(d)).toEqual(diffSchemas(b, a, { caseInsensitiveNames: true, inferRenames: 'off' }))
  })
})
