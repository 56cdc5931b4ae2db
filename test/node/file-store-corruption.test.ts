import { cpSync, mkdtempSync, readFileSync, rmSync, truncateSync, unlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeEach, describe, expect, it } from 'vitest'
import { createSchemaStore, defineSchema, type SchemaStore, StoreCorruptionError } from '../../src/index.js'
import { fileAdapter } from '../../src/node/index.js'

// Damage made to the files themselves: a flipped byte, a truncated file, a deleted file. Each must
// give a StoreCorruptionError naming the file and the version, leave every other version readable,
// and be repaired by restoring the file (what `git checkout` of a committed store does).

const root = mkdtempSync(join(tmpdir(), 'schemaledger-corruption-'))
const dir = join(root, 'store')
const backup = join(root, 'backup')
afterAll(() => rmSync(root, { recursive: true, force: true }))
const file = (version: number) => join(dir, 'billing', `v${String(version).padStart(4, '0')}.json`)
const schema = (n: number) =>
  defineSchema({ tables: [{ name: `t${n}_${n}`, columns: [{ name: 'id', type: 'integer', nullable: false }] }] })

let store: SchemaStore
beforeEach(async () => {
  rmSync(root, { recursive: true, force: true })
  store = createSchemaStore({ adapter: fileAdapter({ dir }) })
  for (const n of [1, 2, 3, 4]) await store.save('billing', schema(n), { message: `v${n}` })
  cpSync(dir, backup, { recursive: true })
})

async function corruptionOf(run: () => Promise<unknown>) {
  try {
    await run()
  } catch (error) {
    if (error instanceof StoreCorruptionError) {
      return { version: error.version, location: error.location, reason: error.reason, message: error.message }
    }
    throw error
  }
  throw new Error('expected a StoreCorruptionError')
}

async function expectReadable(versions: number[]) {
  for (const version of versions) expect((await store.load('billing', version)).message).toBe(`v${version}`)
}

describe('file store corruption', () => {
  it('detects a byte flipped anywhere in a version file, naming the file and version', async () => {
    const original = readFileSync(file(2))
    for (let offset = 0; offset < original.length; offset++) {
      const damaged = Buffer.from(original)
      damaged[offset] = (damaged[offset] ?? 0) ^ 0x01
      writeFileSync(file(2), damaged)
      const found = await corruptionOf(() => store.load('billing', 2))
      expect([offset, found.version, found.location]).toEqual([offset, 2, file(2)])
    }
    const tableName = original.indexOf('"t2_2"') + 1
    const damaged = Buffer.from(original)
    damaged[tableName] = (damaged[tableName] ?? 0) ^ 0x20 // t -> T: still valid JSON, different schema
    writeFileSync(file(2), damaged)
    const found = await corruptionOf(() => store.load('billing', 2))
    expect(found.reason).toBe('hash_mismatch')
    expect(found.message).toContain(`Version 2 of "billing" is damaged (${file(2)})`)
    await expectReadable([1, 3, 4])
  })

  it('detects a truncated latest version; older ones stay readable; saving waits for the repair', async () => {
    truncateSync(file(4), 100)
    for (const ref of [4, 'latest'] as const) {
      expect(await corruptionOf(() => store.load('billing', ref))).toMatchObject({
        version: 4,
        location: file(4),
        reason: 'unreadable_json',
      })
    }
    await expectReadable([1, 2, 3])
    expect((await corruptionOf(() => store.save('billing', schema(5)))).version).toBe(4)
  })

  it('detects a deleted version between others', async () => {
    unlinkSync(file(3))
    expect(await corruptionOf(() => store.load('billing', 3))).toMatchObject({
      version: 3,
      location: file(3),
      reason: 'missing_version',
    })
    expect((await corruptionOf(() => store.history('billing'))).version).toBe(3)
    await expectReadable([1, 2, 4])
  })

  it('lists all damage with verify() and is repaired by restoring the files', async () => {
    writeFileSync(file(1), readFileSync(file(1), 'utf8').replace('"message": "v1"', '"message": "v1!"'))
    truncateSync(file(2), 10)
    unlinkSync(file(3))
    expect((await store.verify()).map((p) => [p.version, p.location, p.reason])).toEqual([
      [1, file(1), 'checksum_mismatch'],
      [2, file(2), 'unreadable_json'],
      [3, file(3), 'missing_version'],
    ])
    await expectReadable([4])
    for (const version of [1, 2, 3]) cpSync(join(backup, 'billing', `v000${version}.json`), file(version))
    expect(await store.verify()).toEqual([])
    expect((await store.history('billing')).map((v) => v.message)).toEqual(['v1', 'v2', 'v3', 'v4'])
  })

  it('recovers from a damaged latest version with no copy by deleting it; the number is reused', async () => {
    truncateSync(file(4), 0)
    unlinkSync(file(4))
    const saved = await store.save('billing', schema(5), { message: 'v5 as 4' })
    expect(saved.version).toBe(4)
    expect(await store.verify()).toEqual([])
  })
})
