import { randomBytes } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import {
  type BlockRun,
  createSandbox,
  documentationFiles,
  normalizeOutput,
  REPO_ROOT,
  runWithNode,
  runWithVitest,
} from './block-sandbox.js'
import { extractCodeBlocks, type RunnableBlock, runnableBlocks } from './markdown-code-blocks.js'

// Every fenced TypeScript/JavaScript block of README.md and docs/*.md runs here against the built
// package (npm run build first; `npm test` does), so the documentation cannot rot. Blocks marked
// `no-run` are counted and listed; `vitest` blocks run as real vitest tests; `postgres` blocks need a
// server and skip with the reason when there is none; a `text output` block after a block must be
// exactly what it prints. See test/docs/markdown-code-blocks.ts for the info-string grammar.

const DOCUMENTS = documentationFiles()
const blocks = DOCUMENTS.flatMap((file) =>
  runnableBlocks(extractCodeBlocks(readFileSync(join(REPO_ROOT, file), 'utf8'), file)),
)
const sandbox = createSandbox(blocks)
afterAll(() => sandbox.dispose())

/** A block may start PGlite or run a storage suite; on a busy machine that takes a while. */
const BLOCK_TIMEOUT = 180_000

const at = (b: RunnableBlock) => `${b.file}:${b.line}`
const byMode = (mode: RunnableBlock['mode']) => blocks.filter((b) => b.mode === mode)

/** Fails with the block's place and everything it printed. */
function expectRan(block: RunnableBlock, run: BlockRun) {
  const report = `${at(block)} exited with ${run.code}\n--- stderr\n${run.stderr}\n--- stdout\n${run.stdout}`
  expect(run.code, report).toBe(0)
  if (block.expectedOutput) {
    expect(
      normalizeOutput(run.stdout),
      `${at(block)}: output differs from the block at line ${block.expectedOutput.line}`,
    ).toBe(normalizeOutput(block.expectedOutput.text))
  }
}

describe('documentation code blocks', () => {
  it('are found, and the ones not run are marked no-run explicitly', () => {
    const counts = Object.fromEntries(
      ['node', 'vitest', 'postgres', 'no-run'].map((m) => [m, byMode(m as RunnableBlock['mode']).length]),
    )
    console.log(
      `documentation blocks: ${blocks.length} (${JSON.stringify(counts)}); not run:\n${byMode('no-run')
        .map((b) => `  ${at(b)}`)
        .join('\n')}`,
    )
    expect(byMode('node').length).toBeGreaterThan(20)
    // Illustrative blocks stay the exception.
    expect(byMode('no-run').length).toBeLessThan(blocks.length / 4)
  })

  it.concurrent.each(byMode('node').map((b) => [at(b), b] as const))(
    '%s runs',
    async (_, block) => {
      expectRan(block, await runWithNode(block, sandbox.workdir(block)))
    },
    BLOCK_TIMEOUT,
  )
})

const PG_URL = process.env.SCHEMALEDGER_PG_URL

/** A fresh database on the PostgreSQL server for one block, or the reason there is none. */
async function freshPostgresDatabase(): Promise<{ url: string; drop: () => Promise<void> } | { skip: string }> {
  if (!PG_URL) return { skip: 'SCHEMALEDGER_PG_URL is not set: no PostgreSQL server to run this block against' }
  const pg = (await import('pg')).default
  const admin = new pg.Client({ connectionString: PG_URL })
  try {
    await admin.connect()
  } catch (error) {
    return { skip: `PostgreSQL at SCHEMALEDGER_PG_URL is not reachable: ${(error as Error).message}` }
  }
  const name = `sl_docs_${randomBytes(4).toString('hex')}`
  await admin.query(`CREATE DATABASE ${name}`)
  const url = new URL(PG_URL)
  url.pathname = `/${name}`
  return {
    url: url.toString(),
    drop: async () => {
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)
      await admin.end()
    },
  }
}

describe.each(byMode('postgres').map((b) => [at(b), b] as const))('%s (PostgreSQL server)', (_, block) => {
  it('runs', { timeout: BLOCK_TIMEOUT }, async (context) => {
    const database = await freshPostgresDatabase()
    if ('skip' in database) {
      console.log(`${at(block)} skipped: ${database.skip}`)
      context.skip()
      return
    }
    try {
      expectRan(block, await runWithNode(block, sandbox.workdir(block), { DATABASE_URL: database.url }))
    } finally {
      await database.drop()
    }
  })
})

// Vitest blocks run in a vitest of their own, with vitest's defaults (no config file, the 5 s test
// timeout), exactly as a user who copies one into a test file runs it.
describe.each(byMode('vitest').map((b) => [at(b), b] as const))('%s (vitest block)', (_, block) => {
  it('passes under vitest run with its defaults', { timeout: BLOCK_TIMEOUT }, async () => {
    const run = await runWithVitest(block, sandbox.workdir(block))
    expect(run.code, `${at(block)} exited with ${run.code}\n--- stdout\n${run.stdout}\n--- stderr\n${run.stderr}`).toBe(
      0,
    )
    expect(run.stdout).toMatch(/Tests\s+\d+ passed/)
    expect(run.stdout).not.toMatch(/failed|skipped/)
  })
})
