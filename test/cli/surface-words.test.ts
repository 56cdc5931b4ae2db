import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join, relative } from 'node:path'
import { describe, expect, it } from 'vitest'
import { findingInCliWords, toCliWords } from '../../src/cli/cli-words.js'
import { builtinAnalyzers } from '../../src/impact/index.js'
import type { DialectAlias } from '../../src/sql/index.js'
import { ruleCases } from '../impact/rule-cases.js'
import { analyze } from '../impact/schemas.js'
import { cli, ROOT, SEED_V1, SEED_V2, tempDir } from './run-cli.js'

// Each surface speaks its user's language: the library names calls and options, the command line
// names flags and commands, the web app names its own controls. The CLI says the library's
// findings and errors in its own words (src/cli/cli-words.ts).

/** A library call or option object, which a command-line user cannot act on. */
const LIBRARY_CALL =
  /\b(planMigration|createSchemaSQL|analyzeImpact|lintSchema|diffSchemas|introspect|store\.\w+)\(|\brenames: \{|pass \{ \w+:/
/** A command line or flag of schemaledger, which a library or app user cannot act on. */
const CLI_SYNTAX =
  /\bschemaledger (validate|diff|migrate|lint|sql|viz|store|introspect|codegen)\b|(^|[\s`'"(])--(rename|rename-table|not-valid|concurrently|fail-on|dialect|dialect-version|format|schema|around|max-tables)\b/

describe('toCliWords', () => {
  it.each([
    [
      "diff again with renames: { columns: { 'posts.content': 'body' } } so",
      'diff again with --rename posts.content=body so',
    ],
    ["pass renames: { tables: { 'people': 'users' } }", 'pass --rename-table people=users'],
    ['both (`planMigration(diff, { notValid: true })`).', 'both (`migrate --not-valid`).'],
    ['both; planMigration(diff, { notValid: true }) writes both.', 'both; migrate --not-valid writes both.'],
    ['outside (planMigration(diff, { concurrently: true }) writes it)', 'outside (migrate --concurrently writes it)'],
    ['store.verify() lists every damaged file', 'schemaledger store verify lists every damaged file'],
    [
      'no database selected on the connection: pass { schema: "<database>" }',
      'no database selected on the connection: give the database in the URL or with --schema <database>',
    ],
    [
      'need MySQL 8.0.13 or later: pass dialectVersion: 8 for MySQL',
      'need MySQL 8.0.13 or later: pass --dialect-version 8 for MySQL',
    ],
  ])('%s', (library, cliText) => {
    expect(toCliWords(library)).toBe(cliText)
  })
})

describe('what the CLI prints of the findings names no library call', () => {
  it('for the finding of every rule case, on every dialect, and every rule documentation', () => {
    const leaks: string[] = []
    for (const c of ruleCases) {
      for (const dialect of c.dialects) {
        for (const f of analyze(c.from, c.to, dialect as DialectAlias, c.options).findings.map(findingInCliWords)) {
          for (const text of [f.message, f.explanation, f.fix.description])
            if (LIBRARY_CALL.test(text)) leaks.push(`${f.code} ${dialect}: ${text}`)
        }
      }
    }
    expect(leaks).toEqual([])
    const documented = builtinAnalyzers.flatMap((a) => [a.docs.why, a.docs.fix].map(toCliWords))
    expect(documented.filter((t) => LIBRARY_CALL.test(t))).toEqual([])
  })

  it('lint and diff reports say --rename, migrate --not-valid and migrate --concurrently', async () => {
    for (const args of [
      ['lint', SEED_V1, SEED_V2, '--dialect', 'postgres'],
      ['diff', SEED_V1, SEED_V2, '--dialect', 'postgres', '--format', 'markdown'],
    ]) {
      // Text reports wrap long lines: compare with the breaks as spaces.
      const stdout = (await cli(args)).stdout.replace(/\s+/g, ' ')
      expect(stdout, args.join(' ')).not.toMatch(LIBRARY_CALL)
      expect(stdout).toContain('--rename posts.content=body')
      expect(stdout).toContain('migrate --not-valid')
      expect(stdout).toContain('migrate --concurrently')
    }
  })

  it('a store error says the command, not store.verify()', async () => {
    const cwd = tempDir()
    await cli(['store', 'save', SEED_V1, '--name', 'app'], { cwd })
    const version = join(cwd, '.schemaledger', 'app', 'v0001.json')
    const { writeFileSync } = await import('node:fs')
    writeFileSync(version, '{ broken')
    const run = await cli(['store', 'show', 'app@1'], { cwd })
    expect(run.code).toBe(1)
    expect(run.stderr).not.toMatch(LIBRARY_CALL)
  })
})

/** Source files under a directory, repository-relative. */
function sources(dir: string): string[] {
  return readdirSync(join(ROOT, dir)).flatMap((name) => {
    const path = join(dir, name)
    if (statSync(join(ROOT, path)).isDirectory()) return sources(path)
    return /\.(ts|svelte)$/.test(name) ? [path] : []
  })
}

describe('the library and the web app name no command line', () => {
  it('in any text of src/ outside the CLI, or of app/src', () => {
    // lint-report.ts renders `schemaledger lint`'s own report; no entry exports it.
    const files = [...sources('src'), ...sources('app/src')].filter(
      (f) => !f.startsWith('src/cli/') && f !== 'src/format/lint-report.ts',
    )
    expect(files.length).toBeGreaterThan(100)
    const found = files.flatMap((file) =>
      readFileSync(join(ROOT, file), 'utf8')
        .split('\n')
        .flatMap((line, i) =>
          /^\s*(\*|\/\/|\/\*)/.test(line) || !CLI_SYNTAX.test(line)
            ? []
            : [`${relative('.', file)}:${i + 1}: ${line.trim()}`],
        ),
    )
    expect(found).toEqual([])
  })
})
