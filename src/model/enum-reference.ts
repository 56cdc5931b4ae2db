import type { ColumnType, EnumType } from './column-type.js'

/** An enum's identity: its name and, outside the default namespace, its namespace. */
export interface EnumIdentity {
  readonly name: string
  readonly schema?: string
}

/**
 * Whether a column type (or the element type of an array) refers to the enum `e`: same name and
 * same namespace (both absent for the default one).
 *
 * @example
 * ```ts
 * usesEnum({ kind: 'array', of: { kind: 'enum', name: 'lang', schema: 'app' } }, { name: 'lang', schema: 'app' }) // true
 * usesEnum({ kind: 'enum', name: 'lang' }, { name: 'lang', schema: 'app' }) // false
 * ```
 * @internal
 */
export function usesEnum(type: ColumnType, e: EnumIdentity): boolean {
  if (type.kind === 'array') return usesEnum(type.of, e)
  return type.kind === 'enum' && type.name === e.name && type.schema === e.schema
}

/** The key of an enum in a map of enums: namespace and name, NUL-separated (names may hold dots). @internal */
export const enumKey = (e: EnumIdentity): string => (e.schema === undefined ? e.name : `${e.schema}\u0000${e.name}`)

/** A part of a qualified type name as written: bare when it is a plain identifier, else double-quoted. */
const part = (name: string): string =>
  /^[A-Za-z_][A-Za-z0-9_$]*$/.test(name) ? name : `"${name.replaceAll('"', '""')}"`

/**
 * How a column type names an enum: its name, qualified by its namespace when it has one
 * (`billing.state`, `"My Ns"."State"`); the name alone is written as it is (as documents always did).
 *
 * @example
 * ```ts
 * enumReferenceSpelling({ kind: 'enum', name: 'lang', schema: 'schema2' }) // 'schema2.lang'
 * ```
 * @internal
 */
export function enumReferenceSpelling(type: EnumType & { readonly name: string }): string {
  return type.schema === undefined ? type.name : `${part(type.schema)}.${part(type.name)}`
}

/**
 * A type name split into its namespace and name, each unquoted (`"a""b"` is `a"b`); undefined when it
 * is not one or two identifiers joined by a dot.
 *
 * @example
 * ```ts
 * splitTypeName('schema2.lang') // { schema: 'schema2', name: 'lang' }
 * splitTypeName('"My Ns"."Lang"') // { schema: 'My Ns', name: 'Lang' }
 * splitTypeName('lang') // { name: 'lang' }
 * ```
 * @internal
 */
export function splitTypeName(raw: string): EnumIdentity | undefined {
  const parts: string[] = []
  let i = 0
  while (i <= raw.length) {
    if (raw[i] === '"') {
      let j = i + 1
      let text = ''
      for (;;) {
        const close = raw.indexOf('"', j)
        if (close < 0) return undefined
        text += raw.slice(j, close)
        if (raw[close + 1] !== '"') {
          j = close + 1
          break
        }
        text += '"'
        j = close + 2
      }
      parts.push(text)
      i = j
    } else {
      const m = /^[^".\s]+/.exec(raw.slice(i))
      if (!m) return undefined
      parts.push(m[0])
      i += m[0].length
    }
    if (i === raw.length) break
    if (raw[i] !== '.') return undefined
    i++
  }
  if (parts.length === 1) return { name: parts[0] as string }
  if (parts.length === 2) return { schema: parts[0] as string, name: parts[1] as string }
  return undefined
}
