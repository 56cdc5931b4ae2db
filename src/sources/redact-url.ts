/**
 * A database URL with its password replaced by `***`, for messages.
 *
 * @example
 * ```ts
 * redactUrl('postgres://app:secret@db/app') // 'postgres://app:***@db/app'
 * ```
 */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url)
    if (parsed.password) parsed.password = '***'
    return parsed.toString()
  } catch {
    return url.replace(/\/\/([^:/@]*):[^@]*@/, '//$1:***@')
  }
}
