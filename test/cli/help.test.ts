import { spawnSync } from 'node:child_process'
import { readFileSync, statSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import type { CommandSpec } from '../../src/cli/command.js'
import { diffCommand } from '../../src/cli/commands/diff.js'
import { historyCommand } from '../../src/cli/commands/history.js'
import { introspectCommand } from '../../src/cli/commands/introspect.js'
import { lintCommand } from '../../src/cli/commands/lint.js'
import { migrateCommand } from '../../src/cli/commands/migrate.js'
import { sqlCommand } from '../../src/cli/commands/sql.js'
import { storeCommands } from '../../src/cli/commands/store.js'
import { validateCommand } from '../../src/cli/commands/validate.js'
import { vizCommand } from '../../src/cli/commands/viz.js'
import { commandHelp, groupHelp } from '../../src/cli/help-text.js'
import { BIN, cli, repo, SEED_V1, SEED_V2 } from './run-cli.js'

const SPECS: readonly CommandSpec[] = [
  validateCommand,
  diffCommand,
  migrateCommand,
  lintCommand,
  sqlCommand,
  vizCommand,
  historyCommand,
  ...storeCommands.subcommands,
  introspectCommand,
]

const version = (JSON.parse(readFileSync(repo('package.json'), 'utf8')) as { version: string }).version

describe.concurrent('schemaledger --version and --help', () => {
  it.each([['--version'], ['-v']])('%s prints the package version', async (flag) => {
    expect(await cli([flag])).toEqual({ code: 0, stdout: `${version}\n`, stderr: '' })
  })

  it('the built file is executable and runs by its shebang', async () => {
    expect(statSync(BIN).mode & 0o111).not.toBe(0)
    expect(readFileSync(BIN, 'utf8').startsWith('#!/usr/bin/env node\n')).toBe(true)
    const run = spawnSync(BIN, ['--version'], { encoding: 'utf8' })
    expect([run.status, run.stdout]).toEqual([0, `${version}\n`])
  })

  it('--help lists every command, the document forms and the exit codes', async () => {
    const run = await cli(['--help'])
    expect(run.code).toBe(0)
    expect(run.stderr).toBe('')
    expect(run.stdout.split('\n').slice(0, 17)).toEqual([
      `schemaledger ${version}: track how a database schema evolves.`,
      '',
      'Usage: schemaledger <command> [options]',
      '',
      'Commands:',
      '  validate    check schema documents; print every problem with its path',
      '  diff        what changed between two schema versions (text, markdown, json, html, sarif)',
      '  migrate     the migration SQL from one version to another',
      '  lint        impact findings of a change (or of one schema); the CI gate',
      '  sql         the CREATE script of one schema version',
      '  viz         diagrams: Mermaid, Graphviz DOT, or the change tree',
      '  history     a timeline of versions, diffs and findings from a migration folder or git history',
      '  store       versioned schemas in a directory or a database: save, list, show, diff, tag, verify, copy',
      '  introspect  read the schema of a live database into a document',
      '  codegen     SQLAlchemy, Prisma, drizzle, TypeScript, zod or JSON Schema from a version',
      '  completion  the shell completion script (bash, zsh, fish)',
      '',
    ])
    expect(run.stdout).toContain('Exit codes: 0 ok or no changes; 1 error or invalid input; 2 changes')
    expect((await cli(['-h'])).stdout).toBe(run.stdout)
    expect((await cli(['help'])).stdout).toBe(run.stdout)
  })

  it('without a command prints the help on standard error and exits 1', async () => {
    const run = await cli([])
    expect(run.code).toBe(1)
    expect(run.stdout).toBe('')
    expect(run.stderr).toBe((await cli(['--help'])).stdout)
  })

  it.each(SPECS.map((s) => [s.name, s] as const))(
    '%s --help prints its usage, options and examples',
    async (name, spec) => {
      const run = await cli([...name.split(' '), '--help'])
      expect(run).toEqual({ code: 0, stdout: commandHelp(spec), stderr: '' })
      expect(run.stdout.startsWith(`Usage: schemaledger ${name} `)).toBe(true)
      for (const option of Object.keys(spec.options)) expect(run.stdout).toContain(`--${option}`)
      expect(run.stdout).toContain('--help')
      expect(run.stdout).toContain('\nExamples:\n  # ')
      expect(run.stdout).toContain('  $ schemaledger ')
    },
  )

  it('-h and help <command> say the same as --help', async () => {
    const help = (await cli(['lint', '--help'])).stdout
    expect((await cli(['lint', '-h'])).stdout).toBe(help)
    expect((await cli(['help', 'lint'])).stdout).toBe(help)
    expect((await cli(['store', 'diff', '-h'])).stdout).toBe((await cli(['help', 'store', 'diff'])).stdout)
  })

  it('diff --help reads as documented', async () => {
    const lines = (await cli(['diff', '--help'])).stdout.split('\n')
    expect(lines.slice(0, 2)).toEqual([
      'Usage: schemaledger diff <from> <to> [--format text|markdown|json|html|sarif] [--dialect <name>] [--exit-code]',
      '       schemaledger diff <from> <to> [--renames file.json] [--rename table.column=new]... [--rename-table old=new]...',
    ])
    expect(lines).toContain(
      '      --format <format>                    report format (text, markdown, json, html, sarif) (default: text)',
    )
    expect(lines).toContain(
      '      --rename <table.column=new>          a column rename (the table by its old or new name) (repeatable)',
    )
    expect(lines).toContain(
      '  -o, --output <file>                      write to this file (atomically) instead of standard output',
    )
  })

  it('store --help lists the subcommands; store without one is a usage error', async () => {
    const help = await cli(['store', '--help'])
    expect(help.code).toBe(0)
    expect(help.stdout).toBe(groupHelp(storeCommands))
    expect(help.stdout).toContain('\n  save    save a document as the next version of a name\n')
    const bare = await cli(['store'])
    expect(bare).toEqual({ code: 1, stdout: '', stderr: help.stdout })
  })
})

describe('help examples', () => {
  it('run only commands that exist, also after a pipe (validate --help showed export-schema)', () => {
    const known = new Set(SPECS.map((s) => s.name))
    const unknown: string[] = []
    for (const spec of SPECS) {
      for (const [, example] of spec.examples) {
        // The example itself follows the program name; a pipeline may run the program again.
        const runs = [example, ...[...example.matchAll(/\|\s*schemaledger\s+([^|]+)/g)].map((m) => m[1] ?? '')]
        for (const run of runs) {
          const [first = '', second = ''] = run.trim().split(/\s+/)
          const name = first === 'store' ? `store ${second}` : first
          if (!known.has(name)) unknown.push(`${spec.name}: ${example}`)
        }
      }
    }
    expect(unknown).toEqual([])
  })
})

describe.concurrent('command-line errors: exit 1, one line on standard error, the usage', () => {
  it('an unknown command', async () => {
    expect(await cli(['difff', 'a', 'b'])).toEqual({
      code: 1,
      stdout: '',
      stderr:
        'schemaledger: unknown command "difff" (commands: validate, diff, migrate, lint, sql, viz, history, store, introspect, codegen, completion)\n' +
        'Run "schemaledger --help" for the commands.\n',
    })
  })

  it('an option before the command', async () => {
    expect(await cli(['--format', 'json'])).toEqual({
      code: 1,
      stdout: '',
      stderr:
        'schemaledger: unknown option --format; options follow the command\nRun "schemaledger --help" for the commands.\n',
    })
  })

  const usage = (name: string) => {
    const spec = SPECS.find((s) => s.name === name)!
    return `${spec.usage.map((u, i) => `${i === 0 ? 'Usage:' : '      '} schemaledger ${u}`).join('\n')}\nRun "schemaledger ${name} --help" for details.\n`
  }

  it.each([
    [['diff', SEED_V1, SEED_V2, '--frobnicate'], 'diff', 'unknown option --frobnicate'],
    [['diff', SEED_V1, SEED_V2, '-x'], 'diff', 'unknown option -x'],
    [['diff', SEED_V1], 'diff', 'missing <to>'],
    [['diff'], 'diff', 'missing <from> and <to>'],
    [['diff', SEED_V1, SEED_V2, SEED_V1], 'diff', `unexpected argument ${JSON.stringify(SEED_V1)}`],
    [['diff', SEED_V1, SEED_V2, '--format'], 'diff', 'option --format needs a value'],
    [
      ['diff', SEED_V1, SEED_V2, '--format', 'pdf'],
      'diff',
      '--format must be one of text, markdown, json, html, sarif (got "pdf")',
    ],
    [['diff', SEED_V1, SEED_V2, '--exit-code=yes'], 'diff', 'option --exit-code does not take a value'],
    [['migrate', SEED_V1, SEED_V2], 'migrate', '--dialect is required (postgres, postgresql, mysql, mariadb, sqlite)'],
    [
      ['migrate', SEED_V1, SEED_V2, '--dialect', 'oracle'],
      'migrate',
      '--dialect must be one of postgres, postgresql, mysql, mariadb, sqlite (got "oracle")',
    ],
    [
      ['migrate', SEED_V1, SEED_V2, '--dialect', 'postgres', '--down', '--phases'],
      'migrate',
      '--phases splits the up script; it cannot be combined with --down',
    ],
    [['lint', SEED_V1, SEED_V2], 'lint', '--dialect is required (postgres, postgresql, mysql, mariadb, sqlite)'],
    [
      ['lint', SEED_V1, SEED_V2, '--dialect', 'sqlite', '--fail-on', 'error'],
      'lint',
      '--fail-on must be one of danger, warning, info, none (got "error")',
    ],
    [['sql', SEED_V1], 'sql', '--dialect is required (postgres, postgresql, mysql, mariadb, sqlite)'],
    [
      ['viz', SEED_V1, '--format', 'dot', '--flowchart'],
      'viz',
      '--flowchart is a mermaid diagram; it cannot be combined with --format dot',
    ],
    [['introspect'], 'introspect', 'give either --url or --sqlite'],
    [['introspect', '--url', 'x', '--sqlite', 'y'], 'introspect', 'give either --url or --sqlite'],
    [
      ['introspect', '--url', 'oracle://db/x'],
      'introspect',
      '--url must start with postgres://, postgresql://, mysql:// or mariadb://',
    ],
    [['store', 'save', SEED_V1], 'store save', '--name is required'],
    [['store', 'tag', 'app', '1'], 'store tag', 'missing <tag>'],
  ])('%j', async (args, name, message) => {
    expect(await cli(args)).toEqual({
      code: 1,
      stdout: '',
      stderr: `schemaledger ${name}: ${message}\n\n${usage(name)}`,
    })
  })

  it('an unknown store subcommand', async () => {
    expect(await cli(['store', 'push'])).toEqual({
      code: 1,
      stdout: '',
      stderr:
        'schemaledger store: unknown command "push" for store (commands: save, list, show, diff, tag, verify, copy)\n\n' +
        'Usage: schemaledger store <command> [options]\nRun "schemaledger store --help" for details.\n',
    })
  })
})
