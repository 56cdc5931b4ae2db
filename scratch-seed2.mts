import { readFileSync } from 'node:fs'
import { PGlite } from '@electric-sql/pglite'
import { diffSchemas, parseSchema } from './src/index.js'
import { planMigration } from './src/sql/plan-migration.js'
import { createSchemaSQL } from './src/sql/create-schema-sql.js'
import { introspect } from './src/introspect/index.js'
const load = (n: string) => parseSchema(JSON.parse(readFileSync(`test/fixtures/${n}`, 'utf8')))
const v1 = load('seed-v1.json'), v2 = load('seed-v2.json')
const db = new PGlite()
const q = async (sql: string, p?: readonly unknown[]) => (await db.query(sql, p ? [...p] : undefined)).rows as any
const m = planMigration(diffSchemas(v1, v2), { dialect: 'postgres', from: v1, to: v2 })
for (const s of createSchemaSQL(v1, 'postgres')) await db.exec(s.sql)
let got = await introspect(q, { dialect: 'postgres' })
console.log('v1 diff', diffSchemas(got, v1).changes.map(c => c.path + ' ' + JSON.stringify((c as any).changes)))
for (const s of m.up) await db.exec(s.sql)
got = await introspect(q, { dialect: 'postgres' })
console.log('v2 diff', diffSchemas(got, v2).changes.map(c => c.path+ ' ' + JSON.stringify((c as any).changes)))
for (const s of m.down) await db.exec(s.sql)
got = await introspect(q, { dialect: 'postgres' })
console.log('down diff', diffSchemas(got, v1).changes.map(c => c.path+ ' ' + JSON.stringify((c as any).changes)))
console.log(JSON.stringify(got.tables[0], null, 1).slice(0, 1500))
