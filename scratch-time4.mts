import { PGlite } from '@electric-sql/pglite'
import { COLUMNS_SQL } from './src/introspect/dialects/postgres-catalog.js'
const db = new PGlite()
await db.exec('create table t (id serial primary key, a text unique, b int); create index on t(b); create table u (id int primary key, t int references t(id))')
for (let k = 0; k < 3; k++) {
const r = (await db.query('explain (analyze, summary) ' + COLUMNS_SQL, ['public'])).rows.map((r: any) => r['QUERY PLAN'])
console.log(r.filter((l: string) => /Time/.test(l)).join(' | '))
}
await db.exec('set join_collapse_limit = 1')
const t0 = performance.now(); for (let i = 0; i < 10; i++) await db.query(COLUMNS_SQL, ['public']); console.log('jcl1', (performance.now()-t0)/10)
