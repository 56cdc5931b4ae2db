import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { Finding, LintSchemaOptions } from '../../src/impact/index.js'
import { analyzeImpact, builtinAnalyzers, defineAnalyzer, lintSchema } from '../../src/impact/index.js'
import type { Schema } from '../../src/index.js'
import { diffSchemas, InvalidOptionError } from '../../src/index.js'
import type { DialectAlias } from '../../src/sql/index.js'
import { arbitrarySchema } from '../arbitraries.js'
import { schema, type TableOptions, table } from './schemas.js'

// lintSchema: the design (BP) and naming (NM) rules on one schema version. One test per rule with the
// exact findings (code, severity, path, message), a clean schema, rule options, naming patterns,
// dialect differences, and the law that ties it to analyzeImpact: the same rule code, run on the
// schema seen as created.

const LINT_CODES = builtinAnalyzers.filter((a) => a.lint).map((a) => a.code)
const EVERYTHING: LintSchemaOptions['rules'] = { enable: LINT_CODES }

const brief = (findings: readonly Finding[]) =>
  findings.map((f) => ({ code: f.code, severity: f.severity, path: f.path, message: f.message }))

/** The findings of one rule (enabled, whether opt-in or not) on a dialect. */
const rule = (
  code: string,
  s: Schema,
  dialect: LintSchemaOptions['dialect'] = 'postgres',
  options: Partial<LintSchemaOptions> = {},
) => brief(lintSchema(s, { dialect, rules: { enable: [code] }, ...options }).filter((f) => f.code === code))

const identity = { type: 'bigint', nullable: false, identity: { generation: 'by_default' } }
const users = (columns: Parameters<typeof table>[1] = {}, o: TableOptions = {}) =>
  table(
    'users',
    { id: identity, email: 'text!', created_at: 'timestamptz!', ...columns },
    {
      pk: ['id'],
      unique: [['email']],
      ...o,
    },
  )
const posts = (columns: Parameters<typeof table>[1] = {}, o: TableOptions = {}) =>
  table(
    'posts',
    { id: identity, user_id: 'bigint!', title: 'text!', ...columns },
    {
      pk: ['id'],
      fks: [{ columns: ['user_id'], table: 'users' }],
      indexes: [{ name: 'ix_posts_user_id', columns: ['user_id'] }],
      ...o,
    },
  )
const clean = schema([users(), posts()])
/** What each dialect can create (BP021): SQLite has no identity columns, MySQL no key on a whole text. */
const cleanOn = (dialect: string) =>
  dialect === 'sqlite'
    ? schema([users({ id: 'integer!' }), posts({ id: 'integer!' })])
    : dialect === 'postgres'
      ? clean
      : schema([users({ email: 'varchar(254)!' }), posts()])
const events = (columns: Parameters<typeof table>[1], o: TableOptions = {}) =>
  schema([users(), posts(), table('events', columns, o)])

describe('lintSchema: a clean schema', () => {
  for (const dialect of ['postgres', 'mysql', 'mariadb', 'sqlite'] as const) {
    it(`has no findings on ${dialect}, with every lint rule enabled`, () => {
      expect(lintSchema(cleanOn(dialect), { dialect })).toEqual([])
      expect(lintSchema(cleanOn(dialect), { dialect, rules: EVERYTHING })).toEqual([])
    })
  }

  it('has no findings for an empty schema', () => {
    expect(lintSchema({ tables: [], enums: [] }, { dialect: 'postgres', rules: EVERYTHING })).toEqual([])
  })
})

describe('lintSchema: the finding shape', () => {
  it("is analyzeImpact's Finding, with the object in path and the create change, without a phase", () => {
    const findings = lintSchema(events({ at: 'timestamptz' }), { dialect: 'postgres', dialectVersion: 16 })
    expect(findings).toEqual([
      {
        code: 'BP005',
        severity: 'warning',
        change: { kind: 'create_table', path: 'events' },
        path: 'events',
        message: 'table events has no primary key',
        explanation:
          'Rows cannot be updated or deleted one by one reliably, and replication, ORMs and online schema change tools need a primary key.',
        fix: { description: 'Add a primary key; a bigint identity column if nothing else identifies a row.' },
        dialect: 'postgres',
      },
    ])
  })

  it('writes the safe alternative as SQL where the dialect can (BP006)', () => {
    const comments = table(
      'comments',
      { id: identity, post_id: 'bigint!' },
      { pk: ['id'], fks: [{ columns: ['post_id'], table: 'posts' }] },
    )
    const [finding] = lintSchema(schema([users(), posts(), comments]), { dialect: 'postgres' })
    expect(finding).toEqual({
      code: 'BP006',
      severity: 'warning',
      change: { kind: 'create_table', path: 'comments' },
      path: 'comments.comments_post_id_fkey',
      message: 'foreign key comments(post_id) -> posts has no index on its columns',
      explanation:
        'Deleting or re-keying a row of posts scans comments to find its children, and joins on the key cannot use an index.',
      fix: {
        description: 'Create an index whose leading columns are the foreign key columns.',
        sql: ['CREATE INDEX "comments_post_id_idx" ON "comments" ("post_id")'],
      },
      dialect: 'postgres',
    })
  })

  it('orders findings by table, then path, then code, and names the MariaDB flavor', () => {
    const s = schema([
      table('b_items', { id: 'integer!', price: 'float' }, { pk: ['id'] }),
      table('a_logs', { at: 'datetime' }),
    ])
    const found = lintSchema(s, { dialect: 'mariadb', rules: { enable: ['BP001', 'BP018'] } })
    expect(found.map((f) => `${f.code} ${f.path} ${f.dialect}`)).toEqual([
      'BP005 a_logs mariadb',
      'BP001 b_items.id mariadb',
      'BP018 b_items.price mariadb',
    ])
  })
})

describe('lintSchema: one test per rule', () => {
  it('BP001 integer primary keys (PostgreSQL, MySQL)', () => {
    const s = events({ id: 'integer!', kind: 'smallint' }, { pk: ['id'] })
    const expected = [
      {
        code: 'BP001',
        severity: 'info',
        path: 'events.id',
        message: 'events.id is an integer primary key: it runs out of values long before bigint',
      },
    ]
    expect(rule('BP001', s)).toEqual(expected)
    expect(rule('BP001', s, 'mysql')).toEqual(expected)
    expect(rule('BP001', s, 'sqlite')).toEqual([])
    expect(rule('BP001', events({ id: 'bigint!' }, { pk: ['id'] }))).toEqual([])
  })

  it('BP002 serial instead of identity', () => {
    expect(rule('BP002', events({ id: 'bigint! auto' }, { pk: ['id'] }))).toEqual([
      { code: 'BP002', severity: 'info', path: 'events.id', message: 'events.id is serial: prefer an identity column' },
    ])
  })

  it('BP003 varchar(n) and char(n)', () => {
    expect(rule('BP003', events({ id: identity, code: 'char(2)', name: 'varchar(40)' }, { pk: ['id'] }))).toEqual([
      {
        code: 'BP003',
        severity: 'info',
        path: 'events.code',
        message: 'events.code is char(2): prefer text with a CHECK on its length',
      },
      {
        code: 'BP003',
        severity: 'info',
        path: 'events.name',
        message: 'events.name is varchar(40): prefer text with a CHECK on its length',
      },
    ])
  })

  it('BP004 timestamp without time zone, on PostgreSQL only', () => {
    const s = events({ id: identity, at: 'timestamp' }, { pk: ['id'] })
    expect(rule('BP004', s)).toEqual([
      {
        code: 'BP004',
        severity: 'info',
        path: 'events.at',
        message: 'events.at is a timestamp without time zone: prefer timestamptz',
      },
    ])
    expect(rule('BP004', s, 'mysql')).toEqual([])
    expect(rule('BP004', s, 'sqlite')).toEqual([])
  })

  it('BP005 table without primary key, on every dialect', () => {
    const s = events({ at: 'timestamptz' })
    for (const dialect of ['postgres', 'mysql', 'sqlite'] as const) {
      expect(rule('BP005', s, dialect)).toEqual([
        { code: 'BP005', severity: 'warning', path: 'events', message: 'table events has no primary key' },
      ])
    }
  })

  it('BP006 foreign key without a covering index (a key whose leading columns are the FK columns covers it)', () => {
    const link = (pk: string[], indexes: TableOptions['indexes'] = []) =>
      schema([
        users(),
        posts(),
        table(
          'post_tags',
          { post_id: 'bigint!', tag: 'text!' },
          { pk, fks: [{ columns: ['post_id'], table: 'posts' }], indexes },
        ),
      ])
    const expected = [
      {
        code: 'BP006',
        severity: 'warning',
        path: 'post_tags.post_tags_post_id_fkey',
        message: 'foreign key post_tags(post_id) -> posts has no index on its columns',
      },
    ]
    expect(rule('BP006', link(['tag', 'post_id']))).toEqual(expected)
    expect(rule('BP006', link(['tag', 'post_id']), 'sqlite')).toEqual(expected)
    expect(rule('BP006', link(['post_id', 'tag']))).toEqual([])
    expect(rule('BP006', link(['tag', 'post_id'], [{ name: 'ix_pt', columns: ['post_id', 'tag'] }]))).toEqual([])
    // MySQL indexes foreign keys itself.
    expect(rule('BP006', link(['tag', 'post_id']), 'mysql')).toEqual([])
  })

  it('BP007 duplicate and redundant indexes (same method and filter; unique keys are not redundant)', () => {
    const s = schema([
      users(
        { name: 'text' },
        {
          indexes: [
            { name: 'ix_email_name', columns: ['email', 'name'] },
            { name: 'ix_name', columns: ['name'] },
            { name: 'ix_name_again', columns: ['name'] },
            { name: 'ix_email', columns: ['email'] },
            { name: 'ux_email_name', columns: ['email', 'name'], unique: true },
          ],
        },
      ),
      posts(),
    ])
    expect(rule('BP007', s)).toEqual([
      {
        code: 'BP007',
        severity: 'info',
        path: 'users.ix_email',
        message: 'users.ix_email is covered by users_email_key, which starts with the same columns',
      },
      {
        code: 'BP007',
        severity: 'info',
        path: 'users.ix_email_name',
        message: 'users.ix_email_name is covered by ux_email_name, which starts with the same columns',
      },
      {
        code: 'BP007',
        severity: 'info',
        path: 'users.ix_name_again',
        message: 'users.ix_name_again duplicates ix_name: same columns, method and filter',
      },
    ])
    const other = (extra: Record<string, unknown>) =>
      schema([users({ name: 'text' }, { indexes: [{ name: 'ix_name', columns: ['name'] }] }), posts()]).tables.map(
        (t) =>
          t.name === 'users'
            ? { ...t, indexes: [...t.indexes, { name: 'ix_x', parts: [{ column: 'name' }], ...extra }] }
            : t,
      )
    const withIndex = (extra: Record<string, unknown>): Schema => ({ ...clean, tables: other(extra) })
    expect(rule('BP007', withIndex({ using: 'hash' }))).toEqual([])
    expect(rule('BP007', withIndex({ where: 'name IS NOT NULL' }))).toEqual([])
    expect(rule('BP007', withIndex({ unique: true }))).toEqual([
      {
        code: 'BP007',
        severity: 'info',
        path: 'users.ix_name',
        message: 'users.ix_name is covered by ix_x, which starts with the same columns',
      },
    ])
  })

  it('BP008 names the database would truncate or refuse: PostgreSQL counts bytes, MySQL characters', () => {
    const accented = 'é'.repeat(32) // 32 characters, 64 bytes
    const ascii = `t${'x'.repeat(64)}` // 65 characters
    const s = schema([
      users(),
      posts(),
      table(accented, { id: identity }, { pk: ['id'] }),
      table('events', { id: identity, [ascii]: 'text' }, { pk: ['id'], indexes: [{ name: ascii, columns: ['id'] }] }),
    ])
    const truncated = (bytes: number) => `a name of ${bytes} bytes: PostgreSQL silently truncates names to 63 bytes`
    expect(rule('BP008', s)).toEqual([
      {
        code: 'BP008',
        severity: 'danger',
        path: `events.${ascii}`,
        message: `column name "${ascii}" is ${truncated(65)}`,
      },
      {
        code: 'BP008',
        severity: 'danger',
        path: `events.${ascii}`,
        message: `index name "${ascii}" is ${truncated(65)}`,
      },
      { code: 'BP008', severity: 'danger', path: accented, message: `table name "${accented}" is ${truncated(64)}` },
    ])
    const refused = 'a name of 65 characters: MySQL/MariaDB refuse names over 64 characters'
    expect(rule('BP008', s, 'mysql')).toEqual([
      { code: 'BP008', severity: 'danger', path: `events.${ascii}`, message: `column name "${ascii}" is ${refused}` },
      { code: 'BP008', severity: 'danger', path: `events.${ascii}`, message: `index name "${ascii}" is ${refused}` },
    ])
    expect(rule('BP008', s, 'sqlite')).toEqual([])
  })

  it('BP008 names MySQL refuses for their characters and SQLite keeps for itself', () => {
    const parsed = schema([
      table('events', { id: identity, 'emoji😀': 'text' }, { pk: ['id'] }),
      table('sqlite_x', { id: 'bigint!' }),
    ])
    // Documents lose trailing spaces when parsed; a schema built in code keeps them.
    const s = { ...parsed, tables: parsed.tables.map((t) => (t.name === 'events' ? { ...t, name: 'events ' } : t)) }
    expect(rule('BP008', s, 'mysql').map((f) => f.message)).toEqual([
      'table name "events " is a name ending in a space, which MySQL/MariaDB refuse',
      'column name "emoji😀" is a character beyond U+FFFF, which MySQL/MariaDB names (utf8mb3) cannot hold',
    ])
    expect(rule('BP008', s, 'sqlite').map((f) => f.message)).toEqual([
      'table name "sqlite_x" is a name starting with "sqlite_", which SQLite reserves for its own objects',
    ])
  })

  it('BP011 column order that wastes alignment padding (PostgreSQL)', () => {
    const s = events(
      { id: 'integer!', at: 'timestamptz!', kind: 'smallint', ok: 'boolean', note: 'text' },
      { pk: ['id'] },
    )
    const found = lintSchema(s, { dialect: 'postgres', rules: { enable: ['BP011'] } })
    expect(brief(found)).toEqual([
      {
        code: 'BP011',
        severity: 'info',
        path: 'events',
        message: 'events wastes 4 bytes per row on alignment padding between its columns',
      },
    ])
    expect(found[0]?.fix).toEqual({ description: 'Declare the columns in this order: at, id, kind, ok, note.' })
    expect(rule('BP011', events({ at: 'timestamptz!', id: 'integer!', note: 'text' }, { pk: ['id'] }))).toEqual([])
    expect(rule('BP011', s, 'mysql')).toEqual([])
  })

  it('BP012 enum types (PostgreSQL) and inline enums (MySQL)', () => {
    const s = schema([users(), posts()], [{ name: 'mood', values: ['sad', 'ok'] }])
    expect(rule('BP012', s)).toEqual([
      {
        code: 'BP012',
        severity: 'info',
        path: 'enum:mood',
        message: 'enum type mood is created: removing or reordering its values later is costly',
      },
    ])
    expect(rule('BP012', events({ id: identity, mood: "enum('sad','ok')" }, { pk: ['id'] }), 'mysql')).toEqual([
      {
        code: 'BP012',
        severity: 'info',
        path: 'events.mood',
        message: 'events.mood is an inline ENUM: removing or reordering its values later copies the table',
      },
    ])
  })

  it('BP013 ON DELETE CASCADE', () => {
    const s = schema([users(), posts({}, { fks: [{ columns: ['user_id'], table: 'users', onDelete: 'cascade' }] })])
    expect(rule('BP013', s)).toEqual([
      {
        code: 'BP013',
        severity: 'info',
        path: 'posts.posts_user_id_fkey',
        message: 'deleting a row of users now deletes its rows in posts (ON DELETE CASCADE)',
      },
    ])
  })

  it('BP015 foreign key columns of different types: a warning on PostgreSQL, a failure on MySQL', () => {
    const s = schema([users(), posts({ user_id: 'integer!' })])
    expect(rule('BP015', s)).toEqual([
      {
        code: 'BP015',
        severity: 'warning',
        path: 'posts.user_id',
        message:
          'posts.user_id (integer) references users.id (bigint): values of users.id beyond the range of integer cannot be referenced',
      },
    ])
    expect(rule('BP015', s, 'mysql', { dialectVersion: '8.0' })).toEqual([
      {
        code: 'BP015',
        severity: 'danger',
        path: 'posts.user_id',
        message:
          'posts.user_id (integer) references users.id (bigint): MySQL 8.0 rejects foreign keys between these types, so the migration fails',
      },
    ])
  })

  it('BP016 json instead of jsonb', () => {
    expect(rule('BP016', events({ id: identity, payload: 'json' }, { pk: ['id'] }))).toEqual([
      { code: 'BP016', severity: 'info', path: 'events.payload', message: 'events.payload is json: prefer jsonb' },
    ])
  })

  it('BP017 money', () => {
    expect(rule('BP017', events({ id: identity, total: 'money' }, { pk: ['id'] }))).toEqual([
      { code: 'BP017', severity: 'info', path: 'events.total', message: 'events.total is money: prefer numeric' },
    ])
  })

  it('BP018 approximate numbers (PostgreSQL, MySQL)', () => {
    const s = events({ id: identity, ratio: 'real', total: 'decimal(10,2)' }, { pk: ['id'] })
    const expected = [
      { code: 'BP018', severity: 'info', path: 'events.ratio', message: 'events.ratio is real, an approximate type' },
    ]
    expect(rule('BP018', s)).toEqual(expected)
    expect(rule('BP018', s, 'mysql')).toEqual(expected)
  })

  it('BP019 zero date defaults (MySQL, on by default)', () => {
    const s = events(
      { id: identity, shipped: "datetime! = '0000-00-00 00:00:00'", due: "date = '0000-00-00'" },
      { pk: ['id'] },
    )
    expect(brief(lintSchema(s, { dialect: 'mysql' }).filter((f) => f.code === 'BP019'))).toEqual([
      {
        code: 'BP019',
        severity: 'warning',
        path: 'events.due',
        message: "events.due defaults to the zero date '0000-00-00'",
      },
      {
        code: 'BP019',
        severity: 'warning',
        path: 'events.shipped',
        message: "events.shipped defaults to the zero date '0000-00-00 00:00:00'",
      },
    ])
  })

  it('BP020 unique keys on nullable columns (not with NULLS NOT DISTINCT)', () => {
    const s = events({ id: identity, code: 'text', scope: 'text!' }, { pk: ['id'], unique: [['scope', 'code']] })
    expect(rule('BP020', s)).toEqual([
      {
        code: 'BP020',
        severity: 'info',
        path: 'events.events_scope_code_key',
        message:
          'events.events_scope_code_key is unique on nullable code: rows holding NULL there are never duplicates',
      },
    ])
    const distinct: Schema = {
      ...s,
      tables: s.tables.map((t) => ({
        ...t,
        constraints: t.constraints.map((c) => (c.type === 'unique' ? { ...c, nullsNotDistinct: true as const } : c)),
      })),
    }
    expect(rule('BP020', distinct)).toEqual([])
  })
})

describe('lintSchema: naming rules', () => {
  const named = schema(
    [
      table(
        'UserAccounts',
        { id: identity, firstName: 'text', org_id: 'bigint' },
        {
          pk: ['id'],
          fks: [{ columns: ['org_id'], table: 'orgs', name: 'AccountsOrg' }],
          checks: [{ name: 'NameLong', expression: 'length(firstName) > 1' }],
          indexes: [{ name: 'ByName', columns: ['firstName'] }],
        },
      ),
      table('orgs', { id: identity }, { pk: ['id'] }),
    ],
    [{ name: 'Mood', values: ['ok'] }],
  )
  const codes = (findings: readonly Finding[]) =>
    findings.filter((f) => f.code.startsWith('NM')).map((f) => `${f.code} ${f.path}`)

  it('are off by default', () => {
    expect(codes(lintSchema(named, { dialect: 'postgres' }))).toEqual([])
  })

  it('check snake_case when enabled without a pattern (NM002-NM008)', () => {
    const all = ['NM001', 'NM002', 'NM003', 'NM004', 'NM005', 'NM006', 'NM007', 'NM008']
    const findings = lintSchema(named, { dialect: 'postgres', rules: { enable: all } })
    expect(codes(findings)).toEqual([
      'NM008 enum:Mood',
      'NM002 UserAccounts',
      'NM005 UserAccounts.AccountsOrg',
      'NM004 UserAccounts.ByName',
      'NM006 UserAccounts.NameLong',
      'NM003 UserAccounts.firstName',
    ])
    expect(brief(findings.filter((f) => f.code === 'NM003'))).toEqual([
      {
        code: 'NM003',
        severity: 'info',
        path: 'UserAccounts.firstName',
        message: 'column name "firstName" does not match /^[a-z][a-z0-9_]*$/',
      },
    ])
  })

  it('take patterns as strings or RegExps, and a pattern turns its rule on', () => {
    const findings = lintSchema(named, {
      dialect: 'postgres',
      naming: { table: /^[A-Za-z]+$/g, column: '^[a-z_]+$', index: '^(ix|ux)_' },
    })
    expect(codes(findings)).toEqual(['NM004 UserAccounts.ByName', 'NM003 UserAccounts.firstName'])
    expect(brief(findings.filter((f) => f.code === 'NM004'))).toEqual([
      {
        code: 'NM004',
        severity: 'info',
        path: 'UserAccounts.ByName',
        message: 'index name "ByName" does not match /^(ix|ux)_/',
      },
    ])
  })

  it('test a global RegExp the same way for every name', () => {
    const s = schema([
      table('Alpha', { id: identity }, { pk: ['id'] }),
      table('Beta', { id: identity }, { pk: ['id'] }),
      table('Gamma', { id: identity }, { pk: ['id'] }),
    ])
    expect(codes(lintSchema(s, { dialect: 'sqlite', naming: { table: /^[A-Z][a-z]+$/g } }))).toEqual([])
    expect(codes(lintSchema(s, { dialect: 'sqlite', naming: { table: /^[a-z]+$/g } }))).toEqual([
      'NM002 Alpha',
      'NM002 Beta',
      'NM002 Gamma',
    ])
  })

  it('apply `constraint` to every constraint kind unless foreignKey or check has its own pattern', () => {
    const s = schema([
      table(
        'orgs',
        { id: identity, code: 'text!', parent_id: 'bigint' },
        { pk: ['id'], unique: [['code']], fks: [{ columns: ['parent_id'], table: 'orgs', name: 'fk_orgs_parent' }] },
      ),
    ])
    const withNames: Schema = {
      ...s,
      tables: s.tables.map((t) => ({
        ...t,
        constraints: t.constraints.map((c) =>
          c.type === 'primary_key' ? { ...c, name: 'orgs_pk' } : c.type === 'unique' ? { ...c, name: 'orgs_code' } : c,
        ),
      })),
    }
    expect(codes(lintSchema(withNames, { dialect: 'postgres', naming: { constraint: '^(pk|uq|fk)_' } }))).toEqual([
      'NM007 orgs.orgs_code',
      'NM007 orgs.orgs_pk',
    ])
    expect(
      codes(lintSchema(withNames, { dialect: 'postgres', naming: { constraint: '^orgs_', foreignKey: '^fkey_' } })),
    ).toEqual(['NM005 orgs.fk_orgs_parent'])
  })

  it('leave unnamed constraints and indexes alone (the database names them)', () => {
    const s = schema([users({}, { indexes: [{ columns: ['created_at'] }] }), posts()])
    expect(codes(lintSchema(s, { dialect: 'postgres', naming: { constraint: '^x_', index: '^ix_' } }))).toEqual([])
  })

  it("check namespaces: the document's schema name and tables' schemas, once each (NM001)", () => {
    const s: Schema = {
      ...schema([
        table('invoices', { id: identity }, { pk: ['id'], schema: 'Billing' }),
        table('payments', { id: identity }, { pk: ['id'], schema: 'Billing' }),
        table('users', { id: identity }, { pk: ['id'] }),
      ]),
      name: 'Shop',
    }
    const findings = lintSchema(s, { dialect: 'postgres', naming: { schema: '^[a-z]+$' } })
    expect(brief(findings)).toEqual([
      { code: 'NM001', severity: 'info', path: 'schema:Shop', message: 'schema name "Shop" does not match /^[a-z]+$/' },
      {
        code: 'NM001',
        severity: 'info',
        path: 'schema:Billing',
        message: 'schema name "Billing" does not match /^[a-z]+$/',
      },
    ])
  })

  it('reject a pattern that is not a regular expression, and unknown kinds', () => {
    expect(() => lintSchema(clean, { dialect: 'postgres', naming: { table: '([a-z' } })).toThrow(InvalidOptionError)
    expect(() => lintSchema(clean, { dialect: 'postgres', naming: { table: '([a-z' } })).toThrow(/^naming\.table: /)
    expect(() => lintSchema(clean, { dialect: 'postgres', naming: { tables: 'x' } as never })).toThrow(
      'naming.tables: unknown naming option; use one of schema, table, column, index, foreignKey, check, constraint, enum',
    )
  })
})

describe('lintSchema: rule options (the same as analyzeImpact)', () => {
  const noKey = events({ at: 'timestamptz', payload: 'json' })

  it('runs only on-by-default rules unless others are enabled', () => {
    expect(brief(lintSchema(noKey, { dialect: 'postgres' })).map((f) => f.code)).toEqual(['BP005'])
    expect(brief(lintSchema(noKey, { dialect: 'postgres', rules: { enable: ['BP016'] } })).map((f) => f.code)).toEqual([
      'BP005',
      'BP016',
    ])
  })

  it('turns rules off and re-grades them', () => {
    expect(lintSchema(noKey, { dialect: 'postgres', rules: { disable: ['BP005'] } })).toEqual([])
    expect(
      brief(lintSchema(noKey, { dialect: 'postgres', rules: { severity: { BP005: 'danger' } } })).map(
        (f) => `${f.severity} ${f.code}`,
      ),
    ).toEqual(['danger BP005'])
  })

  it('accepts codes of rules that only judge changes (one rule set for both), rejects unknown codes', () => {
    expect(
      lintSchema(clean, { dialect: 'postgres', rules: { disable: ['DS002'], severity: { LK001: 'danger' } } }),
    ).toEqual([])
    expect(() => lintSchema(clean, { dialect: 'postgres', rules: { disable: ['XX999'] } })).toThrow(InvalidOptionError)
    expect(() => lintSchema(clean, { dialect: 'oracle' as DialectAlias })).toThrow(InvalidOptionError)
  })

  it('runs added rules that declare lint: true, and not the others', () => {
    const noTmp = defineAnalyzer({
      code: 'ACME001',
      title: 'No tmp_ tables',
      dialects: 'all',
      severity: 'warning',
      lint: true,
      docs: { bad: 'CREATE TABLE tmp_x (...)', why: 'Temporary tables get forgotten.', fix: 'Use a real name.' },
      analyze: (change) =>
        change.kind === 'create_table' && change.table.startsWith('tmp_')
          ? { message: `${change.path} is temporary`, explanation: 'Forgotten.', fix: { description: 'Rename it.' } }
          : undefined,
    })
    const changeOnly = defineAnalyzer({ ...noTmp, code: 'ACME002', lint: false })
    const s = schema([users(), posts(), table('tmp_import', { id: identity }, { pk: ['id'] })])
    expect(brief(lintSchema(s, { dialect: 'postgres', rules: { add: [noTmp, changeOnly] } }))).toEqual([
      { code: 'ACME001', severity: 'warning', path: 'tmp_import', message: 'tmp_import is temporary' },
    ])
  })
})

describe('lintSchema and analyzeImpact share their rules', () => {
  const EMPTY: Schema = { tables: [], enums: [] }
  const dialects = fc.constantFrom('postgres', 'mysql', 'sqlite')

  it('finds what analyzeImpact finds on the schema created from nothing (lint rules), with paths inside the change', () => {
    fc.assert(
      fc.property(arbitrarySchema, dialects, (s, dialect) => {
        const linted = lintSchema(s, { dialect, rules: EVERYTHING })
        const report = analyzeImpact(diffSchemas(EMPTY, s), { dialect, from: EMPTY, to: s, rules: EVERYTHING })
        const key = (f: Finding) => `${f.code} ${f.severity} ${f.change.kind} ${f.change.path} ${f.message}`
        const expected = report.findings.filter((f) => LINT_CODES.includes(f.code)).map(key)
        expect(linted.map(key).sort()).toEqual(expected.sort())
        for (const f of linted) expect(f.path === f.change.path || f.path?.startsWith(`${f.change.path}.`)).toBe(true)
        // analyzeImpact's findings keep their shape: no path.
        for (const f of report.findings) expect('path' in f).toBe(false)
      }),
      { numRuns: 150 },
    )
  })

  it('is deterministic', () => {
    fc.assert(
      fc.property(arbitrarySchema, dialects, (s, dialect) => {
        expect(lintSchema(s, { dialect, rules: EVERYTHING })).toEqual(lintSchema(s, { dialect, rules: EVERYTHING }))
      }),
      { numRuns: 50 },
    )
  })
})
