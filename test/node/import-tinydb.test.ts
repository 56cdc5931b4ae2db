import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, describe, expect, it } from 'vitest'
import { createSchemaStore, diffSchemas, memoryAdapter, parseSchema, serializeSchema } from '../../src/index.js'
import { fileAdapter, importTinyDB } from '../../src/node/index.js'

// test/fixtures/tinydb-history.json is a TinyDB file as earlier Python tools kept it: documents with
// the schema as `metadata`, under `data`, or as JSON text under `schema`; named or not; ordered by
// `version`, by timestamp (ISO, Python's naive isoformat, epoch seconds) or only by document id.

const fixture = fileURLToPath(new URL('../fixtures/tinydb-history.json', import.meta.url))
const root = mkdtempSync(join(tmpdir(), 'schemaledger-tinydb-'))
afterAll(() => rmSync(root, { recursive: true, force: true }))

describe('importTinyDB', () => {
  it('imports every readable document in order and reports what it skipped and why', async () => {
    const store = createSchemaStore({ adapter: fileAdapter({ dir: join(root, 'store') }) })
    const report = await importTinyDB(fixture, store)
    expect(report.imported).toEqual([
      { id: '1', name: 'blog', version: 1 },
      { id: '4', name: 'blog', version: 2 },
      { id: '3', name: 'blog', version: 3 },
      { id: '9', name: 'inventory', version: 1 },
      { id: '6', name: 'shop', version: 1 },
      { id: '2', name: 'shop', version: 2 },
    ])
    expect(report.skipped.map((s) => [s.id, s.name, s.reason.split(':')[0]])).toEqual([
      ['7', undefined, 'no schema document (expected a metadata, schema, data or document key)'],
      ['8', 'broken', 'invalid schema'],
      ['10', '../escape', 'Invalid name "../escape"'],
      ['5', 'blog', 'identical to version 3'],
    ])
    expect(report.order).toEqual({ '../escape': 'id', blog: 'version', inventory: 'id', shop: 'timestamp' })

    expect(await store.names()).toEqual(['blog', 'inventory', 'shop'])
    const blog = await store.history('blog')
    expect(blog.map((v) => [v.version, v.createdAt, v.message])).toEqual([
      [1, '2023-03-01T10:00:00.000Z', 'Imported from TinyDB document 1 (version 1)'],
      [2, '2023-03-02T10:00:00.000Z', 'comment on users'],
      [3, '2023-03-03T09:30:00.123Z', 'Imported from TinyDB document 3 (version 3)'],
    ])
    const shop = await store.load('shop', 2)
    expect([shop.createdAt, shop.message, shop.author]).toEqual([
      '2023-03-28T10:40:00.000Z',
      'shop: add coupons',
      'sam',
    ])
    expect((await store.diff('shop', 1, 2)).changes.map((c) => `${c.kind} ${c.path}`)).toEqual(['create_table coupons'])
  })

  it('keeps the schemas exactly', async () => {
    const store = createSchemaStore({ adapter: memoryAdapter() })
    await importTinyDB(fixture, store)
    const { readFile } = await import('node:fs/promises')
    const seed = (name: string) => readFile(new URL(`../fixtures/${name}`, import.meta.url), 'utf8')
    const v1 = parseSchema(JSON.parse(await seed('seed-v1.json')))
    const v2 = parseSchema(JSON.parse(await seed('seed-v2.json')))
    expect(serializeSchema((await store.load('blog', 1)).schema)).toBe(serializeSchema(v1))
    expect(serializeSchema((await store.load('blog', 3)).schema)).toBe(serializeSchema(v2))
    expect(await store.diff('blog', 1, 3)).toEqual(diffSchemas(v1, v2))
  })

  it('uses options.name for unnamed documents, reads other tables, and rejects non-TinyDB files', async () => {
    const store = createSchemaStore({ adapter: memoryAdapter() })
    const path = join(root, 'named.json')
    const doc = { metadata: { tables: [{ name: 't', columns: [{ name: 'id', type: 'Integer' }] }] } }
    writeFileSync(path, JSON.stringify({ _default: {}, schemas: { '1': doc } }))
    expect((await importTinyDB(path, store, { table: 'schemas', name: 'legacy' })).imported).toEqual([
      { id: '1', name: 'legacy', version: 1 },
    ])
    await expect(importTinyDB(path, store, { table: 'nope' })).rejects.toThrow(
      /No TinyDB table "nope" \(found: _default, schemas\)/,
    )
    writeFileSync(path, '{"_default": ')
    await expect(importTinyDB(path, store)).rejects.toMatchObject({ code: 'invalid_tinydb' })
  })
})
