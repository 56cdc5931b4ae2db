import { describe, expect, it } from 'vitest'
import { toDrizzle, toJsonSchema, toPrisma, toSQLAlchemy, toTypeScript, toZod } from '../../src/codegen/index.js'
import { cli, load, SEED_V2 } from './run-cli.js'

const seed = load(SEED_V2)
const warningLines = (warnings: readonly string[]) =>
  warnings.map((w) => `schemaledger codegen: not expressed: ${w}\n`).join('')

describe.concurrent('schemaledger codegen', () => {
  it.each([
    [['--target', 'sqlalchemy'], toSQLAlchemy(seed)],
    [
      ['--target', 'sqlalchemy', '--style', 'orm', '--dialect', 'sqlite'],
      toSQLAlchemy(seed, { style: 'orm', dialect: 'sqlite' }),
    ],
    [['--target', 'prisma', '--dialect', 'mariadb'], toPrisma(seed, { provider: 'mysql' })],
    [['--target', 'prisma'], toPrisma(seed)],
    [['--target', 'drizzle'], toDrizzle(seed)],
    [['--target', 'drizzle', '--dialect', 'mariadb'], toDrizzle(seed, { dialect: 'mysql' })],
  ])('%j prints the module and lists what it cannot express on standard error', async (flags, expected) => {
    const run = await cli(['codegen', SEED_V2, ...flags])
    expect(run).toEqual({ code: 0, stdout: expected.source, stderr: warningLines(expected.warnings) })
  })

  it('writes TypeScript, zod and one JSON Schema per table', async () => {
    expect((await cli(['codegen', SEED_V2, '--target', 'typescript'])).stdout).toBe(toTypeScript(seed))
    expect((await cli(['codegen', SEED_V2, '--target', 'zod'])).stdout).toBe(toZod(seed))
    const json = JSON.parse((await cli(['codegen', SEED_V2, '--target', 'json-schema'])).stdout)
    expect(json).toEqual(Object.fromEntries(seed.tables.map((t) => [t.name, toJsonSchema(seed, t.name)])))
  })

  it('needs --target', async () => {
    const missing = await cli(['codegen', SEED_V2])
    expect(missing.code).toBe(1)
    expect(missing.stderr).toMatch(/^schemaledger codegen: --target is required\n/)
  })

  it('names both tables when two map to one identifier, without a stack trace', async () => {
    const doc = JSON.stringify({
      format: 'schemaledger/1',
      tables: [
        { name: 'audit-log', columns: [{ name: 'id', type: 'integer', nullable: true }] },
        { name: 'audit log', columns: [{ name: 'id', type: 'integer', nullable: true }] },
      ],
    })
    const run = await cli(['codegen', '-', '--target', 'prisma'], { input: doc })
    expect(run).toEqual({
      code: 1,
      stdout: '',
      stderr:
        'schemaledger codegen: table "audit-log" and table "audit log" both become the identifier AuditLog; rename one of them\n',
    })
  })
})
