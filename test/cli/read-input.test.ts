import { mkdtempSync, rmSync, truncateSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import {
  DEFAULT_MAX_INPUT_BYTES,
  formatSize,
  maxInputBytes,
  parseSize,
  readBoundedFile,
  readBoundedText,
} from '../../src/cli/read-input.js'

const dir = mkdtempSync(join(tmpdir(), 'schemaledger-input-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

const MiB = 1024 * 1024

/** An endless stream of 64 KiB chunks of one byte value, counting what was pulled from it. */
function endless(byte: number, pulled: { bytes: number }): AsyncIterable<Uint8Array> {
  return {
    async *[Symbol.asyncIterator]() {
      for (;;) {
        pulled.bytes += 65536
        yield new Uint8Array(65536).fill(byte)
      }
    },
  }
}

describe('input size limit', () => {
  it('sizes read as bytes, with binary units however they are spelled', () => {
    expect(parseSize('1048576')).toBe(MiB)
    expect(['64MiB', '64M', '64mb', '64 MiB'].map(parseSize)).toEqual([64 * MiB, 64 * MiB, 64 * MiB, 64 * MiB])
    expect([parseSize('512k'), parseSize('1G'), parseSize('1.5KiB')]).toEqual([512 * 1024, 1024 * MiB, 1536])
    expect([parseSize(''), parseSize('lots'), parseSize('-1'), parseSize('10 TB')]).toEqual([
      undefined,
      undefined,
      undefined,
      undefined,
    ])
    expect([formatSize(64 * MiB), formatSize(1536), formatSize(100), formatSize(1)]).toEqual([
      '64 MiB',
      '1536 bytes',
      '100 bytes',
      '1 byte',
    ])
  })

  it('the flag wins over the environment, which wins over the 64 MiB default', () => {
    expect(DEFAULT_MAX_INPUT_BYTES).toBe(64 * MiB)
    expect(maxInputBytes(undefined, {})).toBe(64 * MiB)
    expect(maxInputBytes(undefined, { SCHEMALEDGER_MAX_INPUT_SIZE: '1MiB' })).toBe(MiB)
    expect(maxInputBytes('2MiB', { SCHEMALEDGER_MAX_INPUT_SIZE: '1MiB' })).toBe(2 * MiB)
    expect(() => maxInputBytes('0', {})).toThrow(
      '--max-input-size "0": expected a size from 1 byte to 512 MiB, such as 64MiB, 512KiB or 1048576',
    )
    expect(() => maxInputBytes(undefined, { SCHEMALEDGER_MAX_INPUT_SIZE: '1TiB' })).toThrow(
      'SCHEMALEDGER_MAX_INPUT_SIZE "1TiB": expected a size',
    )
  })

  it('an endless stream of zeros ends at its first chunk: JSON never holds a NUL byte', async () => {
    const pulled = { bytes: 0 }
    await expect(readBoundedText(endless(0, pulled), '<stdin>', 64 * MiB)).rejects.toThrow(
      '<stdin> is not a JSON document: it holds a NUL byte (at byte 0)',
    )
    expect(pulled.bytes).toBe(65536)
  })

  it('an endless stream of text ends at the limit, having read no more than one chunk past it', async () => {
    const pulled = { bytes: 0 }
    const error = await readBoundedText(endless(0x20, pulled), '<stdin>', MiB).catch((e: unknown) => e)
    expect(error).toMatchObject({
      code: 'input_too_large',
      message:
        '<stdin> is larger than 1 MiB, the input size limit (--max-input-size or SCHEMALEDGER_MAX_INPUT_SIZE raise it)',
    })
    expect(pulled.bytes).toBe(MiB + 65536)
  })

  it('bytes that are not UTF-8 are refused, not replaced', async () => {
    const chunks = async function* () {
      yield new TextEncoder().encode('{"name": "caf')
      yield new Uint8Array([0xe9, 0x22, 0x7d]) // Latin-1 é, then "}
    }
    await expect(readBoundedText(chunks(), 'latin1.json', MiB)).rejects.toThrow(
      'latin1.json is not a JSON document: it is not UTF-8 text',
    )
  })

  it('text split inside a multi-byte character reads whole', async () => {
    const bytes = new TextEncoder().encode('{"name": "café 🐘"}')
    const chunks = async function* () {
      for (const byte of bytes) yield new Uint8Array([byte])
    }
    expect(await readBoundedText(chunks(), 'x', MiB)).toBe('{"name": "café 🐘"}')
  })

  it('a regular file over the limit fails before it is read (a sparse 2 GiB file)', async () => {
    const path = join(dir, 'huge.json')
    writeFileSync(path, '')
    truncateSync(path, 2 * 1024 * MiB)
    const started = performance.now()
    await expect(readBoundedFile(path, 'huge.json', 64 * MiB)).rejects.toThrow(
      'huge.json is larger than 64 MiB, the input size limit',
    )
    expect(performance.now() - started).toBeLessThan(1000)
  })

  it('/dev/zero and /dev/urandom as files end at once with one line', async () => {
    await expect(readBoundedFile('/dev/zero', '/dev/zero', 64 * MiB)).rejects.toThrow(
      '/dev/zero is not a JSON document: it holds a NUL byte (at byte 0)',
    )
    const error = (await readBoundedFile('/dev/urandom', '/dev/urandom', 64 * MiB).catch((e: unknown) => e)) as Error
    expect(error.message).toMatch(
      /^\/dev\/urandom is not a JSON document: it (holds a NUL byte \(at byte \d+\)|is not UTF-8 text)$/,
    )
  })

  it('a file within the limit reads whole; a directory is an error with its code', async () => {
    const path = join(dir, 'small.json')
    writeFileSync(path, '{"metadata": {"tables": []}}')
    expect(await readBoundedFile(path, 'small.json', 28)).toBe('{"metadata": {"tables": []}}')
    await expect(readBoundedFile(path, 'small.json', 27)).rejects.toThrow('small.json is larger than 27 bytes')
    await expect(readBoundedFile(dir, 'dir', MiB)).rejects.toMatchObject({ code: 'EISDIR' })
  })
})
