import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { BLOG_V1, BLOG_V2, cli, INVALID, repo, SEED_V1 } from './run-cli.js'

const INVALID_LINES = [
  'examples/invalid.json: metadata.tables[0].columns[2].type: Type must not be empty [empty_name]',
  'examples/invalid.json: metadata.tables[0].columns[1].foreign_key: Foreign key references table "posts", which does not exist [unknown_table]',
  'examples/invalid.json: metadata.tables[0].indexes[0].columns[0]: Column "author_id" does not exist in table "comments" [unknown_column]',
]

describe.concurrent('schemaledger validate', () => {
  it('lists valid documents with what they hold; exit 0', async () => {
    expect(await cli(['validate', 'examples/blog-v1.json', 'examples/blog-v2.json', BLOG_V1])).toEqual({
      code: 0,
      stdout:
        'examples/blog-v1.json: valid (2 tables, 7 columns, 5 constraints, 1 index, 0 enums)\n' +
        'examples/blog-v2.json: valid (3 tables, 13 columns, 7 constraints, 2 indexes, 1 enum)\n' +
        `${BLOG_V1}: valid (2 tables, 7 columns, 5 constraints, 1 index, 0 enums)\n`,
      stderr: '',
    })
  })

  it('prints every problem of an invalid document with the file and the path in it; exit 1', async () => {
    expect(await cli(['validate', 'examples/invalid.json'])).toEqual({
      code: 1,
      stdout: '',
      stderr: [
        'schemaledger validate: examples/invalid.json is not a valid schema document: 3 problems',
        ...INVALID_LINES,
        '',
      ].join('\n'),
    })
  })

  it('checks every document even when one is invalid', async () => {
    const run = await cli(['validate', 'examples/invalid.json', 'examples/blog-v2.json', 'missing.json'])
    expect(run.code).toBe(1)
    expect(run.stdout).toBe('examples/blog-v2.json: valid (3 tables, 13 columns, 7 constraints, 2 indexes, 1 enum)\n')
    expect(run.stderr).toBe(
      [
        'schemaledger validate: examples/invalid.json is not a valid schema document: 3 problems',
        ...INVALID_LINES,
        'schemaledger validate: cannot read missing.json: no such file or directory',
        '',
      ].join('\n'),
    )
  })

  it('reads standard input for -', async () => {
    expect(await cli(['validate', '-'], { input: readFileSync(SEED_V1, 'utf8') })).toEqual({
      code: 0,
      stdout: '<stdin>: valid (2 tables, 7 columns, 5 constraints, 1 index, 0 enums)\n',
      stderr: '',
    })
    expect(await cli(['validate', '-'], { input: readFileSync(INVALID, 'utf8') })).toEqual({
      code: 1,
      stdout: '',
      stderr: [
        'schemaledger validate: <stdin> is not a valid schema document: 3 problems',
        ...INVALID_LINES.map((l) => l.replace('examples/invalid.json', '<stdin>')),
        '',
      ].join('\n'),
    })
  })

  it('reads standard input only once', async () => {
    const run = await cli(['validate', '-', '-'], { input: readFileSync(SEED_V1, 'utf8') })
    expect(run.code).toBe(1)
    expect(run.stderr.split('\n')[0]).toBe('schemaledger validate: standard input (-) can be read only once')
  })

  it('reports text that is not JSON, and JSON that is not a document', async () => {
    expect(await cli(['validate', '-'], { input: '{"metadata": ' })).toEqual({
      code: 1,
      stdout: '',
      stderr: 'schemaledger validate: <stdin>:1:14: not valid JSON: Unexpected end of JSON input\n',
    })
    const shapes =
      'the canonical shape {"format": "schemaledger/1", "tables": [...]} or the SQLAlchemy shape {"metadata": {"tables": [...]}}'
    expect(await cli(['validate', '-'], { input: '[1, 2]' })).toEqual({
      code: 1,
      stdout: '',
      stderr:
        'schemaledger validate: <stdin> is not a valid schema document: 1 problem\n' +
        `<stdin>: (root): A schema document must be a JSON object: ${shapes} [invalid_document]\n`,
    })
    expect(await cli(['validate', '-'], { input: '{"schema": "app", "objects": []}' })).toEqual({
      code: 1,
      stdout: '',
      stderr:
        'schemaledger validate: <stdin> is not a valid schema document: 1 problem\n' +
        `<stdin>: (root): Not a schema document (it has "schema", "objects"): expected ${shapes} [unknown_shape]\n`,
    })
  })

  it('gives the line and column of a JSON syntax error, however the engine words it', async () => {
    const cases: [string, string][] = [
      ['{\n  "metadata": {\n    "tables": [],\n  }\n}\n', '4:3: not valid JSON: Expected double-quoted property name'],
      ['{\n  "metadata": {"tables": tru}\n}\n', "2:29: not valid JSON: Unexpected token '}'"],
      ['{"metadata": {"tables": []}}\n]\n', '2:1: not valid JSON: Unexpected non-whitespace character after JSON'],
      ['{\n  "metadata": {\n', "3:1: not valid JSON: Expected property name or '}'"],
    ]
    for (const [input, error] of cases) {
      expect(await cli(['validate', '-'], { input })).toEqual({
        code: 1,
        stdout: '',
        stderr: `schemaledger validate: <stdin>:${error}\n`,
      })
    }
  })

  it('a column without nullable is one problem, not also "column does not exist" where it is used', async () => {
    const document = {
      format: 'schemaledger/1',
      tables: [
        {
          name: 'users',
          columns: [
            { name: 'id', type: 'integer', nullable: false },
            { name: 'email', type: 'text' },
          ],
          constraints: [{ type: 'unique', columns: ['email'] }],
          indexes: [{ name: 'ix_users_email', columns: ['email'] }],
        },
      ],
    }
    const run = await cli(['validate', '-'], { input: JSON.stringify(document) })
    expect(run.code).toBe(1)
    expect(run.stderr.split('\n').filter((l) => l.startsWith('<stdin>: '))).toEqual([
      '<stdin>: tables[0].columns[1].nullable: Invalid input: expected boolean, received undefined [invalid_type]',
    ])
  })

  it('--format json gives one verdict per document on standard output', async () => {
    const run = await cli([
      'validate',
      'examples/invalid.json',
      'examples/blog-v1.json',
      'nope.json',
      '--format',
      'json',
    ])
    expect(run.code).toBe(1)
    expect(run.stderr).toBe('')
    expect(JSON.parse(run.stdout)).toEqual({
      format: 'schemaledger-validate/1',
      documents: [
        {
          document: 'examples/invalid.json',
          valid: false,
          issues: [
            { path: 'metadata.tables[0].columns[2].type', code: 'empty_name', message: 'Type must not be empty' },
            {
              path: 'metadata.tables[0].columns[1].foreign_key',
              code: 'unknown_table',
              message: 'Foreign key references table "posts", which does not exist',
            },
            {
              path: 'metadata.tables[0].indexes[0].columns[0]',
              code: 'unknown_column',
              message: 'Column "author_id" does not exist in table "comments"',
            },
          ],
        },
        { document: 'examples/blog-v1.json', valid: true, issues: [] },
        {
          document: 'nope.json',
          valid: false,
          issues: [{ path: '', code: 'file_not_found', message: 'cannot read nope.json: no such file or directory' }],
        },
      ],
    })
  })

  it('an invalid document given to any command stops it with the same lines', async () => {
    expect(await cli(['diff', 'examples/invalid.json', BLOG_V2])).toEqual({
      code: 1,
      stdout: '',
      stderr: [
        'schemaledger diff: examples/invalid.json is not a valid schema document: 3 problems',
        ...INVALID_LINES,
        '',
      ].join('\n'),
    })
    expect(await cli(['sql', repo('examples/nothing.json'), '--dialect', 'sqlite'])).toEqual({
      code: 1,
      stdout: '',
      stderr: `schemaledger sql: cannot read ${repo('examples/nothing.json')}: no such file or directory\n`,
    })
  })
})
