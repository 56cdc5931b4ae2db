import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Ajv2020 } from 'ajv/dist/2020.js'
import { afterAll, describe, expect, it } from 'vitest'
import { configJsonSchema } from '../../src/cli/config/config-description.js'
import { findConfigFile, InvalidConfigError, parseConfig } from '../../src/cli/config/load-config.js'
import { cli, SEED_V1, SEED_V2 } from './run-cli.js'

const dirs: string[] = []
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true })
})
function project(config: unknown): string {
  const dir = mkdtempSync(join(tmpdir(), 'schemaledger-config-'))
  dirs.push(dir)
  writeFileSync(join(dir, 'schemaledger.config.json'), typeof config === 'string' ? config : JSON.stringify(config))
  return dir
}

function issuesOf(json: unknown): string[] {
  try {
    parseConfig(json, 'schemaledger.config.json')
  } catch (error) {
    if (!(error instanceof InvalidConfigError)) throw error
    return error.issues.map((i) => `${i.path}: ${i.message} [${i.code}]`)
  }
  return []
}

describe('parseConfig', () => {
  it('accepts every key and drops $schema', () => {
    const config = {
      $schema: './node_modules/schemaledger/config-schema.json',
      dialect: 'postgres',
      dialectVersion: '15',
      store: '.schemaledger',
      renames: { tables: { people: 'users' }, columns: { 'users.mail': 'email' } },
      rules: { disable: ['DS010'], enable: ['BP001'], severity: { LK001: 'danger' } },
      suppressions: [{ code: 'DS003', path: 'audit_*.*', reason: 'rebuilt nightly', until: '2027-01-31' }],
    }
    const { $schema: _, ...rest } = config
    expect(parseConfig(config, 'c.json')).toEqual(rest)
  })

  it('names every problem by its path, unknown keys included', () => {
    expect(
      issuesOf({
        dialect: 'oracle',
        rules: { disable: ['XX999'], severity: { DS001: 'fatal' }, off: true },
        suppressions: [
          { code: 'DS003', path: 'users.email', reason: 'ok' },
          { code: 'DS003', path: '', reason: 'ok' },
          { code: 'DS003', path: 'users.*', reason: 'ok', until: '2026-02-30' },
          { code: 'DS003', path: 'users.*', reason: 'ok', untill: '2026-02-01' },
        ],
        suppresions: [],
      }),
    ).toEqual([
      'dialect: Invalid option: expected one of "postgres"|"postgresql"|"mysql"|"mariadb"|"sqlite" [invalid_value]',
      'rules.disable[0]: Unknown rule code "XX999" (docs/rules.md lists them) [invalid_value]',
      'rules.severity.DS001: Invalid option: expected one of "danger"|"warning"|"info" [invalid_value]',
      'rules.off: Unknown key "off" (known keys: disable, enable, severity) [unrecognized_keys]',
      'suppressions[1].path: Too small: expected string to have >=1 characters [too_small]',
      'suppressions[2].until: Expected a date as YYYY-MM-DD, got "2026-02-30" [invalid_value]',
      'suppressions[3].untill: Unknown key "untill" (known keys: code, path, reason, until) [unrecognized_keys]',
      'suppresions: Unknown key "suppresions" (known keys: $schema, dialect, dialectVersion, store, renames, rules, suppressions) [unrecognized_keys]',
    ])
    expect(issuesOf([])).toEqual([': Invalid input: expected object, received array [invalid_type]'])
  })
})

describe('config-schema.json', () => {
  const ajv = new Ajv2020({ allErrors: true, strict: true })
  const validate = ajv.compile(configJsonSchema())

  it('accepts a full config and rejects what the loader rejects', () => {
    expect(validate({ dialect: 'mysql', suppressions: [{ code: 'DS003', path: 'a.*', reason: 'r' }] })).toBe(true)
    expect(validate({ dialect: 'mysql', extra: 1 })).toBe(false)
    expect(validate({ suppressions: [{ code: 'NOPE01', path: 'a', reason: 'r' }] })).toBe(false)
    expect(validate({ suppressions: [{ code: 'DS003', path: 'a', reason: 'r', until: 'tomorrow' }] })).toBe(false)
  })

  it('when built, is the schema configJsonSchema() returns (npm run build writes it)', () => {
    const url = new URL('../../config-schema.json', import.meta.url)
    if (!existsSync(url)) {
      console.warn('config-schema.json not built yet (npm run build writes it): comparison skipped')
      return
    }
    expect(JSON.parse(readFileSync(url, 'utf8'))).toEqual(configJsonSchema())
  })
})

describe('finding the config file', () => {
  it('walks up from the working directory to the nearest file', () => {
    const root = project({ dialect: 'sqlite' })
    const deep = join(root, 'packages', 'api')
    mkdirSync(deep, { recursive: true })
    expect(findConfigFile(deep)).toBe(join(root, 'schemaledger.config.json'))
  })
})

describe('schemaledger with a config file', () => {
  it('takes the dialect from the config and shows a suppressed finding, which does not fail the gate', async () => {
    const plain = await cli(
      ['lint', SEED_V1, SEED_V2, '--dialect', 'postgres', '--format', 'json', '--fail-on', 'info'],
      {
        cwd: project({}),
      },
    )
    const first = JSON.parse(plain.stdout).findings[0] as { code: string; path: string }
    const all = JSON.parse(plain.stdout).findings as { code: string; path: string }[]
    const dir = project({
      dialect: 'postgres',
      suppressions: all.map((f) => ({ code: f.code, path: f.path, reason: 'reviewed in #12' })),
    })
    const run = await cli(['lint', SEED_V1, SEED_V2, '--format', 'json', '--fail-on', 'info'], { cwd: dir })
    expect(run.stderr).toBe('')
    expect(run.code).toBe(0)
    const report = JSON.parse(run.stdout)
    expect(report.passed).toBe(true)
    expect(report.summary.suppressed).toBe(all.length)
    expect(report.findings[0]).toMatchObject({
      code: first.code,
      suppressed: { path: first.path, reason: 'reviewed in #12', until: null },
    })
    const text = await cli(['lint', SEED_V1, SEED_V2, '--fail-on', 'info', '--no-color'], { cwd: dir })
    expect(text.stdout).toContain('[suppressed]')
    expect(text.stdout).toContain('suppressed (')
  })

  it('reports an expired suppression as SP001 and fails on it', async () => {
    const plain = await cli(['lint', SEED_V1, SEED_V2, '--dialect', 'postgres', '--format', 'json'], {
      cwd: project({}),
    })
    const f = JSON.parse(plain.stdout).findings[0] as { code: string; path: string }
    const dir = project({ suppressions: [{ code: f.code, path: f.path, reason: 'old', until: '2020-01-01' }] })
    const run = await cli(
      ['lint', SEED_V1, SEED_V2, '--dialect', 'postgres', '--format', 'json', '--fail-on', 'warning'],
      {
        cwd: dir,
      },
    )
    expect(run.code).toBe(2)
    const codes = (JSON.parse(run.stdout).findings as { code: string }[]).map((x) => x.code)
    expect(codes).toContain('SP001')
  })

  it('--config chooses the file; a command-line flag wins over it', async () => {
    const dir = project({ dialect: 'mysql' })
    const other = join(dir, 'ci.json')
    writeFileSync(other, JSON.stringify({ dialect: 'sqlite' }))
    const fromFile = await cli(['sql', SEED_V1, '--config', 'ci.json'], { cwd: dir })
    expect(fromFile.stdout).toContain('-- schemaledger schema: sqlite')
    const flag = await cli(['sql', SEED_V1, '--config', 'ci.json', '--dialect', 'postgres'], { cwd: dir })
    expect(flag.stdout).toContain('-- schemaledger schema: postgres')
    const nearest = await cli(['sql', SEED_V1], { cwd: dir })
    expect(nearest.stdout).toContain('-- schemaledger schema: mysql')
  })

  it('prints every problem of a bad config as file: path: message lines, exit 1, no stack trace', async () => {
    const dir = project({
      dialect: 'postgres',
      suppressions: [{ code: 'DS003', path: 'x', reason: 'r', until: 'soon' }],
    })
    const run = await cli(['lint', SEED_V1, SEED_V2], { cwd: dir })
    expect(run.code).toBe(1)
    expect(run.stderr).toBe(
      'schemaledger lint: schemaledger.config.json is not a valid config file: 1 problem\n' +
        'schemaledger.config.json: suppressions[0].until: Expected a date as YYYY-MM-DD, got "soon" [invalid_value]\n',
    )
    const broken = await cli(['lint', SEED_V1, SEED_V2], { cwd: project('{"dialect": ') })
    expect(broken.code).toBe(1)
    expect(broken.stderr).toMatch(/^schemaledger lint: schemaledger\.config\.json is not JSON: .+\n$/)
    const missing = await cli(['lint', SEED_V1, SEED_V2, '--config', 'nope.json'], { cwd: dir })
    expect(missing.stderr).toBe('schemaledger lint: nope.json: no such file\n')
  })

  it('reads a store named in a parent directory config relative to that file', async () => {
    const root = project({ store: 'versions' })
    const saved = await cli(['store', 'save', SEED_V1, '--name', 'app', '--store', join(root, 'versions')])
    expect(saved.code).toBe(0)
    const deep = join(root, 'services', 'api')
    mkdirSync(deep, { recursive: true })
    const run = await cli(['sql', 'store:app@latest', '--dialect', 'sqlite'], { cwd: deep })
    expect(run.stderr).toBe('')
    expect(run.stdout).toContain('-- schemaledger schema: sqlite')
  })

  it('applies the config rename hints to diff', async () => {
    const dir = project({ renames: { tables: { nope_a: 'nope_b' } } })
    const run = await cli(['diff', SEED_V1, SEED_V2, '--format', 'json'], { cwd: dir })
    // An unknown rename hint is an error of the diff: the hint reached it.
    expect(run.code).toBe(1)
    expect(run.stderr).toContain('nope_a')
  })
})
