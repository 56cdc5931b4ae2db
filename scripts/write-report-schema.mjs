// Writes report-schema.json (the JSON Schema of formatJson's report, for tools that read it) from the
// built package.
import { writeFileSync } from 'node:fs'
import { reportJsonSchema } from '../dist/format/index.js'

writeFileSync(new URL('../report-schema.json', import.meta.url), `${JSON.stringify(reportJsonSchema(), null, 2)}\n`)
