import { spawn } from 'node:child_process'
import { mkdtempSync, readdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, describe, expect, it } from 'vitest'
import { createSchemaStore } from '../../src/index.js'
import { fileAdapter } from '../../src/node/index.js'

// A child process (running the BUILT package) saves in a loop and is killed with SIGKILL at a random
// moment, 50 times. After each kill the store must open cleanly, hold every save the child reported
// as returned, show no gaps or damaged files, and never show a temporary file as a key. Even runs
// are killed 0-60 ms after "go" (often inside the very first save, directory creation included);
// odd runs 0-40 ms after their first save returned (inside a later save or between saves). The next
// children load the package while the current one runs, so the 50 process starts overlap.

const KILLS = 50
const LOOKAHEAD = 2
const script = fileURLToPath(new URL('./fixtures/save-until-killed.mjs', import.meta.url))
const dir = mkdtempSync(join(tmpdir(), 'schemaledger-crash-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

interface ReturnedSave {
  readonly version: number
  readonly hash: string
  readonly table: string
}

interface Child {
  /** Resolves once the child has loaded the package and waits for "go". */
  readonly ready: Promise<void>
  /** Starts saving, and kills the child `delayMs` later (counted from its first returned save when `afterFirstSave`). */
  readonly goAndKillAfter: (delayMs: number, afterFirstSave: boolean) => void
  /** Resolves after the kill with the saves the child reported as returned. */
  readonly killed: Promise<ReturnedSave[]>
}

function startChild(run: number): Child {
  const child = spawn(process.execPath, [script, dir, String(run)], { stdio: ['pipe', 'pipe', 'pipe'] })
  let stdout = ''
  let stderr = ''
  let markReady = () => {}
  const ready = new Promise<void>((resolve) => {
    markReady = resolve
  })
  let onFirstSave = () => {}
  child.stdout.on('data', (chunk: Buffer) => {
    stdout += chunk
    if (stdout.startsWith('ready\n')) markReady()
    if (/^ready\n.*\n/.test(stdout)) onFirstSave()
  })
  child.stderr.on('data', (chunk) => {
    stderr += chunk
  })
  const killed = new Promise<ReturnedSave[]>((resolve, reject) => {
    child.on('error', reject)
    child.on('close', (_code, signal) => {
      if (signal !== 'SIGKILL') return reject(new Error(`run ${run} ended without being killed: ${stderr}`))
      // Only complete lines count: each is printed (synchronously) after its save returned.
      const lines = stdout.split('\n').slice(1, -1)
      resolve(
        lines.map((line) => {
          const [version, hash, table] = line.split(' ')
          return { version: Number(version), hash: hash ?? '', table: table ?? '' }
        }),
      )
    })
  })
  const goAndKillAfter = (delayMs: number, afterFirstSave: boolean) => {
    let armed = false
    const arm = () => {
      if (armed) return
      armed = true
      setTimeout(() => child.kill('SIGKILL'), delayMs)
    }
    if (afterFirstSave) onFirstSave = arm
    child.stdin.write('go\n')
    if (!afterFirstSave) arm()
  }
  return { ready, goAndKillAfter, killed }
}

/** Temporary files in the name's directory (it does not exist until the first save gets far enough). */
function tempFiles(): string[] {
  const names = readdirSync(dir).includes('crashy') ? readdirSync(join(dir, 'crashy')) : []
  return names.filter((name) => name.startsWith('.tmp-'))
}

describe('file store under SIGKILL', () => {
  it(`keeps every returned save through ${KILLS} kills at random moments`, async () => {
    const returned: ReturnedSave[] = []
    const leftoverTempFiles = new Set<string>()
    const loadedHashes = new Map<number, string>()
    let checkedVersions = 0
    const warming = Array.from({ length: LOOKAHEAD }, (_, run) => startChild(run))
    for (let run = 0; run < KILLS; run++) {
      const current = warming.shift() as Child
      if (run + LOOKAHEAD < KILLS) warming.push(startChild(run + LOOKAHEAD))
      await current.ready
      const afterFirstSave = run % 2 === 1
      current.goAndKillAfter(Math.floor(Math.random() * (afterFirstSave ? 40 : 60)), afterFirstSave)
      const saves = await current.killed
      returned.push(...saves)

      // Version files are immutable, so each run only needs to check the versions it added: the
      // listing is exactly v0001..vN (no gaps, nothing else visible), each new file loads (shape,
      // place, hash, checksum, schema), and every save reported as returned is there.
      const adapter = fileAdapter({ dir })
      const store = createSchemaStore({ adapter })
      const keys = await adapter.getKeys()
      const versionKeys = keys.filter((key) => key !== 'crashy/tags/newest.json')
      expect(versionKeys).toEqual(versionKeys.map((_, i) => `crashy/v${String(i + 1).padStart(4, '0')}.json`))
      for (let version = checkedVersions + 1; version <= versionKeys.length; version++) {
        const loaded = await store.load('crashy', version)
        loadedHashes.set(version, loaded.hash)
      }
      checkedVersions = versionKeys.length
      for (const save of saves)
        expect([save.version, loadedHashes.get(save.version)]).toEqual([save.version, save.hash])
      if (keys.includes('crashy/tags/newest.json')) await store.load('crashy', 'newest')
      for (const name of tempFiles()) leftoverTempFiles.add(name)
    }
    expect(returned.length).toBeGreaterThanOrEqual(KILLS / 2) // every odd run returned a save
    const store = createSchemaStore({ adapter: fileAdapter({ dir }) })
    expect(await store.verify()).toEqual([])
    const history = await store.history('crashy')
    for (const save of returned) expect(history[save.version - 1]?.message).toBe(save.table)

    // Temporary files the killed writers left behind are removed once they are stale.
    await fileAdapter({ dir, staleTempAfterMs: 0 }).getKeys()
    expect(tempFiles()).toEqual([])
    console.info(
      `crash test: ${returned.length} saves returned over ${KILLS} kills; ${leftoverTempFiles.size} temp files left by killed writers`,
    )
  }, 90_000)
})
