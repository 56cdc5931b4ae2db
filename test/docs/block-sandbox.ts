import { execFile } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { isBuiltin } from 'node:module'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { transform } from 'esbuild'
import { importedPackages, type RunnableBlock } from './markdown-code-blocks.js'

// Where documentation blocks run: a temporary directory outside the repository whose node_modules
// holds `schemaledger` as a symlink to the repository (so `schemaledger`, `schemaledger/node` and
// `schemaledger/testing` resolve through package.json `exports` to the built dist/, as for a user)
// and symlinks to the packages the blocks import. Each block gets its own working directory with
// `examples/` linked in, so blocks can read the fixtures and write files without touching the repo.

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..')

/** The documentation whose code blocks are run: README.md and docs/*.md, repository-relative. */
export function documentationFiles(): string[] {
  const docs = readdirSync(join(REPO_ROOT, 'docs')).filter((f) => f.endsWith('.md'))
  return ['README.md', ...docs.sort().map((f) => `docs/${f}`)]
}

/** A directory in which blocks run, removed by `dispose`. */
export interface Sandbox {
  readonly root: string
  /** A fresh working directory for one block, named after it (`docs-recipes.md-L42`). */
  workdir(block: RunnableBlock): string
  dispose(): void
}

/** Creates the sandbox and links every package the blocks import; throws naming a missing one. */
export function createSandbox(blocks: readonly RunnableBlock[]): Sandbox {
  const root = mkdtempSync(join(tmpdir(), 'schemaledger-docs-'))
  const modules = join(root, 'node_modules')
  mkdirSync(modules)
  symlinkSync(REPO_ROOT, join(modules, 'schemaledger'), 'dir')
  const packages = new Set(blocks.flatMap((b) => importedPackages(b.code)).filter((p) => !isBuiltin(p)))
  // vitest for `vitest` blocks; @types for type-checking blocks that import untyped packages (sql.js).
  packages.add('vitest')
  packages.add('@types')
  packages.delete('schemaledger')
  for (const name of packages) {
    const target = join(REPO_ROOT, 'node_modules', name)
    if (!existsSync(target)) {
      const users = blocks.filter((b) => importedPackages(b.code).includes(name)).map((b) => `${b.file}:${b.line}`)
      throw new Error(`documentation imports "${name}", which is not installed (${users.join(', ')})`)
    }
    if (existsSync(join(modules, name))) continue
    mkdirSync(dirname(join(modules, name)), { recursive: true })
    symlinkSync(target, join(modules, name), 'dir')
  }
  return {
    root,
    workdir(block) {
      const dir = join(root, `${block.file.replaceAll('/', '-')}-L${block.line}`)
      mkdirSync(dir)
      symlinkSync(join(REPO_ROOT, 'examples'), join(dir, 'examples'), 'dir')
      return dir
    },
    dispose: () => rmSync(root, { recursive: true, force: true }),
  }
}

/** What a block printed and how it ended. */
export interface BlockRun {
  readonly code: number | null
  readonly stdout: string
  readonly stderr: string
}

/** Module file name of a block, so stack traces name the document and line. */
export const blockFileName = (block: RunnableBlock, extension: string) =>
  `${block.file.replaceAll('/', '-')}-L${block.line}${extension}`

// Blocks start PGlite, sql.js and whole node processes: two at a time is what a small CI machine
// (and the rest of the suite running beside this file) can take without timeouts.
const MAX_RUNNING = 2
let running = 0
const waiting: (() => void)[] = []
async function slot<T>(body: () => Promise<T>): Promise<T> {
  if (running >= MAX_RUNNING) await new Promise<void>((resume) => waiting.push(resume))
  running++
  try {
    return await body()
  } finally {
    running--
    waiting.shift()?.()
  }
}

/**
 * Transpiles a block (TypeScript types stripped, inline source map) and runs it with node in `dir`.
 * The block may use top-level await.
 */
export function runWithNode(
  block: RunnableBlock,
  dir: string,
  env: Readonly<Record<string, string>> = {},
): Promise<BlockRun> {
  return slot(() => transpileAndRun(block, dir, env))
}

async function transpileAndRun(
  block: RunnableBlock,
  dir: string,
  env: Readonly<Record<string, string>> = {},
): Promise<BlockRun> {
  const file = join(dir, blockFileName(block, '.mjs'))
  let code: string
  try {
    code = (
      await transform(block.code, {
        loader: block.typescript ? 'ts' : 'js',
        format: 'esm',
        target: 'node20',
        sourcemap: 'inline',
        sourcefile: `${block.file}:${block.line}`,
      })
    ).code
  } catch (error) {
    return { code: null, stdout: '', stderr: `does not compile: ${(error as Error).message}` }
  }
  writeFileSync(file, code)
  return new Promise((done) => {
    execFile(
      process.execPath,
      ['--enable-source-maps', file],
      { cwd: dir, env: { ...process.env, NO_COLOR: '1', ...env }, timeout: 120_000, maxBuffer: 16 * 1024 * 1024 },
      (error, stdout, stderr) => {
        const exit = error ? (typeof error.code === 'number' ? error.code : null) : 0
        done({ code: exit, stdout, stderr: error && exit === null ? `${stderr}\n${error.message}` : stderr })
      },
    )
  })
}

/** Writes a `vitest` block as a test file in `dir`, named `*.test.ts` as a user would. */
export function writeVitestBlock(block: RunnableBlock, dir: string): string {
  const file = join(dir, blockFileName(block, block.typescript ? '.test.ts' : '.test.js'))
  writeFileSync(file, block.code)
  return file
}

/**
 * Runs a `vitest` block as a user who copied it runs it: `vitest run` in its directory, with no config
 * file, so vitest's defaults hold (the 5 s test timeout among them).
 */
export function runWithVitest(block: RunnableBlock, dir: string): Promise<BlockRun> {
  const file = writeVitestBlock(block, dir)
  const vitest = join(REPO_ROOT, 'node_modules/vitest/vitest.mjs')
  return slot(
    () =>
      new Promise((done) => {
        execFile(
          process.execPath,
          [vitest, 'run', '--root', dir, '--reporter', 'verbose', file],
          { cwd: dir, env: { ...process.env, NO_COLOR: '1' }, timeout: 170_000, maxBuffer: 16 * 1024 * 1024 },
          (error, stdout, stderr) => {
            const exit = error ? (typeof error.code === 'number' ? error.code : null) : 0
            done({ code: exit, stdout, stderr: error && exit === null ? `${stderr}\n${error.message}` : stderr })
          },
        )
      }),
  )
}

/** Trailing spaces and trailing blank lines do not count when outputs are compared. */
export const normalizeOutput = (text: string) =>
  `${text
    .split('\n')
    .map((l) => l.trimEnd())
    .join('\n')
    .trimEnd()}\n`
