import { PGlite } from '@electric-sql/pglite'
import { COLUMNS_SQL } from './src/introspect/dialects/postgres-catalog.js'
const db = new PGlite()
await db.exec('create table t (id serial primary key, a text unique, b int); create index on t(b); create table u (id int primary key, t int references t(id))')
const variants: Record<string,string> = {
  orig: COLUMNS_SQL,
  noseq: COLUMNS_SQL.replace(/LEFT JOIN LATERAL \([\s\S]*?\) seq ON true/, 'LEFT JOIN (select null::text as seq_name, null::text as deptype, 1 as seqstart, 1 as seqincrement) seq ON true'),
  nodesc: COLUMNS_SQL.replace('col_description(c.oid, a.attnum)', 'null'),
  noformat: COLUMNS_SQL.replace('format_type(a.atttypid, a.atttypmod)', "''"),
  simple: `SELECT a.attname FROM pg_catalog.pg_attribute a JOIN pg_catalog.pg_class c ON c.oid = a.attrelid JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = $1 AND c.relkind IN ('r','p') AND a.attnum > 0`,
  simple_oid: `SELECT a.attname FROM pg_catalog.pg_attribute a WHERE a.attrelid IN (SELECT c.oid FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = $1 AND c.relkind IN ('r','p')) AND a.attnum > 0`,
}
for (const [qn, sql] of Object.entries(variants)) {
  for (let i = 0; i < 3; i++) await db.query(sql, ['public'])
  const t0 = performance.now()
  for (let i = 0; i < 10; i++) await db.query(sql, ['public'])
  console.log(qn, ((performance.now() - t0) / 10).toFixed(1))
}
console.log((await db.query('explain analyze ' + variants.simple, ['public'])).rows.map((r: any) => r['QUERY PLAN']).join('\n'))
