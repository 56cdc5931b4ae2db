import { expect, it } from 'vitest'
import { dollarTag } from '../../../src/dialects/postgres/objects/routines.js'
import { parseSchema } from '../../../src/index.js'
import { createSchemaSQL } from '../../../src/sql/create-schema-sql.js'

// What a routine, trigger or sequence document writes into SQL verbatim, and what it refuses,
// naming the document path.

const routine = (over: Record<string, unknown>) =>
  parseSchema({
    format: 'schemaledger/1',
    tables: [],
    functions: [{ name: 'f', arguments: '', returns: 'integer', body: 'SELECT 1', ...over }],
  })
const sql = (s: ReturnType<typeof routine>) => createSchemaSQL(s, 'postgres').map((x) => x.sql)

it('quotes a body with a dollar tag it does not contain, whatever the body holds', () => {
  expect(dollarTag('SELECT 1')).toBe('$function$')
  expect(dollarTag('SELECT $function$x$function$')).toBe('$function1$')
  // A body ending in part of the tag would close early with the plain tag.
  expect(dollarTag('SELECT 1 -- $function')).toBe('$function1$')
  expect(sql(routine({ body: "SELECT 1 $function$; DROP TABLE users; $function$'" }))).toEqual([
    `CREATE FUNCTION "f"() RETURNS integer LANGUAGE sql AS $function1$SELECT 1 $function$; DROP TABLE users; $function$'$function1$`,
  ])
})

it('writes settings as literals and refuses a setting name, language or return type that says more', () => {
  expect(sql(routine({ config: ['search_path="my schema", public', "app.mode=it's"] }))).toEqual([
    `CREATE FUNCTION "f"() RETURNS integer LANGUAGE sql SET app.mode TO 'it''s' SET search_path TO 'my schema', 'public' AS $function$SELECT 1$function$`,
  ])
  expect(() => sql(routine({ config: ['work_mem TO 1; x=1'] }))).toThrow(/functions\[0\]\.config\[0\]/)
  expect(() => sql(routine({ config: ['search path=x'] }))).toThrow(/functions\[0\]\.config\[0\].*plain setting name/)
  expect(() => sql(routine({ language: 'sql SECURITY DEFINER' }))).toThrow(
    /functions\[0\]\.language.*plain language name/,
  )
  expect(() => sql(routine({ returns: 'integer SECURITY DEFINER' }))).toThrow(/functions\[0\]\.returns.*SECURITY/)
  expect(() => sql(routine({ returns: 'integer; DROP TABLE users' }))).toThrow(/functions\[0\]\.returns/)
  expect(() => sql(routine({ arguments: 'a integer) RETURNS integer AS $$ x $$ --' }))).toThrow(
    /functions\[0\]\.arguments/,
  )
  expect(sql(routine({ returns: 'TABLE(id integer, "set" text)' }))[0]).toContain(
    'RETURNS TABLE(id integer, "set" text)',
  )
})

it('refuses a trigger WHEN that is not one expression, and quotes its function and arguments', () => {
  const trigger = (over: Record<string, unknown>) =>
    parseSchema({
      format: 'schemaledger/1',
      tables: [{ name: 't', columns: [{ name: 'id', type: 'integer', nullable: false }] }],
      triggers: [{ name: 'tr', table: 't', timing: 'after', events: ['insert'], function: 'audit.log', ...over }],
    })
  expect(createSchemaSQL(trigger({ arguments: ["a'b"] }), 'postgres').at(-1)?.sql).toBe(
    `CREATE TRIGGER "tr" AFTER INSERT ON "t" FOR EACH ROW EXECUTE FUNCTION "audit"."log"('a''b')`,
  )
  expect(() => createSchemaSQL(trigger({ when: 'true) EXECUTE FUNCTION evil(' }), 'postgres')).toThrow(
    /triggers\[0\]\.when/,
  )
})
