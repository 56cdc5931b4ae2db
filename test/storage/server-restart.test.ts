import { type ChildProcess, execFileSync, spawn, spawnSync } from 'node:child_process'
import { chmodSync, chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { openStoreAdapter } from '../../src/cli/open-store-adapter.js'
import { createSchemaStore, defineSchema } from '../../src/index.js'

// A server restart in the middle of a run of saves, through the adapters the CLI opens for
// postgres:// and redis:// URLs: no acknowledged save is lost, and saves succeed again as soon as the
// server is back (the clients reconnect by themselves). Each test starts its OWN server with the
// machine's PostgreSQL and Redis binaries on a free port, and restarts it with their own commands
// (`pg_ctl restart -m immediate`, a crash-like stop; `redis-cli shutdown`, then `redis-server` again),
// so the shared servers other tests use are never touched. Without the binaries a test skips and
// says why.

const SAVES_BEFORE = 10
const SAVES_AFTER = 10
const root = mkdtempSync(join(tmpdir(), 'schemaledger-restart-'))
chmodSync(root, 0o755) // the postgres user starts its cluster inside
afterAll(() => rmSync(root, { recursive: true, force: true }))

const has = (command: string, args: string[] = ['--version']) => spawnSync(command, args).status === 0
const isRoot = process.getuid?.() === 0

/** A free TCP port on 127.0.0.1. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0))
    })
  })
}

/** The PostgreSQL binaries directory, or undefined. */
function postgresBindir(): string | undefined {
  const fromConfig = spawnSync('pg_config', ['--bindir'], { encoding: 'utf8' })
  const candidates = [
    ...(fromConfig.status === 0 ? [fromConfig.stdout.trim()] : []),
    ...(existsSync('/usr/lib/postgresql')
      ? readdirSync('/usr/lib/postgresql')
          .sort()
          .reverse()
          .map((v) => `/usr/lib/postgresql/${v}/bin`)
      : []),
  ]
  return candidates.find((dir) => existsSync(join(dir, 'initdb')) && existsSync(join(dir, 'pg_ctl')))
}

const pgBin = postgresBindir()
// PostgreSQL refuses to run as root: as root, run its commands as the postgres user.
const pgUserOk = !isRoot || (has('runuser', ['--help']) && spawnSync('id', ['postgres']).status === 0)
const pgSkip = !pgBin
  ? 'no PostgreSQL binaries (initdb, pg_ctl) on this machine'
  : !pgUserOk
    ? 'running as root without runuser or a postgres user to start PostgreSQL with'
    : undefined
const redisSkip = has('redis-server') && has('redis-cli') ? undefined : 'no redis-server and redis-cli on this machine'

function asPostgres(command: string, args: string[]) {
  const [file, argv] = isRoot ? ['runuser', ['-u', 'postgres', '--', command, ...args]] : [command, args]
  execFileSync(file, argv, { stdio: 'pipe', timeout: 60_000 })
}

/** A private PostgreSQL cluster: its URL and how to restart and remove it. */
async function startPostgres() {
  const dir = mkdtempSync(join(root, 'pg-'))
  if (isRoot) chownSync(dir, Number(execFileSync('id', ['-u', 'postgres']).toString()), 0)
  const data = join(dir, 'data')
  const port = await freePort()
  const pgCtl = join(pgBin as string, 'pg_ctl')
  const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=on`
  asPostgres(join(pgBin as string, 'initdb'), ['-D', data, '-A', 'trust', '-U', 'postgres', '--no-sync', '--locale=C'])
  asPostgres(pgCtl, ['-D', data, '-o', options, '-l', join(dir, 'log'), '-w', 'start'])
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    restart: () =>
      asPostgres(pgCtl, ['-D', data, '-o', options, '-l', join(dir, 'log'), '-m', 'immediate', '-w', 'restart']),
    stop: () => asPostgres(pgCtl, ['-D', data, '-m', 'immediate', '-w', 'stop']),
  }
}

/** A private Redis with an append-only file fsynced on every write: its URL, restart and stop. */
async function startRedis() {
  const dir = mkdtempSync(join(root, 'redis-'))
  const port = await freePort()
  const args = ['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--save', '']
  const durable = [...args, '--appendonly', 'yes', '--appendfsync', 'always']
  let server: ChildProcess
  const start = async () => {
    server = spawn('redis-server', durable, { stdio: 'ignore' })
    for (let i = 0; i < 200; i++) {
      if (spawnSync('redis-cli', ['-p', String(port), 'ping'], { encoding: 'utf8' }).stdout.trim() === 'PONG') return
      await new Promise((resolve) => setTimeout(resolve, 50))
    }
    throw new Error('redis-server did not start')
  }
  const shutdown = async () => {
    const exited = new Promise((resolve) => server.once('exit', resolve))
    spawnSync('redis-cli', ['-p', String(port), 'shutdown'])
    await exited
  }
  await start()
  return {
    url: `redis://127.0.0.1:${port}`,
    restart: async () => {
      await shutdown()
      await start()
    },
    stop: shutdown,
  }
}

const schema = (i: number) =>
  defineSchema({ tables: [{ name: `t${i}`, columns: [{ name: 'id', type: 'integer', nullable: false }] }] })

const until = async (condition: () => boolean, what: string) => {
  const deadline = Date.now() + 60_000
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`)
    await new Promise((resolve) => setTimeout(resolve, 10))
  }
}

/** Saves in a loop while the server restarts; returns what was acknowledged and what failed when. */
async function saveThroughRestart(url: string, restart: () => unknown) {
  const adapter = openStoreAdapter(url, root)
  const store = createSchemaStore({ adapter })
  const acknowledged: { version: number; hash: string; message: string }[] = []
  const failuresStartedAfterRestart: string[] = []
  let restarted = false
  let stop = false
  const writer = (async () => {
    for (let i = 0; !stop; i++) {
      const startedAfterRestart = restarted
      try {
        const info = await store.save('shared', schema(i), { message: `save ${i}` })
        acknowledged.push({ version: info.version, hash: info.hash, message: info.message })
      } catch (error) {
        if (startedAfterRestart) failuresStartedAfterRestart.push(String(error))
        await new Promise((resolve) => setTimeout(resolve, 20))
      }
    }
  })()
  try {
    await until(() => acknowledged.length >= SAVES_BEFORE, 'the first saves')
    await restart()
    restarted = true
    const before = acknowledged.length
    await until(() => acknowledged.length >= before + SAVES_AFTER, 'saves after the restart')
  } finally {
    stop = true
    await writer
  }
  const problems = await store.verify()
  const history = await store.history('shared')
  await adapter.dispose?.()
  return { acknowledged, failuresStartedAfterRestart, problems, history }
}

describe('a shared store through a server restart', () => {
  it.skipIf(pgSkip)(
    `PostgreSQL${pgSkip ? ` (skipped: ${pgSkip})` : ''}: no acknowledged save lost, saves succeed once it is back`,
    async () => {
      const server = await startPostgres()
      try {
        const run = await saveThroughRestart(server.url, server.restart)
        expectSurvived(run)
      } finally {
        server.stop()
      }
    },
    90_000,
  )

  it.skipIf(redisSkip)(
    `Redis${redisSkip ? ` (skipped: ${redisSkip})` : ''}: no acknowledged save lost, saves succeed once it is back`,
    async () => {
      const server = await startRedis()
      try {
        const run = await saveThroughRestart(server.url, server.restart)
        expectSurvived(run)
      } finally {
        await server.stop()
      }
    },
    90_000,
  )
})

function expectSurvived(run: Awaited<ReturnType<typeof saveThroughRestart>>) {
  expect(run.problems).toEqual([])
  expect(run.failuresStartedAfterRestart).toEqual([])
  expect(run.history.map((v) => v.version)).toEqual(run.history.map((_, i) => i + 1))
  for (const saved of run.acknowledged) {
    const stored = run.history[saved.version - 1]
    expect([saved.version, stored?.hash, stored?.message]).toEqual([saved.version, saved.hash, saved.message])
  }
  expect(run.acknowledged.length).toBeGreaterThanOrEqual(SAVES_BEFORE + SAVES_AFTER)
}
