import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import {
  deserializeSchema,
  isSchemaLedgerError,
  parseSchema,
  SchemaValidationError,
  safeParseSchema,
  serializeSchema,
} from '../../src/index.js'

const fixture = (name: string) => JSON.parse(readFileSync(new URL(`../fixtures/${name}`, import.meta.url), 'utf8'))

describe('parseSchema: the seed document', () => {
  it('reads the SQLAlchemy shape into the exact normal form', () => {
    expect(parseSchema(fixture('seed-v1.json'))).toEqual({
      name: 'example_schema',
      enums: [],
      tables: [
        {
          name: 'posts',
          columns: [
            { name: 'id', type: { kind: 'integer' }, nullable: false, autoincrement: true },
            { name: 'title', type: { kind: 'varchar', length: 200 }, nullable: false },
            { name: 'content', type: { kind: 'text' }, nullable: true },
            { name: 'user_id', type: { kind: 'integer' }, nullable: false },
          ],
          constraints: [
            { type: 'primary_key', columns: ['id'] },
            { type: 'foreign_key', columns: ['user_id'], referencedTable: 'users', referencedColumns: ['id'] },
          ],
          indexes: [{ name: 'ix_posts_user_id', parts: [{ column: 'user_id' }] }],
        },
        {
          name: 'users',
          columns: [
            { name: 'id', type: { kind: 'integer' }, nullable: false, autoincrement: true },
            { name: 'username', type: { kind: 'varchar', length: 50 }, nullable: false },
            { name: 'email', type: { kind: 'varchar', length: 120 }, nullable: false, default: "''" },
          ],
          constraints: [
            { type: 'primary_key', columns: ['id'] },
            { type: 'unique', columns: ['email'] },
            { type: 'unique', columns: ['username'] },
          ],
          indexes: [],
        },
      ],
    })
  })

  it('writes canonical JSON that reads back equal and is byte-stable', () => {
    const schema = parseSchema(fixture('seed-v1.json'))
    const text = serializeSchema(schema)
    expect(deserializeSchema(text)).toEqual(schema)
    expect(serializeSchema(deserializeSchema(text))).toBe(text)
    expect(JSON.parse(text).format).toBe('schemaledger/1')
    expect(text.endsWith('}\n')).toBe(true)
  })
})

describe('parseSchema: a richer SQLAlchemy document', () => {
  const schema = parseSchema(fixture('sqlalchemy-shop.json'))
  const table = (name: string) => schema.tables.find((t) => t.name === name)!
  const column = (t: string, c: string) => table(t).columns.find((x) => x.name === c)!

  it('keeps unknown keys in extra at every level', () => {
    expect(schema.extra).toEqual({ generator: expect.stringContaining('sqlalchemy') })
    expect(column('customers', 'external_id').extra).toEqual({ info: { owner: 'integrations' } })
    // SQLAlchemy's `default` is client-side: it is not a database default, but it is kept.
    expect(column('customers', 'is_vip')).toEqual({
      name: 'is_vip',
      type: { kind: 'boolean' },
      nullable: false,
      default: 'false',
      extra: { default: false },
    })
  })

  it('reads identity, generated columns, collations, enums and comments', () => {
    expect(column('orders', 'id')).toEqual({
      name: 'id',
      type: { kind: 'bigint' },
      nullable: false,
      identity: { generation: 'always', start: 1000, increment: 1 },
    })
    expect(column('orders', 'total_with_tax').generated).toEqual({ expression: 'total * 1.2', stored: true })
    expect(column('orders', 'note')).toMatchObject({ type: { kind: 'varchar', length: 500 }, collation: 'C' })
    expect(column('orders', 'status').type).toEqual({ kind: 'enum', name: 'order_status' })
    expect(column('customers', 'id').autoincrement).toBe(true)
    expect(table('customers').comment).toBe('People who buy things')
    expect(column('products', 'tags').type).toEqual({ kind: 'array', of: { kind: 'varchar', length: 30 } })
    expect(column('products', 'search').type).toEqual({ kind: 'custom', raw: 'TSVECTOR' })
  })

  it('merges column-level foreign keys and reads reflection index options', () => {
    expect(table('order_items').constraints).toEqual([
      { type: 'primary_key', name: 'order_items_pkey', columns: ['order_id', 'product_id'] },
      {
        type: 'foreign_key',
        columns: ['order_id'],
        referencedTable: 'orders',
        referencedColumns: ['id'],
        onDelete: 'cascade',
      },
      { type: 'foreign_key', columns: ['product_id'], referencedTable: 'products', referencedColumns: ['id'] },
      { type: 'check', name: 'ck_order_items_quantity', expression: 'quantity > 0' },
    ])
    expect(table('customers').indexes).toEqual([
      { name: 'ix_customers_created_at', parts: [{ column: 'created_at', descending: true }] },
      { name: 'ix_customers_lower_email', parts: [{ expression: 'lower((email)::text)' }], unique: true },
    ])
    expect(table('products').indexes).toEqual([
      { name: 'ix_products_name_active', parts: [{ column: 'name', opclass: 'text_pattern_ops' }], where: 'price > 0' },
      { name: 'ix_products_search', parts: [{ column: 'search' }], using: 'gin' },
    ])
    // NULLS LAST is the default for a descending key only when written as NULLS FIRST; here it is explicit.
    expect(table('orders').indexes[0]?.parts).toEqual([
      { column: 'customer_id' },
      { column: 'placed_at', descending: true, nulls: 'last' },
    ])
  })

  it('round-trips through the canonical form byte for byte', () => {
    const text = serializeSchema(schema)
    expect(deserializeSchema(text)).toEqual(schema)
    expect(serializeSchema(deserializeSchema(text))).toBe(text)
  })
})

describe('normal form: equal databases parse equal', () => {
  const doc = (columns: unknown[], constraints: unknown[] = [], indexes: unknown[] = []) => ({
    metadata: {
      tables: [
        { name: 't', columns, constraints, indexes },
        { name: 'p', columns: [{ name: 'id', type: 'int', primary_key: true }] },
      ],
    },
  })

  it('column primary_key flag and PrimaryKeyConstraint are one key', () => {
    const a = parseSchema(doc([{ name: 'id', type: 'Integer', primary_key: true }]))
    const b = parseSchema(
      doc([{ name: 'id', type: 'INTEGER', nullable: false }], [{ type: 'PrimaryKeyConstraint', columns: ['id'] }]),
    )
    const c = parseSchema(
      doc([{ name: 'id', type: 'int4', primary_key: true }], [{ type: 'PrimaryKeyConstraint', columns: ['id'] }]),
    )
    expect(a).toEqual(b)
    expect(a).toEqual(c)
  })

  it('column unique flag and UniqueConstraint are one constraint; the name is kept', () => {
    const cols = [{ name: 'e', type: 'text', unique: true }]
    const named = parseSchema(doc(cols, [{ type: 'UniqueConstraint', name: 'uq_e', columns: ['e'] }]))
    expect(named.tables[1]?.constraints).toEqual([{ type: 'unique', name: 'uq_e', columns: ['e'] }])
    expect(parseSchema(doc(cols))).toEqual(
      parseSchema(doc([{ name: 'e', type: 'TEXT' }], [{ type: 'UniqueConstraint', columns: ['e'] }])),
    )
  })

  it('column foreign_key shorthand equals ForeignKeyConstraint', () => {
    const a = parseSchema(doc([{ name: 'p_id', type: 'int', foreign_key: 'p.id' }]))
    const b = parseSchema(
      doc(
        [{ name: 'p_id', type: 'integer' }],
        [
          {
            type: 'ForeignKeyConstraint',
            columns: ['p_id'],
            referred_table: 'p',
            referred_columns: ['id'],
            ondelete: 'NO ACTION',
          },
        ],
      ),
    )
    expect(a).toEqual(b)
  })

  it('unique + index flags make a unique index named as SQLAlchemy names it', () => {
    const s = parseSchema(doc([{ name: 'e', type: 'text', unique: true, index: true }]))
    expect(s.tables[1]?.indexes).toEqual([{ name: 'ix_t_e', parts: [{ column: 'e' }], unique: true }])
    expect(s.tables[1]?.constraints).toEqual([])
  })

  it('"btree" and default NULLS ordering are not stored', () => {
    const s = parseSchema(
      doc(
        [{ name: 'e', type: 'text' }],
        [],
        [{ name: 'ix', columns: [{ column: 'e', nulls: 'last' }], using: 'BTREE' }],
      ),
    )
    expect(s.tables[1]?.indexes).toEqual([{ name: 'ix', parts: [{ column: 'e' }] }])
  })

  it('an Enum column with a name declares the enum once', () => {
    const s = parseSchema({
      metadata: {
        tables: [
          { name: 'a', columns: [{ name: 'm', type: 'Enum', enum_name: 'mood', values: ['sad', 'ok'] }] },
          { name: 'b', columns: [{ name: 'm', type: 'mood[]' }] },
        ],
      },
    })
    expect(s.enums).toEqual([{ name: 'mood', values: ['sad', 'ok'] }])
    expect(s.tables.map((t) => t.columns[0]?.type)).toEqual([
      { kind: 'enum', name: 'mood' },
      { kind: 'array', of: { kind: 'enum', name: 'mood' } },
    ])
  })
})

describe('a document of neither shape', () => {
  it.each([
    [[1, 2], 'A schema document must be a JSON object: '],
    [{ schema: 'x', objects: [] }, 'Not a schema document (it has "schema", "objects"): expected '],
    [{}, 'Not a schema document (it is empty): expected '],
  ])('%j names the two accepted shapes', (document, start) => {
    const result = safeParseSchema(document)
    expect(result.success).toBe(false)
    if (result.success) return
    expect(result.issues).toEqual([
      {
        code: expect.any(String),
        path: '',
        message: `${start}the canonical shape {"format": "schemaledger/1", "tables": [...]} or the SQLAlchemy shape {"metadata": {"tables": [...]}}`,
      },
    ])
  })
})

describe('validation issues carry a code and the document path', () => {
  const issuesOf = (document: unknown) => {
    const result = safeParseSchema(document)
    if (result.success) throw new Error('expected the document to be invalid')
    return result.issues.map((i) => ({ code: i.code, path: i.path }))
  }
  const meta = (tables: unknown[], extra: object = {}) => ({ metadata: { tables, ...extra } })
  const users = {
    name: 'users',
    columns: [
      { name: 'id', type: 'Integer', primary_key: true },
      { name: 'email', type: 'text' },
    ],
  }

  it.each([
    ['not an object', 42, [{ code: 'invalid_document', path: '' }]],
    ['neither shape', { foo: 1 }, [{ code: 'unknown_shape', path: '' }]],
    ['an empty object', {}, [{ code: 'unknown_shape', path: '' }]],
    [
      'a canonical column without nullable, used by a key and an index: one issue, no follow-on',
      {
        format: 'schemaledger/1',
        tables: [
          {
            name: 't',
            columns: [{ name: 'a', type: 'integer' }],
            constraints: [{ type: 'primary_key', columns: ['a'] }],
            indexes: [{ name: 'ix', columns: ['a'] }],
          },
          {
            name: 'u',
            columns: [{ name: 'b', type: 'integer', nullable: true }],
            constraints: [{ type: 'foreign_key', columns: ['b'], referencedTable: 't', referencedColumns: ['a'] }],
          },
        ],
      },
      [{ code: 'invalid_type', path: 'tables[0].columns[0].nullable' }],
    ],
    [
      'a SQLAlchemy column of a bad type used by an index: one issue, no follow-on',
      meta([{ name: 't', columns: [{ name: 'a', type: 5 }], indexes: [{ name: 'ix', columns: ['a'] }] }]),
      [{ code: 'invalid_type', path: 'metadata.tables[0].columns[0].type' }],
    ],
    ['tables missing', { metadata: {} }, [{ code: 'invalid_type', path: 'metadata.tables' }]],
    ['empty table name', meta([{ name: ' ', columns: [] }]), [{ code: 'empty_name', path: 'metadata.tables[0].name' }]],
    [
      'empty type',
      meta([{ name: 't', columns: [{ name: 'a', type: '' }] }]),
      [{ code: 'empty_name', path: 'metadata.tables[0].columns[0].type' }],
    ],
    [
      'type not a string',
      meta([{ name: 't', columns: [{ name: 'a', type: 5 }] }]),
      [{ code: 'invalid_type', path: 'metadata.tables[0].columns[0].type' }],
    ],
    ['duplicate table', meta([users, users]), [{ code: 'duplicate_table', path: 'metadata.tables[1].name' }]],
    [
      'duplicate column',
      meta([
        {
          name: 't',
          columns: [
            { name: 'a', type: 'int' },
            { name: 'a', type: 'text' },
          ],
        },
      ]),
      [{ code: 'duplicate_column', path: 'metadata.tables[0].columns[1].name' }],
    ],
    [
      'duplicate index',
      meta([
        {
          ...users,
          indexes: [
            { name: 'ix', columns: ['email'] },
            { name: 'ix', columns: ['id'] },
          ],
        },
      ]),
      [{ code: 'duplicate_index', path: 'metadata.tables[0].indexes[1].name' }],
    ],
    [
      'duplicate constraint name',
      meta([
        {
          ...users,
          constraints: [
            { type: 'CheckConstraint', name: 'ck', sqltext: 'id > 0' },
            { type: 'CheckConstraint', name: 'ck', sqltext: 'id > 1' },
          ],
        },
      ]),
      [{ code: 'duplicate_constraint', path: 'metadata.tables[0].constraints[1].name' }],
    ],
    [
      'primary key on a missing column',
      meta([
        {
          ...users,
          columns: [{ name: 'email', type: 'text' }],
          constraints: [{ type: 'PrimaryKeyConstraint', columns: ['id'] }],
        },
      ]),
      [{ code: 'unknown_column', path: 'metadata.tables[0].constraints[0].columns[0]' }],
    ],
    [
      'unique on a missing column',
      meta([{ ...users, constraints: [{ type: 'UniqueConstraint', columns: ['email', 'nope'] }] }]),
      [{ code: 'unknown_column', path: 'metadata.tables[0].constraints[0].columns[1]' }],
    ],
    [
      'index on a missing column',
      meta([{ ...users, indexes: [{ name: 'ix', columns: ['nope'] }] }]),
      [{ code: 'unknown_column', path: 'metadata.tables[0].indexes[0].columns[0]' }],
    ],
    [
      'foreign key from a missing column',
      meta([
        users,
        {
          name: 'posts',
          columns: [{ name: 'id', type: 'int' }],
          constraints: [
            { type: 'ForeignKeyConstraint', columns: ['uid'], referred_table: 'users', referred_columns: ['id'] },
          ],
        },
      ]),
      [{ code: 'unknown_column', path: 'metadata.tables[1].constraints[0].columns[0]' }],
    ],
    [
      'foreign key to a missing table',
      meta([
        users,
        {
          name: 'posts',
          columns: [{ name: 'uid', type: 'int' }],
          constraints: [
            { type: 'ForeignKeyConstraint', columns: ['uid'], referred_table: 'people', referred_columns: ['id'] },
          ],
        },
      ]),
      [{ code: 'unknown_table', path: 'metadata.tables[1].constraints[0].referred_table' }],
    ],
    [
      'foreign key to a missing column',
      meta([
        users,
        {
          name: 'posts',
          columns: [{ name: 'uid', type: 'int' }],
          constraints: [
            { type: 'ForeignKeyConstraint', columns: ['uid'], referred_table: 'users', referred_columns: ['uid'] },
          ],
        },
      ]),
      [{ code: 'unknown_referenced_column', path: 'metadata.tables[1].constraints[0].referred_columns[0]' }],
    ],
    [
      'foreign key shorthand to a missing column',
      meta([users, { name: 'posts', columns: [{ name: 'uid', type: 'int', foreign_key: 'users.uid' }] }]),
      [{ code: 'unknown_referenced_column', path: 'metadata.tables[1].columns[0].foreign_key' }],
    ],
    [
      'foreign key column count mismatch',
      meta([
        users,
        {
          name: 'posts',
          columns: [{ name: 'uid', type: 'int' }],
          constraints: [
            {
              type: 'ForeignKeyConstraint',
              columns: ['uid'],
              referred_table: 'users',
              referred_columns: ['id', 'email'],
            },
          ],
        },
      ]),
      [{ code: 'fk_column_count_mismatch', path: 'metadata.tables[1].constraints[0]' }],
    ],
    [
      'two primary keys',
      meta([
        {
          ...users,
          constraints: [
            { type: 'PrimaryKeyConstraint', columns: ['id'] },
            { type: 'PrimaryKeyConstraint', columns: ['email'] },
          ],
        },
      ]),
      [{ code: 'multiple_primary_keys', path: 'metadata.tables[0].constraints[1]' }],
    ],
    [
      'flags disagree with the primary key constraint',
      meta([{ ...users, constraints: [{ type: 'PrimaryKeyConstraint', columns: ['email'] }] }]),
      [{ code: 'conflicting_primary_key', path: 'metadata.tables[0].constraints[0]' }],
    ],
    [
      'unknown constraint type',
      meta([{ ...users, constraints: [{ type: 'TriggerConstraint' }] }]),
      [{ code: 'unknown_constraint_type', path: 'metadata.tables[0].constraints[0].type' }],
    ],
    [
      'bad referential action',
      meta([
        users,
        { name: 'p', columns: [{ name: 'u', type: 'int', foreign_key: { target: 'users.id', ondelete: 'EXPLODE' } }] },
      ]),
      [{ code: 'invalid_referential_action', path: 'metadata.tables[1].columns[0].foreign_key.ondelete' }],
    ],
    [
      'malformed foreign key target',
      meta([users, { name: 'p', columns: [{ name: 'u', type: 'int', foreign_key: 'users' }] }]),
      [{ code: 'invalid_foreign_key', path: 'metadata.tables[1].columns[0].foreign_key' }],
    ],
    [
      'undeclared enum',
      meta([{ name: 't', columns: [{ name: 'm', type: 'Enum', enum_name: 'mood' }] }]),
      [{ code: 'unknown_enum', path: 'metadata.tables[0].columns[0].type' }],
    ],
    [
      'enum declared twice with different values',
      meta([{ name: 't', columns: [{ name: 'm', type: 'Enum', enum_name: 'mood', values: ['a'] }] }], {
        enums: [{ name: 'mood', values: ['a', 'b'] }],
      }),
      [{ code: 'enum_values_mismatch', path: 'metadata.tables[0].columns[0].values' }],
    ],
    [
      'duplicate enum value',
      meta([], { enums: [{ name: 'mood', values: ['a', 'a'] }] }),
      [{ code: 'duplicate_enum_value', path: 'metadata.enums[0].values[1]' }],
    ],
    [
      'duplicate enum',
      meta([], {
        enums: [
          { name: 'mood', values: [] },
          { name: 'mood', values: [] },
        ],
      }),
      [{ code: 'duplicate_enum', path: 'metadata.enums[1].name' }],
    ],
    [
      'enum named like a built-in type',
      meta([], { enums: [{ name: 'text', values: ['a'] }] }),
      [{ code: 'enum_name_shadows_type', path: 'metadata.enums[0].name' }],
    ],
    [
      'index with nothing in it',
      meta([{ ...users, indexes: [{ name: 'ix', columns: [] }] }]),
      [{ code: 'empty_index', path: 'metadata.tables[0].indexes[0]' }],
    ],
    [
      'generated column with a default',
      meta([{ name: 't', columns: [{ name: 'a', type: 'int', server_default: '1', computed: { sqltext: '2' } }] }]),
      [{ code: 'generated_with_default', path: 'metadata.tables[0].columns[0]' }],
    ],
    [
      'identity column with a default',
      meta([{ name: 't', columns: [{ name: 'a', type: 'int', server_default: '1', identity: { always: true } }] }]),
      [{ code: 'identity_with_default', path: 'metadata.tables[0].columns[0]' }],
    ],
    [
      'canonical: wrong format version',
      { format: 'schemaledger/9', tables: [] },
      [{ code: 'invalid_value', path: 'format' }],
    ],
  ])('%s', (_name, document, expected) => {
    expect(issuesOf(document)).toEqual(expected)
  })

  it('reports every problem at once and throws one SchemaValidationError', () => {
    const document = meta([
      { name: 't', columns: [{ name: 'a', type: 5 }, { name: 'b' }] },
      { name: '', columns: [] },
    ])
    let error: unknown
    try {
      parseSchema(document)
    } catch (e) {
      error = e
    }
    expect(error).toBeInstanceOf(SchemaValidationError)
    expect(isSchemaLedgerError(error)).toBe(true)
    const issues = (error as SchemaValidationError).issues
    expect(issues.map((i) => i.path)).toEqual([
      'metadata.tables[0].columns[0].type',
      'metadata.tables[0].columns[1].type',
      'metadata.tables[1].name',
    ])
    expect((error as Error).message).toContain('metadata.tables[0].columns[1].type')
  })

  it('a foreign key to a table in a namespace the document does not describe is not checked', () => {
    const s = parseSchema(meta([{ name: 'p', columns: [{ name: 'u', type: 'int', foreign_key: 'auth.users.id' }] }]))
    expect(s.tables[0]?.constraints).toEqual([
      {
        type: 'foreign_key',
        columns: ['u'],
        referencedSchema: 'auth',
        referencedTable: 'users',
        referencedColumns: ['id'],
      },
    ])
  })
})

describe('deserializeSchema', () => {
  it('names bad JSON', () => {
    expect(() => deserializeSchema('{"metadata":')).toThrow(expect.objectContaining({ code: 'invalid_json' }))
  })
  it('upgrades a seed-shaped document', () => {
    expect(deserializeSchema(readFileSync(new URL('../fixtures/seed-v1.json', import.meta.url), 'utf8'))).toEqual(
      parseSchema(fixture('seed-v1.json')),
    )
  })
})
