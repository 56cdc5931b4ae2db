import { PGlite } from '@electric-sql/pglite'
import pg from 'pg'
import { COLUMNS_SQL, constraintsSQL, ENUMS_SQL, indexesSQL, TABLES_SQL, VERSION_SQL } from './src/introspect/dialects/postgres-catalog.js'
const db = new PGlite()
await db.exec('create table t (id serial primary key, a text unique, b int); create index on t(b)')
const client = new pg.Client('postgres://postgres@127.0.0.1:5432/test'); await client.connect()
await client.query('drop table if exists t; create table t (id serial primary key, a text unique, b int); create index on t(b)')
for (const [name, q] of [['pglite', (s: string, p?: any[]) => db.query(s, p)], ['server', (s: string, p?: any[]) => client.query(s, p)]] as const) {
  for (const [qn, sql] of Object.entries({ VERSION_SQL, TABLES_SQL, COLUMNS_SQL, c: constraintsSQL(150000), i: indexesSQL(150000), ENUMS_SQL })) {
    const t0 = performance.now()
    for (let i = 0; i < 5; i++) await (q as any)(sql, sql.includes('$1') ? ['public'] : undefined)
    console.log(name, qn, ((performance.now() - t0) / 5).toFixed(1))
  }
  const t0 = performance.now()
  for (let i = 0; i < 5; i++) name === 'pglite' ? await db.exec('DROP SCHEMA public CASCADE; CREATE SCHEMA public') : await client.query('DROP SCHEMA public CASCADE; CREATE SCHEMA public')
  console.log(name, 'reset', ((performance.now() - t0) / 5).toFixed(1))
}
await client.query('drop table if exists t'); await client.end()
