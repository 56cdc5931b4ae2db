import { enumDocument } from './document-schema.js'
import { enumShape } from './model-description.js'
import { extraKeys, type ReadContext } from './read-context.js'
import { build, type Output } from './shape.js'
import type { EnumDefinition } from './types.js'

const ENUM_KEYS = new Set(enumDocument.keys)

/** Builds an enum definition from a validated enum object; repeated labels are an issue. @internal */
export function readEnum(
  e: Output<typeof enumDocument> | undefined,
  path: string,
  ctx: ReadContext,
): EnumDefinition | undefined {
  if (!e) return undefined
  const seen = new Set<string>()
  for (const [i, v] of e.values.entries()) {
    if (seen.has(v))
      ctx.report('duplicate_enum_value', `${path}.values[${i}]`, `Enum "${e.name}" repeats the value "${v}"`)
    seen.add(v)
  }
  return ctx.at(build(enumShape, e, { extra: extraKeys(e, ENUM_KEYS) }), path)
}
