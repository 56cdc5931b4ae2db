import { expect, it } from 'vitest'
import { introspectDatabase } from '../../../src/introspect/index.js'
import { describeEngines, resetDatabase } from './harness.js'

// What PostgreSQL holds that the model has no kind for is returned as data (kind, name, why), never
// dropped silently: event triggers, rules, collations, extended statistics, operators, text search
// configurations, publications and casts. Objects an extension brings (btree_gist's operator classes, types and functions)
// are the extension's and are not listed.

const SQL = `
CREATE TABLE orders (id int PRIMARY KEY, a int, b int);
CREATE TABLE orders_log (id int);
CREATE RULE orders_no_delete AS ON DELETE TO orders DO INSTEAD NOTHING;
CREATE COLLATION german (provider = icu, locale = 'de-DE');
CREATE STATISTICS orders_ab (dependencies) ON a, b FROM orders;
CREATE FUNCTION int_near(int, int) RETURNS boolean LANGUAGE sql IMMUTABLE AS 'SELECT abs($1 - $2) < 2';
CREATE OPERATOR ~~~ (LEFTARG = int, RIGHTARG = int, FUNCTION = int_near);
CREATE TEXT SEARCH CONFIGURATION plain (COPY = simple);
CREATE PUBLICATION orders_pub FOR TABLE orders;
CREATE TYPE money_pair AS (amount numeric, currency text);
CREATE FUNCTION money_pair_text(money_pair) RETURNS text LANGUAGE sql IMMUTABLE AS 'SELECT $1.amount || $1.currency';
CREATE CAST (money_pair AS text) WITH FUNCTION money_pair_text(money_pair);
CREATE FUNCTION ddl_note() RETURNS event_trigger LANGUAGE plpgsql AS $$ BEGIN END $$;
CREATE EVENT TRIGGER ddl_notes ON ddl_command_end EXECUTE FUNCTION ddl_note();
`

describeEngines('introspection lists what the model cannot hold', (engine) => {
  it('returns rules, collations, statistics, operators, text search, publications, casts and event triggers as data', async () => {
    const e = engine()
    await resetDatabase(e)
    await e.exec(SQL)
    try {
      const { schema, unmodelled } = await introspectDatabase((sql, params) => e.query(sql, params), {
        dialect: 'postgres',
      })
      expect(unmodelled.filter((u) => u.kind !== 'function')).toEqual([
        {
          kind: 'event_trigger',
          name: 'ddl_notes',
          why: 'an event trigger (ON ddl_command_end): the model has no event triggers; not read',
        },
        { kind: 'cast', name: 'money_pair AS text', why: 'a cast: the model has no casts; not read' },
        {
          kind: 'publication',
          name: 'orders_pub',
          why: 'a logical replication publication: the model has no publications; not read',
        },
        {
          kind: 'collation',
          name: 'public.german',
          why: 'a collation: the model names collations, it does not create them; not read',
        },
        {
          kind: 'rule',
          name: 'public.orders.orders_no_delete',
          why: 'a rewrite rule: the model has no rules; not read',
        },
        {
          kind: 'statistics',
          name: 'public.orders_ab',
          why: 'extended statistics: the model has no statistics objects; not read',
        },
        {
          kind: 'text_search',
          name: 'public.plain',
          why: 'a text search configuration: the model has none; not read',
        },
        {
          kind: 'operator',
          name: 'public.~~~(integer, integer)',
          why: 'an operator: the model has no operators; not read',
        },
      ])
      // What the model does hold is still read.
      expect(schema.tables.map((t) => t.name)).toEqual(['orders', 'orders_log'])
    } finally {
      await e.exec('DROP EVENT TRIGGER IF EXISTS ddl_notes; DROP PUBLICATION IF EXISTS orders_pub')
    }
  }, 120_000)

  it("leaves out what an extension brings (btree_gist's operator classes, types and functions)", async () => {
    const e = engine()
    await resetDatabase(e)
    await e.exec('CREATE EXTENSION IF NOT EXISTS btree_gist; CREATE TABLE people (email text)')
    try {
      const { unmodelled } = await introspectDatabase((sql, params) => e.query(sql, params), { dialect: 'postgres' })
      expect(unmodelled).toEqual([])
    } finally {
      await e.exec('DROP TABLE people; DROP EXTENSION btree_gist')
    }
  }, 120_000)
})
