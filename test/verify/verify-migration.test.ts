import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { defineSchema, parseSchema } from '../../src/index.js'
import { verifyMigration } from '../../src/verify/index.js'

const load = (name: string) =>
  parseSchema(JSON.parse(readFileSync(new URL(`../fixtures/${name}`, import.meta.url), 'utf8')))

describe('verifyMigration', () => {
  it('proves the seed story on PGlite, up and down', async () => {
    const result = await verifyMigration(load('seed-v1.json'), load('seed-v2.json'), { dialect: 'postgres' })
    expect(result.failure).toBeUndefined()
    expect(result.remaining?.changes).toEqual([])
    expect(result.remainingAfterDown?.changes).toEqual([])
    expect(result.ok).toBe(true)
  })

  it('proves a SQLite rebuild', async () => {
    const from = defineSchema({
      tables: [
        {
          name: 't',
          columns: [
            { name: 'id', type: 'integer', nullable: false },
            { name: 'n', type: 'text' },
          ],
        },
      ],
    })
    const to = defineSchema({
      tables: [
        {
          name: 't',
          columns: [
            { name: 'id', type: 'integer', nullable: false },
            { name: 'n', type: 'text', nullable: false, default: "''" },
          ],
        },
      ],
    })
    const result = await verifyMigration(from, to, { dialect: 'sqlite' })
    expect(result).toMatchObject({ ok: true })
  })

  it('reports the statement the engine rejects', async () => {
    const from = defineSchema({ tables: [{ name: 't', columns: [{ name: 'id', type: 'integer' }] }] })
    const to = defineSchema({ tables: [{ name: 't', columns: [{ name: 'id', type: 'not_a_type' }] }] })
    const result = await verifyMigration(from, to, { dialect: 'postgres' })
    expect(result.ok).toBe(false)
    expect(result.failure).toMatchObject({ direction: 'up', sql: expect.stringContaining('not_a_type') })
  })

  it('runs only on the embedded engines', async () => {
    const s = defineSchema({ tables: [] })
    await expect(verifyMigration(s, s, { dialect: 'mysql' as 'postgres' })).rejects.toThrow(/embedded engines/)
  })
})
