import { spawn, spawnSync } from 'node:child_process'
import {
  chmodSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readlinkSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import type { CliIO } from '../../src/cli/cli-io.js'
import { writeOutput } from '../../src/cli/write-output.js'

// `-o FILE` replaces regular files atomically, and never replaces anything else: every node below
// lives in a private temporary directory, so a regression replaces a copy, not the machine's /dev/null.

const dir = mkdtempSync(join(tmpdir(), 'schemaledger-output-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

const written: string[] = []
const io: CliIO = {
  cwd: dir,
  env: {},
  stdoutIsTTY: false,
  stdoutColumns: undefined,
  write: (text) => written.push(text),
  error: () => undefined,
  stdin: async function* () {},
}

const isRoot = process.getuid?.() === 0
const mknod = (path: string, kind: 'c' | 'b', major: number, minor: number): boolean =>
  spawnSync('mknod', [path, kind, String(major), String(minor)]).status === 0

describe('writeOutput (-o)', () => {
  it('replaces a regular file atomically and keeps its permissions', async () => {
    const path = join(dir, 'plain.sql')
    writeFileSync(path, 'old')
    chmodSync(path, 0o600)
    await writeOutput(io, 'new\n', 'plain.sql')
    expect(readFileSync(path, 'utf8')).toBe('new\n')
    expect(statSync(path).mode & 0o777).toBe(0o600)
  })

  it('writes the file a symbolic link points at, and the link stays a link', async () => {
    mkdirSync(join(dir, 'real'))
    const target = join(dir, 'real', 'target.sql')
    writeFileSync(target, 'old')
    symlinkSync(join('real', 'target.sql'), join(dir, 'link.sql'))
    await writeOutput(io, 'through the link\n', 'link.sql')
    expect(lstatSync(join(dir, 'link.sql')).isSymbolicLink()).toBe(true)
    expect(readlinkSync(join(dir, 'link.sql'))).toBe(join('real', 'target.sql'))
    expect(readFileSync(target, 'utf8')).toBe('through the link\n')
  })

  it('creates the file a dangling symbolic link points at, as a shell redirection does', async () => {
    symlinkSync('created-by-link.sql', join(dir, 'dangling.sql'))
    await writeOutput(io, 'created\n', 'dangling.sql')
    expect(lstatSync(join(dir, 'dangling.sql')).isSymbolicLink()).toBe(true)
    expect(readFileSync(join(dir, 'created-by-link.sql'), 'utf8')).toBe('created\n')
  })

  it('writes into a FIFO in place: the reader gets the text and the FIFO stays a FIFO', async () => {
    const fifo = join(dir, 'pipe')
    if (spawnSync('mkfifo', [fifo]).status !== 0) throw new Error('mkfifo is needed for this test')
    const reader = spawn('cat', [fifo])
    let received = ''
    reader.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      received += chunk
    })
    const closed = new Promise((resolve) => reader.on('close', resolve))
    await writeOutput(io, 'through the pipe\n', 'pipe')
    await closed
    expect(received).toBe('through the pipe\n')
    expect(lstatSync(fifo).isFIFO()).toBe(true)
  })

  it.skipIf(!isRoot)('writes into a character device in place (a private copy of /dev/null; needs root)', async () => {
    const device = join(dir, 'null')
    expect(mknod(device, 'c', 1, 3)).toBe(true)
    await writeOutput(io, 'discarded\n', 'null')
    expect(lstatSync(device).isCharacterDevice()).toBe(true)
  })

  it.skipIf(!isRoot)('refuses a block device (a private node; needs root)', async () => {
    const device = join(dir, 'block')
    expect(mknod(device, 'b', 0, 0)).toBe(true)
    await expect(writeOutput(io, 'x', 'block')).rejects.toThrow(
      'cannot write block: it is a block device; refusing to write into it',
    )
    expect(lstatSync(device).isBlockDevice()).toBe(true)
  })

  it.skipIf(!isRoot)(
    'a full device gives one line: no space left on device (a private /dev/full; needs root)',
    async () => {
      const device = join(dir, 'full')
      expect(mknod(device, 'c', 1, 7)).toBe(true)
      await expect(writeOutput(io, 'x', 'full')).rejects.toThrow('cannot write full: no space left on device')
      expect(lstatSync(device).isCharacterDevice()).toBe(true)
    },
  )

  it('refuses a directory', async () => {
    mkdirSync(join(dir, 'a-directory'))
    await expect(writeOutput(io, 'x', 'a-directory')).rejects.toThrow('cannot write a-directory: is a directory')
  })

  it('- and no -o write to standard output', async () => {
    written.length = 0
    await writeOutput(io, 'a', '-')
    await writeOutput(io, 'b', undefined)
    expect(written).toEqual(['a', 'b'])
  })
})
