// Test support for the web app: build app/ when its build is missing or older than its sources, and
// serve a directory (plus in-memory files) with a tiny node:http static server on a random port.
import { spawnSync } from 'node:child_process'
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { extname, join, normalize, sep } from 'node:path'
import { fileURLToPath } from 'node:url'

/** The repository root. */
export const ROOT = fileURLToPath(new URL('../../', import.meta.url))
/** The web app's workspace. */
export const APP_DIR = join(ROOT, 'app')
/** Where the app's static build goes. */
export const APP_BUILD = join(APP_DIR, 'build')

// What the app is built from: its own sources, the library source it aliases, the bundled examples.
const SOURCES = [
  'app/src',
  'app/static',
  'app/svelte.config.js',
  'app/vite.config.ts',
  'src',
  'examples',
  'test/fixtures',
  'test/golden',
]

function newestMtime(path: string): number {
  if (!existsSync(path)) return 0
  const stat = statSync(path)
  if (!stat.isDirectory()) return stat.mtimeMs
  return readdirSync(path).reduce((max, entry) => Math.max(max, newestMtime(join(path, entry))), stat.mtimeMs)
}

/**
 * Builds the app (`vite build` in app/) unless app/build is newer than everything it is built from;
 * `npm test` builds it in `pretest`, so under CI this only checks. Returns whether it built.
 */
export function ensureAppBuilt(): boolean {
  const index = join(APP_BUILD, 'index.html')
  const built = existsSync(index) ? statSync(index).mtimeMs : 0
  const newest = Math.max(...SOURCES.map((s) => newestMtime(join(ROOT, s))))
  if (built > newest) return false
  const vite = join(ROOT, 'node_modules', '.bin', 'vite')
  const result = spawnSync(vite, ['build', '--logLevel', 'warn'], { cwd: APP_DIR, encoding: 'utf8' })
  if (result.status !== 0 || !existsSync(index)) {
    throw new Error(`vite build of app/ failed (${result.status}):\n${result.stdout}\n${result.stderr}`)
  }
  return true
}

const TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  // Browsers compile wasm while it downloads only when it comes with its own type, as real hosts send it.
  '.wasm': 'application/wasm',
}

/** A running static server. */
export interface StaticServer {
  /** `http://127.0.0.1:<port>/` */
  readonly url: string
  /** Every path requested, in order. */
  readonly requested: readonly string[]
  close(): Promise<void>
}

/**
 * Serves the files of `dir` (directory paths serve their index.html) and the in-memory `files`
 * (path -> [content type, body]) on 127.0.0.1 at a random port.
 */
export async function serveStatic(
  dir: string | undefined,
  files: Readonly<Record<string, readonly [string, string]>> = {},
): Promise<StaticServer> {
  const requested: string[] = []
  const server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://localhost').pathname)
    requested.push(path)
    const memory = files[path]
    if (memory) {
      res.writeHead(200, { 'content-type': memory[0], 'cache-control': 'no-store' })
      res.end(memory[1])
      return
    }
    const file = dir ? normalize(join(dir, path.endsWith('/') ? `${path}index.html` : path)) : undefined
    if (!dir || !file || !(file === dir || file.startsWith(dir.endsWith(sep) ? dir : dir + sep)) || !existsSync(file)) {
      res.writeHead(404, { 'content-type': 'text/plain' })
      res.end('not found')
      return
    }
    const target = statSync(file).isDirectory() ? join(file, 'index.html') : file
    res.writeHead(200, {
      'content-type': TYPES[extname(target)] ?? 'application/octet-stream',
      'cache-control': 'no-store',
    })
    res.end(readFileSync(target))
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}/`,
    requested,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections()
        server.close((error) => (error ? reject(error) : resolve()))
      }),
  }
}
