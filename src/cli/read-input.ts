import { open } from 'node:fs/promises'
import { CliInputError, UsageError } from './cli-errors.js'

// Every document, renames file and profile the commands read goes through here, so no input can grow
// without bound: `validate - < /dev/zero` ends at once (JSON text never holds a NUL byte), and a large
// or endless input ends at the size limit instead of filling the memory.

/**
 * The input size limit when neither `--max-input-size` nor `SCHEMALEDGER_MAX_INPUT_SIZE` sets one:
 * 64 MiB, several times the largest real schema documents (a 5,000-table document is 12 MB).
 *
 * @example
 * ```ts
 * DEFAULT_MAX_INPUT_BYTES // 67108864
 * ```
 */
export const DEFAULT_MAX_INPUT_BYTES = 64 * 1024 * 1024

/** Highest accepted limit: a JavaScript string holds at most about 2^29 characters. */
const HIGHEST_LIMIT = 512 * 1024 * 1024

/** The environment variable that sets the input size limit (the flag wins). */
export const MAX_INPUT_SIZE_ENV = 'SCHEMALEDGER_MAX_INPUT_SIZE'

const UNITS: Readonly<Record<string, number>> = { '': 1, b: 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3 }

/**
 * Reads a size such as `64MiB`, `512k`, `1G` or `1048576` (bytes) into bytes; units are powers of 1024
 * whichever way they are written (`K`, `KB`, `KiB`). Undefined when the text is not a size.
 *
 * @example
 * ```ts
 * parseSize('64MiB') // 67108864
 * ```
 */
export function parseSize(text: string): number | undefined {
  const match = /^\s*(\d+(?:\.\d+)?)\s*([kmg]?)(?:i?b)?\s*$/i.exec(text)
  if (!match) return undefined
  const bytes = Math.floor(Number(match[1]) * (UNITS[(match[2] ?? '').toLowerCase()] ?? Number.NaN))
  return Number.isSafeInteger(bytes) ? bytes : undefined
}

/**
 * Bytes in words, in the largest binary unit that divides them (`64 MiB`, `1536 KiB`, `100 bytes`).
 *
 * @example
 * ```ts
 * formatSize(67108864) // '64 MiB'
 * ```
 */
export function formatSize(bytes: number): string {
  for (const [unit, size] of [
    ['GiB', 1024 ** 3],
    ['MiB', 1024 ** 2],
    ['KiB', 1024],
  ] as const) {
    if (bytes >= size && bytes % size === 0) return `${bytes / size} ${unit}`
  }
  return `${bytes} byte${bytes === 1 ? '' : 's'}`
}

/**
 * The input size limit in bytes: `--max-input-size`, else `SCHEMALEDGER_MAX_INPUT_SIZE`, else
 * {@link DEFAULT_MAX_INPUT_BYTES}. Throws {@link UsageError} for a value that is not a size from one
 * byte to 512 MiB.
 *
 * @example
 * ```ts
 * maxInputBytes(values['max-input-size'], io.env) // 67108864 unless set
 * ```
 */
export function maxInputBytes(flag: string | undefined, env: Readonly<Record<string, string | undefined>>): number {
  const fromEnv = env[MAX_INPUT_SIZE_ENV]
  const [text, where] =
    flag !== undefined
      ? [flag, '--max-input-size']
      : fromEnv !== undefined && fromEnv.trim() !== ''
        ? [fromEnv, MAX_INPUT_SIZE_ENV]
        : [undefined, '']
  if (text === undefined) return DEFAULT_MAX_INPUT_BYTES
  const bytes = parseSize(text)
  if (bytes === undefined || bytes < 1 || bytes > HIGHEST_LIMIT) {
    throw new UsageError(
      `${where} ${JSON.stringify(text)}: expected a size from 1 byte to ${formatSize(HIGHEST_LIMIT)}, such as 64MiB, 512KiB or 1048576`,
    )
  }
  return bytes
}

/**
 * Reads a byte stream to its end as UTF-8 text, stopping with a {@link CliInputError} as soon as it
 * passes `maxBytes` (`input_too_large`), holds a NUL byte or is not UTF-8 (`not_text`: binary data,
 * such as `/dev/zero` or `/dev/urandom`, is never JSON). `source` names the input in the message.
 *
 * @example
 * ```ts
 * const text = await readBoundedText(process.stdin, '<stdin>', 64 * 1024 * 1024)
 * ```
 */
export async function readBoundedText(
  chunks: AsyncIterable<Uint8Array>,
  source: string,
  maxBytes: number,
): Promise<string> {
  const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true })
  const parts: string[] = []
  let total = 0
  for await (const chunk of chunks) {
    const nul = chunk.indexOf(0)
    if (nul >= 0) throw notText(source, `it holds a NUL byte (at byte ${total + nul})`)
    total += chunk.length
    if (total > maxBytes) throw tooLarge(source, maxBytes)
    parts.push(decode(decoder, chunk, source))
  }
  parts.push(decode(decoder, undefined, source))
  return parts.join('')
}

/**
 * Reads a file (or device, or pipe) as UTF-8 text within `maxBytes`: a regular file that is larger
 * fails before anything is read; anything else fails once that much was read. File system errors are
 * thrown as they come (with their `code`).
 *
 * @example
 * ```ts
 * const text = await readBoundedFile('/repo/schema.json', 'schema.json', maxBytes)
 * ```
 */
export async function readBoundedFile(path: string, source: string, maxBytes: number): Promise<string> {
  const handle = await open(path, 'r')
  try {
    const info = await handle.stat()
    if (info.isDirectory()) throw Object.assign(new Error('is a directory'), { code: 'EISDIR' })
    if (info.isFile() && info.size > maxBytes) throw tooLarge(source, maxBytes)
    return await readBoundedText(handle.createReadStream({ autoClose: false }), source, maxBytes)
  } finally {
    await handle.close()
  }
}

function decode(decoder: TextDecoder, chunk: Uint8Array | undefined, source: string): string {
  try {
    return chunk === undefined ? decoder.decode() : decoder.decode(chunk, { stream: true })
  } catch {
    throw notText(source, 'it is not UTF-8 text')
  }
}

function tooLarge(source: string, maxBytes: number): CliInputError {
  return new CliInputError(
    'input_too_large',
    `${source} is larger than ${formatSize(maxBytes)}, the input size limit ` +
      `(--max-input-size or ${MAX_INPUT_SIZE_ENV} raise it)`,
  )
}

function notText(source: string, why: string): CliInputError {
  return new CliInputError('not_text', `${source} is not a JSON document: ${why}`)
}
