import type { Engine } from '../../engines/engines.js'

// Hand-written PostgreSQL for the routine, trigger and sequence tests, and the catalog's own print of
// what a database holds of them (pg_get_functiondef, pg_get_triggerdef, pg_sequences), which tests
// compare between databases.

/** Functions, a procedure, triggers and sequences, as a person would write them. */
export const HAND_WRITTEN = `
CREATE SEQUENCE invoice_numbers AS integer INCREMENT BY 5 MINVALUE 100 MAXVALUE 100000 START WITH 1000 CACHE 10 CYCLE;
COMMENT ON SEQUENCE invoice_numbers IS 'numbers of invoices';
CREATE FUNCTION next_code(prefix text DEFAULT 'A') RETURNS text LANGUAGE sql VOLATILE
  AS $$ SELECT prefix || '-' || nextval('invoice_numbers') $$;
CREATE TABLE orders (
  id integer PRIMARY KEY,
  code text NOT NULL DEFAULT next_code(),
  total numeric NOT NULL,
  updated_at timestamptz
);
CREATE SEQUENCE orders_legacy_seq OWNED BY orders.id;
CREATE FUNCTION add_tax(amount numeric, rate numeric DEFAULT 0.2) RETURNS numeric
  LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS 'SELECT amount * (1 + rate)';
COMMENT ON FUNCTION add_tax(numeric, numeric) IS 'gross from net';
CREATE FUNCTION order_count() RETURNS bigint LANGUAGE sql STABLE AS 'SELECT count(*) FROM orders';
CREATE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp
  SET work_mem = '64MB'
  AS $body$ BEGIN NEW.updated_at := now(); RETURN NEW; END $body$;
CREATE PROCEDURE archive(IN days integer) LANGUAGE plpgsql AS $$ BEGIN DELETE FROM orders WHERE id < days; END $$;
CREATE TRIGGER orders_touch BEFORE UPDATE OF total, code ON orders FOR EACH ROW
  WHEN (OLD.total IS DISTINCT FROM NEW.total AND add_tax(NEW.total) > 0) EXECUTE FUNCTION touch('x', 'it''s');
COMMENT ON TRIGGER orders_touch ON orders IS 'keeps updated_at';
CREATE TRIGGER orders_audit AFTER INSERT OR DELETE ON orders FOR EACH STATEMENT EXECUTE FUNCTION touch();
ALTER TABLE orders DISABLE TRIGGER orders_audit;
`

/** What the catalog prints of every routine, trigger and sequence of `public`, sorted. */
export async function catalog(e: Engine): Promise<string[]> {
  const functions = await e.query(
    `SELECT pg_get_functiondef(p.oid) || coalesce(' -- ' || obj_description(p.oid, 'pg_proc'), '') AS d
       FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace WHERE n.nspname = 'public'`,
  )
  const triggers = await e.query(
    `SELECT pg_get_triggerdef(t.oid) || ' ' || t.tgenabled::text || coalesce(' -- ' || obj_description(t.oid, 'pg_trigger'), '') AS d
       FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = 'public' AND NOT t.tgisinternal`,
  )
  const sequences = await e.query(
    `SELECT s.sequencename || ' ' || s.data_type || ' ' || s.start_value || ' ' || s.min_value || ' ' || s.max_value
            || ' ' || s.increment_by || ' ' || s.cycle || ' ' || s.cache_size
            || coalesce(' owned by ' || (SELECT d.refobjid::regclass || '.' || d.refobjsubid FROM pg_depend d
                 WHERE d.objid = (quote_ident(s.sequencename))::regclass AND d.deptype IN ('a', 'i') LIMIT 1), '')
            || coalesce(' -- ' || obj_description((quote_ident(s.sequencename))::regclass, 'pg_class'), '') AS d
       FROM pg_sequences s WHERE s.schemaname = 'public'`,
  )
  const defaults = await e.query(
    `SELECT c.relname || '.' || a.attname || ' = ' || pg_get_expr(d.adbin, d.adrelid) AS d
       FROM pg_attrdef d JOIN pg_class c ON c.oid = d.adrelid JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum = d.adnum
       JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'public'`,
  )
  return [...functions, ...triggers, ...sequences, ...defaults].map((r) => String(r.d)).sort()
}
