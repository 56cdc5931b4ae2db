import { writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { join } from 'node:path'
import { expect, it } from 'vitest'
import { parseSchema } from '../../src/index.js'
import { cli, tempDir } from './run-cli.js'

const require = createRequire(import.meta.url)

it('introspect lists what the model cannot hold on standard error and still writes the document', async () => {
  const init = require('sql.js') as typeof import('sql.js').default
  const SQL = await init()
  const db = new SQL.Database()
  // SQLite takes a foreign key to a table that does not exist; it is checked only when rows are written.
  db.exec('CREATE TABLE posts (id INTEGER PRIMARY KEY, team_id INTEGER CONSTRAINT fk_team REFERENCES teams (id))')
  const file = join(tempDir(), 'app.db')
  writeFileSync(file, db.export())
  db.close()
  const run = await cli(['introspect', '--sqlite', file])
  expect([run.code, run.stderr]).toEqual([
    0,
    'schemaledger introspect: not in the document: foreign_key posts.fk_team: references "teams", which does not exist; left out of the schema\n',
  ])
  expect(parseSchema(JSON.parse(run.stdout)).tables.map((t) => [t.name, t.constraints.map((c) => c.type)])).toEqual([
    ['posts', ['primary_key']],
  ])
})
