import type { z } from 'zod'
import type { enumSchema } from './document-schema.js'
import { compact, extraKeys, type ReadContext } from './read-context.js'
import type { EnumDefinition } from './types.js'

const ENUM_KEYS = new Set(['name', 'schema', 'values', 'comment'])

/** Builds an enum definition from a validated enum object; repeated labels are an issue. @internal */
export function readEnum(
  e: z.output<typeof enumSchema> | undefined,
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
  return ctx.at(
    compact({
      name: e.name,
      schema: e.schema ?? undefined,
      values: e.values,
      comment: e.comment ?? undefined,
      extra: extraKeys(e, ENUM_KEYS),
    }),
    path,
  )
}
