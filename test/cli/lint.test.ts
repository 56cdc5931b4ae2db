import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { findingInCliWords } from '../../src/cli/cli-words.js'
import { wrap } from '../../src/format/text-tree.js'
import { analyzeImpact, type Finding, lintSchema } from '../../src/impact/index.js'
import { diffSchemas } from '../../src/index.js'
import { cli, load, SEED_V1, SEED_V2, tempDir } from './run-cli.js'

const v1 = load(SEED_V1)
const v2 = load(SEED_V2)
const diff = diffSchemas(v1, v2)
const report = analyzeImpact(diff, { dialect: 'postgres', dialectVersion: '15', from: v1, to: v2 })
const RANK = { danger: 0, warning: 1, info: 2 }
const worstFirst = (fs: readonly Finding[]) =>
  fs
    .map((f, i) => ({ f, i }))
    .sort((a, b) => RANK[a.f.severity] - RANK[b.f.severity] || a.i - b.i)
    .map(({ f }) => f)

/** Compares with a golden file under test/cli/golden; UPDATE_GOLDEN=1 rewrites it. */
function golden(file: string, actual: string): void {
  const url = new URL(`./golden/${file}`, import.meta.url)
  if (process.env.UPDATE_GOLDEN === '1') writeFileSync(url, actual)
  expect(actual).toBe(existsSync(url) ? readFileSync(url, 'utf8') : `(missing ${file}: run UPDATE_GOLDEN=1)`)
}

// Paths relative to the repository, so the golden files do not depend on where it is checked out.
const A = 'test/fixtures/seed-v1.json'
const B = 'test/fixtures/seed-v2.json'

describe.concurrent('schemaledger lint <from> <to>', () => {
  it('text: grouped by severity, the gate fails at danger by default (exit 2)', async () => {
    const run = await cli(['lint', A, B, '--dialect', 'postgres', '--dialect-version', '15'])
    expect(run.code).toBe(2)
    expect(run.stderr).toBe('')
    golden('lint-seed.txt', run.stdout)
    const lines = run.stdout.split('\n')
    expect(lines[0]).toBe(`schemaledger lint: ${A} -> ${B} on PostgreSQL 15`)
    expect(lines.filter((l) => /^[A-Z]+ \(\d+\)$/.test(l))).toEqual(['DANGER (1)', 'WARNING (6)', 'INFO (3)'])
  })

  it('--explain adds why each finding matters', async () => {
    const run = await cli(['lint', A, B, '--dialect', 'postgres', '--dialect-version', '15', '--explain'])
    const whys = run.stdout.split('\n').filter((l) => l.startsWith('    why: '))
    expect(whys).toHaveLength(report.findings.length)
  })

  it('markdown: the pull-request comment', async () => {
    const run = await cli(['lint', A, B, '--dialect', 'postgres', '--dialect-version', '15', '--format', 'markdown'])
    expect(run.code).toBe(2)
    golden('lint-seed.md', run.stdout)
  })

  it('json: the stable contract, findings worst first', async () => {
    const run = await cli(['lint', A, B, '--dialect', 'postgres', '--dialect-version', '15', '--format', 'json'])
    expect(run.code).toBe(2)
    expect(JSON.parse(run.stdout)).toEqual({
      format: 'schemaledger-lint/1',
      documents: [A, B],
      dialect: 'postgres',
      version: { label: 'PostgreSQL 15', assumed: false },
      failOn: 'danger',
      passed: false,
      summary: { danger: 1, warning: 6, info: 3, total: 10, suppressed: 0 },
      findings: worstFirst(report.findings.map(findingInCliWords)).map((f) => ({
        code: f.code,
        severity: f.severity,
        path: f.change.path,
        change: f.change,
        message: f.message,
        explanation: f.explanation,
        fix: { description: f.fix.description, sql: f.fix.sql ?? [] },
        dialect: 'postgres',
        phase: f.phase ?? null,
        suppressed: null,
      })),
      possibleRenames: [
        {
          target: 'column',
          table: 'posts',
          from: 'content',
          to: 'body',
          score: 0.75,
          flag: '--rename posts.content=body',
        },
      ],
    })
    // Keys in a fixed order: the bytes are stable.
    expect(Object.keys(JSON.parse(run.stdout))).toEqual([
      'format',
      'documents',
      'dialect',
      'version',
      'failOn',
      'passed',
      'summary',
      'findings',
      'possibleRenames',
    ])
    const again = await cli(['lint', A, B, '--dialect', 'postgres', '--dialect-version', '15', '--format', 'json'])
    expect(again.stdout).toBe(run.stdout)
  })

  it.each([
    ['danger', 2],
    ['warning', 2],
    ['info', 2],
    ['none', 0],
  ] as const)('--fail-on %s exits %i', async (failOn, code) => {
    const run = await cli(['lint', A, B, '--dialect', 'postgres', '--fail-on', failOn, '--format', 'json'])
    expect(run.code).toBe(code)
    expect(JSON.parse(run.stdout).passed).toBe(code === 0)
  })

  it('the gate opens when the danger is resolved: the rename confirmed, warnings remain', async () => {
    const run = await cli(['lint', A, B, '--dialect', 'postgres', '--rename', 'posts.content=body'])
    expect(run.code).toBe(0)
    expect(run.stdout).not.toContain('DANGER')
    expect(run.stdout.trimEnd().split('\n').at(-1)).toBe(
      '10 findings: 7 warnings, 3 info. Passed: no findings at or above danger.',
    )
    const strict = await cli([
      'lint',
      A,
      B,
      '--dialect',
      'postgres',
      '--rename',
      'posts.content=body',
      '--fail-on',
      'warning',
    ])
    expect(strict.code).toBe(2)
    expect(strict.stdout.trimEnd().split('\n').slice(-2)).toEqual([
      '10 findings: 7 warnings, 3 info. Failed: 7 findings at or above warning',
      '(--fail-on warning).',
    ])
  })

  it('no changes: no findings, exit 0', async () => {
    expect(await cli(['lint', A, A, '--dialect', 'sqlite'])).toEqual({
      code: 0,
      stdout: `schemaledger lint: ${A} -> ${A} on SQLite 3.35.0 (assumed)\n\nNo findings.\n\nPassed: no findings at or above danger.\n`,
      stderr: '',
    })
  })

  it('--disable and --enable choose the rules, as RuleOptions do', async () => {
    const codes = async (...args: string[]) =>
      (
        JSON.parse((await cli(['lint', A, B, '--dialect', 'postgres', '--format', 'json', ...args])).stdout)
          .findings as { code: string }[]
      ).map((f) => f.code)
    const expected = (rules: { disable?: string[]; enable?: string[] }) =>
      worstFirst(analyzeImpact(diff, { dialect: 'postgres', from: v1, to: v2, rules }).findings).map((f) => f.code)
    const without = await codes('--disable', 'DS013', '--disable', 'LK001')
    expect(without).toEqual(expected({ disable: ['DS013', 'LK001'] }))
    expect(without).not.toContain('DS013')
    const opted = await codes('--enable', 'BP001', '--enable', 'BP012')
    expect(opted).toEqual(expected({ enable: ['BP001', 'BP012'] }))
    expect(opted).toContain('BP001')
  })

  it('--concurrently and --not-valid drop the findings those plans avoid', async () => {
    const codes = async (...args: string[]) =>
      (
        JSON.parse((await cli(['lint', A, B, '--dialect', 'postgres', '--format', 'json', ...args])).stdout)
          .findings as { code: string }[]
      ).map((f) => f.code)
    const plain = await codes()
    const careful = await codes('--concurrently', '--not-valid')
    const expected = analyzeImpact(diff, {
      dialect: 'postgres',
      from: v1,
      to: v2,
      plan: { concurrently: true, notValid: true },
    }).findings.map((f) => f.code)
    expect(careful.sort()).toEqual([...expected].sort())
    expect(careful.length).toBeLessThan(plain.length)
  })

  it('--profile makes verdicts precise; a malformed profile is an error', async () => {
    const dir = tempDir()
    const profile = join(dir, 'profile.json')
    const data = { tables: { posts: { rows: 1000, columns: { title: { maxLength: 80 }, content: { nulls: 1000 } } } } }
    writeFileSync(profile, JSON.stringify(data))
    const run = await cli(['lint', A, B, '--dialect', 'postgres', '--format', 'json', '--profile', profile])
    const expected = analyzeImpact(diff, { dialect: 'postgres', from: v1, to: v2, profile: data }).findings
    expect(JSON.parse(run.stdout).findings.map((f: Finding) => `${f.code} ${f.severity} ${f.message}`)).toEqual(
      worstFirst(expected.map(findingInCliWords)).map((f) => `${f.code} ${f.severity} ${f.message}`),
    )
    const bad = join(dir, 'bad.json')
    writeFileSync(bad, JSON.stringify({ tables: { posts: { rows: 'many' } } }))
    expect(await cli(['lint', A, B, '--dialect', 'postgres', '--profile', bad])).toEqual({
      code: 1,
      stdout: '',
      stderr: `schemaledger lint: ${bad}: tables.posts.rows must be a number; a profile looks like {"tables": {"users": {"rows": 120000, "columns": {"email": {"nulls": 0, "maxLength": 64}}}}}\n`,
    })
  })

  it('-o writes the report; the exit code still gates', async () => {
    const out = join(tempDir(), 'lint.md')
    expect(await cli(['lint', A, B, '--dialect', 'postgres', '--format', 'markdown', '-o', out])).toEqual({
      code: 2,
      stdout: '',
      stderr: '',
    })
    expect(readFileSync(out, 'utf8')).toContain('### schemaledger lint: ❌ failed')
  })

  it('colour: severities painted with --color, never on a pipe by default', async () => {
    const plain = await cli(['lint', A, B, '--dialect', 'postgres'])
    expect(plain.stdout).not.toContain('\u001b[')
    const coloured = await cli(['lint', A, B, '--dialect', 'postgres', '--color'])
    expect(coloured.stdout).toContain('\u001b[1;31mDANGER (1)\u001b[0m')
    const sgr = new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*m`, 'g')
    expect(coloured.stdout.replace(sgr, '')).toBe(plain.stdout)
  })
})

describe.concurrent('schemaledger lint <doc>: one schema, by lintSchema', () => {
  const blog2 = load('examples/blog-v2.json')

  it('text: the design findings of the schema; exit by --fail-on', async () => {
    const findings = lintSchema(blog2, { dialect: 'mysql', dialectVersion: '8.0' })
    expect(findings.map((f) => `${f.severity} ${f.code} ${f.path}`)).toEqual(['danger BP015 posts.user_id'])
    const run = await cli(['lint', 'examples/blog-v2.json', '--dialect', 'mysql', '--dialect-version', '8.0'])
    expect(run).toEqual({
      code: 2,
      stdout: [
        'schemaledger lint: examples/blog-v2.json on MySQL 8.0',
        '',
        'DANGER (1)',
        '  BP015 posts.user_id',
        ...wrap(findings[0]!.message, 4, 6, 80),
        ...wrap(`fix: ${findings[0]!.fix.description}`, 4, 6, 80),
        '',
        '1 finding: 1 danger. Failed: 1 finding at or above danger (--fail-on danger).',
        '',
      ].join('\n'),
      stderr: '',
    })
    expect((await cli(['lint', 'examples/blog-v2.json', '--dialect', 'postgres'])).code).toBe(0)
  })

  it('reports what the dialect cannot create, as sql --dialect refuses it (BP021)', async () => {
    const document = {
      metadata: {
        tables: [
          {
            name: 'users',
            columns: [
              { name: 'id', type: 'Integer', primary_key: true },
              { name: 'email', type: 'VARCHAR(200)' },
              { name: 'active', type: 'Boolean' },
            ],
            indexes: [{ name: 'ix_users_active_email', columns: ['email'], unique: true, where: 'active' }],
          },
        ],
      },
    }
    const path = join(tempDir(), 'partial.json')
    writeFileSync(path, JSON.stringify(document))
    const sql = await cli(['sql', path, '--dialect', 'mysql'])
    expect(sql.code).toBe(1)
    expect(sql.stderr).toContain('users.ix_users_active_email: partial indexes (WHERE) do not exist in MySQL/MariaDB')
    const run = await cli(['lint', path, '--dialect', 'mysql', '--format', 'json'])
    expect(run.code).toBe(2)
    expect(
      JSON.parse(run.stdout).findings.map((f: Finding) => `${f.severity} ${f.code} ${f.path}: ${f.message}`),
    ).toEqual([
      'danger BP021 users.ix_users_active_email: MySQL 8.4 cannot create it: users.ix_users_active_email: partial indexes (WHERE) do not exist in MySQL/MariaDB',
    ])
    expect((await cli(['lint', path, '--dialect', 'postgres'])).code).toBe(0)
  })

  it('json: the same contract, with the object path of each finding', async () => {
    const findings = lintSchema(blog2, { dialect: 'postgres' })
    const run = await cli(['lint', 'examples/blog-v2.json', '--dialect', 'postgres', '--format', 'json'])
    expect(run.code).toBe(0)
    expect(JSON.parse(run.stdout)).toEqual({
      format: 'schemaledger-lint/1',
      documents: ['examples/blog-v2.json'],
      dialect: 'postgres',
      version: { label: 'PostgreSQL 15', assumed: true },
      failOn: 'danger',
      passed: true,
      summary: { danger: 0, warning: 1, info: 0, total: 1, suppressed: 0 },
      findings: findings.map((f) => ({
        code: f.code,
        severity: f.severity,
        path: f.path,
        change: f.change,
        message: f.message,
        explanation: f.explanation,
        fix: { description: f.fix.description, sql: f.fix.sql ?? [] },
        dialect: 'postgres',
        phase: null,
        suppressed: null,
      })),
      possibleRenames: [],
    })
  })

  it('--naming turns the naming rules on, for one schema and for a change', async () => {
    const dir = tempDir()
    const naming = join(dir, 'naming.json')
    writeFileSync(naming, JSON.stringify({ table: '^tbl_' }))
    const expected = lintSchema(blog2, { dialect: 'postgres', naming: { table: '^tbl_' } })
    const run = await cli([
      'lint',
      'examples/blog-v2.json',
      '--dialect',
      'postgres',
      '--naming',
      naming,
      '--format',
      'json',
    ])
    expect(JSON.parse(run.stdout).findings.map((f: Finding) => `${f.code} ${f.path}`)).toEqual(
      worstFirst(expected).map((f) => `${f.code} ${f.path}`),
    )
    expect(expected.filter((f) => f.code === 'NM002').map((f) => f.path)).toEqual(['posts', 'tags', 'users'])
    const change = await cli(['lint', A, B, '--dialect', 'postgres', '--naming', naming, '--format', 'json'])
    expect(JSON.parse(change.stdout).findings.map((f: Finding) => `${f.code} ${f.path}`)).toContain('NM002 tags')
    const bad = join(dir, 'bad-naming.json')
    writeFileSync(bad, JSON.stringify({ tables: '^t' }))
    expect(await cli(['lint', 'examples/blog-v2.json', '--dialect', 'postgres', '--naming', bad])).toEqual({
      code: 1,
      stdout: '',
      stderr: `schemaledger lint: ${bad}: unknown key "tables"; naming keys are schema, table, column, index, foreignKey, check, constraint, enum\n`,
    })
  })

  it('--profile needs a change', async () => {
    const run = await cli(['lint', A, '--dialect', 'postgres', '--profile', 'profile.json'])
    expect(run.code).toBe(1)
    expect(run.stderr.split('\n')[0]).toBe(
      'schemaledger lint: --profile describes the data a change meets; it needs <from> and <to>',
    )
  })
})
