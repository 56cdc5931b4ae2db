import { spawn, spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll } from 'vitest'
import { parseSchema, type Schema } from '../../src/index.js'

// The CLI tests run the BUILT bin as a subprocess, exactly as users run it (`npm test` builds first;
// run `npm run build` before `npx vitest run test/cli`).

export const ROOT = fileURLToPath(new URL('../../', import.meta.url))
export const BIN = join(ROOT, 'dist/cli/index.js')

if (!existsSync(BIN)) throw new Error(`${BIN} is missing: run "npm run build" before the CLI tests`)

/** A path under the repository. */
export const repo = (path: string) => join(ROOT, path)

export const SEED_V1 = repo('test/fixtures/seed-v1.json')
export const SEED_V2 = repo('test/fixtures/seed-v2.json')
export const BLOG_V1 = repo('examples/blog-v1.json')
export const BLOG_V2 = repo('examples/blog-v2.json')
export const INVALID = repo('examples/invalid.json')

/** Reads and parses a schema document. */
export const load = (path: string): Schema => parseSchema(JSON.parse(readFileSync(path, 'utf8')))

/** What a run of the bin produced. */
export interface CliRun {
  readonly code: number | null
  readonly stdout: string
  readonly stderr: string
}

export interface RunOptions {
  readonly cwd?: string
  /** Written to standard input. */
  readonly input?: string
  /** Added to (or, with undefined, removed from) the environment. */
  readonly env?: Readonly<Record<string, string | undefined>>
  /** Run with this node script instead of the repository's bin. */
  readonly bin?: string
}

function environment(extra: RunOptions['env']): NodeJS.ProcessEnv {
  // Colour variables of the test runner's own environment must not leak into the bin.
  const env: NodeJS.ProcessEnv = { ...process.env }
  delete env.FORCE_COLOR
  delete env.NO_COLOR
  delete env.TERM
  for (const [k, v] of Object.entries(extra ?? {})) {
    if (v === undefined) delete env[k]
    else env[k] = v
  }
  return env
}

/** Runs `schemaledger <args>` and resolves to its exit code and output. */
export function cli(args: readonly string[], options: RunOptions = {}): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [options.bin ?? BIN, ...args], {
      cwd: options.cwd ?? ROOT,
      env: environment(options.env),
    })
    let stdout = ''
    let stderr = ''
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk
    })
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      stderr += chunk
    })
    child.on('error', reject)
    child.on('close', (code) => resolve({ code, stdout, stderr }))
    // The bin may exit without reading its input.
    child.stdin.on('error', () => undefined)
    child.stdin.end(options.input ?? '')
  })
}

/**
 * Runs the bin on a pseudo-terminal (util-linux `script`), so standard output is a TTY. Undefined when
 * `script` is not available. Output comes back with CRLF line ends turned into LF.
 */
export function cliOnTty(args: readonly string[], env: RunOptions['env'] = {}): CliRun | undefined {
  const probe = spawnSync('script', ['--version'], { encoding: 'utf8' })
  if (probe.error || probe.status !== 0) return undefined
  const quote = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`
  const command = [process.execPath, BIN, ...args].map(quote).join(' ')
  const result = spawnSync('script', ['-qec', command, '/dev/null'], {
    cwd: ROOT,
    env: environment({ TERM: 'xterm', COLUMNS: '100', ...env }),
    encoding: 'utf8',
  })
  return { code: result.status, stdout: result.stdout.replace(/\r\n/g, '\n'), stderr: result.stderr }
}

/** A fresh temporary directory, removed after the test file. */
export function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'schemaledger-cli-'))
  afterAll(() => rmSync(dir, { recursive: true, force: true }))
  return dir
}

/** Whether text carries ANSI escape sequences. */
export const hasAnsi = (text: string) => text.includes('\u001b[')
