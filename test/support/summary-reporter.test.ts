import { execFile } from 'node:child_process'
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, describe, expect, it } from 'vitest'

// The closing line of `npm test` is what CI logs are searched for, so a run that failed must never end
// with `0 failed`. This runs vitest, with the repository's reporter, on a small project of its own: a
// passing file, a file with a syntax error, a file whose import throws, a suite whose beforeAll throws
// and a rejection nobody handles.

const REPO = fileURLToPath(new URL('../../', import.meta.url))
const REPORTER = fileURLToPath(new URL('./summary-reporter.ts', import.meta.url))
const project = mkdtempSync(join(tmpdir(), 'schemaledger-reporter-'))
afterAll(() => rmSync(project, { recursive: true, force: true }))

const FILES: Readonly<Record<string, string>> = {
  'vitest.config.mjs': `export default { test: { include: ['*.test.ts'], reporters: [${JSON.stringify(REPORTER)}] } }\n`,
  'passes.test.ts': [
    "import { expect, it } from 'vitest'",
    "it('passes', () => expect(1).toBe(1))",
    "it.skip('is skipped', () => {})",
    "it('leaves a rejection unhandled', () => { void Promise.reject(new Error('nobody waits for this')) })",
  ].join('\n'),
  'syntax.test.ts': "import { it } from 'vitest'\nit('never loads', () => {\n",
  'throws.test.ts': "import { it } from 'vitest'\nthrow new Error('an import throws')\nit('never runs', () => {})\n",
  'hook.test.ts': [
    "import { beforeAll, describe, it } from 'vitest'",
    "describe('setup', () => {",
    "  beforeAll(() => { throw new Error('setup failed') })",
    "  it('waits for setup', () => {})",
    '})',
  ].join('\n'),
}

function runVitest(files: readonly string[]): Promise<{ code: number | null; stdout: string }> {
  return new Promise((done) => {
    execFile(
      process.execPath,
      [join(REPO, 'node_modules/vitest/vitest.mjs'), 'run', ...files],
      { cwd: project, env: { ...process.env, NO_COLOR: '1', CI: '1' }, timeout: 120_000 },
      (error, stdout) => done({ code: error ? (typeof error.code === 'number' ? error.code : null) : 0, stdout }),
    )
  })
}

const closingLine = (stdout: string) => stdout.split('\n').findLast((l) => l.startsWith('tests: '))

describe('the summary reporter', () => {
  mkdirSync(join(project, 'node_modules'))
  symlinkSync(join(REPO, 'node_modules/vitest'), join(project, 'node_modules/vitest'), 'dir')
  for (const [name, text] of Object.entries(FILES)) writeFileSync(join(project, name), text)

  it('counts files that do not load, suites whose hooks throw and errors outside tests as failed', async () => {
    const run = await runVitest([])
    expect(run.code).toBe(1)
    expect(closingLine(run.stdout)).toBe('tests: 2 passed, 4 failed (3 suites, 1 error outside tests), 2 skipped')
  })

  it('says 0 failed only for a run with no failure', async () => {
    const clean = 'clean.test.ts'
    writeFileSync(join(project, clean), "import { it } from 'vitest'\nit('passes', () => {})\n")
    const run = await runVitest([clean])
    expect(run.code).toBe(0)
    expect(closingLine(run.stdout)).toBe('tests: 1 passed, 0 failed, 0 skipped')
  })
})
