import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { renderTreeText } from '../../src/format/text-tree.js'
import { diffSchemas, type Schema } from '../../src/index.js'
import { createSchemaSQL, toSQL } from '../../src/sql/index.js'
import { selectDiagramTables, toDot, toMermaid, toMermaidFlowchart, toTree, toTreeSvg } from '../../src/visual/index.js'
import { cli, load, SEED_V1, SEED_V2 } from './run-cli.js'

const v1 = load(SEED_V1)
const v2 = load(SEED_V2)
const diff = diffSchemas(v1, v2)
const EMPTY: Schema = { tables: [], enums: [] }

describe.concurrent('schemaledger sql', () => {
  it.each([
    ['postgres', 'postgres'],
    ['mariadb', 'mysql'],
    ['sqlite', 'sqlite'],
  ] as const)('--dialect %s prints the CREATE script of createSchemaSQL', async (flag, name) => {
    const run = await cli(['sql', SEED_V1, '--dialect', flag])
    expect(run).toEqual({
      code: 0,
      stdout: `-- schemaledger schema: ${name}\n${toSQL(createSchemaSQL(v1, flag))}`,
      stderr: '',
    })
  })

  it('--no-transaction leaves out BEGIN/COMMIT; standard input works', async () => {
    const run = await cli(['sql', '-', '--dialect', 'postgres', '--no-transaction'], {
      input: readFileSync(SEED_V2, 'utf8'),
    })
    expect(run.stdout).toBe(
      `-- schemaledger schema: postgres\n${toSQL(createSchemaSQL(v2, 'postgres'), { transaction: false })}`,
    )
    expect(run.stdout).not.toContain('BEGIN;')
  })

  it('a schema the dialect cannot store is an error with every reason', async () => {
    const run = await cli(['sql', SEED_V2, '--dialect', 'sqlite'])
    expect(run).toEqual({
      code: 1,
      stdout: '',
      stderr: [
        'schemaledger sql: SQLite cannot store these 3 parts of the schema:',
        '  enum:user_role: SQLite has no enum types',
        "  users.id: autoincrement needs the column to be the table's only primary key column, of type integer, without a default (SQLite's INTEGER PRIMARY KEY AUTOINCREMENT)",
        '  users.role: enum "user_role": SQLite has no enum types (use text with a CHECK constraint)',
        '',
      ].join('\n'),
    })
  })
})

describe.concurrent('schemaledger viz', () => {
  it('mermaid (the default), dot and the flowchart of one schema', async () => {
    expect(await cli(['viz', SEED_V1])).toEqual({ code: 0, stdout: toMermaid(v1), stderr: '' })
    expect((await cli(['viz', SEED_V1, '--format', 'dot'])).stdout).toBe(toDot(v1))
    expect((await cli(['viz', SEED_V1, '--flowchart', '--direction', 'TB'])).stdout).toBe(
      toMermaidFlowchart(v1, { direction: 'TB' }),
    )
  })

  it('--diff draws the newer version with the changes marked', async () => {
    expect((await cli(['viz', SEED_V1, '--diff', SEED_V2])).stdout).toBe(toMermaid(v2, { diff }))
    expect((await cli(['viz', SEED_V1, '--diff', SEED_V2, '--format', 'dot'])).stdout).toBe(toDot(v2, { diff }))
    expect((await cli(['viz', SEED_V1, '--diff', SEED_V2, '--flowchart', '--columns', 'changed'])).stdout).toBe(
      toMermaidFlowchart(v2, { diff, columns: 'changed' }),
    )
    const renamed = diffSchemas(v1, v2, { renames: { columns: { 'posts.content': 'body' } } })
    expect((await cli(['viz', SEED_V1, '--diff', SEED_V2, '--rename', 'posts.content=body'])).stdout).toBe(
      toMermaid(v2, { diff: renamed }),
    )
  })

  it('tree: the change tree as the text report draws it, and as SVG', async () => {
    const run = await cli(['viz', SEED_V1, '--diff', SEED_V2, '--format', 'tree'])
    expect(run).toEqual({ code: 0, stdout: `${renderTreeText(toTree(diff)).join('\n')}\n`, stderr: '' })
    expect(run.stdout.split('\n').slice(0, 3)).toEqual(['+ enum user_role (admin, member, guest)', '', '~ table posts'])
    expect((await cli(['viz', SEED_V1, '--diff', SEED_V2, '--format', 'svg'])).stdout).toBe(
      `${toTreeSvg(toTree(diff))}\n`,
    )
    const coloured = await cli(['viz', SEED_V1, '--diff', SEED_V2, '--format', 'tree', '--color'])
    expect(coloured.stdout).toBe(`${renderTreeText(toTree(diff), { color: true }).join('\n')}\n`)
  })

  it('tree without --diff shows every object of the document as added', async () => {
    const run = await cli(['viz', SEED_V1, '--format', 'tree'])
    expect(run.stdout).toBe(`${renderTreeText(toTree(diffSchemas(EMPTY, v1))).join('\n')}\n`)
    expect(run.stdout.split('\n')[0]).toBe('+ table posts')
    expect((await cli(['viz', SEED_V1, '--diff', SEED_V1, '--format', 'tree'])).stdout).toBe('No changes.\n')
  })

  it('--depth, --around and --max-tables draw part of the schema and say on stderr what was left out', async () => {
    const focus = { depth: 0, maxTables: 1 }
    const run = await cli(['viz', SEED_V1, '--diff', SEED_V2, '--depth', '0', '--max-tables', '1'])
    const note = selectDiagramTables(v2, { diff, focus }).note
    expect(note).toBe(
      'showing 1 of 3 tables; 2 changed tables hidden (at most 1 drawn); 1 foreign key to or from hidden tables not drawn',
    )
    expect(run).toEqual({ code: 0, stdout: toMermaid(v2, { diff, focus }), stderr: `schemaledger viz: ${note}\n` })
    expect((await cli(['viz', SEED_V1, '--diff', SEED_V2, '--columns', 'changed'])).stdout).toBe(
      toMermaid(v2, { diff, columns: 'changed' }),
    )
    expect((await cli(['viz', SEED_V1, '--around', 'users', '--depth', '0', '--format', 'dot'])).stdout).toBe(
      toDot(v1, { focus: { around: ['users'], depth: 0 } }),
    )
    expect((await cli(['viz', SEED_V1, '--around', 'users,posts', '--depth', 'all', '--flowchart'])).stdout).toBe(
      toMermaidFlowchart(v1, { focus: { around: ['users', 'posts'], depth: 'all' }, columns: 'all', direction: 'LR' }),
    )
  })

  it('a focus flag with a bad value or an unknown table is a usage error in the flags’ words', async () => {
    const bad = async (...args: string[]) => (await cli(['viz', SEED_V1, ...args])).stderr.split('\n')[0]
    expect(await bad('--depth', 'two')).toBe('schemaledger viz: --depth takes a whole number (0 or more), got "two"')
    expect(await bad('--max-tables', '0')).toBe(
      'schemaledger viz: --max-tables takes a whole number (1 or more), got "0"',
    )
    expect(await bad('--around', 'nope')).toBe(
      'schemaledger viz: --around: no table "nope" in the diagram (names are qualified: schema.table)',
    )
    expect(await bad('--depth', '1', '--format', 'tree')).toBe(
      'schemaledger viz: --depth, --around and --max-tables draw diagrams; the tree format shows changes',
    )
  })
})
