import { spawn } from 'node:child_process'
import { mkdtempSync, readdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, describe, expect, it } from 'vitest'
import { createSchemaStore } from '../../src/index.js'
import { fileAdapter } from '../../src/node/index.js'

// Eight processes, running the BUILT package (the test script's pretest builds it), save 50 different
// schemas each under one name in one file store at the same time. Version numbers are claimed by
// exclusive creation of the version file, so the result must be exactly versions 1..400.

const WORKERS = 8
const SAVES_PER_WORKER = 50
const script = fileURLToPath(new URL('./fixtures/save-many.mjs', import.meta.url))
const dir = mkdtempSync(join(tmpdir(), 'schemaledger-concurrency-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

function runWorker(worker: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [script, dir, String(worker), String(SAVES_PER_WORKER)], {
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (chunk) => {
      stdout += chunk
    })
    child.stderr.on('data', (chunk) => {
      stderr += chunk
    })
    child.on('error', reject)
    child.on('close', (code) => (code === 0 ? resolve(stdout) : reject(new Error(`worker ${worker}: ${stderr}`))))
  })
}

describe('file store under concurrent processes', () => {
  it(`numbers ${WORKERS * SAVES_PER_WORKER} saves from ${WORKERS} processes 1..${WORKERS * SAVES_PER_WORKER}, each loading to what was saved`, async () => {
    const outputs = await Promise.all(Array.from({ length: WORKERS }, (_, worker) => runWorker(worker)))
    const saves = outputs.flatMap((out) =>
      out
        .trim()
        .split('\n')
        .map((line) => {
          const [version, hash, table] = line.split(' ')
          return { version: Number(version), hash, table }
        }),
    )
    const total = WORKERS * SAVES_PER_WORKER
    expect(saves.length).toBe(total)
    expect(saves.map((s) => s.version).sort((a, b) => a - b)).toEqual(Array.from({ length: total }, (_, i) => i + 1))

    const store = createSchemaStore({ adapter: fileAdapter({ dir }) })
    expect(await store.verify()).toEqual([])
    const history = await store.history('shared')
    expect(history.map((v) => v.version)).toEqual(Array.from({ length: total }, (_, i) => i + 1))
    for (const save of saves) {
      const loaded = await store.load('shared', save.version)
      expect([loaded.hash, loaded.message, loaded.schema.tables.map((t) => t.name)]).toEqual([
        save.hash,
        save.table,
        [save.table],
      ])
    }
    expect(readdirSync(join(dir, 'shared')).filter((name) => name.startsWith('.tmp-'))).toEqual([])
  }, 60_000)
})
