import { spawn } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { afterAll, describe, expect, it } from 'vitest'
import { createSchemaStore, type StorageAdapter } from '../../src/index.js'
import { redisAdapter, sqlAdapter } from '../../src/storage/index.js'
import {
  MYSQL_URL,
  mysqlSkip,
  openMysql,
  openPostgres,
  openRedis,
  PG_URL,
  pgSkip,
  quoteTable,
  REDIS_URL,
  redisSkip,
  uniqueName,
} from './store-backends.js'

// Processes running the BUILT package (the test script's pretest builds it) share one store on each
// server: 8 processes x 50 saves to one name must give exactly versions 1..400, every one loading to
// what its writer saved; and writers killed with SIGKILL at random moments, one after another, must
// leave only complete versions without gaps, holding every save they reported as returned.

const WORKERS = 8
const SAVES_PER_WORKER = 50
const KILLS = 8
const script = fileURLToPath(new URL('./fixtures/shared-store-worker.mjs', import.meta.url))

interface Server {
  readonly backend: 'postgres' | 'mysql' | 'redis'
  readonly url: string
  readonly skip: string | undefined
  /** A fresh table or namespace, and an adapter on it for the test's own checks. */
  fresh(): Promise<{ target: string; adapter: StorageAdapter; drop(): Promise<void> }>
}

const sqlServer = (backend: 'postgres' | 'mysql', url: string | undefined, skip: string | undefined): Server => ({
  backend,
  url: url ?? '',
  skip,
  async fresh() {
    const connection = backend === 'postgres' ? await openPostgres() : await openMysql()
    const target = uniqueName()
    const adapter = sqlAdapter({ dialect: backend, query: connection.query, table: target })
    await adapter.getKeys() // the table exists before the workers race for it
    return {
      target,
      adapter,
      drop: async () => {
        await connection.query(`DROP TABLE IF EXISTS ${quoteTable(backend, target)}`, [])
        await connection.close()
      },
    }
  },
})

const SERVERS: readonly Server[] = [
  sqlServer('postgres', PG_URL, pgSkip),
  sqlServer('mysql', MYSQL_URL, mysqlSkip),
  {
    backend: 'redis',
    url: REDIS_URL ?? '',
    skip: redisSkip,
    async fresh() {
      const connection = await openRedis()
      const target = `${uniqueName('sl_redis')}:`
      const adapter = redisAdapter({ client: connection.client, namespace: target })
      return {
        target,
        adapter,
        drop: async () => {
          for (const key of await adapter.getKeys()) await connection.client.sendCommand(['DEL', target + key])
          await connection.close()
        },
      }
    },
  },
]

interface ReturnedSave {
  readonly version: number
  readonly hash: string
  readonly table: string
}

const parseSaves = (lines: readonly string[]): ReturnedSave[] =>
  lines.map((line) => {
    const [version, hash, table] = line.split(' ')
    return { version: Number(version), hash: hash ?? '', table: table ?? '' }
  })

function runWorker(server: Server, target: string, worker: number): Promise<ReturnedSave[]> {
  return new Promise((resolve, reject) => {
    const args = [script, 'many', server.backend, server.url, target, String(worker), String(SAVES_PER_WORKER)]
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (chunk) => {
      stdout += chunk
    })
    child.stderr.on('data', (chunk) => {
      stderr += chunk
    })
    child.on('error', reject)
    child.on('close', (code) =>
      code === 0 ? resolve(parseSaves(stdout.trim().split('\n'))) : reject(new Error(`worker ${worker}: ${stderr}`)),
    )
  })
}

/** A writer that saves until killed `delayMs` after its first save returned; resolves with what it reported. */
function killAfterFirstSave(server: Server, target: string, run: number, delayMs: number): Promise<ReturnedSave[]> {
  return new Promise((resolve, reject) => {
    const args = [script, 'until-killed', server.backend, server.url, target, String(run)]
    const child = spawn(process.execPath, args, { stdio: ['pipe', 'pipe', 'pipe'] })
    let stdout = ''
    let stderr = ''
    let started = false
    let armed = false
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk
      if (!started && stdout.startsWith('ready\n')) {
        started = true
        child.stdin.write('go\n')
      }
      if (!armed && /^ready\n.*\n/.test(stdout)) {
        armed = true
        setTimeout(() => child.kill('SIGKILL'), delayMs)
      }
    })
    child.stderr.on('data', (chunk) => {
      stderr += chunk
    })
    child.on('error', reject)
    child.on('close', (_code, signal) => {
      if (signal !== 'SIGKILL') return reject(new Error(`run ${run} ended without being killed: ${stderr}`))
      resolve(parseSaves(stdout.split('\n').slice(1, -1))) // complete lines only
    })
  })
}

const versionsUpTo = (n: number) => Array.from({ length: n }, (_, i) => i + 1)

for (const server of SERVERS) {
  const title = server.skip ? `${server.backend} (skipped: ${server.skip})` : server.backend
  describe.skipIf(server.skip)(`shared store on the ${title} server under concurrent processes`, () => {
    const drops: (() => Promise<void>)[] = []
    afterAll(async () => {
      for (const drop of drops) await drop()
    })

    it(`numbers ${WORKERS * SAVES_PER_WORKER} saves from ${WORKERS} processes 1..${WORKERS * SAVES_PER_WORKER}`, async () => {
      const { target, adapter, drop } = await server.fresh()
      drops.push(drop)
      const saves = (
        await Promise.all(Array.from({ length: WORKERS }, (_, worker) => runWorker(server, target, worker)))
      ).flat()
      const total = WORKERS * SAVES_PER_WORKER
      expect(saves.map((s) => s.version).sort((a, b) => a - b)).toEqual(versionsUpTo(total))

      const store = createSchemaStore({ adapter })
      expect(await store.verify()).toEqual([])
      const history = await store.history('shared')
      expect(history.map((v) => v.version)).toEqual(versionsUpTo(total))
      for (const save of saves) {
        expect([history[save.version - 1]?.hash, history[save.version - 1]?.message]).toEqual([save.hash, save.table])
      }
    }, 90_000)

    it(`keeps every returned save and no half version through ${KILLS} SIGKILLs mid-save`, async () => {
      const { target, adapter, drop } = await server.fresh()
      drops.push(drop)
      const store = createSchemaStore({ adapter })
      const returned: ReturnedSave[] = []
      // Two writers at a time, each killed 0-30 ms after its first save returned: inside a later save.
      for (let run = 0; run < KILLS; run += 2) {
        const pair = [run, run + 1].map((r) => killAfterFirstSave(server, target, r, Math.floor(Math.random() * 30)))
        for (const saves of await Promise.all(pair)) returned.push(...saves)
        const keys = [...(await adapter.getKeys('shared/'))].filter((k: string) => k.startsWith('shared/v')).sort()
        expect(keys).toEqual(versionsUpTo(keys.length).map((v) => `shared/v${String(v).padStart(4, '0')}.json`))
      }
      expect(returned.length).toBeGreaterThanOrEqual(KILLS)
      expect(await store.verify()).toEqual([])
      const history = await store.history('shared')
      for (const save of returned) {
        expect([history[save.version - 1]?.hash, history[save.version - 1]?.message]).toEqual([save.hash, save.table])
      }
    }, 90_000)
  })
}
