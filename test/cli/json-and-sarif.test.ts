import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Ajv } from 'ajv'
import { afterAll, describe, expect, it } from 'vitest'
import { diffSchemas } from '../../src/index.js'
import { createSchemaSQL, planMigration } from '../../src/sql/index.js'
import { cli, load, repo, SEED_V1, SEED_V2 } from './run-cli.js'

// --format json of migrate and sql (every statement with its flags, as the library plans them) and
// --format sarif of lint and diff, from the built bin.

const v1 = load(SEED_V1)
const v2 = load(SEED_V2)
const statement = (s: {
  sql: string
  change?: unknown
  destructive: boolean
  transactional: boolean
  reason?: string
}) => ({
  sql: s.sql,
  change: s.change ?? null,
  destructive: s.destructive,
  transactional: s.transactional,
  reason: s.reason ?? null,
})

describe('migrate --format json', () => {
  it('writes the planned statements with their destructive and transactional flags', async () => {
    const run = await cli(['migrate', SEED_V1, SEED_V2, '--dialect', 'postgres', '--format', 'json'])
    expect(run.code).toBe(0)
    const plan = planMigration(diffSchemas(v1, v2), { dialect: 'postgres', from: v1, to: v2 })
    expect(JSON.parse(run.stdout)).toEqual({
      format: 'schemaledger-migration/1',
      dialect: 'postgres',
      direction: 'up',
      transaction: true,
      destructive: plan.up.some((s) => s.destructive),
      statements: plan.up.map(statement),
    })
    expect(plan.up.some((s) => s.destructive)).toBe(true)
  })

  it('--down, --no-transaction and --phases', async () => {
    const down = JSON.parse(
      (
        await cli([
          'migrate',
          SEED_V1,
          SEED_V2,
          '--dialect',
          'postgres',
          '--down',
          '--no-transaction',
          '--format',
          'json',
        ])
      ).stdout,
    )
    const plan = planMigration(diffSchemas(v1, v2), { dialect: 'postgres', from: v1, to: v2 })
    expect(down.direction).toBe('down')
    expect(down.transaction).toBe(false)
    expect(down.statements).toEqual(plan.down.map(statement))
    const phased = JSON.parse(
      (await cli(['migrate', SEED_V1, SEED_V2, '--dialect', 'postgres', '--phases', '--format', 'json'])).stdout,
    )
    const { phases } = planMigration(diffSchemas(v1, v2), { dialect: 'postgres', from: v1, to: v2, phases: true })
    expect(phased.statements).toEqual([
      ...phases.pre.map((s) => ({ ...statement(s), phase: 'pre', breaking: s.breaking === true })),
      ...phases.post.map((s) => ({ ...statement(s), phase: 'post', breaking: false })),
    ])
  })
})

describe('sql --format json', () => {
  it('writes the CREATE statements with their flags', async () => {
    const run = await cli(['sql', SEED_V1, '--dialect', 'sqlite', '--format', 'json'])
    expect(run.code).toBe(0)
    const statements = createSchemaSQL(v1, 'sqlite')
    expect(JSON.parse(run.stdout)).toEqual({
      format: 'schemaledger-sql/1',
      dialect: 'sqlite',
      transaction: true,
      destructive: false,
      statements: statements.map(statement),
    })
  })
})

describe('--format sarif', () => {
  const {
    $schema: _,
    id,
    ...schema
  } = JSON.parse(readFileSync(repo('test/format/sarif/sarif-2.1.0-rtm.5.json'), 'utf8')) as Record<string, unknown>
  const validate = new Ajv({ strict: false, validateFormats: false, unicodeRegExp: false }).compile({
    ...schema,
    $id: id as string,
  })

  it('lint: a valid SARIF 2.1.0 log, the exit code still the gate', async () => {
    const run = await cli(['lint', SEED_V1, SEED_V2, '--dialect', 'postgres', '--format', 'sarif'])
    expect(run.code).toBe(2)
    const log = JSON.parse(run.stdout)
    expect(validate(log), JSON.stringify(validate.errors)).toBe(true)
    const json = JSON.parse((await cli(['lint', SEED_V1, SEED_V2, '--dialect', 'postgres', '--format', 'json'])).stdout)
    expect(log.runs[0].results.map((r: { ruleId: string }) => r.ruleId)).toEqual(
      json.findings.map((f: { code: string }) => f.code),
    )
    expect(log.runs[0].tool.driver.version).toMatch(/^\d+\.\d+\.\d+/)
    // Each result sits on the line of its object's "name" in the <to> document.
    const lines = readFileSync(SEED_V2, 'utf8').split('\n')
    type Located = {
      locations: {
        physicalLocation: { region: { startLine: number } }
        logicalLocations: { fullyQualifiedName: string }[]
      }[]
    }
    const placed = (log.runs[0].results as Located[]).map((r) => {
      const where = r.locations[0]
      return [
        where?.logicalLocations[0]?.fullyQualifiedName ?? '',
        where?.physicalLocation.region.startLine ?? 0,
      ] as const
    })
    expect(placed.filter(([, line]) => line > 1).length).toBeGreaterThan(0)
    for (const [path, line] of placed) {
      if (line > 1) expect(lines[line - 1], path).toContain(`"${path.split('.').at(-1)}"`)
    }
  })

  it('diff: the findings of the change, and a usage error without --dialect', async () => {
    const run = await cli(['diff', SEED_V1, SEED_V2, '--dialect', 'mysql', '--format', 'sarif'])
    expect(run.code).toBe(0)
    expect(validate(JSON.parse(run.stdout))).toBe(true)
    const bare = await cli(['diff', SEED_V1, SEED_V2, '--format', 'sarif'])
    expect(bare.code).toBe(1)
    expect(bare.stderr).toContain('--format sarif reports the findings of a change; it needs --dialect')
  })
})

describe('store save, tag and verify --format json', () => {
  const dir = mkdtempSync(join(tmpdir(), 'schemaledger-store-json-'))
  afterAll(() => rmSync(dir, { recursive: true, force: true }))
  const store = ['--store', join(dir, 'store')]

  it('say what was saved, tagged and found', async () => {
    const first = JSON.parse(
      (await cli(['store', 'save', SEED_V1, '--name', 'app', ...store, '--format', 'json'])).stdout,
    )
    expect(first).toMatchObject({ name: 'app', version: 1, tags: [], created: true })
    expect(first.hash).toMatch(/^[0-9a-f]{64}$/)
    const again = JSON.parse(
      (await cli(['store', 'save', SEED_V1, '--name', 'app', ...store, '--format', 'json'])).stdout,
    )
    expect(again).toMatchObject({ version: 1, created: false })
    const tagged = JSON.parse((await cli(['store', 'tag', 'app', '1', 'prod', ...store, '--format', 'json'])).stdout)
    expect(tagged).toMatchObject({ name: 'app', version: 1, tags: ['prod'], tag: 'prod' })
    const verify = await cli(['store', 'verify', ...store, '--format', 'json'])
    expect(verify.code).toBe(0)
    expect(JSON.parse(verify.stdout)).toEqual({ ok: true, problems: [] })
  })
})
