import { PGlite } from '@electric-sql/pglite'
import { defineSchema, diffSchemas } from './src/index.js'
import { planMigration } from './src/sql/plan-migration.js'
import { createSchemaSQL } from './src/sql/create-schema-sql.js'
import { introspect } from './src/introspect/index.js'
const mod = await import(process.argv[2])
const cases = mod[process.argv[3]]
const db = new PGlite()
const q = async (sql: string, p?: readonly unknown[]) => (await db.query(sql, p ? [...p] : undefined)).rows as any
const rest = async (s: any) => diffSchemas(await introspect(q, { dialect: 'postgres' }), s).changes.map((c: any) => c.kind + ' ' + c.path + ' ' + JSON.stringify(c.changes ?? ''))
const runAll = async (stmts: any[]) => { let open=false; for (const s of stmts) { if (s.transactional && !open) { await db.exec('BEGIN'); open=true } if (!s.transactional && open) { await db.exec('COMMIT'); open=false } await db.exec(s.sql) } if (open) await db.exec('COMMIT') }
for (const c of cases) {
  const from = defineSchema(c.from), to = defineSchema(c.to)
  const m = planMigration(diffSchemas(from, to, c.diff), { dialect: 'postgres', from, to, ...(c.options ?? {}) })
  const up = m.up.map((s: any) => s.sql), down = m.down.map((s: any) => s.sql)
  const same = JSON.stringify(up) === JSON.stringify(c.up) && JSON.stringify(down) === JSON.stringify(c.down)
  console.log(`== ${c.title} ${same ? 'OK' : 'DIFFERS'}`)
  if (!same) { console.log('up:', JSON.stringify(up, null, 1)); console.log('down:', JSON.stringify(down, null, 1)) }
  try {
    await db.exec('DROP SCHEMA public CASCADE; CREATE SCHEMA public; DROP SCHEMA IF EXISTS billing CASCADE; CREATE SCHEMA billing')
    for (const s of createSchemaSQL(from, 'postgres')) await db.exec(s.sql)
    let r = await rest(from); if (r.length) console.log('  create:', r)
    await runAll(m.up); r = await rest(to); if (r.length) console.log('  up:', r)
    await runAll(m.down); r = await rest(from); if (r.length) console.log('  down:', r)
  } catch (e) { console.log('  ERROR', (e as Error).message); try { await db.exec('ROLLBACK') } catch {} }
}
