// Shared by the codegen tests: the fixtures, golden files, and a scratch project in which generated
// code is type-checked with the real tsc and imported with the real zod.
import { execFile } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { promisify } from 'node:util'
import { transformSync } from 'esbuild'
import type { Schema } from '../../src/index.js'
import { parseSchema } from '../../src/index.js'

export const UPDATE = process.env.UPDATE_GOLDEN === '1'
const here = dirname(fileURLToPath(import.meta.url))
const root = join(here, '..', '..')

const readJson = (path: string) => JSON.parse(readFileSync(path, 'utf8'))

/** The seed schema (test/fixtures/seed-v2.json) and the rich one that has every column type kind. */
export const FIXTURES: Readonly<Record<'seed' | 'rich', Schema>> = {
  seed: parseSchema(readJson(join(root, 'test', 'fixtures', 'seed-v2.json'))),
  rich: parseSchema(readJson(join(here, 'fixtures', 'rich.json'))),
}

/** Compares an output with test/codegen/golden/<fixture>/<file> exactly; UPDATE_GOLDEN=1 writes it instead. */
export function golden(fixture: string, file: string, actual: string): { actual: string; expected: string } {
  const path = join(here, 'golden', fixture, file)
  if (UPDATE) {
    mkdirSync(dirname(path), { recursive: true })
    writeFileSync(path, actual)
  }
  return { actual, expected: existsSync(path) ? readFileSync(path, 'utf8') : `(missing ${file}: run UPDATE_GOLDEN=1)` }
}

/** A temporary directory whose node_modules/zod is the project's, so generated code resolves `zod`. */
export interface Scratch {
  readonly dir: string
  write(file: string, text: string): string
  /** Type-checks files with `tsc --strict`; resolves to tsc's output ('' when clean). */
  tsc(files: readonly string[], extraFlags?: readonly string[]): Promise<{ code: number; output: string }>
  /** Transpiles generated TypeScript with esbuild and imports it. */
  importTs<T = Record<string, unknown>>(file: string, source: string): Promise<T>
  remove(): void
}

const run = promisify(execFile)

export function scratch(): Scratch {
  const dir = mkdtempSync(join(tmpdir(), 'schemaledger-codegen-'))
  mkdirSync(join(dir, 'node_modules'))
  symlinkSync(join(root, 'node_modules', 'zod'), join(dir, 'node_modules', 'zod'), 'dir')
  writeFileSync(join(dir, 'package.json'), '{ "type": "module" }\n')
  const write = (file: string, text: string) => {
    const path = join(dir, file)
    writeFileSync(path, text)
    return path
  }
  return {
    dir,
    write,
    async tsc(files, extraFlags = []) {
      const tsc = join(root, 'node_modules', 'typescript', 'bin', 'tsc')
      const flags = ['--strict', '--noEmit', '--target', 'es2022', '--module', 'nodenext']
      try {
        const { stdout } = await run(process.execPath, [tsc, ...flags, ...extraFlags, ...files], { cwd: dir })
        return { code: 0, output: stdout }
      } catch (e) {
        const failure = e as { code?: number; stdout?: string; stderr?: string }
        return { code: failure.code ?? 1, output: `${failure.stdout ?? ''}${failure.stderr ?? ''}` }
      }
    },
    async importTs<T>(file: string, source: string) {
      const { code } = transformSync(source, { loader: 'ts', format: 'esm', target: 'es2022' })
      const path = write(file.replace(/\.ts$/, '.mjs'), code)
      return (await import(/* @vite-ignore */ pathToFileURL(path).href)) as T
    },
    remove: () => rmSync(dir, { recursive: true, force: true }),
  }
}
