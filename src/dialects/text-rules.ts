// Rules every database shares for names, labels and comments written into SQL.

/** A UTF-16 surrogate without its pair. @internal */
export const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/

/**
 * NUL (no engine stores it in a name, and C clients end the text there) and lone UTF-16 surrogates
 * (not text: encoding them to UTF-8 replaces them, so the database would hold another name).
 * @internal
 */
export function sharedTextProblem(text: string): string | undefined {
  if (text.includes('\u0000')) return 'a NUL character, which the database cannot store'
  if (LONE_SURROGATE.test(text)) return 'a lone UTF-16 surrogate, which is not text and would be stored as U+FFFD'
  return undefined
}

/** UTF-8 length in bytes. @internal */
export function utf8Length(text: string): number {
  let bytes = 0
  for (const ch of text) {
    const cp = ch.codePointAt(0) as number
    bytes += cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4
  }
  return bytes
}
