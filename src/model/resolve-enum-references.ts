import type { ColumnType } from './column-type.js'
import { type EnumIdentity, enumKey, splitTypeName } from './enum-reference.js'
import { parseColumnType } from './parse-column-type.js'
import type { ReadContext } from './read-context.js'
import type { Column, EnumDefinition, Schema } from './types.js'

// An enum is known by its namespace and name, so two namespaces may each have a `lang`. A column
// names one as `lang` or `schema2.lang`; the bare name means the default namespace's enum, else the
// only enum of that name (the way PostgreSQL's search_path finds `public.lang` first); with two of
// that name elsewhere it says nothing and is reported.

/** The declared enums by name, and the name the document gives its default namespace. */
interface Declared {
  readonly byName: ReadonlyMap<string, readonly EnumDefinition[]>
  readonly keys: ReadonlySet<string>
  readonly defaultNamespace: string | undefined
}

/** The outcome of looking a type name up: the enum, none, or several a bare name cannot choose from. */
type Found = EnumDefinition | undefined | readonly EnumDefinition[]

/**
 * Turns type names that match a declared enum (`"type": "mood"`, `"mood[]"`, `"billing.state"`) into
 * enum references, and reports enums declared twice in one namespace, references to enums that are
 * not declared or that a bare name cannot tell apart, and enums whose name hides a built-in type.
 * @internal
 */
export function resolveEnumReferences(schema: Schema, ctx: ReadContext): Schema {
  const byName = new Map<string, EnumDefinition[]>()
  const keys = new Set<string>()
  for (const e of schema.enums) {
    const at = ctx.pathOf(e)
    if (keys.has(enumKey(e)))
      ctx.report('duplicate_enum', `${at}.name`, `Enum "${qualified(e)}" is declared more than once`)
    keys.add(enumKey(e))
    byName.set(e.name, [...(byName.get(e.name) ?? []), e])
    if (parseColumnType(e.name).kind !== 'custom') {
      ctx.report(
        'enum_name_shadows_type',
        `${at}.name`,
        `Enum name "${e.name}" is also a built-in type name; choose another name`,
      )
    }
  }
  const declared: Declared = { byName, keys, defaultNamespace: schema.name }
  const tables = schema.tables.map((t) => {
    let changed = false
    const columns = t.columns.map((c) => {
      let ambiguous = false
      const type = resolve(c.type, declared, (found) => {
        ambiguous = true
        reportAmbiguous(c, found, ctx)
      })
      if (type === c.type) {
        if (!ambiguous) checkDeclared(c, keys, ctx)
        return c
      }
      changed = true
      return ctx.at({ ...c, type } as Column, ctx.pathOf(c))
    })
    return changed ? ctx.at({ ...t, columns }, ctx.pathOf(t)) : t
  })
  return { ...schema, tables }
}

const qualified = (e: EnumIdentity) => (e.schema === undefined ? e.name : `${e.schema}.${e.name}`)

const reference = (e: EnumDefinition): ColumnType =>
  e.schema === undefined ? { kind: 'enum', name: e.name } : { kind: 'enum', name: e.name, schema: e.schema }

function resolve(
  type: ColumnType,
  declared: Declared,
  ambiguous: (found: readonly EnumDefinition[]) => void,
): ColumnType {
  if (type.kind === 'array') {
    const of = resolve(type.of, declared, ambiguous)
    return of === type.of ? type : { kind: 'array', of }
  }
  // A named enum's values live in its declaration only, so the two can never disagree.
  if (type.kind === 'enum' && type.name !== undefined) {
    const found = lookUp({ name: type.name, ...(type.schema === undefined ? {} : { schema: type.schema }) }, declared)
    if (isSeveral(found)) ambiguous(found)
    else if (found !== undefined) {
      const ref = reference(found)
      return sameReference(ref, type) ? type : ref
    }
    return type.values === undefined ? type : { kind: 'enum', name: type.name, ...schemaOf(type) }
  }
  if (type.kind !== 'custom') return type
  const name = splitTypeName(type.raw)
  // A name holding a dot (`"a.b"`, or `a.b` of an enum so named), or one that is no identifier as
  // written (an enum named `mo"od'`, named by its name as documents always did), is tried whole too.
  const whole = type.raw.replace(/^"(.*)"$/, '$1')
  let found = name === undefined ? undefined : lookUp(name, declared)
  if (found === undefined && name?.schema !== undefined) found = lookUp({ name: whole }, declared)
  if (found === undefined && name === undefined) found = lookUp({ name: type.raw }, declared)
  if (isSeveral(found)) {
    ambiguous(found)
    return type
  }
  return found === undefined ? type : reference(found)
}

const schemaOf = (type: { readonly schema?: string }) => (type.schema === undefined ? {} : { schema: type.schema })

const isSeveral = (found: Found): found is readonly EnumDefinition[] => Array.isArray(found)

/** Whether `type` already is the reference `ref` (and has no inline values to drop). */
const sameReference = (ref: ColumnType, type: ColumnType) =>
  ref.kind === 'enum' &&
  type.kind === 'enum' &&
  ref.name === type.name &&
  ref.schema === type.schema &&
  type.values === undefined

/** The enum a (possibly qualified) name means, see the note at the top. */
function lookUp(name: EnumIdentity, declared: Declared): Found {
  const all = declared.byName.get(name.name) ?? []
  if (name.schema !== undefined) {
    const exact = all.find((e) => e.schema === name.schema)
    // The document's own name for its default namespace (`schema_name`) qualifies its enums too.
    return exact ?? (name.schema === declared.defaultNamespace ? all.find((e) => e.schema === undefined) : undefined)
  }
  const own = all.find((e) => e.schema === undefined)
  if (own !== undefined || all.length <= 1) return own ?? all[0]
  return all
}

function reportAmbiguous(column: Column, found: readonly EnumDefinition[], ctx: ReadContext): void {
  const names = found.map((e) => `"${qualified(e)}"`).join(', ')
  ctx.report(
    'ambiguous_enum',
    `${ctx.pathOf(column)}.type`,
    `Enum "${found[0]?.name}" is declared in several namespaces (${names}) and none is the default one; name its namespace`,
  )
}

function checkDeclared(column: Column, keys: ReadonlySet<string>, ctx: ReadContext): void {
  let type = column.type
  while (type.kind === 'array') type = type.of
  if (type.kind === 'enum' && type.name !== undefined && !keys.has(enumKey({ name: type.name, ...schemaOf(type) }))) {
    ctx.report(
      'unknown_enum',
      `${ctx.pathOf(column)}.type`,
      `Enum "${qualified({ name: type.name, ...schemaOf(type) })}" is not declared in "enums"`,
    )
  }
}
