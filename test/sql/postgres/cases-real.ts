import type { SchemaDefinition } from '../../../src/index.js'
import { id, type MigrationCase } from './cases.js'

// Migrations taken from real projects' histories whose plans PostgreSQL used to reject (issue 16),
// with the exact SQL; real-migrations.test.ts applies each one and reads the catalog back.

const pk = { type: 'primary_key', columns: ['id'] } as const

/** `accounts` referenced by `posts.account_id`, both key columns of type `type`. */
const accounts = (type: string): SchemaDefinition => ({
  tables: [
    { name: 'accounts', columns: [{ ...id, type }], constraints: [pk] },
    {
      name: 'posts',
      columns: [id, { name: 'account_id', type }],
      constraints: [
        pk,
        { type: 'foreign_key', columns: ['account_id'], referencedTable: 'accounts', referencedColumns: ['id'] },
      ],
    },
  ],
})

/** `tickets` with an enum column used by a partial index and a check. */
const tickets = (values: string[]): SchemaDefinition => ({
  enums: [{ name: 'state', values }],
  tables: [
    {
      name: 'tickets',
      columns: [id, { name: 'state', type: 'state', nullable: false }],
      constraints: [pk, { type: 'check', name: 'tickets_not_closed', expression: "state <> 'closed'" }],
      indexes: [{ name: 'tickets_open_idx', columns: ['id'], where: "state = 'open'" }],
    },
  ],
})

/** `ledger` with two identity columns. */
const ledger = (id: Record<string, number>, countdown: Record<string, number>): SchemaDefinition => ({
  tables: [
    {
      name: 'ledger',
      columns: [
        { name: 'id', type: 'integer', nullable: false, identity: { generation: 'by_default', ...id } },
        { name: 'countdown', type: 'bigint', nullable: false, identity: { generation: 'always', ...countdown } },
      ],
    },
  ],
})

export const REAL_CASES: readonly MigrationCase[] = [
  {
    title: 'a table renamed without a hint: the old table frees the names of its keys and indexes first',
    from: {
      tables: [
        {
          name: 'members',
          columns: [id, { name: 'email', type: 'text' }],
          constraints: [pk, { type: 'unique', columns: ['email'] }],
          indexes: [{ name: 'members_lower_idx', columns: [{ expression: 'lower(email)' }] }],
        },
      ],
    },
    // What introspection reads after `ALTER TABLE members RENAME TO users`: the names stay.
    to: {
      tables: [
        {
          name: 'users',
          columns: [id, { name: 'email', type: 'text' }],
          constraints: [
            { ...pk, name: 'members_pkey' },
            { type: 'unique', name: 'members_email_key', columns: ['email'] },
          ],
          indexes: [{ name: 'members_lower_idx', columns: [{ expression: 'lower(email)' }] }],
        },
      ],
    },
    up: [
      'DROP TABLE "members"',
      'CREATE TABLE "users" (\n  "id" integer NOT NULL,\n  "email" text,\n  CONSTRAINT "members_pkey" PRIMARY KEY ("id"),\n  CONSTRAINT "members_email_key" UNIQUE ("email")\n)',
      'CREATE INDEX "members_lower_idx" ON "users" ((lower(email)))',
    ],
    down: [
      'DROP TABLE "users"',
      'CREATE TABLE "members" (\n  "id" integer NOT NULL,\n  "email" text,\n  CONSTRAINT "members_pkey" PRIMARY KEY ("id"),\n  CONSTRAINT "members_email_key" UNIQUE ("email")\n)',
      'CREATE INDEX "members_lower_idx" ON "members" ((lower(email)))',
    ],
  },
  {
    title: 'both columns of a foreign key change from integer to text: the key is dropped around them',
    from: accounts('integer'),
    to: accounts('text'),
    up: [
      'ALTER TABLE "posts" DROP CONSTRAINT "posts_account_id_fkey"',
      'ALTER TABLE "accounts" ALTER COLUMN "id" TYPE text',
      'ALTER TABLE "posts" ALTER COLUMN "account_id" TYPE text',
      'ALTER TABLE "posts" ADD CONSTRAINT "posts_account_id_fkey" FOREIGN KEY ("account_id") REFERENCES "accounts" ("id")',
    ],
    down: [
      'ALTER TABLE "posts" DROP CONSTRAINT "posts_account_id_fkey"',
      'ALTER TABLE "accounts" ALTER COLUMN "id" TYPE integer USING "id"::integer',
      'ALTER TABLE "posts" ALTER COLUMN "account_id" TYPE integer USING "account_id"::integer',
      'ALTER TABLE "posts" ADD CONSTRAINT "posts_account_id_fkey" FOREIGN KEY ("account_id") REFERENCES "accounts" ("id")',
    ],
  },
  {
    title: 'both columns of a foreign key widen from integer to bigint: PostgreSQL keeps the key itself',
    from: accounts('integer'),
    to: accounts('bigint'),
    up: [
      'ALTER TABLE "accounts" ALTER COLUMN "id" TYPE bigint',
      'ALTER TABLE "posts" ALTER COLUMN "account_id" TYPE bigint',
    ],
    down: [
      'ALTER TABLE "accounts" ALTER COLUMN "id" TYPE integer',
      'ALTER TABLE "posts" ALTER COLUMN "account_id" TYPE integer',
    ],
  },
  {
    title: 'an enum loses a value while a partial index and a check compare its column with labels',
    from: tickets(['open', 'pending', 'closed', 'spam']),
    to: tickets(['open', 'pending', 'closed']),
    up: [
      "CREATE TYPE \"state_new\" AS ENUM ('open', 'pending', 'closed')",
      'ALTER TABLE "tickets" DROP CONSTRAINT "tickets_not_closed"',
      'DROP INDEX "tickets_open_idx"',
      'ALTER TABLE "tickets" ALTER COLUMN "state" TYPE "state_new" USING "state"::text::"state_new"',
      'DROP TYPE "state"',
      'ALTER TYPE "state_new" RENAME TO "state"',
      'ALTER TABLE "tickets" ADD CONSTRAINT "tickets_not_closed" CHECK (state <> \'closed\')',
      'CREATE INDEX "tickets_open_idx" ON "tickets" ("id") WHERE state = \'open\'',
    ],
    down: ["ALTER TYPE \"state\" ADD VALUE 'spam' AFTER 'closed'"],
  },
  {
    title: 'a serial column moves to a standalone sequence, and back',
    from: { tables: [{ name: 'events', columns: [{ ...id, autoincrement: true }] }] },
    // The sequence outlives the column's serial: `to` lists it (introspection reads it), and the plan
    // hands it over rather than create it (and back: the column adopts it rather than it be dropped).
    to: {
      tables: [{ name: 'events', columns: [{ ...id, default: "nextval('events_id_seq'::regclass)" }] }],
      sequences: [{ name: 'events_id_seq', type: 'integer' }],
    },
    up: [
      'ALTER SEQUENCE "events_id_seq" OWNED BY NONE',
      'ALTER TABLE "events" ALTER COLUMN "id" SET DEFAULT nextval(\'events_id_seq\'::regclass)',
    ],
    down: [
      'ALTER TABLE "events" ALTER COLUMN "id" DROP DEFAULT',
      'ALTER SEQUENCE "events_id_seq" OWNED BY "events"."id"',
      'ALTER TABLE "events" ALTER COLUMN "id" SET DEFAULT nextval(\'"events_id_seq"\')',
    ],
  },
  {
    title: 'identity columns starting outside the default range get the bound they need',
    from: { tables: [{ name: 'ledger', columns: [{ name: 'note', type: 'text' }] }] },
    to: {
      tables: [
        {
          name: 'ledger',
          columns: [
            { name: 'note', type: 'text' },
            { ...id, identity: { generation: 'by_default', start: -100 } },
            {
              name: 'countdown',
              type: 'bigint',
              nullable: false,
              identity: { generation: 'always', start: 10, increment: -1 },
            },
          ],
        },
      ],
    },
    up: [
      'ALTER TABLE "ledger" ADD COLUMN "id" integer GENERATED BY DEFAULT AS IDENTITY (START WITH -100 MINVALUE -100) NOT NULL',
      'ALTER TABLE "ledger" ADD COLUMN "countdown" bigint GENERATED ALWAYS AS IDENTITY (START WITH 10 INCREMENT BY -1 MAXVALUE 10) NOT NULL',
    ],
    down: ['ALTER TABLE "ledger" DROP COLUMN "id"', 'ALTER TABLE "ledger" DROP COLUMN "countdown"'],
  },
  {
    title: 'an identity starts below 1, another turns to count down: the bounds follow',
    from: ledger({}, {}),
    to: ledger({ start: -100 }, { increment: -1 }),
    up: [
      'ALTER TABLE "ledger" ALTER COLUMN "id" SET START WITH -100 SET MINVALUE -100',
      'ALTER TABLE "ledger" ALTER COLUMN "countdown" SET START WITH -1 SET INCREMENT BY -1 SET NO MINVALUE SET NO MAXVALUE RESTART',
    ],
    down: [
      // An unused sequence stands at -100, below the new MINVALUE: it restarts at 1.
      'ALTER TABLE "ledger" ALTER COLUMN "id" SET START WITH 1 SET NO MINVALUE RESTART',
      'ALTER TABLE "ledger" ALTER COLUMN "countdown" SET START WITH 1 SET INCREMENT BY 1 SET NO MINVALUE SET NO MAXVALUE RESTART',
    ],
  },
]
