import type { ValidationIssue } from '../errors.js'
import { INVALID, type Shape, type ShapeIssue } from './shape.js'
import type { Extra, JsonValue } from './types.js'

/**
 * Thrown by a {@link ReadContext} that does not track paths when the first issue is found: the
 * document is then read again with paths, which only invalid documents pay for.
 * @internal
 */
export class PathsNeeded extends Error {}

/**
 * State shared by the document readers: the issues found so far and the document path of every
 * model object built, so semantic checks that run later can still name where a problem is.
 *
 * Valid documents need no paths, so a context built with `tracksPaths: false` records none and
 * throws {@link PathsNeeded} at the first issue instead of reporting it.
 * @internal
 */
export class ReadContext {
  readonly issues: ValidationIssue[] = []
  /** Issues of the shape being checked, before they get the path of the value. */
  private readonly found: ShapeIssue[] = []
  private readonly paths = new Map<object, string>()
  private readonly shorthand = new Set<object>()
  /** Document key names of the shape being read, for paths into constraint fields. */
  referencedColumnsKey = 'referencedColumns'
  referencedTableKey = 'referencedTable'

  constructor(readonly tracksPaths = true) {}

  report(code: string, path: string, message: string): void {
    if (!this.tracksPaths) throw new PathsNeeded()
    this.issues.push({ code, path, message })
  }

  /** Checks `value` against `shape`: its output, or undefined after recording every issue under `path`. */
  check<T>(shape: Shape<T>, value: unknown, path: string): T | undefined {
    const out = shape.parse(value, this.found)
    if (out !== INVALID) return out
    for (const issue of this.found.splice(0)) this.report(issueCode(issue), joinPath(path, issue.path), issue.message)
    return undefined
  }

  /** `base.field[index]`; empty when paths are not tracked, since nothing would read it. */
  itemPath(base: string, field: string, index: number): string {
    return this.tracksPaths ? `${base}${base === '' ? '' : '.'}${field}[${index}]` : ''
  }

  /** Remembers the document path an object was read from. */
  at<T extends object>(value: T, path: string): T {
    if (this.tracksPaths) this.paths.set(value, path)
    return value
  }

  /** Like {@link at}, for objects read from a column flag: their fields have no paths of their own. */
  atShorthand<T extends object>(value: T, path: string): T {
    if (!this.tracksPaths) return value
    this.shorthand.add(value)
    return this.at(value, path)
  }

  /** Columns whose definition is invalid, as `table path NUL name`: already reported once. */
  private readonly unread = new Set<string>()

  /** Remembers a column that could not be read, so that what refers to it is not reported again. */
  unreadColumn(tablePath: string, raw: unknown): void {
    const name = typeof raw === 'object' && raw !== null ? (raw as { name?: unknown }).name : undefined
    if (this.tracksPaths && typeof name === 'string') this.unread.add(`${tablePath}\u0000${name}`)
  }

  /** Whether a column of the table read from `tablePath` was declared but invalid. */
  wasUnread(tablePath: string, name: string): boolean {
    return this.unread.has(`${tablePath}\u0000${name}`)
  }

  pathOf(value: object, fallback = ''): string {
    return this.paths.get(value) ?? fallback
  }

  /** Path of a field (and list position) of an object, or the object's own path when it came from a flag. */
  fieldPath(value: object, field: string, index?: number): string {
    const base = this.pathOf(value)
    if (this.shorthand.has(value)) return base
    return index === undefined ? `${base}.${field}` : `${base}.${field}[${index}]`
  }
}

/** Joins a base path with path segments into `a.b[2].c`. */
export function joinPath(base: string, segments: readonly PropertyKey[]): string {
  let out = base
  for (const seg of segments) {
    if (typeof seg === 'number') out += `[${seg}]`
    else out += out === '' ? String(seg) : `.${String(seg)}`
  }
  return out
}

/** zod's codes, except that an empty name or list has its own. */
function issueCode(issue: ShapeIssue): string {
  if (issue.code === 'too_small' && issue.origin === 'string') return 'empty_name'
  if (issue.code === 'too_small' && issue.origin === 'array') return 'empty_list'
  return issue.code
}

/**
 * Keys of `value` not in `known`, as an `extra` bag; undefined when there are none. A nested `extra`
 * object (how the canonical form stores them, so they never collide with known keys) is unwrapped.
 * A `__proto__` key of the object itself (JSON.parse makes one) is left out, as zod left it out when
 * it validated documents: code that copies `extra` into an object would set its prototype.
 */
export function extraKeys(value: Record<string, unknown>, known: ReadonlySet<string>): Extra | undefined {
  let out: Record<string, unknown> | undefined
  for (const key in value) {
    // for...in with own keys only lists what Object.keys lists, in the same order, without an array.
    if (!Object.hasOwn(value, key) || key === '__proto__') continue
    const v = value[key]
    if (known.has(key) || v === undefined) continue
    if (key === 'extra' && isRecord(v)) for (const k of Object.keys(v)) out = define(out, k, v[k])
    else out = define(out, key, v)
  }
  return out as Record<string, JsonValue> | undefined
}

/** Sets `out[key]` as `Object.fromEntries` would (an own `__proto__` key stays a plain key); creates `out` first. */
function define(out: Record<string, unknown> | undefined, key: string, value: unknown): Record<string, unknown> {
  const target = out ?? {}
  if (key === '__proto__')
    Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true })
  else target[key] = value
  return target
}

/** `T` with every property that may be undefined made optional instead. */
export type Compact<T> = { [K in keyof T as undefined extends T[K] ? never : K]: T[K] } & {
  [K in keyof T as undefined extends T[K] ? K : never]?: Exclude<T[K], undefined>
}

/** Copies `source` with every undefined property removed (the model never stores `undefined`). */
export function compact<T extends object>(source: T): Compact<T> {
  const out: Record<string, unknown> = {}
  const from = source as Record<string, unknown>
  // Sources are object literals built by the readers: for...in lists their own keys.
  for (const key in from) {
    const v = from[key]
    if (v !== undefined) out[key] = v
  }
  return out as Compact<T>
}

/** Whether a value is a non-array object. */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}
