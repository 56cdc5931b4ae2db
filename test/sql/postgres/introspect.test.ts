import { expect, it } from 'vitest'
import { diffSchemas, InvalidOptionError } from '../../../src/index.js'
import { describeEngines, read, resetDatabase, schema } from './harness.js'

// The introspector on DDL written by hand (not by the dialect), so what it reads is PostgreSQL's own
// catalog spelling: serial and identity columns, generated columns, defaults, collations, comments,
// every kind of constraint and index, enums (also from another namespace), and types of every kind.

const DDL = `
CREATE SCHEMA audit;
CREATE TYPE audit.level AS ENUM ('low', 'high');
CREATE TYPE mood AS ENUM ('sad', 'ok', 'happy');
COMMENT ON TYPE mood IS 'feelings';
CREATE TABLE teams (id bigserial PRIMARY KEY, code char(3) NOT NULL, UNIQUE NULLS NOT DISTINCT (code));
CREATE TABLE users (
  id integer GENERATED ALWAYS AS IDENTITY (START WITH 10 INCREMENT BY 5) PRIMARY KEY,
  team_id bigint REFERENCES teams (id) ON DELETE SET NULL ON UPDATE CASCADE DEFERRABLE INITIALLY DEFERRED,
  email varchar(120) NOT NULL DEFAULT '' COLLATE "C",
  name text DEFAULT 'anonymous',
  score numeric(10,2) CHECK (score >= 0),
  total numeric GENERATED ALWAYS AS (score * 2) STORED,
  created_at timestamp(3) with time zone DEFAULT now(),
  moods mood[] DEFAULT '{}',
  level audit.level,
  addr inet,
  span int4range,
  wait interval day to second(2),
  at time with time zone,
  raw bytea,
  note varchar,
  pad bpchar,
  CONSTRAINT ck_name CHECK (length(name) > 2 AND name <> 'root')
);
COMMENT ON TABLE users IS 'people';
COMMENT ON COLUMN users.email IS 'where to write';
CREATE UNIQUE INDEX ix_users_email ON users (lower(email)) WHERE name IS NOT NULL;
CREATE INDEX ix_users_mix ON users (score DESC NULLS LAST, name text_pattern_ops, email COLLATE "POSIX") INCLUDE (note);
CREATE INDEX ix_users_span ON users USING gist (span);
CREATE INDEX ON users (team_id);
CREATE TABLE tags (id serial, user_id integer, CONSTRAINT fk FOREIGN KEY (user_id) REFERENCES users (id) MATCH FULL ON DELETE CASCADE);
`

const expected = schema({
  enums: [
    { name: 'level', schema: 'audit', values: ['low', 'high'] },
    { name: 'mood', values: ['sad', 'ok', 'happy'], comment: 'feelings' },
  ],
  tables: [
    {
      name: 'tags',
      columns: [
        { name: 'id', type: 'integer', nullable: false, autoincrement: true },
        { name: 'user_id', type: 'integer' },
      ],
      constraints: [
        {
          type: 'foreign_key',
          name: 'fk',
          columns: ['user_id'],
          referencedTable: 'users',
          referencedColumns: ['id'],
          match: 'full',
          onDelete: 'cascade',
        },
      ],
    },
    {
      name: 'teams',
      columns: [
        { name: 'id', type: 'bigint', nullable: false, autoincrement: true },
        { name: 'code', type: 'char(3)', nullable: false },
      ],
      constraints: [
        { type: 'primary_key', columns: ['id'] },
        { type: 'unique', columns: ['code'], nullsNotDistinct: true },
      ],
    },
    {
      name: 'users',
      comment: 'people',
      columns: [
        { name: 'id', type: 'integer', nullable: false, identity: { generation: 'always', start: 10, increment: 5 } },
        { name: 'team_id', type: 'bigint' },
        {
          name: 'email',
          type: 'varchar(120)',
          nullable: false,
          default: "''",
          collation: 'C',
          comment: 'where to write',
        },
        { name: 'name', type: 'text', default: "'anonymous'" },
        { name: 'score', type: 'decimal(10,2)' },
        { name: 'total', type: 'decimal', generated: { expression: 'score * 2', stored: true } },
        { name: 'created_at', type: 'timestamp(3) with time zone', default: 'now()' },
        { name: 'moods', type: 'mood[]', default: "'{}'" },
        { name: 'level', type: 'level' },
        { name: 'addr', type: 'inet' },
        { name: 'span', type: 'int4range' },
        { name: 'wait', type: 'interval day to second(2)' },
        { name: 'at', type: 'time with time zone' },
        { name: 'raw', type: 'blob' },
        { name: 'note', type: 'varchar' },
        { name: 'pad', type: 'bpchar' },
      ],
      constraints: [
        { type: 'primary_key', columns: ['id'] },
        {
          type: 'foreign_key',
          columns: ['team_id'],
          referencedTable: 'teams',
          referencedColumns: ['id'],
          onDelete: 'set_null',
          onUpdate: 'cascade',
          deferrable: true,
          initiallyDeferred: true,
        },
        { type: 'check', name: 'users_score_check', expression: 'score >= 0' },
        { type: 'check', name: 'ck_name', expression: "length(name) > 2 AND name <> 'root'" },
      ],
      indexes: [
        { name: 'ix_users_email', columns: [{ expression: 'lower(email)' }], unique: true, where: 'name IS NOT NULL' },
        {
          name: 'ix_users_mix',
          columns: [
            { column: 'score', descending: true, nulls: 'last' },
            { column: 'name', opclass: 'text_pattern_ops' },
            { column: 'email', collation: 'POSIX' },
          ],
          include: ['note'],
        },
        { name: 'ix_users_span', columns: ['span'], using: 'gist' },
        { columns: ['team_id'] },
      ],
    },
  ],
})

describeEngines('introspection of hand-written DDL', (engine) => {
  it('reads back every modelled property', async () => {
    await resetDatabase(engine())
    await engine().exec(DDL)
    const actual = await read(engine())
    expect(diffSchemas(actual, expected).changes).toEqual([])
    const users = actual.tables.find((t) => t.name === 'users')
    expect(users?.columns.find((c) => c.name === 'id')).toEqual({
      name: 'id',
      type: { kind: 'integer' },
      nullable: false,
      identity: { generation: 'always', start: 10, increment: 5 },
    })
    expect(users?.columns.find((c) => c.name === 'level')?.type).toEqual({
      kind: 'enum',
      name: 'level',
      schema: 'audit',
    })
    expect(users?.indexes.find((x) => x.name === 'users_team_id_idx')).toEqual({
      name: 'users_team_id_idx',
      parts: [{ column: 'team_id' }],
    })
  })

  it('reads another namespace, leaving its own objects unqualified', async () => {
    await resetDatabase(engine())
    await engine().exec(`${DDL}
      CREATE TABLE audit.events (id integer PRIMARY KEY, user_id integer REFERENCES public.users (id), level audit.level NOT NULL);`)
    const audit = await read(engine(), 'audit')
    expect(audit).toEqual(
      schema({
        enums: [{ name: 'level', values: ['low', 'high'] }],
        tables: [
          {
            name: 'events',
            columns: [
              { name: 'id', type: 'integer', nullable: false },
              { name: 'user_id', type: 'integer' },
              { name: 'level', type: 'level', nullable: false },
            ],
            constraints: [
              { type: 'primary_key', name: 'events_pkey', columns: ['id'] },
              {
                type: 'foreign_key',
                name: 'events_user_id_fkey',
                columns: ['user_id'],
                referencedTable: 'users',
                referencedSchema: 'public',
                referencedColumns: ['id'],
              },
            ],
          },
        ],
      }),
    )
  })

  it('refuses a namespace that does not exist, naming the ones there are (an empty one reads as empty)', async () => {
    await resetDatabase(engine())
    await engine().exec('CREATE SCHEMA billing')
    const error = await read(engine(), 'nope').catch((e: unknown) => e)
    expect(error).toBeInstanceOf(InvalidOptionError)
    expect(error).toMatchObject({
      option: 'schema',
      message: expect.stringMatching(/^schema: the database has no namespace "nope" \(it has "billing", .*"public"\)$/),
    })
    expect((await read(engine(), 'billing')).tables).toEqual([])
  })
})
