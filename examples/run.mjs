// The main job on the bundled examples: validate every document in examples/, print a summary, the
// canonical form of one version, and the report (changes, findings, SQL) between the two blog versions.
// Run with `npm run example` (it builds first).
import { readdirSync, readFileSync } from 'node:fs'
import { formatText } from '../dist/format/index.js'
import { analyzeImpact } from '../dist/impact/index.js'
import { diffSchemas, safeParseSchema, serializeSchema } from '../dist/index.js'
import { planMigration } from '../dist/sql/index.js'

const dir = new URL('./', import.meta.url)
const files = readdirSync(dir)
  .filter((f) => f.endsWith('.json'))
  .sort()
const parsed = new Map()

console.log(`== examples/: ${files.length} documents`)
for (const file of files) {
  const result = safeParseSchema(JSON.parse(readFileSync(new URL(file, dir), 'utf8')))
  if (!result.success) {
    console.log(`  ${file.padEnd(16)} INVALID, ${result.issues.length} problem(s):`)
    for (const issue of result.issues) console.log(`      ${issue.path}: ${issue.message} [${issue.code}]`)
    continue
  }
  const s = result.data
  parsed.set(file, s)
  const count = (f) => s.tables.reduce((n, t) => n + f(t), 0)
  console.log(
    `  ${file.padEnd(16)} valid: ${s.tables.length} tables, ${count((t) => t.columns.length)} columns, ` +
      `${count((t) => t.constraints.length)} constraints, ${count((t) => t.indexes.length)} indexes, ${s.enums.length} enums`,
  )
}

const v1 = parsed.get('blog-v1.json')
const v2 = parsed.get('blog-v2.json')
console.log('\n== canonical form of blog-v1.json (what serializeSchema writes)')
process.stdout.write(serializeSchema(v1))

const diff = diffSchemas(v1, v2)
const findings = analyzeImpact(diff, { dialect: 'postgres', from: v1, to: v2 }).findings
const migration = planMigration(diff, { dialect: 'postgres', from: v1, to: v2 })
console.log('\n== report blog-v1.json -> blog-v2.json (PostgreSQL)\n')
process.stdout.write(formatText(diff, { findings, migration, title: 'blog: version 1 -> version 2' }))
