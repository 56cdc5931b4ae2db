import { PGlite } from '@electric-sql/pglite'
import { COLUMNS_SQL, constraintsSQL, ENUMS_SQL, indexesSQL, TABLES_SQL, VERSION_SQL } from './src/introspect/dialects/postgres-catalog.js'
const db = new PGlite()
await db.exec('create table t (id serial primary key, a text unique, b int); create index on t(b); create table u (id int primary key, t int references t(id))')
const alt = COLUMNS_SQL.replace(/LEFT JOIN LATERAL \([\s\S]*?\) seq ON true/, `LEFT JOIN (
  SELECT dep.refobjid, dep.refobjsubid, dep.objid::regclass::text AS seq_name, dep.deptype, s.seqstart, s.seqincrement
  FROM pg_catalog.pg_depend dep JOIN pg_catalog.pg_sequence s ON s.seqrelid = dep.objid
  WHERE dep.classid = 'pg_catalog.pg_class'::regclass AND dep.refclassid = 'pg_catalog.pg_class'::regclass AND dep.deptype IN ('a', 'i')
) seq ON seq.refobjid = c.oid AND seq.refobjsubid = a.attnum`)
for (const [qn, sql] of Object.entries({ VERSION_SQL, TABLES_SQL, COLUMNS_SQL, alt, c: constraintsSQL(150000), i: indexesSQL(150000), ENUMS_SQL })) {
  for (let i = 0; i < 3; i++) await db.query(sql, sql.includes('$1') ? ['public'] : undefined)
  const t0 = performance.now()
  for (let i = 0; i < 10; i++) await db.query(sql, sql.includes('$1') ? ['public'] : undefined)
  console.log(qn, ((performance.now() - t0) / 10).toFixed(1))
}
for (const stmt of ['DROP SCHEMA public CASCADE', 'CREATE SCHEMA public', 'RESET ALL', `SELECT nspname FROM pg_namespace WHERE nspname NOT IN ('public', 'information_schema') AND nspname NOT LIKE 'pg\\_%'`, 'create table t (id serial primary key, a text unique, b int)']) {
  const t0 = performance.now()
  for (let i = 0; i < 10; i++) { await db.exec(stmt); if (stmt.startsWith('DROP')) await db.exec('CREATE SCHEMA public'); if (stmt.startsWith('create')) await db.exec('drop table t') }
  console.log(stmt.slice(0, 30), ((performance.now() - t0) / 10).toFixed(1))
}
