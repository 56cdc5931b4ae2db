import { spawn } from 'node:child_process'
import { closeSync, openSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Readable, Writable } from 'node:stream'
import { describe, expect, it } from 'vitest'
import { BIN, type CliRun, cli, ROOT, SEED_V1, tempDir } from './run-cli.js'

// Inputs the commands read are bounded: binary data and endless streams end with one line and exit 1,
// quickly; before the limit, `validate - < /dev/zero` read until the memory ran out.

/** Runs the bin with standard input read from a device or a stream; killed after `ms`, as a failed run. */
function cliWithStdinFrom(
  args: readonly string[],
  input: string | Readable,
  ms = 20_000,
): Promise<CliRun & { ms: number }> {
  const fd = typeof input === 'string' ? openSync(input, 'r') : undefined
  const started = performance.now()
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd: ROOT, stdio: [fd ?? 'pipe', 'pipe', 'pipe'] })
    if (fd !== undefined) closeSync(fd)
    else if (typeof input !== 'string') {
      child.stdin?.on('error', () => undefined)
      input.pipe(child.stdin as Writable).on('error', () => undefined)
    }
    const timer = setTimeout(() => child.kill('SIGKILL'), ms)
    let stdout = ''
    let stderr = ''
    child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk
    })
    child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
      stderr += chunk
    })
    child.on('error', reject)
    child.on('close', (code) => {
      clearTimeout(timer)
      resolve({ code, stdout, stderr, ms: performance.now() - started })
    })
  })
}

describe.concurrent('input size limit and binary input', () => {
  it('validate - < /dev/zero ends at once with one line and exit 1', async () => {
    const run = await cliWithStdinFrom(['validate', '-'], '/dev/zero')
    expect(run).toMatchObject({
      code: 1,
      stdout: '',
      stderr: 'schemaledger validate: <stdin> is not a JSON document: it holds a NUL byte (at byte 0)\n',
    })
    expect(run.ms).toBeLessThan(10_000)
  })

  it('diff - with /dev/urandom as standard input ends at once with one line', async () => {
    const run = await cliWithStdinFrom(['diff', SEED_V1, '-'], '/dev/urandom')
    expect(run.code).toBe(1)
    expect(run.stderr).toMatch(
      /^schemaledger diff: <stdin> is not a JSON document: it (holds a NUL byte \(at byte \d+\)|is not UTF-8 text)\n$/,
    )
  })

  it('an endless text stream (`yes`) stops at the default 64 MiB limit', async () => {
    const yes = spawn('yes', [], { stdio: ['ignore', 'pipe', 'ignore'] })
    const run = await cliWithStdinFrom(['validate', '-'], yes.stdout)
    yes.kill()
    expect(run).toMatchObject({
      code: 1,
      stdout: '',
      stderr:
        'schemaledger validate: <stdin> is larger than 64 MiB, the input size limit (--max-input-size or SCHEMALEDGER_MAX_INPUT_SIZE raise it)\n',
    })
    expect(run.ms).toBeLessThan(10_000)
    expect(await cli(['validate', '-', '--max-input-size', '1KiB'], { input: ' '.repeat(4096) })).toEqual({
      code: 1,
      stdout: '',
      stderr:
        'schemaledger validate: <stdin> is larger than 1 KiB, the input size limit (--max-input-size or SCHEMALEDGER_MAX_INPUT_SIZE raise it)\n',
    })
  })

  it('file arguments: /dev/zero, and a file over a limit set by the environment', async () => {
    expect(await cli(['validate', '/dev/zero'])).toEqual({
      code: 1,
      stdout: '',
      stderr: 'schemaledger validate: /dev/zero is not a JSON document: it holds a NUL byte (at byte 0)\n',
    })
    const size = readFileSync(SEED_V1).length
    const run = await cli(['sql', SEED_V1, '--dialect', 'sqlite'], {
      env: { SCHEMALEDGER_MAX_INPUT_SIZE: String(size - 1) },
    })
    expect(run.code).toBe(1)
    expect(run.stderr).toBe(
      `schemaledger sql: ${SEED_V1} is larger than ${size - 1} bytes, the input size limit (--max-input-size or SCHEMALEDGER_MAX_INPUT_SIZE raise it)\n`,
    )
    expect((await cli(['sql', SEED_V1, '--dialect', 'sqlite', '--max-input-size', String(size)])).code).toBe(0)
  })

  it('a bad size is a usage error', async () => {
    const run = await cli(['validate', SEED_V1, '--max-input-size', 'huge'])
    expect(run.code).toBe(1)
    expect(run.stderr.split('\n')[0]).toBe(
      'schemaledger validate: --max-input-size "huge": expected a size from 1 byte to 512 MiB, such as 64MiB, 512KiB or 1048576',
    )
  })

  it('JSON errors print on one line, whatever the text held (line breaks, terminal escapes)', async () => {
    const path = join(tempDir(), 'escapes.json')
    writeFileSync(path, 'x\n\u001b[31mred\u001b[0m\n')
    const run = await cli(['validate', path])
    expect(run.code).toBe(1)
    expect(run.stderr).toBe(`schemaledger validate: ${path}:1:1: not valid JSON: Unexpected token 'x'\n`)
    writeFileSync(path, '{"a": \u001b[31m}')
    expect((await cli(['validate', path])).stderr).toBe(
      `schemaledger validate: ${path}:1:7: not valid JSON: Unexpected token '\\u001b'\n`,
    )
  })
})
