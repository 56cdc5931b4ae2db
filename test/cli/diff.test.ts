import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { findingInCliWords } from '../../src/cli/cli-words.js'
import { formatHtml, formatJson, formatMarkdown, formatText } from '../../src/format/index.js'
import { analyzeImpact } from '../../src/impact/index.js'
import { diffSchemas } from '../../src/index.js'
import { planMigration } from '../../src/sql/index.js'
import { BLOG_V1, cli, cliOnTty, hasAnsi, load, SEED_V1, SEED_V2, tempDir } from './run-cli.js'

const v1 = load(SEED_V1)
const v2 = load(SEED_V2)
const diff = diffSchemas(v1, v2)

describe.concurrent('schemaledger diff', () => {
  it('prints the text report of formatText; exit 0 even with changes', async () => {
    expect(await cli(['diff', SEED_V1, SEED_V2])).toEqual({ code: 0, stdout: formatText(diff), stderr: '' })
  })

  it('--dialect adds the findings and the migration of that database', async () => {
    const findings = analyzeImpact(diff, {
      dialect: 'postgres',
      dialectVersion: '12.4',
      from: v1,
      to: v2,
    }).findings.map(findingInCliWords)
    const migration = planMigration(diff, { dialect: 'postgres', from: v1, to: v2, dialectVersion: 12 })
    const run = await cli(['diff', SEED_V1, SEED_V2, '--dialect', 'postgres', '--dialect-version', '12.4'])
    expect(run).toEqual({ code: 0, stdout: formatText(diff, { findings, migration }), stderr: '' })
    expect(run.stdout).toContain('! danger DS013 dropping posts.content loses its data')
    expect(run.stdout).toContain('-- schemaledger migration: postgres, up')
  })

  it('a migration the dialect cannot plan leaves it out of the report, with a warning', async () => {
    const findings = analyzeImpact(diff, { dialect: 'mysql', from: v1, to: v2 }).findings.map(findingInCliWords)
    const run = await cli(['diff', SEED_V1, SEED_V2, '--dialect', 'mysql'])
    expect(run.code).toBe(0)
    expect(run.stdout).toBe(formatText(diff, { findings }))
    expect(run.stderr).toMatch(
      /^schemaledger diff: warning: no mysql migration in the report: users\.id becomes bigint, but foreign key posts_user_id_fkey .*\n$/,
    )
  })

  it('--format markdown, json and html are formatMarkdown, formatJson and formatHtml', async () => {
    const findings = analyzeImpact(diff, { dialect: 'postgres', from: v1, to: v2 }).findings.map(findingInCliWords)
    const migration = planMigration(diff, { dialect: 'postgres', from: v1, to: v2 })
    const args = ['diff', SEED_V1, SEED_V2, '--dialect', 'postgres', '--title', 'Release 7']
    expect((await cli([...args, '--format', 'markdown'])).stdout).toBe(
      formatMarkdown(diff, { findings, migration, title: 'Release 7' }),
    )
    expect((await cli([...args, '--format', 'json'])).stdout).toBe(formatJson(diff, { findings, migration }))
    expect((await cli([...args, '--format', 'html'])).stdout).toBe(
      formatHtml(diff, { findings, migration, title: 'Release 7', schema: v2 }),
    )
    expect((await cli(['diff', SEED_V1, SEED_V2, '--format', 'json'])).stdout).toBe(formatJson(diff))
  })

  it('--exit-code: 2 with changes, 0 without', async () => {
    expect(await cli(['diff', SEED_V1, SEED_V2, '--exit-code'])).toEqual({
      code: 2,
      stdout: formatText(diff),
      stderr: '',
    })
    expect(await cli(['diff', SEED_V1, SEED_V1, '--exit-code'])).toEqual({
      code: 0,
      stdout: 'No changes.\n',
      stderr: '',
    })
  })

  it('reads one side from standard input', async () => {
    const run = await cli(['diff', '-', SEED_V2, '--format', 'json'], { input: readFileSync(SEED_V1, 'utf8') })
    expect(run).toEqual({ code: 0, stdout: formatJson(diff), stderr: '' })
  })

  it('--rename table.column=new confirms a column rename', async () => {
    const renamed = diffSchemas(v1, v2, { renames: { columns: { 'posts.content': 'body' } } })
    const run = await cli(['diff', SEED_V1, SEED_V2, '--rename', 'posts.content=body', '--format', 'json'])
    expect(run.stdout).toBe(formatJson(renamed))
    expect(renamed.changes.filter((c) => c.kind === 'rename_column').map((c) => c.path)).toEqual(['posts.body'])
  })

  it('--rename-table, --renames file.json and --infer-renames', async () => {
    const dir = tempDir()
    const from = join(dir, 'people.json')
    writeFileSync(from, readFileSync(BLOG_V1, 'utf8').replaceAll('"users"', '"people"'))
    const json = async (...args: string[]) => JSON.parse((await cli(['diff', ...args, '--format', 'json'])).stdout)
    const kinds = (d: { diff: { changes: { kind: string; path: string }[] } }) =>
      d.diff.changes.filter((c) => c.kind.startsWith('rename')).map((c) => `${c.kind} ${c.path}`)
    expect(kinds(await json(from, 'examples/blog-v1.json', '--rename-table', 'people=users'))).toEqual([
      'rename_table users',
    ])
    const file = join(dir, 'renames.json')
    writeFileSync(file, JSON.stringify({ tables: { people: 'users' } }))
    expect(kinds(await json(from, 'examples/blog-v1.json', '--renames', file))).toEqual(['rename_table users'])
    expect(kinds(await json(SEED_V1, SEED_V2, '--infer-renames', 'apply'))).toEqual([])
    expect((await json(SEED_V1, SEED_V2, '--infer-renames', 'off')).diff.renameCandidates as unknown[]).toEqual([])
  })

  it('rejects malformed and impossible renames', async () => {
    const run = await cli(['diff', SEED_V1, SEED_V2, '--rename', 'content=body'])
    expect(run.code).toBe(1)
    expect(run.stderr.split('\n')[0]).toBe(
      'schemaledger diff: --rename expects table.column=new_name (got "content=body")',
    )
    const missing = await cli(['diff', SEED_V1, SEED_V2, '--rename', 'posts.nothing=body'])
    expect(missing.code).toBe(1)
    expect(missing.stderr).toMatch(/^schemaledger diff: renames\.columns.*posts\.nothing.*\n$/)
    const dir = tempDir()
    const file = join(dir, 'bad.json')
    writeFileSync(file, JSON.stringify({ columns: ['posts.content'] }))
    expect(await cli(['diff', SEED_V1, SEED_V2, '--renames', file])).toEqual({
      code: 1,
      stdout: '',
      stderr: `schemaledger diff: ${file}: "columns" must map names to new names, as in {"tables": {"old": "new"}, "columns": {"table.old": "new"}}\n`,
    })
  })

  it('-o writes the report to a file and nothing to standard output', async () => {
    const dir = tempDir()
    const out = join(dir, 'reports', 'diff.md')
    expect(await cli(['diff', SEED_V1, SEED_V2, '--format', 'markdown', '-o', out])).toEqual({
      code: 0,
      stdout: '',
      stderr: '',
    })
    expect(readFileSync(out, 'utf8')).toBe(formatMarkdown(diff))
  })
})

describe.concurrent('colour', () => {
  const coloured = formatText(diff, { color: true })

  it('is off when standard output is not a terminal', async () => {
    const run = await cli(['diff', SEED_V1, SEED_V2])
    expect(hasAnsi(run.stdout)).toBe(false)
  })

  it('--color and FORCE_COLOR turn it on; --no-color and NO_COLOR win', async () => {
    expect((await cli(['diff', SEED_V1, SEED_V2, '--color'])).stdout).toBe(coloured)
    expect((await cli(['diff', SEED_V1, SEED_V2], { env: { FORCE_COLOR: '1' } })).stdout).toBe(coloured)
    expect((await cli(['diff', SEED_V1, SEED_V2], { env: { FORCE_COLOR: '0' } })).stdout).toBe(formatText(diff))
    expect((await cli(['diff', SEED_V1, SEED_V2, '--color', '--no-color'])).stdout).toBe(formatText(diff))
    expect((await cli(['diff', SEED_V1, SEED_V2, '--color'], { env: { NO_COLOR: '1' } })).stdout).toBe(formatText(diff))
    expect((await cli(['diff', SEED_V1, SEED_V2], { env: { FORCE_COLOR: '1', NO_COLOR: '1' } })).stdout).toBe(
      formatText(diff),
    )
  })

  it('a file written with -o is never coloured', async () => {
    const out = join(tempDir(), 'diff.txt')
    await cli(['diff', SEED_V1, SEED_V2, '--color', '-o', out], { env: { FORCE_COLOR: '1' } })
    expect(readFileSync(out, 'utf8')).toBe(formatText(diff))
  })

  it.runIf(cliOnTty(['--version']) !== undefined)(
    'is on for a terminal, off for a terminal with NO_COLOR (needs util-linux script)',
    async () => {
      const tty = cliOnTty(['diff', SEED_V1, SEED_V2])!
      expect(tty.code).toBe(0)
      expect(tty.stdout).toBe(coloured)
      const plain = cliOnTty(['diff', SEED_V1, SEED_V2], { NO_COLOR: '1' })!
      expect(plain.stdout).toBe(formatText(diff))
      const dumb = cliOnTty(['diff', SEED_V1, SEED_V2], { TERM: 'dumb' })!
      expect(dumb.stdout).toBe(formatText(diff))
    },
  )
})
