import { describe, expect, it } from 'vitest'
import { diffSchemas, parseSchema, type Schema } from '../../../src/index.js'
import { introspect } from '../../../src/introspect/index.js'
import { toCanonicalDocument } from '../../../src/model/serialize-schema.js'
import { createSchemaSQL } from '../../../src/sql/create-schema-sql.js'
import { planMigration } from '../../../src/sql/plan-migration.js'
import { ENGINES, type Engine, engineTitle, pgliteWithContrib, run } from '../../engines/engines.js'
import { catalogDifference, catalogLines } from '../../support/postgres-catalog.js'
import { load, wipe } from '../../support/postgres-scripts.js'
import { runMigration } from '../postgres/harness.js'

// Issue 18's check: a whole PostgreSQL database, every kind of object in at least two namespaces
// with references across them, written by hand. Read whole, written back to a canonical document and
// created from it on an empty database, it has the same catalog (PostgreSQL's own, see
// test/support/postgres-catalog.ts). Then, for each kind, one change: planned from the database as
// read to the database built directly with the changed SQL, applied to a copy, the copy has that
// database's catalog and plans nothing more.

const DATABASE = `
CREATE SCHEMA app;
COMMENT ON SCHEMA app IS 'the application';
CREATE SCHEMA reporting;
CREATE EXTENSION btree_gist;
CREATE EXTENSION pg_trgm SCHEMA app;

CREATE TYPE status AS ENUM ('new', 'done');
CREATE TYPE app.priority AS ENUM ('low', 'high');
COMMENT ON TYPE app.priority IS 'how urgent';

CREATE FUNCTION app.is_email(s text) RETURNS boolean LANGUAGE sql IMMUTABLE AS $$ SELECT s LIKE '%@%' $$;
CREATE DOMAIN reporting.email AS text CHECK (app.is_email(VALUE));
CREATE DOMAIN app.posint AS integer NOT NULL CHECK (VALUE > 0);
COMMENT ON DOMAIN app.posint IS 'a count';

CREATE TYPE app.address AS (street text, zip varchar(10));
CREATE TYPE reporting.pair AS (a app.posint, p app.priority);

CREATE TABLE app.customers (
  id integer PRIMARY KEY,
  email reporting.email NOT NULL,
  home app.address,
  state status NOT NULL DEFAULT 'new'
);
COMMENT ON TABLE app.customers IS 'who buys';
COMMENT ON COLUMN app.customers.email IS 'where to write';

CREATE SEQUENCE reporting.order_numbers AS integer START WITH 100 INCREMENT BY 5;
CREATE TABLE reporting.orders (
  id integer PRIMARY KEY,
  customer_id integer NOT NULL REFERENCES app.customers (id),
  number integer NOT NULL DEFAULT nextval('reporting.order_numbers'),
  priority app.priority NOT NULL DEFAULT 'low',
  total numeric(10, 2) NOT NULL CHECK (total >= 0)
);
ALTER SEQUENCE reporting.order_numbers OWNED BY reporting.orders.number;
CREATE SEQUENCE app.batch_ids;

CREATE TABLE app.events (id integer NOT NULL, at date NOT NULL, kind text) PARTITION BY RANGE (at);
CREATE TABLE reporting.events_2024 PARTITION OF app.events FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
CREATE TABLE app.events_2025 PARTITION OF app.events FOR VALUES FROM ('2025-01-01') TO ('2026-01-01');

CREATE TABLE app.notes (id integer PRIMARY KEY, body text);
CREATE TABLE reporting.order_notes (order_id integer) INHERITS (app.notes);

CREATE TABLE bookings (
  room integer NOT NULL,
  during tstzrange NOT NULL,
  CONSTRAINT no_overlap EXCLUDE USING gist (room WITH =, during WITH &&)
);

CREATE TABLE app.documents (id integer PRIMARY KEY, owner text NOT NULL, body text);
ALTER TABLE app.documents ENABLE ROW LEVEL SECURITY;
CREATE POLICY own_rows ON app.documents USING (owner = current_user);
CREATE TABLE reporting.drafts (id integer PRIMARY KEY, owner text NOT NULL);
ALTER TABLE reporting.drafts ENABLE ROW LEVEL SECURITY;
ALTER TABLE reporting.drafts FORCE ROW LEVEL SECURITY;
CREATE POLICY writers ON reporting.drafts FOR INSERT WITH CHECK (owner = current_user);

CREATE FUNCTION reporting.order_count(c integer) RETURNS bigint LANGUAGE sql STABLE
  AS $$ SELECT count(*) FROM reporting.orders WHERE customer_id = c $$;
COMMENT ON FUNCTION reporting.order_count(integer) IS 'orders of a customer';
CREATE FUNCTION reporting.customer_total(c integer) RETURNS numeric LANGUAGE sql STABLE
BEGIN ATOMIC
  SELECT coalesce(sum(total), 0) FROM reporting.orders WHERE customer_id = c;
END;
CREATE PROCEDURE app.reset_numbers() LANGUAGE plpgsql AS $$ BEGIN PERFORM setval('reporting.order_numbers', 100); END $$;

CREATE VIEW reporting.customer_totals AS
  SELECT c.id, c.email, sum(o.total) AS total FROM app.customers c JOIN reporting.orders o ON o.customer_id = c.id GROUP BY c.id, c.email;
CREATE VIEW app.big_customers AS SELECT id, total FROM reporting.customer_totals WHERE total > 1000;
COMMENT ON VIEW app.big_customers IS 'the ones that matter';
CREATE MATERIALIZED VIEW totals_by_size AS SELECT count(*) AS n FROM app.big_customers;

CREATE FUNCTION app.touch() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN NEW.total := NEW.total; RETURN NEW; END $$;
CREATE TRIGGER orders_touch BEFORE INSERT OR UPDATE ON reporting.orders FOR EACH ROW EXECUTE FUNCTION app.touch();
CREATE FUNCTION reporting.note_changed() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NULL; END $$;
CREATE TRIGGER notes_changed AFTER UPDATE ON app.notes FOR EACH ROW WHEN (OLD.body IS DISTINCT FROM NEW.body)
  EXECUTE FUNCTION reporting.note_changed();

CREATE TABLE app.tickets (
  id integer GENERATED BY DEFAULT AS IDENTITY (START WITH 10 INCREMENT BY 2 CACHE 5) PRIMARY KEY,
  customer_id integer,
  code text,
  seats integer,
  CONSTRAINT tickets_customer FOREIGN KEY (customer_id) REFERENCES app.customers (id) DEFERRABLE INITIALLY DEFERRED,
  CONSTRAINT seats_positive CHECK (seats > 0) NO INHERIT
) WITH (fillfactor = 70);
ALTER TABLE app.tickets ADD CONSTRAINT seats_small CHECK (seats < 100) NOT VALID;
CREATE INDEX tickets_code ON app.tickets (code text_pattern_ops) WITH (fillfactor = 80);
CREATE TRIGGER tickets_seats AFTER UPDATE OF seats ON app.tickets FOR EACH ROW EXECUTE FUNCTION reporting.note_changed();
ALTER TABLE app.tickets DISABLE TRIGGER tickets_seats;
CREATE UNLOGGED TABLE reporting.scratch (id integer, payload text);
CREATE TABLE app.logs (id integer NOT NULL, at date NOT NULL) PARTITION BY RANGE (at);
CREATE TABLE app.logs_default PARTITION OF app.logs DEFAULT;
CREATE TYPE app.floatrange AS RANGE (subtype = float8);
CREATE UNIQUE INDEX totals_by_size_n ON totals_by_size (n);
CREATE VIEW app.own_documents WITH (security_barrier) AS SELECT id, owner FROM app.documents WHERE owner = current_user;
CREATE VIEW app.big_orders AS SELECT id, total FROM reporting.orders WHERE total > 100 WITH CASCADED CHECK OPTION;
CREATE FUNCTION app.customer_count() RETURNS bigint LANGUAGE sql STABLE SECURITY DEFINER SET search_path = app, pg_temp
  AS $$ SELECT count(*) FROM app.customers $$;
`

/** One change per kind: SQL run after {@link DATABASE} to build the database the plan must reach. */
const CHANGES: Readonly<Record<string, string>> = {
  namespace: `CREATE SCHEMA archive; COMMENT ON SCHEMA reporting IS 'read-only numbers'`,
  extension: `CREATE EXTENSION citext SCHEMA reporting`,
  enum: `ALTER TYPE app.priority ADD VALUE 'urgent' AFTER 'high'`,
  domain: `ALTER DOMAIN app.posint ADD CONSTRAINT below_million CHECK (VALUE < 1000000)`,
  'composite type': `ALTER TYPE app.address ADD ATTRIBUTE city text`,
  sequence: `ALTER SEQUENCE app.batch_ids INCREMENT BY 10`,
  function: `CREATE OR REPLACE FUNCTION app.is_email(s text) RETURNS boolean LANGUAGE sql IMMUTABLE AS $$ SELECT s LIKE '%_@_%' $$`,
  'atomic function': `CREATE OR REPLACE FUNCTION reporting.customer_total(c integer) RETURNS numeric LANGUAGE sql STABLE
    BEGIN ATOMIC SELECT coalesce(sum(total), 0) FROM reporting.orders WHERE customer_id = c AND total > 0; END`,
  procedure: `CREATE OR REPLACE PROCEDURE app.reset_numbers() LANGUAGE plpgsql AS $$ BEGIN PERFORM setval('reporting.order_numbers', 200); END $$`,
  table: `ALTER TABLE app.customers ADD COLUMN since date; CREATE INDEX customers_since ON app.customers (since)`,
  partition: `CREATE TABLE reporting.events_2026 PARTITION OF app.events FOR VALUES FROM ('2026-01-01') TO ('2027-01-01')`,
  inheritance: `CREATE TABLE app.customer_notes (customer_id integer) INHERITS (app.notes)`,
  'exclusion constraint': `ALTER TABLE bookings DROP CONSTRAINT no_overlap; ALTER TABLE bookings ADD CONSTRAINT no_overlap EXCLUDE USING gist (during WITH &&)`,
  policy: `ALTER POLICY own_rows ON app.documents USING (owner = current_user OR owner = 'admin')`,
  'row level security': `ALTER TABLE app.documents FORCE ROW LEVEL SECURITY`,
  view: `CREATE OR REPLACE VIEW reporting.customer_totals AS
    SELECT c.id, c.email, sum(o.total) AS total, count(*) AS orders FROM app.customers c JOIN reporting.orders o ON o.customer_id = c.id GROUP BY c.id, c.email`,
  'materialized view': `DROP MATERIALIZED VIEW totals_by_size; CREATE MATERIALIZED VIEW totals_by_size AS SELECT count(*) AS n, sum(total) AS total FROM app.big_customers`,
  trigger: `DROP TRIGGER notes_changed ON app.notes; CREATE TRIGGER notes_changed AFTER UPDATE OR DELETE ON app.notes FOR EACH ROW EXECUTE FUNCTION reporting.note_changed()`,
  comment: `COMMENT ON VIEW app.big_customers IS 'the ones that matter most'; COMMENT ON TABLE reporting.orders IS 'what was bought'`,
  identity: `ALTER TABLE app.tickets ALTER COLUMN id SET INCREMENT BY 3`,
  'storage parameter': `ALTER TABLE app.tickets SET (fillfactor = 60)`,
  'index storage parameter': `ALTER INDEX app.tickets_code SET (fillfactor = 90)`,
  'constraint validated': `ALTER TABLE app.tickets VALIDATE CONSTRAINT seats_small`,
  'constraint deferrable': `ALTER TABLE app.tickets ALTER CONSTRAINT tickets_customer NOT DEFERRABLE`,
  'trigger enabled': `ALTER TABLE app.tickets ENABLE TRIGGER tickets_seats`,
  unlogged: `ALTER TABLE reporting.scratch SET LOGGED`,
  'default partition detached': `ALTER TABLE app.logs DETACH PARTITION app.logs_default`,
  'range type': `CREATE TYPE reporting.intspan AS RANGE (subtype = int4)`,
  'materialized view index': `DROP INDEX totals_by_size_n; CREATE INDEX totals_by_size_n ON totals_by_size (n DESC)`,
  'view option': `ALTER VIEW app.own_documents RESET (security_barrier)`,
  'security definer': `ALTER FUNCTION app.customer_count() SECURITY INVOKER RESET search_path`,
}

/** Changes that take something away: SQL run after {@link DATABASE} to build the database the plan starts from. */
const REMOVALS: Readonly<Record<string, string>> = {
  'dropped namespace': `CREATE SCHEMA old_stuff; CREATE TYPE old_stuff.k AS ENUM ('a');
    CREATE TABLE old_stuff.t (id integer, k old_stuff.k); CREATE VIEW old_stuff.v AS SELECT id FROM old_stuff.t`,
}

const readWhole = (e: Engine): Promise<Schema> =>
  introspect((sql, params) => e.query(sql, params), { dialect: 'postgres' })

const factories = ENGINES.filter((e) => e.dialect === 'postgres').map((e) =>
  e.name === 'pglite' ? pgliteWithContrib : e,
)

for (const factory of factories) {
  describe.skipIf(factory.skipReason !== undefined)(engineTitle(factory, 'a whole database'), () => {
    it('reads back, is created again from its document with the same catalog, and each kind changes in place', async () => {
      const [first, second] = await Promise.all([factory.open(), factory.open()])
      try {
        await wipe(first)
        await load(first, DATABASE)
        const written = await catalogLines(first)
        const read = await readWhole(first)
        expect(read.namespaces?.map((n) => n.name)).toEqual(['app', 'reporting'])
        // Through the canonical document, as a file would carry it.
        const document = parseSchema(JSON.parse(JSON.stringify(toCanonicalDocument(read))))
        expect(diffSchemas(read, document).changes).toEqual([])

        await wipe(second)
        await run(second, createSchemaSQL(document, 'postgres'))
        expect(catalogDifference(await catalogLines(second), written, 40)).toEqual([])
        expect(diffSchemas(await readWhole(second), read).changes).toEqual([])

        const failures: string[] = []
        const cases = [
          ...Object.entries(CHANGES).map(([kind, change]) => [kind, DATABASE, `${DATABASE};\n${change}`] as const),
          ...Object.entries(REMOVALS).map(([kind, change]) => [kind, `${DATABASE};\n${change}`, DATABASE] as const),
        ]
        for (const [kind, before, after] of cases) {
          const problem = await changeOne(first, second, before, after)
          if (problem !== undefined) failures.push(`${kind}: ${problem}`)
        }
        expect(failures).toEqual([])
      } finally {
        await Promise.all([first.close(), second.close()])
      }
    }, 600_000)
  })
}

/**
 * Builds `before` on `first` and `after` on `second`, plans first -> second from what introspection
 * reads, applies it to `first`, and says what differs (undefined when nothing does).
 */
async function changeOne(first: Engine, second: Engine, before: string, after: string): Promise<string | undefined> {
  await wipe(first)
  await wipe(second)
  await load(first, before)
  await load(second, after)
  const a = await readWhole(first)
  const b = await readWhole(second)
  const migration = planMigration(diffSchemas(a, b), { dialect: 'postgres', from: a, to: b })
  if (migration.up.length === 0) return 'nothing planned'
  try {
    await runMigration(first, migration.up)
  } catch (error) {
    return `apply: ${(error as Error).message}`
  }
  const differ = catalogDifference(await catalogLines(first), await catalogLines(second))
  if (differ.length > 0) return `catalogs differ: ${differ.join(' | ')}`
  const left = diffSchemas(await readWhole(first), b).changes
  return left.length > 0 ? `re-plan not empty: ${left.map((c) => c.path).join(', ')}` : undefined
}
