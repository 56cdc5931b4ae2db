import { readFileSync } from 'node:fs'
import { diffSchemas, parseSchema } from './src/index.js'
import { planMigration } from './src/sql/plan-migration.js'
import { toSQL } from './src/sql/to-sql.js'
import { createSchemaSQL } from './src/sql/create-schema-sql.js'
const load = (n: string) => parseSchema(JSON.parse(readFileSync(`test/fixtures/${n}`, 'utf8')))
const v1 = load('seed-v1.json'), v2 = load('seed-v2.json')
const m = planMigration(diffSchemas(v1, v2), { dialect: 'postgres', from: v1, to: v2 })
console.log(createSchemaSQL(v1, 'postgres').map(s=>s.sql).join(';\n'))
console.log(toSQL(m)); console.log(toSQL(m, { direction: 'down' }))
