import { PGlite } from '@electric-sql/pglite'
import { COLUMNS_SQL } from './src/introspect/dialects/postgres-catalog.js'
const db = new PGlite()
await db.exec('create table t (id serial primary key, a text unique, b int); create index on t(b); create table u (id int primary key, t int references t(id))')
for (let k = 0; k < 3; k++) await db.query(COLUMNS_SQL, ['public'])
const r = (await db.query('explain (analyze, summary) ' + COLUMNS_SQL, ['public'])).rows.map((r: any) => r['QUERY PLAN'])
console.log(r.join('\n'))
