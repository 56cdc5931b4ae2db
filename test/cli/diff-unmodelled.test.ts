import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { cli, SEED_V1, SEED_V2, tempDir } from './run-cli.js'

// A document read from SQL is run on an engine and introspected: what the model cannot hold is in
// the report, labelled by side, as well as on standard error.

const dir = tempDir()
const file = (name: string, text: string) => {
  const path = join(dir, name)
  writeFileSync(path, text)
  return path
}
// SQLite takes a foreign key to a table that does not exist; the model cannot hold it.
const posts = 'CREATE TABLE posts (id INTEGER PRIMARY KEY, team_id INTEGER CONSTRAINT fk_team REFERENCES teams (id)'
const v1 = file('v1.sql', `${posts});\n`)
const v2 = file(
  'v2.sql',
  `${posts}, title TEXT);\nCREATE TABLE notes (id INTEGER PRIMARY KEY, post_id INTEGER CONSTRAINT fk_gone REFERENCES gone (id));\n`,
)
const WHY = (table: string) => `references "${table}", which does not exist; left out of the schema`

describe('diff of .sql documents reports what the schemas cannot hold', { timeout: 120_000 }, () => {
  it('in every format, by side', async () => {
    const args = ['diff', v1, v2, '--input-dialect', 'sqlite']
    const [json, text, markdown, sarif] = await Promise.all([
      cli([...args, '--format', 'json']),
      cli([...args, '--format', 'text']),
      cli([...args, '--format', 'markdown']),
      cli([...args, '--format', 'sarif', '--dialect', 'sqlite']),
    ])
    expect(json.code).toBe(0)
    expect(JSON.parse(json.stdout).unmodelled).toEqual([
      { side: 'from', kind: 'foreign_key', name: 'posts.fk_team', why: WHY('teams') },
      { side: 'to', kind: 'foreign_key', name: 'notes.fk_gone', why: WHY('gone') },
      { side: 'to', kind: 'foreign_key', name: 'posts.fk_team', why: WHY('teams') },
    ])
    expect(text.stdout).toContain(
      [
        'Not in the schemas, so not compared:',
        '  [both] foreign_key posts.fk_team: references "teams", which does not exist;',
        '      left out of the schema',
        '  [to] foreign_key notes.fk_gone: references "gone", which does not exist; left',
        '      out of the schema',
        '',
      ].join('\n'),
    )
    // Standard error still says it as the documents are read.
    expect(text.stderr).toContain(
      `schemaledger: note: ${v2}: not in the document: foreign_key notes.fk_gone: ${WHY('gone')}\n`,
    )
    expect(markdown.stdout).toContain(
      [
        '| Side | Kind | Name | Why |',
        '| --- | --- | --- | --- |',
        `| both | foreign_key | \`posts.fk_team\` | ${WHY('teams')} |`,
        `| to | foreign_key | \`notes.fk_gone\` | ${WHY('gone')} |`,
      ].join('\n'),
    )
    const results = JSON.parse(sarif.stdout).runs[0].results as { ruleId: string; level: string; properties: unknown }[]
    expect(results.filter((r) => r.ruleId === 'unmodelled-object').map((r) => [r.level, r.properties])).toEqual([
      ['note', { side: 'both', kind: 'foreign_key', name: 'posts.fk_team', why: WHY('teams') }],
      ['note', { side: 'to', kind: 'foreign_key', name: 'notes.fk_gone', why: WHY('gone') }],
    ])
  })

  it('a diff of JSON documents has no unmodelled list: nothing was introspected', async () => {
    const run = await cli(['diff', SEED_V1, SEED_V2, '--format', 'json'])
    expect('unmodelled' in JSON.parse(run.stdout)).toBe(false)
  })

  it('one side from SQL: only its objects, labelled by that side', async () => {
    const run = await cli(['diff', v1, SEED_V2, '--format', 'json', '--input-dialect', 'sqlite'])
    expect(JSON.parse(run.stdout).unmodelled).toEqual([
      { side: 'from', kind: 'foreign_key', name: 'posts.fk_team', why: WHY('teams') },
    ])
  })
})
