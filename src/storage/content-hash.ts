import { SchemaLedgerError } from '../errors.js'

/**
 * SHA-256 of a text (UTF-8) as 64 lowercase hex characters, through Web Crypto so the same code runs
 * in Node 20+, browsers and workers.
 * @internal
 */
export async function sha256Hex(text: string): Promise<string> {
  const subtle = globalThis.crypto?.subtle
  if (subtle === undefined) {
    throw new SchemaLedgerError('web_crypto_unavailable', 'Hashing needs Web Crypto (globalThis.crypto.subtle)')
  }
  const digest = await subtle.digest('SHA-256', new TextEncoder().encode(text))
  return Array.from(new Uint8Array(digest), (byte) => byte.toString(16).padStart(2, '0')).join('')
}
